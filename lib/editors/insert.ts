/**
 * Put a reply into the platform's own composer exactly once, as if the agent had typed it, and
 * never send. Strategies for the editor kind are tried in order; after each we wait for the
 * editor to react and read what it holds: unchanged → try the next; the reply present once more
 * than before → done; anything else → stop (retrying could duplicate text).
 */
import type { EditorKind } from '../platforms/types';
import { STRATEGIES } from './strategies';
import { composerText, occurrences } from './text';

export type InsertFailure = 'not-editable' | 'no-change' | 'unexpected-result';
export type InsertResult =
  | { ok: true; strategy: string; text: string }
  | { ok: false; reason: InsertFailure; tried: string[] };

/** Resolve after the editor had a chance to react (React and Lexical commit asynchronously). */
function settle(doc: Document, ms: number): Promise<void> {
  const win = doc.defaultView;
  return new Promise((resolve) => (win ?? globalThis).setTimeout(resolve, ms));
}

function editable(el: HTMLElement): boolean {
  if (!el.isConnected) return false;
  if (el.localName === 'textarea') return !(el as HTMLTextAreaElement).disabled && !(el as HTMLTextAreaElement).readOnly;
  return el.isContentEditable && el.getAttribute('aria-disabled') !== 'true';
}

/**
 * Put the caret where a reply should go: the agent's caret if it is inside the composer, else the
 * end. A selection is collapsed to its end first, so a draft is never replaced, only added to.
 */
function placeCaret(el: HTMLElement): void {
  el.focus();
  if (el.localName === 'textarea') {
    const ta = el as HTMLTextAreaElement;
    const end = ta.selectionEnd ?? ta.value.length;
    ta.setSelectionRange(end, end);
    return;
  }
  const sel = el.ownerDocument.getSelection();
  if (!sel) return;
  const range = el.ownerDocument.createRange();
  if (sel.rangeCount > 0 && el.contains(sel.getRangeAt(0).endContainer)) {
    const current = sel.getRangeAt(0);
    range.setStart(current.endContainer, current.endOffset);
  } else {
    range.selectNodeContents(el);
    range.collapse(false);
  }
  range.collapse(true);
  sel.removeAllRanges();
  sel.addRange(range);
}

export async function insertIntoComposer(
  el: HTMLElement,
  text: string,
  kind: EditorKind,
  { settleMs = 60, maxWaitMs = 600 } = {},
): Promise<InsertResult> {
  const tried: string[] = [];
  if (!editable(el)) return { ok: false, reason: 'not-editable', tried };
  const doc = el.ownerDocument;
  for (const strategy of STRATEGIES[kind]) {
    if (!strategy.applies(el)) continue;
    placeCaret(el);
    await settle(doc, settleMs); // editors sync their selection on selectionchange
    const before = composerText(el);
    const had = occurrences(before, text);
    tried.push(strategy.name);
    try {
      strategy.run(el, text);
    } catch {
      continue; // threw before changing anything we can see: try the next strategy
    }
    let after = composerText(el);
    for (let waited = 0; after === before && waited < maxWaitMs; waited += settleMs) {
      await settle(doc, settleMs);
      after = composerText(el);
    }
    if (after === before) continue;
    if (occurrences(after, text) === had + 1) return { ok: true, strategy: strategy.name, text: after };
    return { ok: false, reason: 'unexpected-result', tried };
  }
  return { ok: false, reason: 'no-change', tried };
}
