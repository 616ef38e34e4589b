import { describe, expect, it } from 'vitest';
import { createTimerHost } from '@/lib/overlay/badge';
import { InertCopier, readRowIsolated } from '@/lib/overlay/isolated-read';
import { summarizeMutations, type MutationContext } from '@/lib/overlay/mutations';
import { learnRowSelector } from '@/lib/overlay/row-selector';
import { inboxHtml, nodesOf, readCtx, testAdapter } from './test-adapter';

const rows = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `c${i}`, name: `Customer ${i}`, at: `2026-01-01T0${i % 10}:00:00Z`, last: 'in' as const }));

function page(n: number) {
  document.body.replaceChildren();
  const host = document.createElement('div');
  document.body.append(host);
  host.append(...nodesOf(inboxHtml(rows(n))));
  return host.querySelector('ul.list')!;
}

/** Collect the records one synchronous change produces. */
async function recordsOf(root: Node, change: () => void): Promise<MutationRecord[]> {
  const got: MutationRecord[] = [];
  const mo = new MutationObserver((r) => got.push(...r));
  mo.observe(root, { childList: true, subtree: true, characterData: true, attributes: true });
  change();
  await Promise.resolve();
  got.push(...mo.takeRecords());
  mo.disconnect();
  return got;
}

function contextFor(known: Set<Element>, list: Element, thread: Node | null = null): MutationContext {
  return {
    isRow: (n) => known.has(n as Element),
    isListContainer: (n) => n === list,
    threadRegion: thread,
  };
}

describe('summarizeMutations: work only on what changed', () => {
  it('an edit inside a row dirties that row only', async () => {
    const list = page(5);
    const known = new Set(Array.from(list.children));
    const target = list.children[2]!.querySelector('.preview')!;
    const recs = await recordsOf(document.body, () => {
      target.textContent = 'changed';
    });
    const s = summarizeMutations(recs, contextFor(known, list));
    expect([...s.dirtyRows]).toEqual([list.children[2]]);
    expect(s.added).toEqual([]);
    expect(s.threadTouched).toBe(false);
  });

  it('a row inserted into the list is an added candidate, not a thread change; a removed row is reported', async () => {
    const list = page(5);
    const known = new Set(Array.from(list.children));
    const fresh = document.createElement('li');
    const last = list.lastElementChild!;
    const recs = await recordsOf(document.body, () => {
      list.prepend(fresh);
      last.remove();
    });
    const s = summarizeMutations(recs, contextFor(known, list));
    expect(s.added).toEqual([fresh]);
    expect(s.removed).toEqual([last]);
    expect(s.dirtyRows.size).toBe(0);
    expect(s.threadTouched).toBe(false);
  });

  it("ignores Baton's own badges going in and out of rows", async () => {
    const list = page(3);
    const known = new Set(Array.from(list.children));
    const recs = await recordsOf(document.body, () => {
      for (const row of known) row.append(createTimerHost(document, 'row', 'me'));
    });
    expect(recs.length).toBeGreaterThan(0);
    const s = summarizeMutations(recs, contextFor(known, list));
    expect(s.dirtyRows.size + s.added.length + s.removed.length).toBe(0);
  });

  it('changes inside the thread region, or a new panel outside the list, touch the thread', async () => {
    const list = page(2);
    const thread = document.createElement('section');
    document.body.append(thread);
    const known = new Set(Array.from(list.children));
    const inThread = await recordsOf(document.body, () => thread.append(document.createElement('p')));
    expect(summarizeMutations(inThread, contextFor(known, list, thread)).threadTouched).toBe(true);
    const panel = await recordsOf(document.body, () => document.body.append(document.createElement('aside')));
    expect(summarizeMutations(panel, contextFor(known, list, thread)).threadTouched).toBe(true);
  });
});

describe('readRowIsolated: the adapter reads one row without reading the list', () => {
  it('returns the same observation as a full read, bound to the live row', () => {
    const list = page(20);
    const full = testAdapter.readConversations(document, readCtx());
    const copier = new InertCopier(document.implementation, 'https://inbox.test/');
    const row = list.children[7]!;
    row.append(createTimerHost(document, 'row', 'me'));
    const one = readRowIsolated(testAdapter, row, readCtx(), copier);
    expect(one).not.toBeNull();
    expect(one!.row).toBe(row);
    const { row: _a, ...fromFull } = full[7]!;
    const { row: _b, ...fromOne } = one!;
    expect(fromOne).toEqual(fromFull);
  });

  it('needs the ancestors the selector names (ul.list > li) and copies them shallowly', () => {
    const list = page(3);
    const copier = new InertCopier(document.implementation, 'https://inbox.test/');
    const { root, copy } = copier.copyWithAncestors(list.children[1]!);
    expect(root.querySelectorAll('li').length).toBe(1);
    expect(copy.parentElement?.matches('ul.list')).toBe(true);
    expect(copy.isConnected).toBe(false);
    expect(list.children.length).toBe(3); // the page is untouched
  });

  it('crosses open shadow roots: a row inside a shadow root is read in a copied shadow root', () => {
    document.body.replaceChildren();
    const host = document.createElement('div');
    document.body.append(host);
    const sr = host.attachShadow({ mode: 'open' });
    sr.append(...nodesOf(inboxHtml(rows(3))));
    const row = sr.querySelectorAll('li.conv')[1]!;
    const copier = new InertCopier(document.implementation, 'https://inbox.test/');
    const { copy } = copier.copyWithAncestors(row);
    expect(copy.getRootNode()).toBeInstanceOf(ShadowRoot);
    const one = readRowIsolated(testAdapter, row, readCtx(), copier);
    expect(one?.row).toBe(row);
    expect(one?.key).toBe('x:c1');
  });

  it('returns null for an element the adapter does not read as a row', () => {
    const list = page(2);
    const copier = new InertCopier(document.implementation, 'https://inbox.test/');
    expect(readRowIsolated(testAdapter, list, readCtx(), copier)).toBeNull();
  });
});

describe('learnRowSelector', () => {
  it("picks the adapter's selector that all rows match", () => {
    const list = page(4);
    expect(learnRowSelector(testAdapter, Array.from(list.children))).toBe('ul.list > li.conv');
    expect(learnRowSelector(testAdapter, [])).toBeNull();
  });
});
