/**
 * The saved-reply model (DESIGN §6) as zod schemas. A reply has one title, a body per language
 * (plain text with variables, see variables.ts), tags, an optional shortcut, the platforms it
 * suits (empty = all), a status, a crisis-safe flag, and governance fields (version, owner,
 * timestamps, optional expiry). Timestamps are ms since the epoch, like every stored time in
 * Baton; the file formats (format.ts) write them as ISO 8601.
 */
import { z } from 'zod';
import { PLATFORM_IDS } from '../platforms/types';
import { validateTemplate } from './variables';

/** Limits that keep a library small enough to rank on the device and to send between contexts. */
export const LIMITS = {
  titleChars: 120,
  bodyChars: 5000,
  languages: 12,
  tags: 20,
  tagChars: 40,
  shortcutChars: 32,
  ownerChars: 120,
  idChars: 64,
  replies: 50_000,
  fileBytes: 20 * 1024 * 1024,
} as const;

export const REPLY_STATUSES = ['draft', 'approved', 'retired'] as const;
export const ReplyStatusSchema = z.enum(REPLY_STATUSES);
export type ReplyStatus = z.infer<typeof ReplyStatusSchema>;

export const PlatformIdSchema = z.enum(PLATFORM_IDS);

/** BCP 47 language tag as used for body keys: `en`, `ar`, `pt-BR`, `zh-Hant`. */
export const LanguageTagSchema = z
  .string()
  .regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'Use a language tag such as en, ar or pt-BR');

/** Ids are opaque; imported ids must be safe to show and to use as IndexedDB keys. */
export const ReplyIdSchema = z
  .string()
  .min(1)
  .max(LIMITS.idChars)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'Use letters, digits, dot, colon, underscore or hyphen');

/** A tag: letters (any script) and digits, with inner spaces, hyphens, dots, ampersands. */
export const TagSchema = z
  .string()
  .trim()
  .min(1)
  .max(LIMITS.tagChars)
  .regex(/^[\p{L}\p{N}][\p{L}\p{M}\p{N} _&.'-]*$/u, 'Tags use letters, digits, spaces, hyphens');

/** Typed after "/" in the panel: one word, any script, no spaces. */
export const ShortcutSchema = z
  .string()
  .min(1)
  .max(LIMITS.shortcutChars)
  .regex(/^[\p{L}\p{N}][\p{L}\p{M}\p{N}_-]*$/u, 'A shortcut is one word: letters, digits, _ or -');

/** A body: non-blank plain text whose variables are all known and with at most one cursor. */
export const BodySchema = z
  .string()
  .max(LIMITS.bodyChars)
  .refine((s) => s.trim().length > 0, 'The text is empty')
  .superRefine((body, ctx) => {
    for (const problem of validateTemplate(body)) ctx.addIssue({ code: 'custom', message: problem.message });
  });

export const BodiesSchema = z
  .record(LanguageTagSchema, BodySchema)
  .refine((b) => Object.keys(b).length > 0, 'A reply needs text in at least one language')
  .refine((b) => Object.keys(b).length <= LIMITS.languages, `At most ${LIMITS.languages} languages`);

const TimestampSchema = z.number().int().nonnegative().max(8.64e15);

/** The editable part of a reply (what the library editor and the import file provide). */
export const ReplyContentSchema = z.strictObject({
  title: z.string().trim().min(1, 'The title is empty').max(LIMITS.titleChars),
  bodies: BodiesSchema,
  tags: z.array(TagSchema).max(LIMITS.tags).default([]),
  shortcut: ShortcutSchema.nullable().default(null),
  /** Platforms the reply suits; empty means every platform. */
  platforms: z.array(PlatformIdSchema).max(PLATFORM_IDS.length).default([]),
  status: ReplyStatusSchema.default('draft'),
  crisisSafe: z.boolean().default(false),
  /** After this instant the reply is no longer offered (null: never expires). */
  expiresAt: TimestampSchema.nullable().default(null),
});
export type ReplyContent = z.infer<typeof ReplyContentSchema>;
export type ReplyContentInput = z.input<typeof ReplyContentSchema>;

/** A stored reply. */
export const ReplySchema = ReplyContentSchema.extend({
  id: ReplyIdSchema,
  /** Starts at 1; every saved change adds one. */
  version: z.number().int().positive(),
  /** Who last changed it (an agent's display name or e-mail; free text for now). */
  owner: z.string().max(LIMITS.ownerChars),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Reply = z.infer<typeof ReplySchema>;

/** Is this reply offered at `now` (approved and not expired)? Crisis filtering is separate. */
export function isOffered(reply: Reply, now: number): boolean {
  return reply.status === 'approved' && (reply.expiresAt === null || reply.expiresAt > now);
}

/** Canonical form of a title or shortcut for duplicate checks (case- and space-insensitive). */
export function duplicateKey(s: string): string {
  return s.normalize('NFKC').toLocaleLowerCase('en').replace(/\s+/g, ' ').trim();
}
