/**
 * Baton's one content script for every platform inbox (DESIGN §2). It wires feature modules to
 * one lifetime; each feature lives in its own file in this folder (timers.ts, …).
 *
 * Lifetime (research/reliability.md B1–B2): WXT invalidates this instance when the extension is
 * reloaded or updated, and also when ANY script on the page dispatches WXT's
 * "content-script-started" event — which a hostile page can replay. So on invalidation:
 * if the extension is gone, we clean up and stay gone; if it is still alive and no newer
 * instance of ours took over this frame (ours share one isolated-world global the page cannot
 * see), the event was spoofed and we start again on a fresh context. Exactly one set of
 * overlays remains either way; hosts carry their owner, so strays are removed on start.
 */
import { z } from 'zod';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { browser } from 'wxt/browser';
import { contentScriptMatches } from '@/lib/platforms/matches';
import { RestartBudget } from '@/lib/overlay/restart';
import { Heartbeat } from './heartbeat';
import { TimerOverlays } from './timers';
import { startSuggestions } from './suggestions';

z.config({ jitless: true });

const ENTRY = 'inbox';

interface LiveInstance {
  token: string;
}
/** Isolated-world global: shared by our instances in this frame, invisible to the page. */
const world = globalThis as typeof globalThis & { __batonInbox?: LiveInstance };
const restarts = new RestartBudget(10, 10_000);

function extensionAlive(): boolean {
  try {
    return browser.runtime?.id != null;
  } catch {
    return false;
  }
}

function startInstance(ctx: ContentScriptContext): void {
  const token = crypto.randomUUID();
  world.__batonInbox = { token };
  document.documentElement.setAttribute('data-baton-instance', token);

  // One wake-up a second for every feature (see heartbeat.ts for why).
  const heartbeat = new Heartbeat(ctx);
  const timers = new TimerOverlays({ ctx, owner: token, heartbeat });
  timers.start().catch(() => timers.stop());
  startSuggestions(ctx, token, heartbeat);

  ctx.onInvalidated(() => {
    timers.stop();
    // Decide after the current task: a genuinely newer instance registers itself right after
    // its context is constructed (which is what invalidated us).
    setTimeout(() => {
      if (world.__batonInbox?.token !== token) return; // a newer instance owns the frame
      if (!extensionAlive()) {
        world.__batonInbox = undefined;
        if (document.documentElement.getAttribute('data-baton-instance') === token)
          document.documentElement.removeAttribute('data-baton-instance');
        return;
      }
      // Spoofed start event: come back on a fresh context (bounded, so a page replaying the
      // event in a loop cannot make us spin).
      // The class comes from the instance: importing it here would run WXT's runtime-only
      // static initialisers when the build evaluates this file for its options.
      const Context = ctx.constructor as new (name: string, options: ContentScriptContext['options']) => ContentScriptContext;
      setTimeout(() => startInstance(new Context(ENTRY, ctx.options)), restarts.nextDelay(Date.now()));
    }, 0);
  });
}

export default defineContentScript({
  matches: contentScriptMatches(),
  cssInjectionMode: 'ui',
  runAt: 'document_idle',
  main(ctx) {
    startInstance(ctx);
  },
});
