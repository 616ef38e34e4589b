/**
 * Admin CLI on the same database the server uses (same environment variables):
 *   init [--name <team>]                     create a team and print its first admin's invite
 *   invite [--team <id>] [--role agent|admin] print a new invite code
 *   members [--team <id>]                    list members
 *   revoke <memberId> [--team <id>]          revoke a member at once
 *   audit [--team <id>] [--csv]              print the audit log (JSON lines, or CSV)
 * `--team` may be left out while the database holds a single team.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { MAX_DISPLAY_NAME_LENGTH } from '../lib/queue/limits.ts';
import { RoleSchema } from '../lib/queue/protocol.ts';
import { loadConfig } from './config.ts';
import { openDatabase, type Database } from './db/connect.ts';
import { auditToCsv, listAudit } from './store/audit.ts';
import { createInvite, createTeam, listMembers, listTeams, revokeMember } from './store/teams.ts';

const USAGE = `usage: npm run server -- <command>
  init [--name <team name>]
  invite [--team <id>] [--role agent|admin]
  members [--team <id>]
  revoke <memberId> [--team <id>]
  audit [--team <id>] [--csv]`;

class UsageError extends Error {}

async function resolveTeam(database: Database, given: string | undefined): Promise<string> {
  const teams = await listTeams(database.db);
  if (given) {
    if (!teams.some((t) => t.id === given)) throw new UsageError(`no team with id ${given}`);
    return given;
  }
  if (teams.length === 1 && teams[0]) return teams[0].id;
  if (teams.length === 0) throw new UsageError('no team yet: run `init` first');
  throw new UsageError(`several teams: pass --team (${teams.map((t) => `${t.id} ${t.name}`).join('; ')})`);
}

export async function runCli(argv: string[], out: (line: string) => void = (l) => process.stdout.write(l + '\n')): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        name: { type: 'string' },
        team: { type: 'string' },
        role: { type: 'string' },
        csv: { type: 'boolean' },
      },
    });
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  const [command, ...rest] = parsed.positionals;
  const { values } = parsed;
  let database: Database | null = null;
  try {
    const config = loadConfig();
    database = await openDatabase(config);
    const { db, nowMs } = database;
    switch (command) {
      case 'init': {
        const name = z.string().trim().min(1).max(MAX_DISPLAY_NAME_LENGTH).parse(values.name ?? 'Baton team');
        const teamId = await createTeam(db, nowMs, name);
        const invite = await createInvite(db, nowMs, { teamId, role: 'admin', createdBy: 'cli', ttlMs: config.inviteTtlMs });
        out(`team ${teamId} (${name})`);
        out(`admin invite: ${invite.code}`);
        out(`expires: ${new Date(invite.expiresAt).toISOString()}`);
        return 0;
      }
      case 'invite': {
        const teamId = await resolveTeam(database, values.team);
        const role = RoleSchema.parse(values.role ?? 'agent');
        const invite = await createInvite(db, nowMs, { teamId, role, createdBy: 'cli', ttlMs: config.inviteTtlMs });
        out(`${role} invite: ${invite.code}`);
        out(`expires: ${new Date(invite.expiresAt).toISOString()}`);
        return 0;
      }
      case 'members': {
        const teamId = await resolveTeam(database, values.team);
        for (const m of await listMembers(db, teamId)) {
          out([m.id, m.role, m.status, m.onShift ? 'on-shift' : 'off-shift', JSON.stringify(m.displayName)].join('\t'));
        }
        return 0;
      }
      case 'revoke': {
        const memberId = rest[0];
        if (!memberId) throw new UsageError('revoke needs a member id');
        const teamId = await resolveTeam(database, values.team);
        const done = await revokeMember(db, nowMs, { teamId, memberId, actor: 'cli' });
        if (!done) throw new UsageError(`no active member ${memberId} in team ${teamId}`);
        out(`revoked ${memberId}; released ${done.released.length} claim(s)`);
        return 0;
      }
      case 'audit': {
        const teamId = await resolveTeam(database, values.team);
        const entries = await listAudit(db, teamId);
        if (values.csv) process.stdout.write(auditToCsv(entries));
        else for (const e of entries) out(JSON.stringify(e));
        return 0;
      }
      default:
        throw new UsageError(command ? `unknown command ${command}` : 'no command');
    }
  } catch (err) {
    if (err instanceof UsageError || err instanceof z.ZodError) {
      console.error(`${err.message}\n${USAGE}`);
      return 2;
    }
    console.error(err instanceof Error ? err.message : String(err));
    return 1;
  } finally {
    await database?.close();
  }
}
