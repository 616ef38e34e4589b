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

/** Null when the value is not a serialized index of this format (then rebuild). */
export function deserializeReplyIndex(value: unknown): ReplyIndex | null {
  if (typeof value !== 'object' || value === null || (value as { format?: unknown }).format !== INDEX_FORMAT) return null;
  const s = value as SerializedReplyIndex;
  const replies = JSON.parse(s.replies) as Reply[];
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
