import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '@/entrypoints/background';

describe('background entry', () => {
  it('registers its runtime listeners synchronously, before any await (a woken worker must not miss its event)', () => {
    expect(fakeBrowser.runtime.onMessage.hasListeners()).toBe(false);
    const result = background.main() as unknown;
    expect(result instanceof Promise).toBe(false); // main must not be async
    expect(fakeBrowser.runtime.onMessage.hasListeners()).toBe(true);
  });

  it('answers a health report from a content script and rejects it from elsewhere', async () => {
    background.main();
    const tab = { id: 1, url: 'https://x.com/i/chat' };
    const report = { platform: 'x', pageKind: 'inbox', recognised: true, matched: { rows: true } };
    // The fake browser's trigger() calls every listener and returns their answers.
    const onMessage = fakeBrowser.runtime.onMessage as unknown as { trigger(...a: unknown[]): Promise<unknown[]> };
    const send = (sender: object) => onMessage.trigger({ baton: 1, type: 'health/report', payload: report }, sender);
    const ok = (await send({ id: fakeBrowser.runtime.id, url: tab.url, tab })) as unknown[];
    expect(ok[0]).toEqual({ ok: true, value: null });
    const bad = (await send({ id: 'someone-else', url: tab.url, tab })) as unknown[];
    expect(bad[0]).toEqual({ ok: false, error: 'sender not allowed' });
  });
});
