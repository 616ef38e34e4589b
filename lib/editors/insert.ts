/**
 * Put a reply into the platform's own composer exactly once, as if the agent had typed it, and
 * never send. Strategies for the editor kind are tried in order; after each we wait for the
 * editor to react and read what it holds: unchanged → try the next; the reply present once more
 * than before → done; anything else → stop (retrying could duplicate text).
 */
import type { EditorKind } from '../platforms/types';
import { STRATEGIES } from './strategies';
import { composerText, normalizeEditorText, occurrences } from './text';

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

function lastTextNode(el: HTMLElement): Text | null {
  const walker = el.ownerDocument.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
  let last: Text | null = null;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) last = n as Text;
  return last;
}

/** Is `after` exactly `before` with `text` added once somewhere (whitespace aside)? */
function keptDraft(before: string, after: string, text: string): boolean {
  const squash = (s: string) => normalizeEditorText(s).replace(/\s+/g, '');
  const a = squash(after);
  const t = squash(text);
  const b = squash(before);
  for (let at = a.indexOf(t); at >= 0; at = a.indexOf(t, at + 1)) if (a.slice(0, at) + a.slice(at + t.length) === b) return true;
  return false;
}

/** Is the agent's caret in the composer (focused, in its own document or shadow root)? */
function caretInside(el: HTMLElement): boolean {
  const active = (el.getRootNode() as Document | ShadowRoot).activeElement;
  if (!active || (active !== el && !el.contains(active))) return false;
  const sel = el.ownerDocument.getSelection();
  return !!sel && sel.rangeCount > 0 && el.contains(sel.getRangeAt(0).endContainer);
}

/**
 * Put the caret where a reply should go: the agent's caret if it was inside the composer, else the
 * end. A selection is collapsed to its end first, so a draft is never replaced, only added to.
 */
function placeCaret(el: HTMLElement, keepAgentCaret: boolean): void {
  el.focus();
  if (el.localName === 'textarea') {
    const ta = el as HTMLTextAreaElement;
    // A textarea keeps the agent's caret while unfocused (and focusing it does not move it).
    const end = ta.selectionEnd ?? ta.value.length;
    ta.setSelectionRange(end, end);
    return;
  }
  const sel = el.ownerDocument.getSelection();
  if (!sel) return;
  const range = el.ownerDocument.createRange();
  if (keepAgentCaret && sel.rangeCount > 0 && el.contains(sel.getRangeAt(0).endContainer)) {
    const current = sel.getRangeAt(0);
    range.setStart(current.endContainer, current.endOffset);
  } else {
    // The end of the last text node, not an offset in the root element: Lexical and Draft.js
    // map the DOM selection through their own text nodes, and a root-level caret makes them
    // select (and a paste replace) the whole draft.
    const last = lastTextNode(el);
    if (last) range.setStart(last, last.data.length);
    else {
      range.selectNodeContents(el);
      range.collapse(false);
    }
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
    // The agent's caret counts only if it was in the composer before we focused it: focusing
    // puts the browser's caret at the start, which would put the reply before the draft.
    const agentCaret = caretInside(el);
    if (!agentCaret) {
      el.focus();
      await settle(doc, settleMs); // let the editor take the focus (and its own selection)
    }
    placeCaret(el, agentCaret);
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
    // Exactly one more copy, and the agent's draft still all there (never overwritten silently).
    if (occurrences(after, text) === had + 1 && keptDraft(before, after, text)) return { ok: true, strategy: strategy.name, text: after };
    return { ok: false, reason: 'unexpected-result', tried };
  }
  return { ok: false, reason: 'no-change', tried };
}
