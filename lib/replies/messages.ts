/**
 * The reply library's messages between the panel (content script), the options page and the
 * background, which alone reads and writes the library in IndexedDB (DESIGN §2). Handlers live in
 * entrypoints/background/replies.ts.
 *
 *   replies/list     options  → every stored reply (retired too; the editor filters)
 *   replies/save     options  → create or update one reply; field errors instead of throwing
 *   replies/retire   options  → status "retired", version + 1
 *   replies/import   options  → a JSON or CSV file, merged or replacing; all or nothing
 *   replies/export   options  → the library as a JSON or CSV file
 *   replies/rank     panel, options → the best replies for a customer message or a typed query
 *   replies/used     panel    → record that a reply was inserted (boosts it in later rankings)
 */
import { z } from 'zod';
import { defineMessage } from '../messaging';
import { PLATFORM_IDS } from '../platforms/types';
import { LIMITS, ReplyIdSchema, ReplySchema } from './schema';

export const ReplyUsageRecordSchema = z.strictObject({
  id: ReplyIdSchema,
  lastUsedAt: z.number().int().nonnegative(),
  count: z.number().int().positive(),
});
export type ReplyUsageRecord = z.infer<typeof ReplyUsageRecordSchema>;

/** A problem with one field of a reply being saved (`field` is a dotted path, e.g. `bodies.ar`). */
export const FieldErrorSchema = z.strictObject({
  code: z.enum(['invalid', 'duplicateShortcut', 'duplicateTitle', 'notFound', 'conflict']),
  field: z.string().max(200).optional(),
  message: z.string().max(2000),
});
export type FieldError = z.infer<typeof FieldErrorSchema>;

export const ImportErrorSchema = z.strictObject({
  code: z.enum([
    'tooLarge',
    'tooMany',
    'malformed',
    'notALibrary',
    'unsupportedVersion',
    'invalid',
    'duplicateId',
    'duplicateShortcut',
    'duplicateTitle',
    'tooManyErrors',
  ]),
  record: z.number().int().positive().optional(),
  line: z.number().int().positive().optional(),
  field: z.string().max(200).optional(),
  message: z.string().max(2000),
});

const OwnerSchema = z.string().max(LIMITS.ownerChars);

export const listReplies = defineMessage('replies/list', {
  from: ['extension'],
  request: z.null(),
  response: z.array(ReplySchema),
});

export const saveReply = defineMessage('replies/save', {
  from: ['extension'],
  request: z.strictObject({
    /** Absent: a new reply. */
    id: ReplyIdSchema.optional(),
    /** The editable fields, validated by the handler so each problem comes back per field. */
    content: z.unknown(),
    owner: OwnerSchema,
    /** The version the editor started from: a save over a newer version is refused. */
    expectedVersion: z.number().int().positive().optional(),
  }),
  response: z.union([
    z.strictObject({ ok: z.literal(true), reply: ReplySchema }),
    z.strictObject({ ok: z.literal(false), errors: z.array(FieldErrorSchema) }),
  ]),
});

export const retireReply = defineMessage('replies/retire', {
  from: ['extension'],
  request: z.strictObject({ id: ReplyIdSchema, owner: OwnerSchema }),
  response: ReplySchema,
});

export const LibraryFileFormatSchema = z.enum(['json', 'csv']);

export const importReplies = defineMessage('replies/import', {
  from: ['extension'],
  request: z.strictObject({
    format: LibraryFileFormatSchema,
    text: z.string().max(LIMITS.fileBytes),
    /** merge: replies with a stored id are replaced, others added; replace: the file becomes the library. */
    mode: z.enum(['merge', 'replace']),
    owner: OwnerSchema,
  }),
  response: z.union([
    z.strictObject({ ok: z.literal(true), imported: z.number().int().nonnegative(), total: z.number().int().nonnegative() }),
    z.strictObject({ ok: z.literal(false), errors: z.array(ImportErrorSchema) }),
  ]),
});

export const exportReplies = defineMessage('replies/export', {
  from: ['extension'],
  request: z.strictObject({ format: LibraryFileFormatSchema }),
  response: z.strictObject({ text: z.string(), filename: z.string() }),
});

export const RankRequestSchema = z.strictObject({
  /** The customer's last inbound message, or what the agent typed in the panel's search. */
  message: z.string().max(10_000),
  platform: z.enum(PLATFORM_IDS).optional(),
  limit: z.number().int().min(1).max(50).optional(),
  /** Crisis mode: only crisis-safe replies. */
  crisis: z.boolean().optional(),
  /** The agent is typing a query: the last word matches by prefix. */
  prefix: z.boolean().optional(),
  /** Answer in this language (the conversation's) rather than the language of `message`. */
  language: z.string().max(35).optional(),
  /** Language for a message without letters (emoji only), e.g. the UI language. */
  fallbackLanguage: z.string().max(35).optional(),
});

export const RankedReplySchema = z.strictObject({
  reply: ReplySchema,
  language: z.string(),
  score: z.number(),
});

export const suggestReplies = defineMessage('replies/rank', {
  from: ['content', 'extension'],
  request: RankRequestSchema,
  response: z.array(RankedReplySchema),
});

export const replyUsed = defineMessage('replies/used', {
  from: ['content', 'extension'],
  request: z.strictObject({ id: ReplyIdSchema }),
  response: z.null(),
});
