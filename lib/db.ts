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
