/**
 * Messenger's composer with the real Lexical editor (lexical 0.52, plain text + history, as
 * PLATFORMS.md §2.4/§10): mounted on the fixture's `div[contenteditable][role=textbox]`, which
 * Lexical marks `data-lexical-editor="true"` itself. The fixture's "Press enter to send" control
 * is enabled only while the editor's own state holds text.
 */
import { $getRoot, createEditor } from 'lexical';
import { registerPlainText } from '@lexical/plain-text';
import { createEmptyHistoryState, registerHistory } from '@lexical/history';
import { expose, whenPresent } from './page-api';

async function main(): Promise<void> {
  const root = await whenPresent(() => document.querySelector<HTMLElement>('[contenteditable][role="textbox"]'));
  root.replaceChildren();
  root.removeAttribute('data-lexical-editor'); // Lexical sets it when it takes the element
  const editor = createEditor({
    namespace: 'messenger-composer',
    onError: (error) => {
      throw error;
    },
  });
  editor.setRootElement(root);
  registerPlainText(editor);
  registerHistory(editor, createEmptyHistoryState(), 300);

  let text = '';
  let sent = 0;
  const send = document.querySelector<HTMLElement>('[role="button"][aria-label="Press enter to send"]');
  const sync = () => {
    send?.setAttribute('aria-disabled', text.trim() ? 'false' : 'true');
    send?.setAttribute('data-enabled', text.trim() ? 'true' : 'false');
  };
  editor.registerUpdateListener(({ editorState }) => {
    text = editorState.read(() => $getRoot().getTextContent());
    sync();
  });
  send?.addEventListener('click', () => {
    if (text.trim()) sent++;
  });
  sync();
  expose({ __editorText: () => text, __sentCount: () => sent, __editorKind: 'lexical' });
  document.documentElement.setAttribute('data-harness-ready', 'lexical');
}

void main();
