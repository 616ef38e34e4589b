/**
 * On-device ranking of saved replies for a customer message (DESIGN §6). One document per
 * (reply, body language); BM25F over title, tags, shortcut and body with saturated weights
 * precomputed per posting, so a query only adds numbers from a few posting lists and keeps the
 * top k. Query words missing from the vocabulary are matched to vocabulary words one or two
 * edits away through a character-trigram index (typos), and the word the agent is still typing
 * matches by prefix. Platform fit and recent use multiply the text score; they never make an
 * unrelated reply appear.
 *
 * research/performance.md §2 measured this design against MiniSearch/flexsearch/Fuse.js; the
 * benchmark (tests/bench/replies.bench.ts) re-measures it against MiniSearch on every run.
 */
import { PLATFORM_IDS, type PlatformId } from '../platforms/types';
import { duplicateKey, isOffered, type Reply } from './schema';
import { analyze, arabicSkeleton, detectLanguage, primaryLanguage, stem, termOf, words } from './text';

/** Field weights and BM25 constants. Title and tags are written to be found; bodies are long. */
const FIELDS = [
  { name: 'title', weight: 3, b: 0.5 },
  { name: 'tags', weight: 2.5, b: 0.3 },
  { name: 'shortcut', weight: 2, b: 0 },
  { name: 'body', weight: 1, b: 0.75 },
] as const;
const K1 = 1.2;
/** Typo matches count for less than exact ones. */
const FUZZY_WEIGHT = [1, 0.75, 0.5];
const PREFIX_WEIGHT = 0.8;
const SKELETON_WEIGHT = 0.5;
const PLATFORM_FIT = 1.25;
const PLATFORM_MISFIT = 0.6;
const RECENT_BOOST = 0.3;

export interface ReplyIndex {
  /** The replies indexed, in document order of their first language. */
  readonly replies: readonly Reply[];
  /** Document → reply position in `replies`. */
  readonly docReply: Int32Array;
  /** Document → primary language of its body (index into `languages`). */
  readonly docLang: Uint16Array;
  readonly languages: readonly string[];
  /** Per language, how many documents (to fall back when the message's language has none). */
  readonly langDocs: readonly number[];
  /** Term → id; postings of term t are postDoc/postWeight[postStart[t] .. postStart[t+1]). */
  readonly terms: ReadonlyMap<string, number>;
  readonly termList: readonly string[];
  readonly postStart: Int32Array;
  readonly postDoc: Int32Array;
  readonly postWeight: Float32Array;
  /** Term ids sorted by term, for prefix search. */
  readonly sortedTerms: Int32Array;
  /** Trigram → term ids (for typo tolerance). */
  readonly grams: ReadonlyMap<string, Int32Array>;
  /** Reply position → platforms bitmask (0 = every platform). */
  readonly platformMask: Uint8Array;
  /** Reply id → reply position. */
  readonly byId: ReadonlyMap<string, number>;
}

export interface QueryOptions {
  /** The platform of the open thread: replies made for it rank higher, ones made for others lower. */
  platform?: PlatformId;
  /** How many to return (default 3). */
  limit?: number;
  /** Reply ids the agent used recently, most recent first. */
  recentUse?: readonly string[];
  /** Which replies may be offered. Default: approved and not expired at `now`. */
  eligible?: (reply: Reply) => boolean;
  /** Crisis mode: only crisis-safe replies (DESIGN §6). */
  crisis?: boolean;
  /** For expiry (default Date.now()). */
  now?: number;
  /**
   * Answer in this language instead of the message's own (the panel's search: the agent types
   * English words or a shortcut while the customer wrote Arabic).
   */
  language?: string;
  /** Language to use when the message has no letters (emoji only). Default: no filter. */
  fallbackLanguage?: string;
  /** The agent is typing: the last word is a prefix ("refu" finds "refund"). */
  prefix?: boolean;
}

export interface RankedReply {
  reply: Reply;
  /** The body language that matched; insert `reply.bodies[language]`. */
  language: string;
  score: number;
}

/** Stems plus, for Arabic, their skeletons (see arabicSkeleton). */
function withSkeletons(stems: string[]): string[] {
  const out = stems.slice();
  for (const s of stems) {
    const k = arabicSkeleton(s);
    if (k) out.push(k);
  }
  return out;
}

function fieldTokens(reply: Reply, lang: string): string[][] {
  return [
    withSkeletons(analyze(reply.title)),
    withSkeletons(reply.tags.flatMap((t) => analyze(t))),
    reply.shortcut ? words(reply.shortcut) : [],
    withSkeletons(analyze(reply.bodies[lang] ?? '')),
  ];
}

function trigrams(term: string): string[] {
  const padded = `_${term}_`;
  const out: string[] = [];
  for (let i = 0; i + 3 <= padded.length; i++) out.push(padded.slice(i, i + 3));
  return out;
}

