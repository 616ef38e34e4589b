/**
 * Where the reply index lives (issue 3 "Ranking", bullet 2), measured in real Chromium with the
 * built extension: the library is imported through the real `replies/import` message, then an
 * extension page asks the background worker to rank (`replies/rank`) and times each answer
 * in the page, messaging hop included:
 *  - first rank after an import: index built in the worker and persisted to IndexedDB;
 *  - warm ranks: p50/p99 of 200 messages against the index in memory;
 *  - after the worker is stopped (as MV3 does when idle): waking it with the persisted index, and
 *    waking it after a library write dropped the index (a rebuild), against waking it for a
 *    message that needs no index (`health/get`), the floor.
 * Run: `npm run bench -- replies-worker` (needs a Chrome build in $BATON_OUT_DIR, default .output).
 */
import { registerHooks } from 'node:module';
import { loadavg } from 'node:os';
import type { Page } from 'puppeteer';

registerHooks({
  resolve(specifier, context, next) {
    try {
      return next(specifier, context);
    } catch (err) {
      if (specifier.startsWith('.') && !specifier.endsWith('.ts')) return next(`${specifier}.ts`, context);
      throw err;
    }
  },
});

const { launchChromium, openOptions, serviceWorker } = await import('../e2e/harness/index.ts');
const lib = await import('../../lib/replies/index.ts');
const { generator, labelledSet } = await import('./replies-library.ts');

const SIZES = (process.env.BATON_BENCH_WORKER_SIZES ?? '1000,10000').split(',').map(Number);
const WARM = 200;

const { libraryJson, messages } = labelledSet();
const parsed = lib.parseReplyLibrary(libraryJson, { now: 0 });
if (!parsed.ok) throw new Error('the labelled library does not parse');
const gen = generator(7);
const queries = [...messages.map((m) => m.text), ...gen.longDms(messages, 90)];

interface Timed {
  ms: number;
  ok: boolean;
  error?: string;
}

/** Send one Baton message from the extension page and time it there. */
function send(page: Page, type: string, payload: unknown): Promise<Timed> {
  return page.evaluate(
    async (type, payload) => {
      const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; error?: string }> } } }).chrome.runtime;
      const t0 = performance.now();
      const reply = await runtime.sendMessage({ baton: 1, type, payload });
      const ms = performance.now() - t0;
      // An import answers { ok: false, errors } inside a successful reply when the file is refused.
      const value = (reply as { value?: { ok?: boolean; errors?: unknown } }).value;
      if (reply.ok && value && value.ok === false) return { ms, ok: false, error: JSON.stringify(value.errors).slice(0, 500) };
      return { ms, ok: reply.ok, error: reply.error };
    },
    type,
    payload,
  );
}

async function must(p: Promise<Timed>): Promise<number> {
  const r = await p;
  if (!r.ok) throw new Error(r.error);
  return r.ms;
}

const quantile = (xs: number[], q: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const median = (xs: number[]) => quantile(xs, 0.5);
const f = (x: number) => x.toFixed(x < 10 ? 2 : 0);

console.log(`load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}; times in ms, measured in an extension page, messaging hop included`);
console.log('\n| replies | import | first rank (build + persist) | warm p50 | warm p99 | wake: floor (health/get) | wake + load persisted index | wake + rebuild |');
console.log('|--:|--:|--:|--:|--:|--:|--:|--:|');

let missed = 0;
const verdicts: string[] = [];
for (const size of SIZES) {
  const { replies } = gen.library(parsed.replies, size);
  const file = lib.exportReplyLibrary(replies);
  const session = await launchChromium();
  try {
    const page = await openOptions(session);
    // Stop the worker as Chrome does after 30 s idle; the next message starts a fresh one.
    const stopWorker = async () => {
      const worker = await serviceWorker(session);
      const gone = new Promise<void>((resolve) => session.browser.once('targetdestroyed', () => resolve()));
      await worker.close();
      await Promise.race([gone, new Promise((r) => setTimeout(r, 3000))]);
    };
    const step = (what: string) => process.stderr.write(`  [${size}] ${what}\n`);
    step('import');
    const importMs = await must(send(page, 'replies/import', { format: 'json', text: file, mode: 'replace', owner: 'bench' }));
    step('first rank');
    const first = await must(send(page, 'replies/rank', { message: queries[0], limit: 3 }));
    const warm: number[] = [];
    for (let i = 0; i < WARM; i++) warm.push(await must(send(page, 'replies/rank', { message: queries[i % queries.length], limit: 3 })));

    const floor: number[] = [];
    const persisted: number[] = [];
    const rebuilt: number[] = [];
    for (let round = 0; round < 3; round++) {
      step(`restart round ${round + 1}`);
      await stopWorker();
      floor.push(await must(send(page, 'health/get', null)));
      await stopWorker();
      persisted.push(await must(send(page, 'replies/rank', { message: queries[round + 1], limit: 3 })));
      // A library write (here: the same library imported again) drops the persisted index.
      await must(send(page, 'replies/import', { format: 'json', text: file, mode: 'replace', owner: 'bench' }));
      await stopWorker();
      rebuilt.push(await must(send(page, 'replies/rank', { message: queries[round + 2], limit: 3 })));
    }
    console.log(
      `| ${size} | ${f(importMs)} | ${f(first)} | ${f(median(warm))} | ${f(quantile(warm, 0.99))} | ${f(median(floor))} | ${f(median(persisted))} | ${f(median(rebuilt))} |`,
    );
    const ok = median(persisted) < median(rebuilt);
    if (!ok) missed++;
    verdicts.push(`  ${ok ? 'PASS' : 'MISS'}  waking with the persisted index beats rebuilding at ${size}: ${f(median(persisted))} vs ${f(median(rebuilt))} ms (floor ${f(median(floor))})`);
  } finally {
    await session.close();
  }
}
console.log('\nTargets:');
for (const v of verdicts) console.log(v);
console.log(missed ? `\n${missed} target(s) missed` : '\nall targets met');
