/**
 * Reply-ranking benchmark (`npm run bench -- replies.bench`, issue 3 "Benchmark"). Libraries of
 * 1,000, 10,000 and 50,000 replies are grown from the labelled library by variation
 * (replies-library.ts), so they are full of near-duplicates and precision@3 is measurable: the
 * share of the top three whose intent is one the labelled message accepts. Queries are the 110 labelled customer messages plus 200 longer DMs joined from
 * them. In the same run and process the same numbers are measured for MiniSearch 7.2.0 set up with
 * Baton's own normaliser, tokenizer, stop words and stemmer (the baseline).
 *
 * Also measured, for the decision where the index lives: serializing the index through V8's
 * structured clone (what IndexedDB does) and loading it back, against rebuilding it.
 *
 * Targets: p99 < 1 ms at 10,000 replies; p99 >= 10x faster than the baseline; precision@3 >= the
 * baseline's in English and in Arabic. Set BATON_BENCH_SIZES=1000,10000 to run fewer sizes.
 */
import { registerHooks } from 'node:module';
import { loadavg } from 'node:os';
import v8 from 'node:v8';
import vm from 'node:vm';

// lib/ uses extensionless relative imports (bundler style); Node's type stripping needs ".ts".
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

type Lib = typeof import('../../lib/replies/index.ts');
type TextLib = typeof import('../../lib/replies/text.ts');
type Reply = import('../../lib/replies/index.ts').Reply;
const lib: Lib = await import('../../lib/replies/index.ts');
const text: TextLib = await import('../../lib/replies/text.ts');
const { default: MiniSearch } = await import('minisearch');
const { generator, labelledSet } = await import('./replies-library.ts');

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const SIZES = (process.env.BATON_BENCH_SIZES ?? '1000,10000,50000').split(',').map(Number);
const ROUNDS = 5;

const { libraryJson, messages: labelled } = labelledSet();
const parsed = lib.parseReplyLibrary(libraryJson, { now: 0 });
if (!parsed.ok) throw new Error('the labelled library does not parse');
const gold = parsed.replies;

// ---- library and queries --------------------------------------------------------------------
const gen = generator();
const rand = gen.rand;
const byLang = { en: labelled.filter((m) => m.language === 'en'), ar: labelled.filter((m) => m.language === 'ar') };
const latencyQueries = [...labelled.map((m) => m.text), ...gen.longDms(labelled, 200)];

// ---- engines ---------------------------------------------------------------------------------
interface Engine {
  name: string;
  build(replies: Reply[]): unknown;
  top3(index: unknown, message: string): string[];
}

const approvedEverywhere = { eligible: () => true };
const baton: Engine = {
  name: 'Baton BM25F',
  build: (replies) => lib.buildReplyIndex(replies),
  top3: (index, message) => lib.queryReplyIndex(index as ReturnType<Lib['buildReplyIndex']>, message, { limit: 3, ...approvedEverywhere }).map((h) => h.reply.id),
};

interface MiniDoc {
  doc: number;
  reply: string;
  lang: string;
  title: string;
  tags: string;
  body: string;
}
const miniSearch: Engine = {
  name: 'MiniSearch + Baton analyser',
  build(replies) {
    const ms = new MiniSearch<MiniDoc>({
      idField: 'doc',
      fields: ['title', 'tags', 'body'],
      storeFields: ['reply', 'lang'],
      tokenize: (t) => text.tokenizeNormalized(text.normalize(t)),
      processTerm: (t) => {
        if (text.isStopWord(t)) return null;
        const s = text.stem(t);
        const k = text.arabicSkeleton(s);
        return k ? [s, k] : s;
      },
      searchOptions: { boost: { title: 3, tags: 2.5 }, combineWith: 'OR' },
    });
    let doc = 0;
    const docs: MiniDoc[] = [];
    for (const r of replies) {
      for (const [lang, body] of Object.entries(r.bodies)) docs.push({ doc: doc++, reply: r.id, lang, title: r.title, tags: r.tags.join(' '), body });
    }
    ms.addAll(docs);
    return ms;
  },
  top3(index, message) {
    const lang = text.detectLanguage(message);
    const results = (index as InstanceType<typeof MiniSearch<MiniDoc>>).search(message, lang ? { filter: (r) => r.lang === lang } : {});
    const out: string[] = [];
    for (const r of results) {
      const id = r.reply as string;
      if (!out.includes(id)) out.push(id);
      if (out.length === 3) break;
    }
    return out;
  },
};

// ---- measurement -----------------------------------------------------------------------------
/** Build and (de)serialisation time is this thread's CPU time (ms), blind to other jobs' load. */
const cpu = () => {
  const u = process.threadCpuUsage();
  return (u.user + u.system) / 1000;
};
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};

interface Row {
  engine: string;
  size: number;
  buildMs: number;
  heapMb: number;
  p50: number;
  p99: number;
  wallP99: number;
  precision: { en: number; ar: number };
  hit: { en: number; ar: number };
}

