/**
 * A Kysely dialect for Node's built-in `node:sqlite` (no native build, no separate process).
 * Kysely's own SQLite dialect targets better-sqlite3, and its driver hands the one connection to
 * concurrent callers without a lock, which would interleave two requests' transactions on one
 * handle; this driver gives writes one lock-guarded handle (a transaction holds the lock from begin
 * to end) and plain reads a handle of their own.
 * Durability: WAL with synchronous=FULL fsyncs every commit, so an acknowledged write survives
 * kill -9 and power loss.
 */
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
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

/** Compiled statements are kept: Kysely emits the same SQL text for the same query shape. */
const STATEMENT_CACHE_SIZE = 500;

/** One node:sqlite handle with its statement cache. Calls run synchronously to completion. */
class Handle {
  readonly db: DatabaseSync;
  readonly #statements = new Map<string, StatementSync>();
  constructor(db: DatabaseSync) {
    this.db = db;
  }

  run<R>(query: CompiledQuery): QueryResult<R> {
    let stmt = this.#statements.get(query.sql);
    if (!stmt) {
      stmt = this.db.prepare(query.sql);
      if (this.#statements.size >= STATEMENT_CACHE_SIZE) this.#statements.delete(this.#statements.keys().next().value!);
      this.#statements.set(query.sql, stmt);
    }
    const params = query.parameters.map(toSqlite);
    if (stmt.columns().length > 0) return { rows: stmt.all(...params) as R[] };
    const { changes, lastInsertRowid } = stmt.run(...params);
    return { rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid) };
  }
}

/**
 * What Kysely calls a connection. Outside a transaction a plain SELECT goes to the read handle
 * (WAL lets it read the last commit while a write transaction is open), so authentication and
 * pulls never queue behind writers; anything else takes the writer lock, for one statement or,
 * from `begin` to `commit`, for the whole transaction.
 */
class NodeSqliteConnection implements DatabaseConnection {
  readonly #driver: NodeSqliteDriver;
  #release: (() => void) | null = null;
  constructor(driver: NodeSqliteDriver) {
    this.#driver = driver;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const { reader, writer } = this.#driver.handles();
    if (this.#release) return writer.run(query);
    if (/^select\b/i.test(query.sql)) return reader.run(query);
    const release = await this.#driver.writerLock.lock();
    try {
      return writer.run(query);
    } finally {
      release();
    }
  }

  async begin(): Promise<void> {
    const release = await this.#driver.writerLock.lock();
    try {
      // IMMEDIATE takes the write lock up front, so a transaction never fails half-way on BUSY.
      this.#driver.handles().writer.run(CompiledQuery.raw('begin immediate'));
      this.#release = release;
    } catch (err) {
      release();
      throw err;
    }
  }

  async end(sql: 'commit' | 'rollback'): Promise<void> {
    try {
      this.#driver.handles().writer.run(CompiledQuery.raw(sql));
    } finally {
      this.#release?.();
      this.#release = null;
    }
  }

  // eslint-disable-next-line require-yield -- the interface demands a generator; streaming is unused
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported by the node:sqlite driver');
  }
}

class NodeSqliteDriver implements Driver {
  readonly #path: string;
  #writer: Handle | undefined;
  #reader: Handle | undefined;
  readonly writerLock = new Mutex();

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
    this.#writer = new Handle(db);
    const reader = new DatabaseSync(this.#path, { readOnly: true });
    reader.exec('PRAGMA busy_timeout = 5000');
    this.#reader = new Handle(reader);
  }

  handles(): { reader: Handle; writer: Handle } {
    if (!this.#reader || !this.#writer) throw new Error('database is closed');
    return { reader: this.#reader, writer: this.#writer };
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new NodeSqliteConnection(this);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as NodeSqliteConnection).begin();
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as NodeSqliteConnection).end('commit');
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as NodeSqliteConnection).end('rollback');
  }

  async releaseConnection(): Promise<void> {}

  async destroy(): Promise<void> {
    // Wait for a running transaction to end before closing under it.
    const release = await this.writerLock.lock();
    this.#reader?.db.close();
    this.#writer?.db.close();
    this.#reader = undefined;
    this.#writer = undefined;
    release();
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
