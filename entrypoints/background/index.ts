/**
 * The background worker wires modules only. It may be killed at any moment: listeners are
 * registered synchronously at top level, state lives in IndexedDB, periodic work uses alarms.
 */
import { z } from 'zod';
import { browser } from 'wxt/browser';
import { handleRuntimeMessage, type Handler } from '@/lib/messaging';
import { healthHandlers } from './health';
import { startUsageTracking, usageHandlers } from './usage';
import { replyHandlers } from './replies';

z.config({ jitless: true }); // MV3 extension pages forbid eval

const handlers: Handler[] = [...healthHandlers(), ...usageHandlers(), ...replyHandlers()];

export default defineBackground({
  main() {
    const self = { id: browser.runtime.id, origin: browser.runtime.getURL('/') };
    browser.runtime.onMessage.addListener((raw, sender) => handleRuntimeMessage(raw, sender, handlers, self));
    startUsageTracking();
  },
});
