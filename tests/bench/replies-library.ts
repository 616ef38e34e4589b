/**
 * Benchmark libraries for reply ranking, shared by replies.bench.ts (Node) and
 * replies-worker.bench.ts (the built extension in Chromium). Libraries of any size are grown from
 * the labelled library (tests/fixtures/replies) by variation: every generated reply rewrites one
 * labelled reply (sentences dropped and reordered, product and campaign names from a Zipf
 * vocabulary mixed in, tags swapped, tashkeel added to a fifth of the Arabic bodies) and keeps its
 * intent, so the libraries are full of near-duplicates and precision@3 is measurable.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Reply } from '../../lib/replies/index.ts';

export interface Labelled {
  id: string;
  language: 'en' | 'ar';
  text: string;
  expected: string[];
}

const fixtures = path.resolve(import.meta.dirname, '../fixtures/replies');

/** The labelled library file's text and its messages. */
export function labelledSet(): { libraryJson: string; messages: Labelled[] } {
  return {
    libraryJson: readFileSync(path.join(fixtures, 'library.json'), 'utf8'),
    messages: (JSON.parse(readFileSync(path.join(fixtures, 'messages.json'), 'utf8')) as { messages: Labelled[] }).messages,
  };
}

export function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seeded generator of libraries and long DMs. */
export function generator(seed = 20261126) {
  const rand = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

  /** A Zipf-distributed pseudo-vocabulary (product, campaign and place names) per script. */
  function vocabulary(syllables: string[], size: number): () => string {
    const words = Array.from({ length: size }, () => Array.from({ length: 2 + Math.floor(rand() * 2) }, () => pick(syllables)).join(''));
    const cdf: number[] = [];
    let sum = 0;
    for (let i = 1; i <= size; i++) cdf.push((sum += 1 / i));
    return () => {
      const x = rand() * sum;
      let lo = 0;
      let hi = size - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cdf[mid]! < x) lo = mid + 1;
        else hi = mid;
      }
      return words[lo]!;
    };
  }
  const enWord = vocabulary('ka lo ri ven tar mo zel bri san dor fi lux ne qua pol tem'.split(' '), 20_000);
  const arWord = vocabulary('سا لو ري فن تار مو زل بر سن دور في لكس نو كا بول تم'.split(' '), 20_000);
  const TASHKEEL = ['\u064e', '\u064f', '\u0650', '\u0652', '\u0651'];

  function vary(original: string, word: () => string, tashkeel: boolean): string {
    // Variables stay whole: each becomes one space-free placeholder while the text is varied.
    const variables: string[] = [];
    const body = original.replace(/\{\{[^}]*\}\}/g, (v) => `\uE000${variables.push(v) - 1}\uE000`);
    const sentences = body.split(/(?<=[.!?؟،,])\s+/);
    const kept = sentences.filter(() => rand() < 0.8);
    if (kept.length === 0) kept.push(sentences[0]!);
    if (rand() < 0.3) kept.reverse();
    const words = kept.join(' ').split(' ');
    for (let n = 2 + Math.floor(rand() * 8); n > 0; n--) words.splice(Math.floor(rand() * words.length), 0, word());
    let out = words.join(' ');
    if (tashkeel) out = [...out].map((c) => (/[\u0621-\u064a]/.test(c) && rand() < 0.3 ? c + pick(TASHKEEL) : c)).join('');
    return out.replace(/\uE000(\d+)\uE000/g, (_, i: string) => variables[Number(i)]!);
  }

  return {
    rand,
    pick,
    /** `size` replies: the labelled ones, then variations; `intent` maps every id to a labelled id. */
    library(gold: readonly Reply[], size: number): { replies: Reply[]; intent: Map<string, string> } {
      const replies: Reply[] = [...gold];
      const intent = new Map(gold.map((r) => [r.id, r.id]));
      for (let i = replies.length; i < size; i++) {
        const base = pick(gold);
        const id = `${base.id}:${i}`;
        intent.set(id, base.id);
        replies.push({
          ...base,
          id,
          title: `${base.title} (${enWord()} ${enWord()} ${i})`,
          tags: [...base.tags.filter(() => rand() < 0.7), enWord(), arWord()],
          bodies: { en: vary(base.bodies.en!, enWord, false), ar: vary(base.bodies.ar!, arWord, rand() < 0.2) },
        });
      }
      return { replies, intent };
    },
    /** Longer DMs (2–4 labelled messages of one language joined), for latency. */
    longDms(messages: readonly Labelled[], count: number): string[] {
      const en = messages.filter((m) => m.language === 'en');
      const ar = messages.filter((m) => m.language === 'ar');
      return Array.from({ length: count }, (_, i) => {
        const set = i % 2 ? ar : en;
        return Array.from({ length: 2 + Math.floor(rand() * 3) }, () => pick(set).text).join(' ');
      });
    },
  };
}
