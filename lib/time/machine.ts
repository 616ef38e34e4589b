/**
 * Machine-readable times: `<time datetime>`, `data-time`/`data-timestamp` attributes, ISO 8601
 * and epoch numbers. These are preferred over visible text (DESIGN §3) and parsed strictly:
 * anything malformed or impossible is null, never rolled over into another date.
 */
import { isValidCivilDate, isValidTimeZone, wallAsUtcMs, zonedToInstant } from './zoned';

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
/** Date.prototype.toUTCString() / HTTP dates: "Thu, 23 Oct 2025 16:34:09 GMT". */
const HTTP_DATE =
  /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
const HTTP_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Instants outside this range are treated as garbage rather than real message times. */
const MIN_MS = Date.UTC(1990, 0, 1);
const MAX_MS = Date.UTC(2200, 0, 1);

export interface MachineTimeOptions {
  /** Zone for ISO strings without an offset ("2025-10-23T16:34"); without it they are null. */
  timeZone?: string;
}

function inRange(ms: number): Date | null {
  return Number.isFinite(ms) && ms >= MIN_MS && ms < MAX_MS ? new Date(ms) : null;
}

function parseOffset(text: string): number | null {
  if (/^z$/i.test(text)) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(text);
  if (!m) return null;
  const hours = Number(m[2]);
  const minutes = Number(m[3] ?? '0');
  if (hours > 18 || minutes > 59) return null;
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes) * 60_000;
}

/**
 * Parses `<time datetime>`/ISO 8601/epoch (seconds or milliseconds) values. Returns null for
 * anything else, for impossible dates ("2025-02-31"), and for zone-less values unless
 * `opts.timeZone` says which zone they are in.
 */
export function parseMachineTime(value: string, opts: MachineTimeOptions = {}): Date | null {
  if (typeof value !== 'string') return null;
  const v = value.trim();
  if (v.length === 0 || v.length > 64) return null;

  if (/^\d{9,13}(?:\.\d{1,6})?$/.test(v)) {
    const n = Number(v);
    // 10-digit values are seconds (until 2286), 12–13-digit values milliseconds.
    return inRange(n < 1e11 ? n * 1000 : n);
  }

  const m = ISO.exec(v);
  if (m) {
    const [, y, mo, d, h, mi, s, frac, zone] = m;
    const date = { year: Number(y), month: Number(mo), day: Number(d) };
    if (!isValidCivilDate(date)) return null;
    const hour = Number(h ?? '0');
    const minute = Number(mi ?? '0');
    const second = Number(s ?? '0');
    if (hour > 23 || minute > 59 || second > 59) return null;
    const millisecond = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
    const wall = { ...date, hour, minute, second, millisecond };
    if (zone !== undefined) {
      if (h === undefined) return null; // "2025-10-23Z" is not ISO 8601
      const offset = parseOffset(zone);
      return offset === null ? null : inRange(wallAsUtcMs(wall) - offset);
    }
    if (!opts.timeZone || !isValidTimeZone(opts.timeZone)) return null;
    return inRange(zonedToInstant(wall, opts.timeZone).getTime());
  }

  const http = HTTP_DATE.exec(v);
  if (http) {
    const [, d, mon, y, h, mi, s] = http;
    const date = { year: Number(y), month: HTTP_MONTHS.indexOf(mon ?? '') + 1, day: Number(d) };
    const [hour, minute, second] = [Number(h), Number(mi), Number(s)];
    if (!isValidCivilDate(date) || hour > 23 || minute > 59 || second > 59) return null;
    return inRange(wallAsUtcMs({ ...date, hour, minute, second, millisecond: 0 }));
  }
  return null;
}
