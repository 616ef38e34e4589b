/** Push, pull, the poke-socket ticket and the poke socket itself (DESIGN §7). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { PullRequestSchema, PushRequestSchema } from '../lib/queue/protocol.ts';
import { callerOf, parseOr400 } from './app.ts';
import type { Config } from './config.ts';
import type { Database } from './db/connect.ts';
import type { PokeHub } from './poke.ts';
import { pull } from './store/pull.ts';
import { PushQueue } from './store/push.ts';
import { consumeWsTicket, createWsTicket } from './store/teams.ts';

interface Deps {
  config: Config;
  database: Database;
  hub: PokeHub;
}

const TicketQuerySchema = z.strictObject({ ticket: z.string().min(10).max(100) });

export function registerSyncRoutes(app: FastifyInstance, { config, database, hub }: Deps) {
  const pushes = new PushQueue(database);

  // The push transaction checks the token and its member under the team lock (store/push.ts).
  app.post('/v1/push', { config: { auth: 'member-rechecked' } }, async (request, reply) => {
    const body = parseOr400(PushRequestSchema, request.body, reply);
    if (!body) return reply;
    const caller = callerOf(request);
    const outcome = await pushes.push(caller, body, {
      leaseMs: config.leaseMs,
      requestId: request.id,
      onError: (err, m) => request.log.error({ err, mutation: m.name }, 'mutation failed'),
    });
    if (outcome.kind === 'revoked') return reply.code(401).send({ error: 'unauthorized' });
    if (outcome.kind === 'foreign_client') return reply.code(403).send({ error: 'client_not_yours' });
    if (outcome.changed) {
      hub.poke(caller.teamId, outcome.version).catch((err: unknown) => request.log.warn({ err: String(err) }, 'poke failed'));
    }
    return { results: outcome.results, version: outcome.version };
  });

  app.post('/v1/pull', { config: { auth: 'member' } }, async (request, reply) => {
    const body = parseOr400(PullRequestSchema, request.body, reply);
    if (!body) return reply;
    return pull(database, callerOf(request), body);
  });

  app.post('/v1/ws-ticket', { config: { auth: 'member' } }, async (request) => {
    const ticket = await createWsTicket(database.db, database.nowMs, callerOf(request), config.wsTicketTtlMs);
    return { ticket, expiresInMs: config.wsTicketTtlMs };
  });

  const originAllowed = (origin: string | undefined) =>
    origin === undefined ||
    config.corsOrigins.includes(origin) ||
    (config.allowFirefoxOrigins && /^moz-extension:\/\/[0-9a-f-]{36}$/.test(origin));

  app.get(
    '/v1/poke',
    {
      websocket: true,
      config: { auth: 'none' },
      // Checked before the upgrade, so a refusal is a plain HTTP answer and no socket opens.
      preValidation: async (request, reply) => {
        if (!originAllowed(request.headers.origin)) return reply.code(403).send({ error: 'origin' });
        const query = parseOr400(TicketQuerySchema, request.query, reply);
        if (!query) return reply;
        const caller = await consumeWsTicket(database.db, database.nowMs, query.ticket);
        if (!caller) return reply.code(401).send({ error: 'unauthorized' });
        request.caller = caller;
      },
    },
    (socket, request) => {
      const caller = callerOf(request);
      hub.attach(socket, caller.teamId, caller.memberId);
    },
  );
}
