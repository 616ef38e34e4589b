/**
 * Canned replies: the public API used by the import UI, the suggestions panel, the library
 * editor, the background and the tests. Pure (no browser API): safe in any context.
 *
 * Model (schema.ts)
 *   ReplySchema / Reply               a stored reply (DESIGN §6); ReplyContentSchema is the
 *                                     editable part the library editor validates field by field.
 *   isOffered(reply, now)             approved and not expired.
 *   STARTER_REPLIES                   ~20 English + Arabic replies seeded on first run.
 *
 * Variables (variables.ts)
 *   validateTemplate(body)            problems (unknown name, bad fallback, two cursors, unclosed).
 *   renderTemplate(body, values)      → { text, cursor, missing }: fallbacks applied; names with no
 *                                     value and no fallback are listed in `missing` (ask first).
 *   variableValues({ customerName, agentName, brandName, platformLabel }) → values (first names
 *                                     derived); variablesOf(body) → names used.
 *
 * Files (format.ts, csv.ts; formats in FORMAT.md)
 *   parseReplyLibrary(json, opts?)    → { ok: true, replies } | { ok: false, errors }; all or nothing.
 *   parseReplyLibraryCsv(csv, opts?)  the same for CSV.
 *   exportReplyLibrary(replies) / exportReplyLibraryCsv(replies) → file text (round-trips).
 *   findDuplicates(replies, where, existing) for merging a file into a stored library.
 *
 * Ranking (rank.ts, text.ts)
 *   buildReplyIndex(replies)          build once per library change (≈50 ms per 1,000 replies).
 *   queryReplyIndex(index, message, { platform, limit, recentUse, crisis, prefix, language,
 *                                     fallbackLanguage, eligible, now })
 *                                     → [{ reply, language, score }] best first; insert
 *                                     reply.bodies[language]. `prefix`: the agent is typing (last
 *                                     word by prefix; an exact shortcut, "/" optional, comes
 *                                     first). `language`: answer in the conversation's language.
 *   rankReplies(message, replies, opts) → replies best first (builds an index per call).
 *   serializeReplyIndex / deserializeReplyIndex   persist an index (IndexedDB structured clone).
 *   detectLanguage(text), normalize(text), analyze(text)   the analyser, exported for tests/UI.
 *
 * Messages (messages.ts, not re-exported here: import them from '@/lib/replies/messages')
 *   suggestReplies ('replies/rank') and replyUsed for the panel; listReplies, saveReply,
 *   retireReply, importReplies, exportReplies for the options page. The background owns the
 *   library and the index (entrypoints/background/replies.ts).
 *
 * A content script that only fills in a chosen reply should import '@/lib/replies/variables'
 * directly, so the bundle does not carry the schemas, file formats and ranker.
 */
export * from './schema';
export * from './variables';
export { STARTER_REPLIES } from './starter';
export {
  LIBRARY_FILE_VERSION,
  FileReplySchema,
  parseReplyLibrary,
  exportReplyLibrary,
  findDuplicates,
  type FileReply,
  type ImportError,
  type ImportErrorCode,
  type ImportOptions,
  type ImportResult,
} from './format';
export { CSV_COLUMNS, parseReplyLibraryCsv, exportReplyLibraryCsv } from './csv';
export { buildReplyIndex, queryReplyIndex, rankReplies, type QueryOptions, type RankedReply, type ReplyIndex } from './rank';
export { serializeReplyIndex, deserializeReplyIndex, type SerializedReplyIndex } from './persist';
export { analyze, detectLanguage, normalize, primaryLanguage, stem, stemArabic, stemEnglish, tokenizeNormalized } from './text';
