/**
 * The content script's one shared wake-up: features' callbacks on each beat, isolated from each
 * other's failures; beats only as often as the features ask (idle pages sleep); same-document
 * navigations reported once each; nothing after the context is invalidated.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { Heartbeat, HEARTBEAT_MS, IDLE_MAX_MS } from '@/entrypoints/inbox.content/heartbeat';

describe('Heartbeat', () => {
  let ctx: ContentScriptContext;
  const nav = new EventTarget();
  beforeEach(() => {
    vi.useFakeTimers({ now: 0, toFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'Date'] });
    ctx = new ContentScriptContext('inbox');
  });
  afterEach(() => {
    ctx.notifyInvalidated();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('calls every feature on a beat, and a failing one does not stop the rest', async () => {
    const reported: unknown[] = [];
    vi.stubGlobal('reportError', (e: unknown) => reported.push(e));
    const hb = new Heartbeat(ctx, { location: { href: 'https://x.com/i/chat' }, navigation: nav });
    const calls: string[] = [];
    hb.every(() => {
      calls.push('timers');
      return Date.now(); // wants every beat
    });
    hb.every(() => {
      throw new Error('boom');
    });
    hb.every(() => void calls.push('suggestions'));
    await vi.advanceTimersByTimeAsync(3 * HEARTBEAT_MS);
    expect(calls).toEqual(['timers', 'suggestions', 'timers', 'suggestions', 'timers', 'suggestions']);
    expect(reported).toHaveLength(3);
  });

  it('sleeps as long as the features allow, and wakes early when asked', async () => {
    const hb = new Heartbeat(ctx, { location: { href: 'https://x.com/i/chat' }, navigation: nav });
    const at: number[] = [];
    // What the feature answers on successive beats: a badge due at 4.5 s, then nothing due.
    const wants = [4_500, Infinity, Infinity];
    hb.every(() => {
      at.push(Date.now());
      return wants.shift();
    });
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS); // the first beat
    await vi.advanceTimersByTimeAsync(5_000);
    expect(at).toEqual([1_000, 4_500]);
    await vi.advanceTimersByTimeAsync(IDLE_MAX_MS + 100); // nothing due: sleep the longest
    expect(at).toEqual([1_000, 4_500, 4_500 + IDLE_MAX_MS]);
    const soon = Date.now() + 200;
    hb.wakeAt(soon); // a change a feature must look at
    await vi.advanceTimersByTimeAsync(300);
    expect(at.at(-1)).toBe(soon);
  });

  it('without the Navigation API it polls the URL every second, and reports each change once', async () => {
    const loc = { href: 'https://x.com/i/chat' };
    const hb = new Heartbeat(ctx, { location: loc, navigation: null });
    const seen: string[] = [];
    hb.onNavigate((u) => seen.push(u.pathname));
    hb.every(() => Infinity);
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS);
    expect(seen).toEqual([]);
    loc.href = 'https://x.com/i/chat/1-2';
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS);
    expect(seen).toEqual(['/i/chat/1-2']);
    await vi.advanceTimersByTimeAsync(3 * HEARTBEAT_MS);
    loc.href = 'https://x.com/i/chat/3-4';
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS);
    expect(seen).toEqual(['/i/chat/1-2', '/i/chat/3-4']);
  });

  it('with the Navigation API a navigation is seen at once, without polling', async () => {
    const loc = { href: 'https://x.com/i/chat' };
    const hb = new Heartbeat(ctx, { location: loc, navigation: nav });
    const seen: string[] = [];
    hb.onNavigate((u) => seen.push(u.pathname));
    loc.href = 'https://x.com/i/chat/5-6';
    nav.dispatchEvent(new Event('currententrychange'));
    expect(seen).toEqual(['/i/chat/5-6']);
  });

  it('stops with its context', async () => {
    const hb = new Heartbeat(ctx, { location: { href: 'https://x.com/i/chat' }, navigation: nav });
    let n = 0;
    hb.every(() => {
      n++;
      return Date.now();
    });
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS);
    ctx.abort();
    await vi.advanceTimersByTimeAsync(5 * HEARTBEAT_MS);
    expect(n).toBe(1);
  });
});
