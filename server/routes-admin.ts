/** Joining a team, who am I, and the admin routes (invites, members, roles, revocation, audit). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  InviteRequestSchema,
  JoinRequestSchema,
  MemberIdParamsSchema,
  SetRoleRequestSchema,
} from '../lib/queue/protocol.ts';
import { callerOf, parseOr400 } from './app.ts';
import type { Config } from './config.ts';
import type { Database } from './db/connect.ts';
import type { PokeHub } from './poke.ts';
import { auditToCsv, listAudit } from './store/audit.ts';
import { createInvite, listMembers, redeemInvite, revokeMember, setRole } from './store/teams.ts';

interface Deps {
  config: Config;
  database: Database;
  hub: PokeHub;
}

const AuditQuerySchema = z.strictObject({
  format: z.enum(['json', 'csv']).default('json'),
  after: z.coerce.number().int().min(0).default(0),
});

export function registerAdminRoutes(app: FastifyInstance, { config, database, hub }: Deps) {
  const { db, nowMs } = database;

  app.post('/v1/join', { config: { auth: 'none' } }, async (request, reply) => {
    const body = parseOr400(JoinRequestSchema, request.body, reply);
    if (!body) return reply;
    const joined = await redeemInvite(db, nowMs, body.code, body.displayName, request.id);
    // One answer for unknown, used and expired codes: no oracle for guessing.
    if (!joined) return reply.code(401).send({ error: 'invalid_invite' });
    await hub.poke(joined.teamId, joined.version);
    return { token: joined.token, memberId: joined.memberId, teamId: joined.teamId, role: joined.role };
  });

  app.get('/v1/me', { config: { auth: 'member' } }, async (request) => {
    const c = callerOf(request);
    return { memberId: c.memberId, teamId: c.teamId, role: c.role, displayName: c.displayName };
  });

  app.post('/v1/admin/invites', { config: { auth: 'admin' } }, async (request, reply) => {
    const body = parseOr400(InviteRequestSchema, request.body, reply);
    if (!body) return reply;
    const c = callerOf(request);
    return createInvite(db, nowMs, { teamId: c.teamId, role: body.role, createdBy: c.memberId, ttlMs: config.inviteTtlMs, requestId: request.id });
  });

  app.get('/v1/admin/members', { config: { auth: 'admin' } }, async (request) => {
    return { members: await listMembers(db, callerOf(request).teamId) };
  });

  app.post('/v1/admin/members/:memberId/revoke', { config: { auth: 'admin' } }, async (request, reply) => {
    const params = parseOr400(MemberIdParamsSchema, request.params, reply);
    if (!params) return reply;
    const c = callerOf(request);
    const done = await revokeMember(db, nowMs, { teamId: c.teamId, memberId: params.memberId, actor: c.memberId, requestId: request.id });
    if (!done) return reply.code(404).send({ error: 'not_found' });
    await hub.revoked(c.teamId, params.memberId);
    await hub.poke(c.teamId, done.version);
    return { releasedClaims: done.released.length };
  });

  app.post('/v1/admin/members/:memberId/role', { config: { auth: 'admin' } }, async (request, reply) => {
    const params = parseOr400(MemberIdParamsSchema, request.params, reply);
    if (!params) return reply;
    const body = parseOr400(SetRoleRequestSchema, request.body, reply);
    if (!body) return reply;
    const c = callerOf(request);
    const version = await setRole(db, nowMs, { teamId: c.teamId, memberId: params.memberId, role: body.role, actor: c.memberId, requestId: request.id });
    if (version === null) return reply.code(404).send({ error: 'not_found' });
    await hub.poke(c.teamId, version);
    return { role: body.role };
  });

  app.get('/v1/admin/audit', { config: { auth: 'admin' } }, async (request, reply) => {
    const query = parseOr400(AuditQuerySchema, request.query, reply);
    if (!query) return reply;
    const entries = await listAudit(db, callerOf(request).teamId, query.after);
    if (query.format === 'json') return { entries };
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="baton-audit.csv"')
      .send(auditToCsv(entries));
  });
}
