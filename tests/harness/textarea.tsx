/**
 * X Chat's composer (PLATFORMS.md §1.2, §9.1): a React-controlled
 * `textarea[data-testid="dm-composer-textarea"]` inside the chat's open shadow root, whose Send
 * button mounts only while the value is non-empty. React state is the editor's own state.
 */
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { expose, whenPresent } from './page-api';

let text = '';
let sent = 0;

function ChatComposer() {
  const [value, setValue] = useState('');
  text = value;
  return (
    <>
      <textarea
        data-testid="dm-composer-textarea"
        aria-label="Message"
        placeholder="Unencrypted message"
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />
      {value.trim() !== '' && (
        <button data-testid="dm-composer-send-button" aria-label="Send" type="button" onClick={() => sent++}>
          Send
        </button>
      )}
    </>
  );
}

async function main(): Promise<void> {
  const old = await whenPresent(() => {
    const host = document.getElementById('chat-host');
    return host?.shadowRoot?.querySelector<HTMLTextAreaElement>('[data-testid="dm-composer-textarea"]') ?? null;
  });
  const mount = document.createElement('div');
  mount.setAttribute('data-testid', 'dm-composer');
  old.parentElement?.querySelector('[data-testid="dm-composer-voice-button"]')?.remove();
  old.replaceWith(mount);
  createRoot(mount).render(<ChatComposer />);
  expose({ __editorText: () => text, __sentCount: () => sent, __editorKind: 'textarea' });
  await whenPresent(() => mount.querySelector('textarea'));
  document.documentElement.setAttribute('data-harness-ready', 'textarea');
}

void main();
