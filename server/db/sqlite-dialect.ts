/**
 * A Kysely dialect for Node's built-in `node:sqlite` (no native build, no separate process).
 * Kysely's own SQLite dialect targets better-sqlite3, and its driver hands the one connection to
 * concurrent callers without a lock, which would interleave two requests' transactions on one
 * handle; this driver gives writes one lock-guarded handle (a transaction holds the lock from begin
 * to end) and plain reads a handle of their own.
 *
 * Durability: every write is on disk before its caller hears it committed, so an acknowledged
 * write survives kill -9 and power loss. SQLite's own way (synchronous=FULL: fsync inside the
 * commit) would do that on the event loop, since node:sqlite is synchronous: every request
 * waited out every commit's fsync, which under load took milliseconds and more (push p99 at
 * 1,000/s offered 24-105 ms, against 6-8 ms this way, the two alternated in one run). So the
 * handle runs synchronous=NORMAL (WAL frames written at commit, fsynced only around
 * checkpoints, which stay SQLite's own and safe), and the driver itself fdatasyncs the WAL file
 * on libuv's thread pool after each commit and only then returns; commits made meanwhile share
 * the next fdatasync. NORMAL alone would already survive kill -9 (the frames are in the kernel
 * once written), not power loss; the fdatasync closes that. The one difference from FULL:
 * another connection may read a commit during the moment before its fdatasync ends. A power
 * cut in that moment loses it as it would an unacknowledged one; a client that pulled it then
 * holds a cursor from the future, which the server resets.
 */
import { open, type FileHandle } from 'node:fs/promises';
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
 * Makes commits durable off the event loop: fdatasync of the WAL file (an fsync reaches the
 * file whichever descriptor it is made through; SQLite keeps one WAL file, same inode, while
 * any connection is open). A commit waits for an fdatasync that started after it; one that is
 * already running covers only the commits before it.
 */
class WalSync {
  readonly #path: string;
  #file: Promise<FileHandle> | null = null;
  #committed = 0;
  #running = false;
  #waiters: { upTo: number; resolve: () => void; reject: (err: unknown) => void }[] = [];
  #onIdle: (() => void) | null = null;

  constructor(walPath: string) {
    this.#path = walPath;
  }

  /** Resolves once every commit made so far is on disk. */
  committed(): Promise<void> {
    const upTo = ++this.#committed;
    return new Promise((resolve, reject) => {
      this.#waiters.push({ upTo, resolve, reject });
      this.#next();
    });
  }

  #next() {
    if (this.#running || this.#waiters.length === 0) return;
    this.#running = true;
    const upTo = this.#committed;
    const settle = (err?: unknown) => {
      const done = this.#waiters.filter((w) => w.upTo <= upTo);
      this.#waiters = this.#waiters.filter((w) => w.upTo > upTo);
      for (const w of done) {
        if (err === undefined) w.resolve();
        else w.reject(err);
      }
      this.#running = false;
      this.#next();
      if (!this.#running) this.#onIdle?.();
    };
    (this.#file ??= open(this.#path, 'r'))
      .then((f) => f.datasync())
      .then(
        () => settle(),
        (err: unknown) => {
          // Open again next time (the file may have been replaced after all).
          this.#file = null;
          settle(err);
        },
      );
  }

  /** After the commits waiting for their fdatasync have it (call with the writer lock held). */
  async close() {
    if (this.#running) await new Promise<void>((resolve) => (this.#onIdle = resolve));
    const file = this.#file;
    this.#file = null;
    await file?.then((f) => f.close()).catch(() => {});
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
    let result: QueryResult<R>;
    try {
      result = writer.run(query);
    } finally {
      release();
    }
    // A statement outside a transaction commits by itself.
    await this.#driver.walSync().committed();
    return result;
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
    // The writer is free for the next transaction while this one's commit reaches the disk.
    if (sql === 'commit') await this.#driver.walSync().committed();
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
  #walSync: WalSync | undefined;

  constructor(path: string) {
    this.#path = path;
  }

  walSync(): WalSync {
    if (!this.#walSync) throw new Error('database is closed');
    return this.#walSync;
  }

  async init(): Promise<void> {
    const db = new DatabaseSync(this.#path);
    db.exec('PRAGMA journal_mode = WAL');
    // Commits are made durable by WalSync, off the event loop (see the top of this file).
    db.exec('PRAGMA synchronous = NORMAL');
    db.exec('PRAGMA foreign_keys = ON');
    // The CLI may write while the server runs: wait for the other process instead of failing.
    db.exec('PRAGMA busy_timeout = 5000');
    this.#writer = new Handle(db);
    this.#walSync = new WalSync(`${this.#path}-wal`);
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
    await this.#walSync?.close();
    this.#walSync = undefined;
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
