/**
 * A reply index in a form IndexedDB stores cheaply (structured clone of a few typed arrays and
 * strings, no per-term objects), so a background worker woken after idle loads it instead of
 * rebuilding it (measured in tests/bench/replies.bench.ts). The replies travel as one JSON string
 * for the same reason. A stored index whose `format` differs is ignored and rebuilt.
 */
import type { Reply } from './schema';
import type { ReplyIndex } from './rank';

export const INDEX_FORMAT = 1;

export interface SerializedReplyIndex {
  format: typeof INDEX_FORMAT;
  replies: string;
  docReply: Int32Array;
  docLang: Uint16Array;
  languages: string[];
  langDocs: number[];
  /** Terms joined by "\n" (terms are letters and digits only). */
  terms: string;
  postStart: Int32Array;
  postDoc: Int32Array;
  postWeight: Float32Array;
  sortedTerms: Int32Array;
  /** Trigram keys joined by "\n", and their term lists concatenated. */
  gramKeys: string;
  gramStart: Int32Array;
  gramTerms: Int32Array;
  platformMask: Uint8Array;
}

export function serializeReplyIndex(index: ReplyIndex): SerializedReplyIndex {
  const keys = [...index.grams.keys()];
  const gramStart = new Int32Array(keys.length + 1);
  let total = 0;
  keys.forEach((k, i) => {
    gramStart[i] = total;
    total += index.grams.get(k)!.length;
  });
  gramStart[keys.length] = total;
  const gramTerms = new Int32Array(total);
  keys.forEach((k, i) => gramTerms.set(index.grams.get(k)!, gramStart[i]));
  return {
    format: INDEX_FORMAT,
    replies: JSON.stringify(index.replies),
    docReply: index.docReply,
    docLang: index.docLang,
    languages: [...index.languages],
    langDocs: [...index.langDocs],
    terms: index.termList.join('\n'),
    postStart: index.postStart,
    postDoc: index.postDoc,
    postWeight: index.postWeight,
    sortedTerms: index.sortedTerms,
    gramKeys: keys.join('\n'),
    gramStart,
    gramTerms,
    platformMask: index.platformMask,
  };
}

const TYPED: Record<string, new (...args: never[]) => unknown> = {
  docReply: Int32Array,
  docLang: Uint16Array,
  postStart: Int32Array,
  postDoc: Int32Array,
  postWeight: Float32Array,
  sortedTerms: Int32Array,
  gramStart: Int32Array,
  gramTerms: Int32Array,
  platformMask: Uint8Array,
};

/** Does a stored value have the shape of a serialized index (it may be old or damaged)? */
function looksSerialized(value: unknown): value is SerializedReplyIndex {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    v.format === INDEX_FORMAT &&
    typeof v.replies === 'string' &&
    typeof v.terms === 'string' &&
    typeof v.gramKeys === 'string' &&
    Array.isArray(v.languages) &&
    Array.isArray(v.langDocs) &&
    Object.entries(TYPED).every(([k, type]) => v[k] instanceof type)
  );
}

/** Null when the value is not an intact serialized index of this format (then rebuild). */
export function deserializeReplyIndex(value: unknown): ReplyIndex | null {
  if (!looksSerialized(value)) return null;
  const s = value;
  let replies: Reply[];
  try {
    replies = JSON.parse(s.replies) as Reply[];
  } catch {
    return null;
  }
  if (!Array.isArray(replies)) return null;
  const termList = s.terms === '' ? [] : s.terms.split('\n');
  const terms = new Map<string, number>();
  termList.forEach((t, i) => terms.set(t, i));
  const grams = new Map<string, Int32Array>();
  if (s.gramKeys !== '') {
    s.gramKeys.split('\n').forEach((k, i) => grams.set(k, s.gramTerms.subarray(s.gramStart[i], s.gramStart[i + 1])));
  }
  const byId = new Map<string, number>();
  replies.forEach((r, i) => byId.set(r.id, i));
  return {
    replies,
    docReply: s.docReply,
    docLang: s.docLang,
    languages: s.languages,
    langDocs: s.langDocs,
    terms,
    termList,
    postStart: s.postStart,
    postDoc: s.postDoc,
    postWeight: s.postWeight,
    sortedTerms: s.sortedTerms,
    grams,
    platformMask: s.platformMask,
    byId,
  };
}
