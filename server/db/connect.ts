/**
 * Opens the store's database: SQLite in DATA_DIR by default, PostgreSQL when DATABASE_URL is set,
 * and brings its schema up to date. `nowMs` is the database clock in epoch milliseconds; leases
 * and expiries are judged only by it, never by a client's or this process's clock.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, sql, type RawBuilder } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { NodeSqliteDialect } from './sqlite-dialect.ts';
import { migrations } from './migrations.ts';
import type { Schema } from './schema.ts';

export type Engine = 'sqlite' | 'postgres';

export interface Database {
  engine: Engine;
  db: Kysely<Schema>;
  nowMs: RawBuilder<number>;
  /** PostgreSQL only: the connection string, for the LISTEN connection of the poke bus. */
  url: string | null;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  dataDir: string;
  databaseUrl: string | null;
  pgPoolMax: number;
  onIdleError?: (err: Error) => void;
}

// pg returns int8 as strings by default; versions, epochs and ms times fit a double exactly.
const INT8_OID = 20;
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/** Statements with more parameters than this vary in shape (IN lists, multi-row inserts) and are not kept. */
const MAX_PREPARED_PARAMETERS = 32;
/** Distinct statement texts kept prepared, per process (each connection prepares its own). */
const MAX_PREPARED_STATEMENTS = 500;
const DML = /^(select|insert|update|delete|with)\b/i;

/**
 * Makes a pool client run Kysely's statements as named prepared statements: Kysely emits the
 * same text for the same query shape, so each connection parses and plans a statement once and
 * then only binds and executes it, which saves PostgreSQL CPU on every push and every request's
 * token check. Names are per text, the same on every connection, and never reused for another.
 */
function prepareStatements(client: pg.PoolClient, names: Map<string, string>) {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const prepared = (text: unknown, values?: unknown, callback?: unknown): unknown => {
    if (typeof text === 'string' && Array.isArray(values) && callback === undefined && values.length <= MAX_PREPARED_PARAMETERS && DML.test(text)) {
      let name = names.get(text);
      if (name === undefined && names.size < MAX_PREPARED_STATEMENTS) names.set(text, (name = `baton_${names.size}`));
      if (name !== undefined) return query({ name, text, values });
    }
    return callback === undefined ? (values === undefined ? query(text) : query(text, values)) : query(text, values, callback);
  };
  client.query = prepared as typeof client.query;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  let database: Database;
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.pgPoolMax, types: pgTypes });
    // An idle client can lose its connection (a PostgreSQL restart); the pool drops it and the
    // next query opens a new one. Without a listener that would crash the process.
    pool.on('error', (err) => options.onIdleError?.(err));
    const names = new Map<string, string>();
    pool.on('connect', (client) => prepareStatements(client, names));
    const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
    database = {
      engine: 'postgres',
      db,
      nowMs: sql<number>`(floor(extract(epoch from clock_timestamp()) * 1000))::bigint`,
      url: options.databaseUrl,
      close: () => db.destroy(),
    };
  } else {
    mkdirSync(options.dataDir, { recursive: true });
    const db = new Kysely<Schema>({ dialect: new NodeSqliteDialect(path.join(options.dataDir, 'baton.sqlite')) });
    database = {
      engine: 'sqlite',
      db,
      nowMs: sql<number>`cast(unixepoch('subsec') * 1000 as integer)`,
      url: null,
      close: () => db.destroy(),
    };
  }
  const migrator = new Migrator({ db: database.db, provider: migrations(database.engine) });
  const { error } = await migrator.migrateToLatest();
  if (error) {
    await database.close();
    throw error instanceof Error ? error : new Error(String(error));
  }
  return database;
}