/** Build the index. Linear in the library's size (about 50 ms per 1,000 replies on a slow CPU). */
export function buildReplyIndex(replies: readonly Reply[]): ReplyIndex {
  const languages: string[] = [];
  const langId = new Map<string, number>();
  const docReply: number[] = [];
  const docLang: number[] = [];
  const docFields: string[][][] = [];
  const byId = new Map<string, number>();
  const platformMask = new Uint8Array(replies.length);
  replies.forEach((reply, r) => {
    byId.set(reply.id, r);
    let mask = 0;
    for (const p of reply.platforms) mask |= 1 << PLATFORM_IDS.indexOf(p);
    platformMask[r] = mask;
    for (const lang of Object.keys(reply.bodies)) {
      const primary = primaryLanguage(lang);
      let l = langId.get(primary);
      if (l === undefined) {
        l = languages.length;
        languages.push(primary);
        langId.set(primary, l);
      }
      docReply.push(r);
      docLang.push(l);
      docFields.push(fieldTokens(reply, lang));
    }
  });
  const nDocs = docReply.length;

  // Average field lengths per language (an Arabic body is not compared with English ones).
  const avg = languages.map(() => FIELDS.map(() => 0));
  const langDocs = languages.map(() => 0);
  for (let d = 0; d < nDocs; d++) {
    const l = docLang[d]!;
    langDocs[l]!++;
    docFields[d]!.forEach((toks, f) => (avg[l]![f]! += toks.length));
  }
  avg.forEach((fields, l) => fields.forEach((sum, f) => (fields[f] = sum / Math.max(1, langDocs[l]!) || 1)));

  // Pseudo term frequency per (term, doc): Σ fields weight·tf / length norm (BM25F).
  const terms = new Map<string, number>();
  const termList: string[] = [];
  const postings: number[][] = []; // per term: doc, tf, doc, tf, …
  for (let d = 0; d < nDocs; d++) {
    const l = docLang[d]!;
    const tf = new Map<number, number>();
    docFields[d]!.forEach((toks, f) => {
      const field = FIELDS[f]!;
      const norm = 1 - field.b + (field.b * toks.length) / avg[l]![f]!;
      for (const tok of toks) {
        let t = terms.get(tok);
        if (t === undefined) {
          t = termList.length;
          terms.set(tok, t);
          termList.push(tok);
          postings.push([]);
        }
        tf.set(t, (tf.get(t) ?? 0) + field.weight / norm);
      }
    });
    for (const [t, v] of tf) postings[t]!.push(d, v);
  }

  const nTerms = termList.length;
  const postStart = new Int32Array(nTerms + 1);
  let total = 0;
  for (let t = 0; t < nTerms; t++) {
    postStart[t] = total;
    total += postings[t]!.length / 2;
  }
  postStart[nTerms] = total;
  const postDoc = new Int32Array(total);
  const postWeight = new Float32Array(total);
  for (let t = 0; t < nTerms; t++) {
    const list = postings[t]!;
    const df = list.length / 2;
    const idf = Math.log(1 + (nDocs - df + 0.5) / (df + 0.5));
    let at = postStart[t]!;
    for (let i = 0; i < list.length; i += 2) {
      const tfw = list[i + 1]!;
      postDoc[at] = list[i]!;
      postWeight[at] = (idf * tfw * (K1 + 1)) / (tfw + K1);
      at++;
    }
  }

  const sortedTerms = Int32Array.from(termList.keys()).sort((a, b) =>
    termList[a]! < termList[b]! ? -1 : termList[a]! > termList[b]! ? 1 : 0,
  );

  const gramLists = new Map<string, number[]>();
  for (let t = 0; t < nTerms; t++) {
    const term = termList[t]!;
    if (term.length < 3 || /\d/.test(term)) continue;
    for (const g of new Set(trigrams(term))) {
      let list = gramLists.get(g);
      if (!list) gramLists.set(g, (list = []));
      list.push(t);
    }
  }
  const grams = new Map<string, Int32Array>();
  for (const [g, list] of gramLists) grams.set(g, Int32Array.from(list));

  return {
    replies,
    docReply: Int32Array.from(docReply),
    docLang: Uint16Array.from(docLang),
    languages,
    langDocs,
    terms,
    termList,
    postStart,
    postDoc,
    postWeight,
    sortedTerms,
    grams,
    platformMask,
    byId,
  };
}

/** Damerau–Levenshtein (optimal string alignment) distance, or max + 1 once it exceeds max. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const m = a.length;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n]!;
}

/** Scratch counters reused between queries (one per index size). */
let gramCounts = new Uint16Array(0);

