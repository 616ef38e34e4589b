/**
 * Background side of the reply library: the only reader and writer of the `replies`,
 * `replyIndex` and `replyUsage` stores, and the place ranking runs. The index lives here, warm
 * in memory while the worker runs and persisted in IndexedDB, so a worker woken after idle loads
 * it (tens of ms at 10,000 replies) instead of rebuilding it (about a second); see
 * tests/bench/replies.bench.ts and issue 3 "Ranking". Every write to the library deletes the
 * persisted index in the same transaction, and a build that raced a write is not kept.
 */
import type { IDBPDatabase } from 'idb';
import { openBatonDB, type BatonDB } from '@/lib/db';
import { handle, type Handler } from '@/lib/messaging';
import {
  ReplyContentSchema,
  buildReplyIndex,
  deserializeReplyIndex,
  duplicateKey,
  exportReplyLibrary,
  exportReplyLibraryCsv,
  findDuplicates,
  parseReplyLibrary,
  parseReplyLibraryCsv,
  queryReplyIndex,
  serializeReplyIndex,
  type Reply,
  type ReplyIndex,
} from '@/lib/replies';
import {
  exportReplies,
  importReplies,
  listReplies,
  replyUsed,
  retireReply,
  saveReply,
  suggestReplies,
  type FieldError,
} from '@/lib/replies/messages';

const INDEX_KEY = 'current';
/** How many recently used replies boost ranking. */
const RECENT = 50;

export interface ReplyHandlerOptions {
  now?: () => number;
  newId?: () => string;
}

