/**
 * X's reply composer with the real Draft.js editor (draft-js 0.11.7 + React 19, PLATFORMS.md
 * §1.4/§10): rendered into the fixture's `tweetTextarea_0RichTextInputContainer` with
 * `webDriverTestID="tweetTextarea_0"`, so the contenteditable carries X's attributes. The
 * fixture's `tweetButtonInline` is enabled only while the editor's own content has text.
 */
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Editor, EditorState } from 'draft-js';
import { expose, whenPresent } from './page-api';

let text = '';
let sent = 0;

function ReplyComposer({ button, label }: { button: HTMLButtonElement | null; label: string }) {
  const [state, setState] = useState(() => EditorState.createEmpty());
  const plain = state.getCurrentContent().getPlainText();
  useEffect(() => {
    text = plain;
    if (button) button.disabled = plain.trim() === '';
  }, [plain, button]);
  return <Editor editorState={state} onChange={setState} webDriverTestID="tweetTextarea_0" ariaLabel={label} placeholder="Post your reply" />;
}

async function main(): Promise<void> {
  const container = await whenPresent(() => document.querySelector<HTMLElement>('[data-testid="tweetTextarea_0RichTextInputContainer"]'));
  const label = container.querySelector('[data-testid="tweetTextarea_0"]')?.getAttribute('aria-label') ?? 'Post text';
  const button = document.querySelector<HTMLButtonElement>('[data-testid="tweetButtonInline"]');
  button?.addEventListener('click', () => {
    if (text.trim()) sent++;
  });
  container.replaceChildren();
  createRoot(container).render(<ReplyComposer button={button} label={label} />);
  expose({ __editorText: () => text, __sentCount: () => sent, __editorKind: 'draftjs' });
  await whenPresent(() => container.querySelector('.public-DraftEditor-content'));
  document.documentElement.setAttribute('data-harness-ready', 'draftjs');
}

void main();
