import { describe, expect, it } from 'vitest';
import { DB_VERSION, migrations, openBatonDB } from '@/lib/db';
import { STARTER_REPLIES } from '@/lib/replies';

describe('IndexedDB schema migrations', () => {
  it('has one migration per version, applied in order from an empty database', async () => {
    expect(DB_VERSION).toBe(migrations.length);
    const db = await openBatonDB();
    expect(db.version).toBe(DB_VERSION);
    db.close();
  });

  it('version 1 creates the health store keyed by platform', async () => {
    const db = await openBatonDB(1, 'v1');
    expect([...db.objectStoreNames]).toEqual(['health']);
    await db.put('health', { platform: 'x', pageKind: 'inbox', recognised: true, matched: { rows: true }, checkedAt: 1 });
    expect((await db.get('health', 'x'))?.recognised).toBe(true);
    db.close();
  });

  it('version 2 adds the usage stores: machine state by id, raw intervals by start, days by date', async () => {
    const db = await openBatonDB(2, 'v2');
    expect([...db.objectStoreNames].sort()).toEqual(['health', 'usageDays', 'usageIntervals', 'usageState']);
    await db.put('usageState', { id: 'aggregation', until: 5, stretch: null });
    expect(await db.get('usageState', 'aggregation')).toEqual({ id: 'aggregation', until: 5, stretch: null });
    const a = await db.add('usageIntervals', { platform: 'x', start: 200, end: 300 });
    const b = await db.add('usageIntervals', { platform: 'tiktok', start: 100, end: 150 });
    expect(b).toBeGreaterThan(a);
    expect((await db.getAllFromIndex('usageIntervals', 'byStart')).map((i) => i.start)).toEqual([100, 200]);
    await db.put('usageDays', { day: '2026-03-08', platforms: { x: { inHoursMs: 1, afterHoursMs: 2 } }, lateNightMs: 0, longestAfterHoursMs: 2 });
    expect((await db.get('usageDays', '2026-03-08'))?.platforms.x?.afterHoursMs).toBe(2);
    db.close();
  });

  it('upgrading 1 → 2 keeps health data and starts the usage stores empty', async () => {
    const old = await openBatonDB(1, 'v1-to-v2');
    await old.put('health', { platform: 'x', pageKind: 'inbox', recognised: true, matched: {}, checkedAt: 3 });
    old.close();
    const db = await openBatonDB(2, 'v1-to-v2');
    expect((await db.get('health', 'x'))?.checkedAt).toBe(3);
    expect(await db.count('usageIntervals')).toBe(0);
    expect(await db.count('usageDays')).toBe(0);
    db.close();
  });

  it('version 3 adds the reply library seeded with the starter replies, its persisted index and usage', async () => {
    const db = await openBatonDB(3, 'v3');
    expect([...db.objectStoreNames].sort()).toEqual(['health', 'replies', 'replyIndex', 'replyUsage', 'usageDays', 'usageIntervals', 'usageState']);
    expect(await db.getAll('replies')).toEqual([...STARTER_REPLIES].sort((a, b) => (a.id < b.id ? -1 : 1)));
    expect((await db.getAllFromIndex('replies', 'byStatus', 'approved')).length).toBe(STARTER_REPLIES.length);
    await db.put('replyIndex', { format: 1 } as never, 'current');
    expect(await db.get('replyIndex', 'current')).toEqual({ format: 1 });
    await db.put('replyUsage', { id: 'a', lastUsedAt: 20, count: 1 });
    await db.put('replyUsage', { id: 'b', lastUsedAt: 10, count: 4 });
    expect((await db.getAllFromIndex('replyUsage', 'byLastUsed')).map((u) => u.id)).toEqual(['b', 'a']);
    db.close();
  });

  it('upgrading 2 → 3 keeps usage data and seeds the starter library once', async () => {
    const old = await openBatonDB(2, 'v2-to-v3');
    await old.put('usageDays', { day: '2026-03-08', platforms: {}, lateNightMs: 0, longestAfterHoursMs: 0 });
    old.close();
    const db = await openBatonDB(3, 'v2-to-v3');
    expect(await db.count('usageDays')).toBe(1);
    expect(await db.count('replies')).toBe(STARTER_REPLIES.length);
    await db.delete('replies', STARTER_REPLIES[0]!.id);
    db.close();
    const again = await openBatonDB(3, 'v2-to-v3');
    expect(await again.count('replies')).toBe(STARTER_REPLIES.length - 1);
    again.close();
  });

  it('upgrading from every older version keeps version-1 data and reaches the latest', async () => {
    for (let from = 1; from <= DB_VERSION; from++) {
      const name = `upgrade-from-${from}`;
      const old = await openBatonDB(from, name);
      await old.put('health', { platform: 'tiktok', pageKind: null, recognised: false, matched: {}, checkedAt: 7 });
      old.close();
      const db = await openBatonDB(DB_VERSION, name);
      expect(db.version).toBe(DB_VERSION);
      expect((await db.get('health', 'tiktok'))?.checkedAt).toBe(7);
      db.close();
    }
  });
});