/** Vocabulary terms within 1 edit (2 for long words) of a term that is not in the vocabulary. */
function typoMatches(index: ReplyIndex, term: string): { t: number; weight: number }[] {
  if (term.length < 4 || /\d/.test(term)) return [];
  const maxEdits = term.length >= 8 ? 2 : 1;
  const grams = [...new Set(trigrams(term))];
  if (gramCounts.length < index.termList.length) gramCounts = new Uint16Array(index.termList.length);
  const touched: number[] = [];
  for (const g of grams) {
    const list = index.grams.get(g);
    if (!list) continue;
    for (let i = 0; i < list.length; i++) {
      const t = list[i]!;
      if (gramCounts[t] === 0) touched.push(t);
      gramCounts[t]!++;
    }
  }
  // An edit changes at most 3 trigrams (a transposition 4); require the rest to be shared
  // before computing distances.
  const need = Math.max(2, grams.length - (maxEdits === 1 ? 4 : 7));
  const found: { t: number; weight: number }[] = [];
  for (const t of touched) {
    if (gramCounts[t]! >= need) {
      const d = editDistance(term, index.termList[t]!, maxEdits);
      if (d <= maxEdits) found.push({ t, weight: FUZZY_WEIGHT[d]! });
    }
    gramCounts[t] = 0;
  }
  found.sort((a, b) => b.weight - a.weight);
  return found.slice(0, 3);
}

/** Vocabulary terms starting with `prefix` (at most 30, the shortest are the likeliest). */
function prefixMatches(index: ReplyIndex, prefix: string): number[] {
  const { sortedTerms, termList } = index;
  let lo = 0;
  let hi = sortedTerms.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (termList[sortedTerms[mid]!]! < prefix) lo = mid + 1;
    else hi = mid;
  }
  const out: number[] = [];
  for (let i = lo; i < sortedTerms.length && out.length < 30; i++) {
    const t = sortedTerms[i]!;
    if (!termList[t]!.startsWith(prefix)) break;
    out.push(t);
  }
  return out;
}

/** The weighted terms of a message. */
function queryTerms(index: ReplyIndex, message: string, prefix: boolean): Map<number, number> {
  const weights = new Map<number, number>();
  const add = (t: number, w: number) => weights.set(t, Math.max(weights.get(t) ?? 0, w));
  const all = words(message);
  const last = all.length - 1;
  const typing = prefix && /[\p{L}\p{N}]$/u.test(message);
  all.forEach((word, i) => {
    if (typing && i === last) {
      const stemmed = stem(word);
      for (const t of prefixMatches(index, word)) add(t, PREFIX_WEIGHT);
      if (stemmed !== word) for (const t of prefixMatches(index, stemmed)) add(t, PREFIX_WEIGHT);
      const exact = index.terms.get(stemmed);
      if (exact !== undefined) add(exact, 1);
      return;
    }
    const s = termOf(word);
    if (s === null) return;
    const exact = index.terms.get(s) ?? index.terms.get(word);
    if (exact !== undefined) add(exact, 1);
    else for (const m of typoMatches(index, s)) add(m.t, m.weight);
    const skeleton = arabicSkeleton(s);
    const k = skeleton === null ? undefined : index.terms.get(skeleton);
    if (k !== undefined) add(k, SKELETON_WEIGHT);
  });
  return weights;
}

/**
 * Keep the MAX_TERMS rarest query terms (an Arabic word brings two: stem and skeleton). A long DM has many words that occur in half the library
 * ("order", "please"); their posting lists are the longest and their weights the smallest, so
 * dropping them bounds the worst-case query time at almost no cost in ranking.
 */
const MAX_TERMS = 24;
function informative(index: ReplyIndex, weights: Map<number, number>): Map<number, number> {
  if (weights.size <= MAX_TERMS) return weights;
  const df = (t: number) => index.postStart[t + 1]! - index.postStart[t]!;
  return new Map([...weights].sort((a, b) => df(a[0]) - df(b[0])).slice(0, MAX_TERMS));
}

/** Scratch score accumulator. */
let scores = new Float32Array(0);

const shortcutMaps = new WeakMap<ReplyIndex, Map<string, number>>();

/** The reply whose shortcut is exactly `typed` (a live reply before a retired one). */
function shortcutReply(index: ReplyIndex, typed: string): number | undefined {
  let map = shortcutMaps.get(index);
  if (!map) {
    const built = new Map<string, number>();
    index.replies.forEach((r, i) => {
      if (!r.shortcut) return;
      const key = duplicateKey(r.shortcut);
      const seen = built.get(key);
      if (seen === undefined || index.replies[seen]!.status === 'retired') built.set(key, i);
    });
    shortcutMaps.set(index, (map = built));
  }
  return map.get(duplicateKey(typed));
}

/**
 * Rank the index for a message; best first. With `prefix` (the agent typing in the panel's
 * search), a query that is exactly a reply's shortcut, with or without the leading "/", puts that
 * reply first.
 */
