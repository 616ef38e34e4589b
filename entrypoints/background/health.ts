/** Background side of adapter health: store each platform's latest report, answer options. */
import { getHealth, reportHealth } from '@/lib/health-messages';
import { handle, type Handler } from '@/lib/messaging';
import { openBatonDB } from '@/lib/db';

export function healthHandlers(now: () => number = Date.now): Handler[] {
  return [
    handle(reportHealth, async (report) => {
      const db = await openBatonDB();
      await db.put('health', { ...report, checkedAt: now() });
      db.close();
      return null;
    }),
    handle(getHealth, async () => {
      const db = await openBatonDB();
      const all = await db.getAll('health');
      db.close();
      return all;
    }),
  ];
}
