/**
 * Reads Baton's overlay test contract (DESIGN §4) from a page: `<baton-timer data-baton-key
 * data-baton-state data-baton-waiting-since>` hosts, wherever they are, including inside open
 * shadow roots the page itself creates.
 */
import type { Frame, Page } from 'puppeteer';

export interface TimerInfo {
  key: string;
  state: string;
  /** ISO-8601, or '' when answered / unknown. */
  waitingSince: string;
  /** The `data-baton-*` attributes the host carries, verbatim. */
  attrs: Record<string, string>;
  /** Tag names of the host's ancestors (nearest first, up to 6), crossing shadow roots. */
  ancestry: string[];
  /** True when an ancestor matches the selector passed as `insideOf`. */
  inside: boolean;
}

/** Evaluated in the page: collects every `baton-timer` through open shadow roots. */
function collect(insideOf: string | null): TimerInfo[] {
  const out: TimerInfo[] = [];
  const visit = (root: Document | ShadowRoot): void => {
    const all = root.querySelectorAll('*');
    for (const el of Array.from(all)) {
      if (el.localName === 'baton-timer') {
        const attrs: Record<string, string> = {};
        for (const a of Array.from(el.attributes)) if (a.name.startsWith('data-baton-')) attrs[a.name] = a.value;
        const ancestry: string[] = [];
        let inside = false;
        let p: Node | null = el.parentNode;
        while (p) {
          if (p instanceof ShadowRoot) {
            p = p.host;
            continue;
          }
          if (!(p instanceof Element)) break;
          if (ancestry.length < 6) ancestry.push(p.localName + (p.id ? `#${p.id}` : ''));
          if (insideOf && p.matches(insideOf)) inside = true;
          p = p.parentNode;
        }
        out.push({
          key: el.getAttribute('data-baton-key') ?? '',
          state: el.getAttribute('data-baton-state') ?? '',
          waitingSince: el.getAttribute('data-baton-waiting-since') ?? '',
          attrs,
          ancestry,
          inside,
        });
      }
      // Baton's own shadow roots hold no timers; the page's open shadow roots may hold rows.
      if (el.shadowRoot && el.localName !== 'baton-timer') visit(el.shadowRoot);
    }
  };
  visit(document);
  return out;
}

export async function readTimers(page: Page | Frame, opts: { insideOf?: string } = {}): Promise<TimerInfo[]> {
  return page.evaluate(collect, opts.insideOf ?? null);
}

/** Counts `baton-timer` hosts through open shadow roots (runs in the page). */
function countTimers(): number {
  let n = 0;
  const visit = (root: Document | ShadowRoot): void => {
    for (const el of Array.from(root.querySelectorAll('*'))) {
      if (el.localName === 'baton-timer') n++;
      else if (el.shadowRoot) visit(el.shadowRoot);
    }
  };
  visit(document);
  return n;
}

/**
 * Waits until the page shows exactly `n` timers (or at least `n` with `atLeast`), then returns
 * them. `n = 0` waits for none (after the optional `settleMs`, so "no timers" is not read too early).
 */
export async function waitForTimers(
  page: Page,
  n: number,
  opts: { atLeast?: boolean; timeout?: number; settleMs?: number; insideOf?: string } = {},
): Promise<TimerInfo[]> {
  if (opts.settleMs) await new Promise((r) => setTimeout(r, opts.settleMs));
  const timeout = opts.timeout ?? 10_000;
  const deadline = Date.now() + timeout;
  let last = -1;
  while (Date.now() < deadline) {
    last = await page.evaluate(countTimers);
    if (opts.atLeast ? last >= n : last === n) return readTimers(page, { insideOf: opts.insideOf });
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`waitForTimers: wanted ${opts.atLeast ? '≥' : ''}${n} baton-timer(s), saw ${last} after ${timeout} ms`);
}

/** Waits until a timer with `key` carries `waitingSince` (string match), returns it. */
export async function waitForTimer(
  page: Page,
  predicate: (t: TimerInfo) => boolean,
  opts: { timeout?: number; what?: string } = {},
): Promise<TimerInfo> {
  const timeout = opts.timeout ?? 10_000;
  const deadline = Date.now() + timeout;
  let seen: TimerInfo[] = [];
  while (Date.now() < deadline) {
    seen = await readTimers(page);
    const hit = seen.find(predicate);
    if (hit) return hit;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`waitForTimer: no ${opts.what ?? 'matching timer'} after ${timeout} ms; saw ${JSON.stringify(seen.map((t) => [t.key, t.waitingSince]))}`);
}