export function replyHandlers({ now = Date.now, newId = () => crypto.randomUUID() }: ReplyHandlerOptions = {}): Handler[] {
  let index: ReplyIndex | null = null;
  let recent: string[] | null = null;
  /** Bumped by every library write; an index built across a write is discarded. */
  let generation = 0;

  async function withDb<T>(run: (db: IDBPDatabase<BatonDB>) => Promise<T>): Promise<T> {
    const db = await openBatonDB();
    try {
      return await run(db);
    } finally {
      db.close();
    }
  }

  /** Replace or add replies and forget the index, in one transaction. */
  async function write(put: readonly Reply[], clear = false): Promise<void> {
    generation++;
    index = null;
    await withDb(async (db) => {
      const tx = db.transaction(['replies', 'replyIndex'], 'readwrite');
      const store = tx.objectStore('replies');
      if (clear) await store.clear();
      await Promise.all([...put.map((r) => store.put(r)), tx.objectStore('replyIndex').delete(INDEX_KEY), tx.done]);
    });
  }

  async function currentIndex(): Promise<ReplyIndex> {
    if (index) return index;
    const started = generation;
    const built = await withDb(async (db) => {
      const stored = deserializeReplyIndex(await db.get('replyIndex', INDEX_KEY));
      if (stored) return stored;
      const fresh = buildReplyIndex(await db.getAll('replies'));
      if (generation === started) await db.put('replyIndex', serializeReplyIndex(fresh), INDEX_KEY);
      return fresh;
    });
    if (generation === started) index = built;
    return built;
  }

  async function recentUse(): Promise<string[]> {
    if (recent) return recent;
    const usage = await withDb((db) => db.getAllFromIndex('replyUsage', 'byLastUsed'));
    recent = usage.reverse().slice(0, RECENT).map((u) => u.id);
    return recent;
  }

  /** Shortcut and title clashes with other replies that are offered or drafted. */
  function clashes(reply: Reply, others: readonly Reply[]): FieldError[] {
    if (reply.status === 'retired') return [];
    const errors: FieldError[] = [];
    const live = others.filter((o) => o.id !== reply.id && o.status !== 'retired');
    if (reply.shortcut && live.some((o) => o.shortcut && duplicateKey(o.shortcut) === duplicateKey(reply.shortcut!))) {
      errors.push({ code: 'duplicateShortcut', field: 'shortcut', message: `Another reply already uses the shortcut "${reply.shortcut}"` });
    }
    if (live.some((o) => duplicateKey(o.title) === duplicateKey(reply.title))) {
      errors.push({ code: 'duplicateTitle', field: 'title', message: `Another reply already has the title "${reply.title}"` });
    }
    return errors;
  }

  return [
    handle(listReplies, () => withDb((db) => db.getAll('replies'))),

    handle(saveReply, async ({ id, content, owner, expectedVersion }) => {
      const parsed = ReplyContentSchema.safeParse(content);
      if (!parsed.success) {
        return {
          ok: false as const,
          errors: parsed.error.issues.map((i) => ({ code: 'invalid' as const, field: i.path.map(String).join('.') || undefined, message: i.message })),
        };
      }
      const all = await withDb((db) => db.getAll('replies'));
      const previous = id === undefined ? undefined : all.find((r) => r.id === id);
      if (id !== undefined && !previous) return { ok: false as const, errors: [{ code: 'notFound' as const, message: `No reply with id ${id}` }] };
      if (previous && expectedVersion !== undefined && previous.version !== expectedVersion) {
        return {
          ok: false as const,
          errors: [{ code: 'conflict' as const, message: `${previous.owner || 'Someone'} saved version ${previous.version} of this reply meanwhile` }],
        };
      }
      const at = now();
      const reply: Reply = {
        ...parsed.data,
        id: previous?.id ?? newId(),
        version: (previous?.version ?? 0) + 1,
        owner,
        createdAt: previous?.createdAt ?? at,
        updatedAt: at,
      };
      const errors = clashes(reply, all);
      if (errors.length) return { ok: false as const, errors };
      await write([reply]);
      return { ok: true as const, reply };
    }),

    handle(retireReply, async ({ id, owner }) => {
      const previous = await withDb((db) => db.get('replies', id));
      if (!previous) throw new Error(`No reply with id ${id}`);
      if (previous.status === 'retired') return previous;
      const reply: Reply = { ...previous, status: 'retired', version: previous.version + 1, owner, updatedAt: now() };
      await write([reply]);
      return reply;
    }),

    handle(importReplies, async ({ format, text, mode, owner }) => {
      const opts = { now: now(), owner, newId };
      const parsed = format === 'json' ? parseReplyLibrary(text, opts) : parseReplyLibraryCsv(text, opts);
      if (!parsed.ok) return parsed;
      const stored = mode === 'merge' ? await withDb((db) => db.getAll('replies')) : [];
      // Record numbers only: a merged file's line numbers were already checked within the file.
      const conflicts = findDuplicates(parsed.replies, (i) => ({ record: i + 1 }), stored);
      if (conflicts.length) return { ok: false as const, errors: conflicts };
      await write(parsed.replies, mode === 'replace');
      const total = mode === 'replace' ? parsed.replies.length : new Set([...stored.map((r) => r.id), ...parsed.replies.map((r) => r.id)]).size;
      return { ok: true as const, imported: parsed.replies.length, total };
    }),

    handle(exportReplies, async ({ format }) => {
      const all = await withDb((db) => db.getAll('replies'));
      all.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
      const day = new Date(now()).toISOString().slice(0, 10);
      return format === 'json'
        ? { text: exportReplyLibrary(all), filename: `baton-replies-${day}.json` }
        : { text: exportReplyLibraryCsv(all), filename: `baton-replies-${day}.csv` };
    }),

    handle(suggestReplies, async ({ message, platform, limit, crisis, prefix, language, fallbackLanguage }) => {
      const [idx, used] = await Promise.all([currentIndex(), recentUse()]);
      return queryReplyIndex(idx, message, { platform, limit, crisis, prefix, language, fallbackLanguage, recentUse: used, now: now() });
    }),

    handle(replyUsed, async ({ id }) => {
      await withDb(async (db) => {
        const tx = db.transaction('replyUsage', 'readwrite');
        const previous = await tx.store.get(id);
        await Promise.all([tx.store.put({ id, lastUsedAt: now(), count: (previous?.count ?? 0) + 1 }), tx.done]);
      });
      if (recent) recent = [id, ...recent.filter((r) => r !== id)].slice(0, RECENT);
      return null;
    }),
  ];
}
