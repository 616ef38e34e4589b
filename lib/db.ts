/**
 * Baton's IndexedDB: one database, a typed schema, and numbered migrations. Migration N runs
 * when an older database (version < N) is opened; each is written once and never edited, and
 * tests/unit/db.test.ts opens every historical version and upgrades from it. The background is
 * the only writer (DESIGN §2).
 *
 * Numbers are assigned per feature: 1 foundation (adapter health), 2 after-hours usage,
 * 3 reply library. Add new ones at the end.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { AdapterHealthRecord } from './health-messages';
import type { ActiveInterval, DayAggregate, UsageStateRecord } from './usage/schemas';
import type { Reply, ReplyStatus, SerializedReplyIndex } from './replies';
import type { ReplyUsageRecord } from './replies/messages';
import { STARTER_REPLIES } from './replies/starter';

export const DB_NAME = 'baton';

export interface BatonDB extends DBSchema {
  /** Latest health report per platform (key: platform id). */
  health: { key: string; value: AdapterHealthRecord };
  /** Personal usage (never synced): the activity machine and the aggregation cursor, by `id`. */
  usageState: { key: UsageStateRecord['id']; value: UsageStateRecord };
  /** Closed active intervals not yet folded into usageDays. */
  usageIntervals: { key: number; value: ActiveInterval; indexes: { byStart: number } };
  /** Per-day after-hours aggregates (key: local day "YYYY-MM-DD"). */
  usageDays: { key: string; value: DayAggregate };
  /** The reply library (lib/replies), by reply id. */
  replies: { key: string; value: Reply; indexes: { byStatus: ReplyStatus; byUpdated: number } };
  /** The persisted ranking index of the library (key "current"); deleted whenever replies change. */
  replyIndex: { key: string; value: SerializedReplyIndex };
  /** When this agent last used each reply (for "recent use" in ranking), by reply id. */
  replyUsage: { key: string; value: ReplyUsageRecord; indexes: { byLastUsed: number } };
}

type UpgradeTx = IDBPTransaction<BatonDB, StoreNames<BatonDB>[], 'versionchange'>;
export type Migration = (db: IDBPDatabase<BatonDB>, tx: UpgradeTx) => void;

/** migrations[i] brings the database to version i + 1. */
export const migrations: readonly Migration[] = [
  // 1: adapter health reports.
  (db) => {
    db.createObjectStore('health', { keyPath: 'platform' });
  },
  // 2: personal after-hours usage (lib/usage).
  (db) => {
    db.createObjectStore('usageState', { keyPath: 'id' });
    const intervals = db.createObjectStore('usageIntervals', { keyPath: 'id', autoIncrement: true });
    intervals.createIndex('byStart', 'start');
    db.createObjectStore('usageDays', { keyPath: 'day' });
  },
  // 3: reply library (lib/replies), seeded with the starter library so suggestions work at once.
  (db) => {
    const replies = db.createObjectStore('replies', { keyPath: 'id' });
    replies.createIndex('byStatus', 'status');
    replies.createIndex('byUpdated', 'updatedAt');
    db.createObjectStore('replyIndex');
    db.createObjectStore('replyUsage', { keyPath: 'id' }).createIndex('byLastUsed', 'lastUsedAt');
    for (const reply of STARTER_REPLIES) void replies.put(reply);
  },
];

export const DB_VERSION = migrations.length;

/** Open (and upgrade) the database; `version` is for tests of older versions. */
export function openBatonDB(version = DB_VERSION, name = DB_NAME): Promise<IDBPDatabase<BatonDB>> {
  return openDB<BatonDB>(name, version, {
    upgrade(db, oldVersion, newVersion, tx) {
      for (let v = oldVersion; v < (newVersion ?? version); v++) migrations[v]?.(db, tx);
    },
  });
}