export function queryReplyIndex(index: ReplyIndex, message: string, opts: QueryOptions = {}): RankedReply[] {
  const limit = Math.max(1, Math.min(opts.limit ?? 3, 100));
  const now = opts.now ?? Date.now();
  const eligible = opts.eligible ?? ((r: Reply) => isOffered(r, now));
  const ok = (r: number) => {
    const reply = index.replies[r]!;
    return eligible(reply) && (!opts.crisis || reply.crisisSafe);
  };
  const hits = rankText(index, message, opts, limit, ok);
  const typed = message.trim().replace(/^\//, '');
  const r = opts.prefix && typed && !/\s/.test(typed) ? shortcutReply(index, typed) : undefined;
  if (r === undefined || !ok(r)) return hits;
  const reply = index.replies[r]!;
  const wanted = opts.language ?? opts.fallbackLanguage;
  const language =
    (wanted && Object.keys(reply.bodies).find((l) => primaryLanguage(l) === primaryLanguage(wanted))) ??
    hits.find((h) => h.reply === reply)?.language ??
    Object.keys(reply.bodies)[0]!;
  const first = { reply, language, score: (hits[0]?.score ?? 0) + 1 };
  return [first, ...hits.filter((h) => h.reply !== reply)].slice(0, limit);
}

function rankText(index: ReplyIndex, message: string, opts: QueryOptions, limit: number, ok: (r: number) => boolean): RankedReply[] {
  const detected = opts.language ?? detectLanguage(message) ?? opts.fallbackLanguage ?? null;
  const wanted = detected === null ? -1 : index.languages.indexOf(primaryLanguage(detected));
  // No body in the message's language: rank every language rather than show nothing.
  const lang = wanted >= 0 && index.langDocs[wanted]! > 0 ? wanted : -1;
  const platformBit = opts.platform ? 1 << PLATFORM_IDS.indexOf(opts.platform) : 0;
  const recent = new Map<number, number>();
  (opts.recentUse ?? []).slice(0, 50).forEach((id, i, all) => {
    const r = index.byId.get(id);
    if (r !== undefined && !recent.has(r)) recent.set(r, 1 + RECENT_BOOST * (1 - i / all.length));
  });
  const boost = (r: number) => {
    const mask = index.platformMask[r]!;
    const fit = !platformBit || mask === 0 ? 1 : mask & platformBit ? PLATFORM_FIT : PLATFORM_MISFIT;
    return fit * (recent.get(r) ?? 1);
  };

  const top: RankedReply[] = [];
  const topReply: number[] = [];
  const offer = (d: number, r: number, score: number) => {
    if (top.length === limit && score <= top[limit - 1]!.score) return;
    const already = topReply.indexOf(r);
    if (already >= 0) {
      if (top[already]!.score >= score) return;
      top.splice(already, 1);
      topReply.splice(already, 1);
    }
    let at = top.length;
    while (at > 0 && top[at - 1]!.score < score) at--;
    top.splice(at, 0, { reply: index.replies[r]!, language: index.languages[index.docLang[d]!]!, score });
    topReply.splice(at, 0, r);
    if (top.length > limit) {
      top.pop();
      topReply.pop();
    }
  };

  const weights = informative(index, queryTerms(index, message, opts.prefix ?? false));
  if (weights.size === 0) {
    // Nothing to match (empty, emoji only): recent replies first, then library order.
    const nDocs = index.docReply.length;
    for (let d = 0; d < nDocs; d++) {
      const r = index.docReply[d]!;
      if ((lang >= 0 && index.docLang[d] !== lang) || !ok(r)) continue;
      offer(d, r, 10 * (recent.get(r) ?? 0) + 1 - r / (index.replies.length + 1));
    }
    return top;
  }

  if (scores.length < index.docReply.length) scores = new Float32Array(index.docReply.length);
  const touched: number[] = [];
  const { postStart, postDoc, postWeight, docLang } = index;
  for (const [t, w] of weights) {
    for (let i = postStart[t]!, end = postStart[t + 1]!; i < end; i++) {
      const d = postDoc[i]!;
      if (lang >= 0 && docLang[d] !== lang) continue;
      if (scores[d] === 0) touched.push(d);
      scores[d]! += w * postWeight[i]!;
    }
  }
  for (const d of touched) {
    const r = index.docReply[d]!;
    const s = scores[d]!;
    scores[d] = 0;
    if (ok(r)) offer(d, r, s * boost(r));
  }
  return top;
}

/** One-shot ranking (builds an index each call; keep an index for repeated queries). */
export function rankReplies(message: string, replies: readonly Reply[], opts: QueryOptions = {}): Reply[] {
  return queryReplyIndex(buildReplyIndex(replies), message, opts).map((h) => h.reply);
}
