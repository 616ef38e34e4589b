/**
 * Wiring: configuration from the environment, the database, the poke bus, the HTTP service, and
 * a graceful shutdown on SIGTERM/SIGINT that stops accepting, lets in-flight requests finish,
 * closes the sockets and then the database.
 */
import { buildApp, type App } from './app.ts';
import { LocalBus, PgBus, type Bus } from './bus.ts';
import { loadConfig, type Config } from './config.ts';
import { openDatabase, type Database } from './db/connect.ts';

export interface Server extends App {
  database: Database;
  bus: Bus;
  port: number;
  stop(): Promise<void>;
}

export async function startServer(config: Config, logStream?: NodeJS.WritableStream): Promise<Server> {
  const warn = (msg: string, err: Error) =>
    process.stderr.write(JSON.stringify({ level: 40, time: Date.now(), msg, err: err.message }) + '\n');
  const database = await openDatabase({ ...config, onIdleError: (err) => warn('database client lost', err) });
  let bus: Bus;
  if (database.url) {
    const pgBus = new PgBus(database.url, { warn: (o, m) => warn(m, new Error(JSON.stringify(o))) });
    await pgBus.start();
    bus = pgBus;
  } else {
    bus = new LocalBus();
  }
  const app = await buildApp({ config, database, bus, logStream: logStream as never });
  await app.fastify.listen({ port: config.port, host: config.host });
  const address = app.fastify.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      await app.fastify.close();
      app.fastify.log.info('http closed');
      await bus.close();
      app.fastify.log.info('bus closed');
      await database.close();
      app.fastify.log.info('database closed');
    })());
  return { ...app, database, bus, port, stop };
}

export async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 2;
    return;
  }
  const server = await startServer(config);
  server.fastify.log.info(
    { port: server.port, engine: server.database.engine, corsOrigins: config.corsOrigins.length },
    'baton server listening',
  );
  const shutdown = (signal: string) => {
    server.fastify.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      server.fastify.log.error('shutdown timed out; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    force.unref();
    server.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        server.fastify.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}