function measure(engine: Engine, replies: Reply[], intent: Map<string, string>, builds: number): Row {
  const times: number[] = [];
  // Each built index is dropped (held.length = 0) before the next build and the heap baseline.
  const held: unknown[] = [];
  for (let i = 0; i < builds; i++) {
    held.length = 0;
    gc();
    const t0 = cpu();
    held.push(engine.build(replies));
    times.push(cpu() - t0);
  }
  held.length = 0;
  gc();
  gc();
  const before = process.memoryUsage();
  const index = engine.build(replies);
  gc();
  gc();
  const after = process.memoryUsage();
  const heapMb = (after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers) / 1024 / 1024;

  const precision = { en: 0, ar: 0 };
  const hit = { en: 0, ar: 0 };
  for (const m of labelled) {
    const top = engine.top3(index, m.text);
    const good = top.filter((id) => m.expected.includes(intent.get(id)!)).length;
    // Counts first, one division at the end: equal results compare equal.
    precision[m.language] += good;
    hit[m.language] += good > 0 ? 1 : 0;
  }
  for (const lang of ['en', 'ar'] as const) {
    precision[lang] /= 3 * byLang[lang].length;
    hit[lang] /= byLang[lang].length;
  }

  for (const q of latencyQueries.slice(0, 100)) engine.top3(index, q); // warm-up
  // Each query runs ROUNDS times (rounds in shuffled order); its latency is its fastest run, which
  // removes time the scheduler gave to other jobs on this shared machine but keeps slow queries
  // slow. The plain wall-clock p99 over every run is printed beside it.
  const best = new Array<number>(latencyQueries.length).fill(Infinity);
  const wall: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const order = latencyQueries.map((_, i) => i).sort(() => rand() - 0.5);
    for (const i of order) {
      const t0 = performance.now();
      engine.top3(index, latencyQueries[i]!);
      const dt = performance.now() - t0;
      wall.push(dt);
      if (dt < best[i]!) best[i] = dt;
    }
  }
  return { engine: engine.name, size: replies.length, buildMs: median(times), heapMb, p50: quantile(best, 0.5), p99: quantile(best, 0.99), wallP99: quantile(wall, 0.99), precision, hit };
}

const f = (x: number, d = 3) => x.toFixed(d);
let missed = 0;
function verdict(ok: boolean, what: string, detail: string) {
  if (!ok) missed++;
  console.log(`  ${ok ? 'PASS' : 'MISS'}  ${what}: ${detail}`);
}

console.log(`node ${process.version}, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
console.log(`labelled set: ${gold.length} replies, ${byLang.en.length} English + ${byLang.ar.length} Arabic messages; latency set ${latencyQueries.length} messages`);
console.log('\nBuild: thread CPU ms. p50/p99: over queries, each its fastest of ' + ROUNDS + ' runs; "wall p99": every run, scheduling delays included.');
console.log('\n| engine | replies | build ms | heap MB | p50 ms | p99 ms | wall p99 ms | P@3 en | P@3 ar | hit@3 en | hit@3 ar |');
console.log('|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|');
const rows: Row[] = [];
const persist: string[] = [];
for (const size of SIZES) {
  const { replies, intent } = gen.library(gold, size);
  for (const engine of [baton, miniSearch]) {
    const row = measure(engine, replies, intent, size >= 50_000 ? 2 : 3);
    rows.push(row);
    console.log(
      `| ${row.engine} | ${size} | ${f(row.buildMs, 0)} | ${f(row.heapMb, 1)} | ${f(row.p50)} | ${f(row.p99)} | ${f(row.wallP99)} | ${f(row.precision.en, 2)} | ${f(row.precision.ar, 2)} | ${f(row.hit.en, 2)} | ${f(row.hit.ar, 2)} |`,
    );
  }
  // Persisting: structured clone (what IndexedDB stores) out and back in, against a rebuild.
  const index = lib.buildReplyIndex(replies);
  const ser: number[] = [];
  const load: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 3; i++) {
    const t0 = cpu();
    const blob = v8.serialize(lib.serializeReplyIndex(index));
    const t1 = cpu();
    const back = lib.deserializeReplyIndex(v8.deserialize(blob));
    const t2 = cpu();
    if (!back) throw new Error('the serialized index did not load');
    bytes = blob.length;
    ser.push(t1 - t0);
    load.push(t2 - t1);
  }
  persist.push(`| ${size} | ${f(rows.find((r) => r.size === size && r.engine === baton.name)!.buildMs, 0)} | ${f(median(ser), 1)} | ${f(median(load), 1)} | ${f(bytes / 1024 / 1024, 1)} |`);
}

console.log('\nIndex persistence (V8 structured clone, as IndexedDB stores it):');
console.log('| replies | rebuild ms | serialize ms | load ms | size MB |');
console.log('|--:|--:|--:|--:|--:|');
for (const line of persist) console.log(line);

console.log('\nTargets:');
for (const size of SIZES) {
  const b = rows.find((r) => r.size === size && r.engine === baton.name)!;
  const m = rows.find((r) => r.size === size && r.engine === miniSearch.name)!;
  if (size === 10_000) verdict(b.p99 < 1, 'p99 under 1 ms at 10,000 replies', `${f(b.p99)} ms`);
  verdict(m.p99 / b.p99 >= 10, `>= 10x faster than the baseline at ${size} (p99)`, `${f(m.p99 / b.p99, 1)}x (p50 ${f(m.p50 / b.p50, 1)}x)`);
  for (const lang of ['en', 'ar'] as const) {
    verdict(b.precision[lang] >= m.precision[lang], `precision@3 ${lang} >= baseline at ${size}`, `${f(b.precision[lang], 3)} vs ${f(m.precision[lang], 3)}`);
  }
}
const labelledOnly = measure(baton, gold, new Map(gold.map((r) => [r.id, r.id])), 1);
for (const lang of ['en', 'ar'] as const) {
  verdict(labelledOnly.hit[lang] >= 0.9, `hit@3 ${lang} on the labelled ${gold.length}-reply library >= 0.9`, f(labelledOnly.hit[lang], 2));
}
console.log(missed ? `\n${missed} target(s) missed` : '\nall targets met');
