/**
 * Sorting a batch of mutation records into the little work it implies (DESIGN §3: work only
 * on the added and removed nodes). Pure over the DOM it is handed: the caller says which nodes
 * are known rows and where the open thread is.
 */
import { composedParent, isBatonElement } from './dom';

export interface MutationContext {
  /** Is `node` a known conversation row? */
  isRow(node: Node): boolean;
  /** Parents of known rows: additions there are list changes, not thread changes. */
  isListContainer(node: Node): boolean;
  /** The open thread's region, if one is shown. */
  threadRegion: Node | null;
}

export interface MutationSummary {
  /** Known rows whose content changed: re-read each. */
  dirtyRows: Set<Element>;
  /** Elements added outside known rows: new rows, or containers of rows. */
  added: Element[];
  /** Nodes removed outside known rows: a removed row, or a subtree holding rows. */
  removed: Node[];
  /** Something changed that may concern the open thread (or a thread appearing). */
  threadTouched: boolean;
  /** Elements went from outside the known lists: rows may have gone inside them (shadow roots included). */
  removedOutsideLists: boolean;
}

type Record_ = Pick<MutationRecord, 'type' | 'target' | 'addedNodes' | 'removedNodes'>;

function onlyBaton(nodes: NodeList): boolean {
  for (let i = 0; i < nodes.length; i++) if (!isBatonElement(nodes[i]!)) return false;
  return true;
}

interface Place {
  /** The known row at or above the node. */
  row: Element | null;
  /** Inside one of Baton's own hosts (their shadow content is never the page's). */
  baton: boolean;
  inThread: boolean;
}

/** One climb up the composed tree answers all three questions about a mutated node. */
function placeOf(node: Node, ctx: MutationContext): Place {
  let inThread = false;
  for (let n: Node | null = node; n; n = composedParent(n)) {
    if (isBatonElement(n)) return { row: null, baton: true, inThread: false };
    if (ctx.isRow(n)) return { row: n as Element, baton: false, inThread: false };
    if (n === ctx.threadRegion) inThread = true;
  }
  return { row: null, baton: false, inThread };
}

export function summarizeMutations(records: Iterable<Record_>, ctx: MutationContext): MutationSummary {
  const out: MutationSummary = { dirtyRows: new Set(), added: [], removed: [], threadTouched: false, removedOutsideLists: false };
  for (const rec of records) {
    const target = rec.target;
    if (rec.type === 'childList') {
      // Our own badge going in or out of a row is not a change of the row.
      if (onlyBaton(rec.addedNodes) && onlyBaton(rec.removedNodes)) continue;
    }
    const place = placeOf(target, ctx);
    if (place.baton) continue;
    if (place.row) {
      out.dirtyRows.add(place.row);
      continue;
    }
    if (place.inThread) out.threadTouched = true;
    if (rec.type !== 'childList') continue;
    const list = ctx.isListContainer(target);
    for (let i = 0; i < rec.addedNodes.length; i++) {
      const n = rec.addedNodes[i]!;
      if (n.nodeType !== 1 || isBatonElement(n)) continue;
      out.added.push(n as Element);
      // A new panel outside the list may be the thread appearing (SPA navigation).
      if (!list) out.threadTouched = true;
    }
    for (let i = 0; i < rec.removedNodes.length; i++) {
      const n = rec.removedNodes[i]!;
      if (isBatonElement(n)) continue;
      out.removed.push(n);
      if (!list && n.nodeType === 1) {
        out.threadTouched = true;
        out.removedOutsideLists = true;
      }
    }
  }
  return out;
}
