/**
 * A Kysely dialect for Node's built-in `node:sqlite` (no native build, no separate process).
 * Kysely's own SQLite dialect targets better-sqlite3, and its driver hands the one connection to
 * concurrent callers without a lock, which would interleave two requests' transactions on one
 * handle; this driver serialises connection use, so a transaction owns the handle until it ends.
 * Durability: WAL with synchronous=FULL fsyncs every commit, so an acknowledged write survives
 * kill -9 and power loss.
 */
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';
import { Mutex } from '../lock.ts';

function toSqlite(value: unknown): SQLInputValue {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === undefined) return null;
  return value as SQLInputValue;
}

class NodeSqliteConnection implements DatabaseConnection {
  readonly #db: DatabaseSync;
  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const stmt = this.#db.prepare(query.sql);
    const params = query.parameters.map(toSqlite);
    if (stmt.columns().length > 0) return { rows: stmt.all(...params) as R[] };
    const { changes, lastInsertRowid } = stmt.run(...params);
    return { rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid) };
  }

  // eslint-disable-next-line require-yield -- the interface demands a generator; streaming is unused
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported by the node:sqlite driver');
  }
}

class NodeSqliteDriver implements Driver {
  readonly #path: string;
  #db: DatabaseSync | undefined;
  #connection: NodeSqliteConnection | undefined;
  readonly #mutex = new Mutex();
  #release: (() => void) | undefined;

  constructor(path: string) {
    this.#path = path;
  }

  async init(): Promise<void> {
    const db = new DatabaseSync(this.#path);
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = FULL');
    db.exec('PRAGMA foreign_keys = ON');
    // The CLI may write while the server runs: wait for the other process instead of failing.
    db.exec('PRAGMA busy_timeout = 5000');
    this.#db = db;
    this.#connection = new NodeSqliteConnection(db);
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    this.#release = await this.#mutex.lock();
    return this.#connection!;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    // IMMEDIATE takes the write lock up front, so a transaction never fails half-way on BUSY.
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(): Promise<void> {
    const release = this.#release;
    this.#release = undefined;
    release?.();
  }

  async destroy(): Promise<void> {
    this.#db?.close();
    this.#db = undefined;
  }
}

export class NodeSqliteDialect implements Dialect {
  readonly #path: string;
  constructor(path: string) {
    this.#path = path;
  }
  createDriver(): Driver {
    return new NodeSqliteDriver(this.#path);
  }
  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }
  createAdapter() {
    return new SqliteAdapter();
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's introspector takes any schema
  createIntrospector(db: Kysely<any>) {
    return new SqliteIntrospector(db);
  }
}
