/** "Your data" exports (issue 5): everything Baton holds about the user's time, as JSON or CSV. */
import type { ExportFormat } from './messages';
import type { ActiveInterval, DayAggregate } from './schemas';

export interface UsageExportData {
  exportedAt: number;
  timeZone: string;
  days: DayAggregate[];
  /** Closed intervals not yet folded into days (normally none or a few). */
  intervals: ActiveInterval[];
}

const minutes = (ms: number) => (ms / 60_000).toFixed(2);

export function usageCsv(days: readonly DayAggregate[]): string {
  const rows = ['day,platform,in_hours_minutes,after_hours_minutes,late_night_minutes,longest_stretch_minutes'];
  for (const d of [...days].sort((a, b) => a.day.localeCompare(b.day))) {
    let inMs = 0;
    let afterMs = 0;
    for (const [platform, p] of Object.entries(d.platforms).sort(([a], [b]) => a.localeCompare(b))) {
      inMs += p.inHoursMs;
      afterMs += p.afterHoursMs;
      rows.push(`${d.day},${platform},${minutes(p.inHoursMs)},${minutes(p.afterHoursMs)},,`);
    }
    rows.push(`${d.day},all,${minutes(inMs)},${minutes(afterMs)},${minutes(d.lateNightMs)},${minutes(d.longestAfterHoursMs)}`);
  }
  return rows.join('\r\n') + '\r\n';
}

export function usageExport(data: UsageExportData, format: ExportFormat): { filename: string; mime: string; body: string } {
  const stamp = new Date(data.exportedAt).toISOString().slice(0, 10);
  if (format === 'csv') {
    return { filename: `baton-usage-${stamp}.csv`, mime: 'text/csv', body: usageCsv(data.days) };
  }
  const body = JSON.stringify({ format: 'baton-usage', version: 1, ...data }, null, 2);
  return { filename: `baton-usage-${stamp}.json`, mime: 'application/json', body };
}
