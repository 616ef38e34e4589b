/**
 * Numbered migrations, run by Kysely's Migrator on both engines (PostgreSQL takes an advisory
 * lock, so several instances starting together migrate once). The schema builder writes each
 * table once for both dialects; only column types with no common spelling differ.
 */
import { sql, type Kysely } from 'kysely';
import type { Migration, MigrationProvider } from 'kysely/migration';
import type { Engine } from './connect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against the schema as it was then
type AnyDb = Kysely<any>;

function m0001(engine: Engine): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('teams')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('cursor_ns', 'text', (c) => c.notNull())
        .addColumn('version', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('crisis_on', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('crisis_statement', 'text')
        .addColumn('crisis_since', 'bigint')
        .addColumn('policy', 'text')
        .addColumn('state_version', 'bigint', (c) => c.notNull().defaultTo(0))
        .execute();

      await db.schema
        .createTable('members')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('on_shift', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('joined_at', 'bigint', (c) => c.notNull())
        .addColumn('revoked_at', 'bigint')
        .addColumn('version', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('members_team_version').on('members').columns(['team_id', 'version']).execute();

      await db.schema
        .createTable('tokens')
        .addColumn('hash', 'text', (c) => c.primaryKey())
        .addColumn('member_id', 'text', (c) => c.notNull().references('members.id'))
        .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('revoked_at', 'bigint')
        .execute();
      await db.schema.createIndex('tokens_member').on('tokens').column('member_id').execute();

      await db.schema
        .createTable('invites')
        .addColumn('hash', 'text', (c) => c.primaryKey())
        .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('used_at', 'bigint')
        .addColumn('used_by', 'text')
        .execute();

      await db.schema
        .createTable('ws_tickets')
        .addColumn('hash', 'text', (c) => c.primaryKey())
        .addColumn('member_id', 'text', (c) => c.notNull().references('members.id'))
        .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('clients')
        .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('client_group_id', 'text', (c) => c.notNull())
        .addColumn('member_id', 'text', (c) => c.notNull().references('members.id'))
        .addColumn('last_mutation_id', 'bigint', (c) => c.notNull())
        .addColumn('version', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('clients_pk', ['team_id', 'id'])
        .execute();
      await db.schema.createIndex('clients_group').on('clients').columns(['team_id', 'client_group_id', 'version']).execute();

      await db.schema
        .createTable('conversations')
        .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('platform', 'text', (c) => c.notNull())
        .addColumn('first_seen_at', 'bigint', (c) => c.notNull())
        .addColumn('last_inbound_at', 'bigint')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('snoozed_until', 'bigint')
        .addColumn('claim_holder', 'text')
        .addColumn('claim_epoch', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('lease_until', 'bigint')
        .addColumn('crisis_signal', 'text')
        .addColumn('handoff_from', 'text')
        .addColumn('handoff_note', 'text')
        .addColumn('version', 'bigint', (c) => c.notNull())
        .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('conversations_pk', ['team_id', 'key'])
        .execute();
      await db.schema.createIndex('conversations_team_version').on('conversations').columns(['team_id', 'version']).execute();
      await db.schema.createIndex('conversations_holder').on('conversations').columns(['team_id', 'claim_holder']).execute();

      await db.schema
        .createTable('replies')
        .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('tags', 'text', (c) => c.notNull())
        .addColumn('crisis_safe', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('author_id', 'text', (c) => c.notNull())
        .addColumn('approved_by', 'text')
        .addColumn('version', 'bigint', (c) => c.notNull())
        .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('replies_pk', ['team_id', 'id'])
        .execute();
      await db.schema.createIndex('replies_team_version').on('replies').columns(['team_id', 'version']).execute();

      await db.schema
        .createTable('audit')
        .addColumn('seq', engine === 'postgres' ? 'bigserial' : 'integer', (c) =>
          engine === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target', 'text')
        .addColumn('detail', 'text')
        .addColumn('request_id', 'text')
        .execute();
      await db.schema.createIndex('audit_team_seq').on('audit').columns(['team_id', 'seq']).execute();
    },
  };
}

/**
 * The audit log is append-only in the database itself, not only by the app's good manners:
 * triggers refuse UPDATE and DELETE. Trigger syntax has no common spelling, hence one per engine.
 */
function m0002(engine: Engine): Migration {
  return {
    async up(db: AnyDb) {
      if (engine === 'postgres') {
        await sql`CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN RAISE EXCEPTION 'audit log is append-only'; END $$`.execute(db);
        await sql`CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit
          FOR EACH ROW EXECUTE FUNCTION audit_append_only()`.execute(db);
      } else {
        await sql`CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
          BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END`.execute(db);
        await sql`CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
          BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END`.execute(db);
      }
    },
  };
}

export function migrations(engine: Engine): MigrationProvider {
  return {
    async getMigrations() {
      return { '0001_initial': m0001(engine), '0002_audit_append_only': m0002(engine) };
    },
  };
}
