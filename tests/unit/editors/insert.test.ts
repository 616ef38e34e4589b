import { describe, expect, it } from 'vitest';
import { composerText, insertIntoComposer, occurrences } from '@/lib/editors';

const reply = 'Hi Sam,\nThanks for waiting — we are on it.';

function mount(html: string): HTMLElement {
  document.body.replaceChildren();
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html').body.firstElementChild!;
  const el = document.importNode(parsed, true) as HTMLElement;
  document.body.append(el);
  return el;
}

describe('composerText', () => {
  it('reads Lexical-style paragraphs, Draft.js blocks and empty lines as the editor shows them', () => {
    const lexical = mount('<div contenteditable="true" data-lexical-editor="true"><p><span data-lexical-text="true">Hi Sam,</span></p><p><br></p><p><span>Thanks</span></p></div>');
    expect(composerText(lexical)).toBe('Hi Sam,\n\nThanks');
    const draft = mount('<div class="public-DraftEditor-content" contenteditable="true"><div data-contents="true"><div data-block="true"><div><span><span data-text="true">One</span></span></div></div><div data-block="true"><div><span><span data-text="true">Two</span></span></div></div></div></div>');
    expect(composerText(draft)).toBe('One\nTwo');
    expect(composerText(mount('<div contenteditable="true"><p><br></p></div>'))).toBe('');
  });

  it('counts occurrences ignoring NBSP and line-ending differences', () => {
    expect(occurrences('a\u00a0b\r\nc a b\nc', 'a b\nc')).toBe(2);
    expect(occurrences('abc', '')).toBe(0);
  });
});

describe('insertIntoComposer', () => {
  it('puts a multi-line reply into a textarea exactly once and fires input for React', async () => {
    const ta = mount('<textarea></textarea>') as HTMLTextAreaElement;
    let inputs = 0;
    ta.addEventListener('input', () => inputs++);
    const result = await insertIntoComposer(ta, reply, 'textarea', { settleMs: 1 });
    expect(result.ok).toBe(true);
    expect(ta.value).toBe(reply);
    expect(inputs).toBeGreaterThan(0);
  });

  it('adds at the caret of an existing draft and never replaces a selection', async () => {
    const ta = mount('<textarea></textarea>') as HTMLTextAreaElement;
    ta.value = 'Hello there';
    ta.setSelectionRange(0, 5); // "Hello" selected: it must survive
    const result = await insertIntoComposer(ta, ' [reply] ', 'textarea', { settleMs: 1 });
    expect(result.ok).toBe(true);
    expect(ta.value).toBe('Hello [reply]  there');
  });

  it('refuses disabled, read-only and detached composers without touching them', async () => {
    const disabled = mount('<textarea disabled>draft</textarea>') as HTMLTextAreaElement;
    expect(await insertIntoComposer(disabled, reply, 'textarea', { settleMs: 1 })).toEqual({ ok: false, reason: 'not-editable', tried: [] });
    expect(disabled.value).toBe('draft');
    const ro = mount('<div contenteditable="false">x</div>');
    expect((await insertIntoComposer(ro, reply, 'contenteditable', { settleMs: 1 })).ok).toBe(false);
    const detached = document.createElement('textarea');
    expect((await insertIntoComposer(detached, reply, 'textarea', { settleMs: 1 })).ok).toBe(false);
  });

  it('reports no-change when no strategy moves the editor (e.g. an editor that ignores every event)', async () => {
    const dead = mount('<div contenteditable="true"></div>');
    // Swallow every way in: cancel paste/beforeinput and freeze the DOM by undoing mutations.
    for (const type of ['paste', 'beforeinput', 'input']) dead.addEventListener(type, (e) => e.preventDefault(), true);
    (document as unknown as { execCommand: () => boolean }).execCommand = () => false;
    const result = await insertIntoComposer(dead, reply, 'contenteditable', { settleMs: 1, maxWaitMs: 5 });
    expect(result).toMatchObject({ ok: false, reason: 'no-change' });
    expect(composerText(dead)).toBe('');
  });
});
