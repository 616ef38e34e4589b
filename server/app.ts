/**
 * The HTTP and WebSocket service. Order of checks on every request: CORS (a browser nicety; the
 * token is the real check), authentication and the per-token rate limit before the body is even
 * read, then the body-size cap while reading, then strict schemas, then role checks. Errors a
 * client caused are 4xx with a short reason; nothing a client sends may produce a 5xx.
 */
import { randomUUID } from 'node:crypto';
import type { Writable } from 'node:stream';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import pino from 'pino';
import cors from '@fastify/cors';
import websocket from '@fastify/websocket';
import type { z } from 'zod';
import type { Bus } from './bus.ts';
import type { Config } from './config.ts';
import type { Database } from './db/connect.ts';
import { PokeHub } from './poke.ts';
import { RateLimiter } from './rate-limit.ts';
import { appendAudit } from './store/audit.ts';
import { authenticate, inactiveAmong, TokenIdentities, type Caller } from './store/teams.ts';
import { registerAdminRoutes } from './routes-admin.ts';
import { registerSyncRoutes } from './routes-sync.ts';

/**
 * `member-rechecked`: a live member's token, taken on its remembered identity; for a route that
 * checks the token and the member again inside its own transaction (push), so a revocation still
 * refuses the very next request. The other levels look the token up on every request.
 */
export type AuthLevel = 'none' | 'member' | 'member-rechecked' | 'admin';

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: AuthLevel;
  }
  interface FastifyRequest {
    caller: Caller | null;
  }
}

export interface AppDeps {
  config: Config;
  database: Database;
  bus: Bus;
  /** Where JSON log lines go (stdout by default); tests capture them to check what is logged. */
  logStream?: Writable;
}

export interface App {
  fastify: FastifyInstance;
  hub: PokeHub;
}

/** Parses with a strict schema or answers 400 and returns undefined. */
export function parseOr400<S extends z.ZodType>(schema: S, data: unknown, reply: FastifyReply): z.output<S> | undefined {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  const first = r.error.issues[0];
  void reply.code(400).send({
    error: 'bad_request',
    message: first ? `${first.path.join('.') || '(body)'}: ${first.message}`.slice(0, 300) : 'invalid',
  });
  return undefined;
}

/** The caller set by the auth hook; routes that require auth never run without one. */
export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller) throw new Error('route registered without auth');
  return request.caller;
}

export async function buildApp(deps: AppDeps): Promise<App> {
  const { config, database, bus } = deps;
  const app = Fastify({
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    genReqId: () => randomUUID(),
    // Request logs carry method, path (never the query: it may hold a socket ticket), status and
    // timing; never headers or bodies, so no token and no conversation key reaches the log.
    logger: {
      level: config.logLevel,
      // stdout without waiting: a synchronous write per line cost a system call per request
      // line, and blocked the event loop whenever the pipe to the log collector was full. Lines
      // queue while a write is in flight and go in the next one; they are flushed on exit, so
      // only kill -9 can lose the last few (logs, never data).
      stream: deps.logStream ?? pino.destination({ dest: 1, sync: false }),
      serializers: {
        req: (req: { method: string; url: string }) => ({ method: req.method, path: req.url.split('?')[0] }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    },
    forceCloseConnections: 'idle',
    return503OnClosing: true,
  });
  app.decorateRequest('caller', null);

  const limiter = new RateLimiter(config.rateLimitPerMinute, config.rateLimitBurst);
  const identities = new TokenIdentities(database.db);
  const hub = new PokeHub({
    bus,
    presenceTtlMs: config.presenceTtlMs,
    revocationSweepMs: config.revocationSweepMs,
    inactiveAmong: (ids) => inactiveAmong(database.db, ids),
    log: app.log,
  });

  await app.register(cors, {
    origin: (origin, cb) => cb(null, origin !== undefined && config.corsOrigins.includes(origin)),
    methods: ['GET', 'POST'],
    allowedHeaders: ['authorization', 'content-type'],
    maxAge: 600,
  });
  await app.register(websocket, {
    options: { maxPayload: 4096 },
    // 1001 "going away": clients reconnect (to another instance) and pull.
    preClose(done) {
      hub.closeAll(1001, 'server shutting down');
      app.websocketServer.close();
      done();
    },
  });

  // Graceful shutdown: requests already accepted finish, and each response from then on closes
  // its keep-alive connection, so closing does not wait out idle keep-alive timeouts.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply.code(status).send({ error: error.code ?? 'bad_request', message: error.message.slice(0, 300) });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ error: 'internal' });
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: 'not_found' }));

  const tooMany = (reply: FastifyReply, waitMs: number) =>
    reply
      .code(429)
      .header('retry-after', String(Math.max(1, Math.ceil(waitMs / 1000))))
      .send({ error: 'rate_limited' });

  app.addHook('onRequest', async (request, reply) => {
    const level = request.routeOptions.config?.auth ?? 'none';
    if (level === 'none') {
      // Unauthenticated routes that do work (joining) are limited per address instead.
      if (request.method === 'POST') {
        const wait = limiter.take(`ip:${request.ip}`);
        if (wait > 0) return tooMany(reply, wait);
      }
      return;
    }
    const header = request.headers.authorization;
    const m = typeof header === 'string' ? /^Bearer ([A-Za-z0-9_-]{10,100})$/.exec(header) : null;
    const token = m?.[1];
    const caller = !token ? null : level === 'member-rechecked' ? await identities.identify(token) : await authenticate(database.db, token);
    if (!caller) return reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'unauthorized' });
    const wait = limiter.take(`token:${caller.tokenHash}`);
    if (wait > 0) return tooMany(reply, wait);
    if (level === 'admin' && caller.role !== 'admin') {
      await appendAudit(database.db, database.nowMs, {
        teamId: caller.teamId,
        actor: caller.memberId,
        action: 'authz.denied',
        target: request.routeOptions.url ?? null,
        requestId: request.id,
      });
      return reply.code(403).send({ error: 'forbidden' });
    }
    request.caller = caller;
  });

  // A route that re-checks the token found it dead (revoked since it was first seen).
  app.addHook('onResponse', async (request, reply) => {
    if (reply.statusCode === 401 && request.caller && request.routeOptions.config?.auth === 'member-rechecked') {
      identities.forget(request.caller.tokenHash);
    }
  });

  app.get('/healthz', async () => ({ ok: true }));
  app.get('/readyz', async (_request, reply) => {
    try {
      await database.db.selectNoFrom(database.nowMs.as('now')).execute();
    } catch {
      return reply.code(503).send({ ready: false, reason: 'database' });
    }
    if (!bus.ready) return reply.code(503).send({ ready: false, reason: 'bus' });
    return { ready: true };
  });

  registerSyncRoutes(app, { config, database, hub });
  registerAdminRoutes(app, { config, database, hub });

  app.addHook('onClose', async () => {
    hub.stop();
  });
  return { fastify: app, hub };
}
