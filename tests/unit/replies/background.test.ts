import { describe, expect, it } from 'vitest';
import { replyHandlers } from '@/entrypoints/background/replies';
import { openBatonDB } from '@/lib/db';
import { handleRuntimeMessage, type Reply as Answer } from '@/lib/messaging';
import { STARTER_REPLIES, exportReplyLibrary, type Reply } from '@/lib/replies';

const self = { id: 'ext', origin: 'chrome-extension://ext/' };
const options = { id: 'ext', url: 'chrome-extension://ext/options.html' };
const page = { id: 'ext', url: 'https://x.com/i/chat', tab: { id: 1, url: 'https://x.com/i/chat' } };

function setup() {
  let clock = Date.UTC(2026, 2, 1);
  let ids = 0;
  const handlers = replyHandlers({ now: () => clock, newId: () => `id-${++ids}` });
  const send = async (type: string, payload: unknown, sender: object = options): Promise<Answer> =>
    handleRuntimeMessage({ baton: 1, type, payload }, sender, handlers, self);
  const value = async <T,>(type: string, payload: unknown, sender: object = options): Promise<T> => {
    const reply = await send(type, payload, sender);
    if (!reply.ok) throw new Error(reply.error);
    return reply.value as T;
  };
  return { send, value, tick: (ms: number) => (clock += ms), handlers };
}

const draft = { title: 'Store wifi', bodies: { en: 'The wifi password is on your receipt.', ar: 'كلمة مرور الواي فاي على الإيصال.' }, tags: ['wifi'], shortcut: 'wifi', status: 'approved' };

