/**
 * Reading ONE row through the adapter without reading the whole list (its real parent is the
 * list of thousands). The platform adapters accept the row itself as their root; for an adapter
 * that only reads inside its root, the row is copied into an inert document under shallow
 * copies of its ancestors (so selectors that name ancestors still match) and the adapter reads
 * that.
 * The inert document has no custom-element registry, so copying never runs page code, and a
 * `<base>` keeps relative links resolving against the page.
 */
import type { ConversationObservation, PlatformAdapter, ReadContext } from '../platforms/types';
import { isBatonElement } from './dom';

export class InertCopier {
  private readonly doc: Document;
  private readonly base: HTMLBaseElement;
  /**
   * The ancestor skeleton of each row parent, reused across reads: rows of one list share a
   * parent, so a read copies only the row. Dropped by `reset()` (each full pass), so a change
   * of an ancestor's attributes is picked up within one pass.
   */
  private skeletons = new WeakMap<Node, { root: DocumentFragment; holder: ParentNode }>();

  constructor(impl: DOMImplementation, baseUrl: string) {
    this.doc = impl.createHTMLDocument('');
    this.base = this.doc.createElement('base');
    this.doc.head.append(this.base);
    this.setBase(baseUrl);
  }

  setBase(url: string): void {
    this.base.setAttribute('href', url);
    this.reset();
  }

  reset(): void {
    this.skeletons = new WeakMap();
  }

  /**
   * A detached copy of `el` (deep) under shallow copies of its ancestors up to its document
   * or shadow root, crossing shadow roots by re-attaching open ones on the copies.
   * Returns the fragment to read and the copy of `el`.
   */
  copyWithAncestors(el: Element): { root: DocumentFragment; copy: Element } {
    const parent = el.parentNode;
    const cached = parent ? this.skeletons.get(parent) : undefined;
    const { root, holder } = cached ?? this.skeleton(el);
    if (parent && !cached) this.skeletons.set(parent, { root, holder });
    holder.replaceChildren();
    const copy = this.doc.importNode(el, true);
    stripBaton(copy);
    holder.append(copy);
    return { root, copy };
  }

  /** Shallow copies of `el`'s ancestors; `holder` is where `el`'s copy goes. */
  private skeleton(el: Element): { root: DocumentFragment; holder: ParentNode } {
    const chain: Element[] = [];
    const shadowAt = new Set<Element>();
    for (let n: Node | null = el.parentNode; n; ) {
      if (n.nodeType === 1) {
        chain.push(n as Element);
        n = n.parentNode;
      } else if (n.nodeType === 11 && (n as ShadowRoot).host) {
        const host = (n as ShadowRoot).host;
        shadowAt.add(host);
        chain.push(host);
        n = host.parentNode;
      } else break;
    }
    const root = this.doc.createDocumentFragment();
    let cur: ParentNode = root;
    for (let i = chain.length - 1; i >= 0; i--) {
      const original = chain[i]!;
      const clone = this.doc.importNode(original, false);
      cur.append(clone);
      cur = clone;
      if (shadowAt.has(original)) {
        try {
          cur = clone.attachShadow({ mode: 'open' });
        } catch {
          // Not a valid shadow host in the copy: nest plainly; most selectors still match.
        }
      }
    }
    return { root, holder: cur };
  }
}

function stripBaton(el: Element): void {
  const doomed: Element[] = [];
  const walker = el.ownerDocument.createTreeWalker(el, 1 /* SHOW_ELEMENT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if (isBatonElement(n)) doomed.push(n as Element);
  for (const d of doomed) d.remove();
}

/**
 * The adapter's observation of exactly `row`, or null when the adapter does not read it as a row
 * on its own (the caller then falls back to a full read). The live row is asked first: the
 * platform adapters read a root that is itself a row (lib/platforms/common.ts `elementsOf`), with
 * its real ancestors and styles, and without copying anything — measured in the content bench,
 * the copy and its garbage were the larger part of each new row's cost. Adapters that only look
 * inside their root get the isolated copy.
 */
export function readRow(
  adapter: PlatformAdapter,
  row: Element,
  ctx: ReadContext,
  copier: InertCopier,
): ConversationObservation | null {
  try {
    const live = adapter.readConversations(row, ctx).find((o) => o.row === row);
    if (live) return live;
  } catch {
    // Fall through to the isolated read.
  }
  return readRowIsolated(adapter, row, ctx, copier);
}

/**
 * The adapter's observation of exactly `row`, read in an inert copy, or null when the adapter
 * does not read it as a row there.
 */
export function readRowIsolated(
  adapter: PlatformAdapter,
  row: Element,
  ctx: ReadContext,
  copier: InertCopier,
): ConversationObservation | null {
  const { root, copy } = copier.copyWithAncestors(row);
  let found: ConversationObservation | undefined;
  try {
    found = adapter.readConversations(root, ctx).find((o) => o.row === copy);
  } catch {
    return null;
  }
  return found ? { ...found, row } : null;
}
