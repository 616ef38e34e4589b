/**
 * What a harness page exposes to tests in the page's own world (read with puppeteer's
 * `page.evaluate`): the editor's OWN state text (the framework model, not the DOM), and how often
 * its Send button was pressed, so a test can prove Baton inserted exactly once and never sent.
 */
export interface HarnessApi {
  /** The editor model's plain text. */
  __editorText(): string;
  /** Clicks on the Send button. */
  __sentCount(): number;
  /** Which editor library runs here. */
  __editorKind: 'lexical' | 'draftjs' | 'textarea';
}

export function expose(api: HarnessApi): void {
  Object.assign(window, api);
}

/** Wait for an element the platform renders late (X Chat mounts into a shadow root after load). */
export function whenPresent<T>(find: () => T | null, timeoutMs = 5_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      const found = find();
      if (found) resolve(found);
      else if (Date.now() - started > timeoutMs) reject(new Error('harness: element never appeared'));
      else setTimeout(tick, 50);
    };
    tick();
  });
}