describe('reply library in the background', () => {
  it('lists the seeded starter library', async () => {
    const { value } = setup();
    expect((await value<Reply[]>('replies/list', null)).length).toBe(STARTER_REPLIES.length);
  });

  it('saves a new reply, then versions every change and refuses stale saves', async () => {
    const { value, tick } = setup();
    const created = await value<{ ok: true; reply: Reply }>('replies/save', { content: draft, owner: 'Lina' });
    expect(created.reply).toMatchObject({ id: 'id-1', version: 1, owner: 'Lina', status: 'approved' });
    tick(1000);
    const edited = await value<{ ok: true; reply: Reply }>('replies/save', { id: 'id-1', content: { ...draft, title: 'Wi-Fi' }, owner: 'Omar', expectedVersion: 1 });
    expect(edited.reply).toMatchObject({ version: 2, owner: 'Omar', title: 'Wi-Fi', createdAt: created.reply.createdAt, updatedAt: created.reply.updatedAt + 1000 });
    const stale = await value<{ ok: false; errors: { code: string }[] }>('replies/save', { id: 'id-1', content: draft, owner: 'Lina', expectedVersion: 1 });
    expect(stale.errors[0]!.code).toBe('conflict');
  });

  it('returns field errors for invalid content and clashes, and stores nothing', async () => {
    const { value } = setup();
    const bad = await value<{ ok: false; errors: { code: string; field?: string }[] }>('replies/save', {
      content: { ...draft, bodies: { en: 'Hi {{customer.nick}}' }, platforms: ['myspace'] },
      owner: 'x',
    });
    expect(bad.errors.map((e) => e.field).sort()).toEqual(['bodies.en', 'platforms.0']);
    const clash = await value<{ ok: false; errors: { code: string }[] }>('replies/save', { content: { ...draft, shortcut: 'DM', title: 'Refund policy' }, owner: 'x' });
    expect(clash.errors.map((e) => e.code)).toEqual(['duplicateShortcut', 'duplicateTitle']);
    expect((await value<Reply[]>('replies/list', null)).length).toBe(STARTER_REPLIES.length);
  });

  it('retires a reply so it is no longer suggested', async () => {
    const { value } = setup();
    const before = await value<{ reply: Reply }[]>('replies/rank', { message: 'my item arrived broken' }, page);
    expect(before[0]!.reply.id).toBe('starter-damaged-item');
    const retired = await value<Reply>('replies/retire', { id: 'starter-damaged-item', owner: 'lead' });
    expect(retired).toMatchObject({ status: 'retired', version: 2 });
    const after = await value<{ reply: Reply }[]>('replies/rank', { message: 'my item arrived broken', limit: 10 }, page);
    expect(after.map((h) => h.reply.id)).not.toContain('starter-damaged-item');
  });

  it('ranks for a content script in the message language, with crisis mode and recent use', async () => {
    const { value } = setup();
    const ar = await value<{ reply: Reply; language: string }[]>('replies/rank', { message: 'وين طلبي؟ صار له اسبوع', platform: 'instagram' }, page);
    expect(ar[0]).toMatchObject({ language: 'ar' });
    expect(ar.map((h) => h.reply.id)).toContain('starter-order-status');
    const crisis = await value<{ reply: Reply }[]>('replies/rank', { message: 'your app is down again', crisis: true, limit: 10 }, page);
    expect(crisis.length).toBeGreaterThan(0);
    expect(crisis.every((h) => h.reply.crisisSafe)).toBe(true);
    await value('replies/used', { id: 'starter-anything-else' }, page);
    const empty = await value<{ reply: Reply }[]>('replies/rank', { message: '🙏' }, page);
    expect(empty[0]!.reply.id).toBe('starter-anything-else');
  });

  it('persists the index and answers the same after the worker restarts', async () => {
    const first = setup();
    const a = await first.value('replies/rank', { message: 'refund not received yet' }, page);
    const db = await openBatonDB();
    expect(await db.get('replyIndex', 'current')).toMatchObject({ format: 1 });
    db.close();
    const second = setup(); // a new worker: empty memory, same IndexedDB
    expect(await second.value('replies/rank', { message: 'refund not received yet' }, page)).toEqual(a);
  });

  it('rebuilds when the persisted index is damaged', async () => {
    const db = await openBatonDB();
    await db.put('replyIndex', { format: 1, replies: 'garbage' } as never, 'current');
    db.close();
    const { value } = setup();
    const hits = await value<{ reply: Reply }[]>('replies/rank', { message: 'my item arrived broken' }, page);
    expect(hits[0]!.reply.id).toBe('starter-damaged-item');
  });

  it('a library write drops the persisted index', async () => {
    const { value } = setup();
    await value('replies/rank', { message: 'refund' }, page);
    await value('replies/save', { content: draft, owner: 'x' });
    const db = await openBatonDB();
    expect(await db.get('replyIndex', 'current')).toBeUndefined();
    db.close();
    const hits = await value<{ reply: Reply }[]>('replies/rank', { message: 'wifi password' }, page);
    expect(hits[0]!.reply.title).toBe('Store wifi');
  });

  it('imports all or nothing, merges or replaces, and exports what it stores', async () => {
    const { value } = setup();
    const bad = await value<{ ok: false; errors: { code: string; record?: number }[] }>('replies/import', {
      format: 'json',
      text: JSON.stringify({ version: 1, replies: [draft, { ...draft, title: 'Other', bodies: { en: '{{oops}}' } }] }),
      mode: 'replace',
      owner: 'x',
    });
    expect(bad.errors[0]).toMatchObject({ code: 'invalid', record: 2 });
    expect((await value<Reply[]>('replies/list', null)).length).toBe(STARTER_REPLIES.length);

    const clash = await value<{ ok: false; errors: { code: string }[] }>('replies/import', { format: 'json', text: JSON.stringify({ version: 1, replies: [{ ...draft, shortcut: 'dm' }] }), mode: 'merge', owner: 'x' });
    expect(clash.errors[0]!.code).toBe('duplicateShortcut');

    const merged = await value<{ ok: true; imported: number; total: number }>('replies/import', { format: 'json', text: JSON.stringify({ version: 1, replies: [draft] }), mode: 'merge', owner: 'x' });
    expect(merged).toEqual({ ok: true, imported: 1, total: STARTER_REPLIES.length + 1 });

    const json = await value<{ text: string; filename: string }>('replies/export', { format: 'json' });
    expect(json.filename).toBe('baton-replies-2026-03-01.json');
    const csv = await value<{ text: string }>('replies/export', { format: 'csv' });
    const replaced = await value<{ ok: true; total: number }>('replies/import', { format: 'csv', text: csv.text, mode: 'replace', owner: 'y' });
    expect(replaced.total).toBe(STARTER_REPLIES.length + 1);
    const again = await value<{ text: string }>('replies/export', { format: 'json' });
    expect(again.text).toBe(json.text);

    const only = await value<{ ok: true; total: number }>('replies/import', { format: 'json', text: exportReplyLibrary([STARTER_REPLIES[0]!]), mode: 'replace', owner: 'x' });
    expect(only.total).toBe(1);
    expect((await value<Reply[]>('replies/list', null)).map((r) => r.id)).toEqual([STARTER_REPLIES[0]!.id]);
  });

  it('keeps library management away from content scripts and validates payloads', async () => {
    const { send } = setup();
    expect(await send('replies/list', null, page)).toEqual({ ok: false, error: 'sender not allowed' });
    expect(await send('replies/import', { format: 'json', text: '{}', mode: 'merge', owner: 'x' }, page)).toEqual({ ok: false, error: 'sender not allowed' });
    expect((await send('replies/rank', { message: 'x'.repeat(10_001) }, page)).ok).toBe(false);
    expect((await send('replies/rank', { message: 'hi', platform: 'myspace' }, page)).ok).toBe(false);
  });
});
