import { describe, expect, it } from 'vitest';
import { DB_VERSION, migrations, openBatonDB } from '@/lib/db';

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
