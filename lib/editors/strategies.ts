/**
 * Insertion strategies, each a way to put plain text at the caret of one kind of editor so that
 * the editor's own state changes (PLATFORMS.md §7: verified matrix and recommendations). They
 * only dispatch; lib/editors/insert.ts decides which to try and verifies the result.
 */
import type { EditorKind } from '../platforms/types';
import { beforeInputEvent, pasteEvent } from './page-events';
import { composerText } from './text';

export interface Strategy {
  name: string;
  /** False when the strategy is known to break this editor in its current state. */
  applies(el: HTMLElement): boolean;
  run(el: HTMLElement, text: string): void;
}

type ExecDocument = Document & { execCommand(command: string, ui?: boolean, value?: string): boolean };

/** Synthetic paste: Lexical and Draft.js read the DataTransfer and update their own models. */
const paste: Strategy = {
  name: 'paste',
  applies: () => true,
  run: (el, text) => void el.dispatchEvent(pasteEvent(el.ownerDocument, text)),
};

/** beforeinput insertReplacementText (Briskine's route into Lexical). */
const beforeInput: Strategy = {
  name: 'beforeinput',
  applies: () => true,
  run: (el, text) => void el.dispatchEvent(beforeInputEvent(el.ownerDocument, text)),
};

/**
 * execCommand('insertText'): the browser edits as if typed, so native undo works. Lines go one by
 * one with insertParagraph between, because Lexical drops newlines inside one insertText.
 */
const execLines: Strategy = {
  name: 'execCommand',
  applies: () => true,
  run: (el, text) => {
    const doc = el.ownerDocument as ExecDocument;
    if (el.localName === 'textarea') {
      doc.execCommand('insertText', false, text); // a textarea keeps newlines itself
      return;
    }
    text.split('\n').forEach((line, i) => {
      if (i > 0) doc.execCommand('insertParagraph', false);
      if (line) doc.execCommand('insertText', false, line);
    });
  },
};

/**
 * execCommand into an EMPTY stock Draft.js editor makes React unmount it (draft-js #1612), so
 * for Draft.js it is a fallback only once the editor already holds text.
 */
const execIntoNonEmptyDraft: Strategy = {
  ...execLines,
  applies: (el) => composerText(el).trim() !== '',
};

/**
 * React-controlled textarea: set the value through the prototype's setter (React's value
 * tracker ignores `el.value =`), keep the caret, then tell React with an input event.
 */
const nativeValueSetter: Strategy = {
  name: 'valueSetter',
  applies: (el) => el.localName === 'textarea',
  run: (el, text) => {
    const ta = el as HTMLTextAreaElement;
    const proto = Object.getPrototypeOf(ta) as object;
    const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
    const start = ta.selectionStart ?? ta.value.length;
    const end = ta.selectionEnd ?? start;
    const next = ta.value.slice(0, start) + text + ta.value.slice(end);
    if (setter) setter.call(ta, next);
    else ta.value = next;
    ta.setSelectionRange(start + text.length, start + text.length);
    ta.dispatchEvent(new Event('input', { bubbles: true }));
    ta.dispatchEvent(new Event('change', { bubbles: true }));
  },
};

/** The fixed order per editor kind; the first that changes the editor wins. */
export const STRATEGIES: Readonly<Record<EditorKind, readonly Strategy[]>> = {
  lexical: [paste, beforeInput, execLines],
  draftjs: [paste, execIntoNonEmptyDraft],
  // execCommand first: it keeps the browser's undo stack, which the setter cannot.
  textarea: [execLines, nativeValueSetter],
  contenteditable: [execLines, paste],
};
