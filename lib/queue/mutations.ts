/**
 * The mutations a client may push (DESIGN §7), one strict schema each. The server stores no
 * customer text or names: a conversation is only an opaque key, its platform and times, and every
 * schema is strict, so a `messageText` or `customerName` field is refused as unknown.
 */
import { z } from 'zod';
import { PLATFORM_IDS } from '../platforms/types';
import { SlaPolicySchema } from '../time/schemas';
import {
  MAX_CONVERSATION_KEY_LENGTH,
  MAX_HOLDING_STATEMENT_LENGTH,
  MAX_NOTE_LENGTH,
  MAX_REPLY_BODY_LENGTH,
  MAX_REPLY_TITLE_LENGTH,
} from './limits';

/**
 * An opaque conversation reference chosen by the adapter (a platform thread id or a keyed hash),
 * never a handle or a name; the narrow alphabet keeps free text out.
 */
export const ConversationKeySchema = z
  .string()
  .min(1)
  .max(MAX_CONVERSATION_KEY_LENGTH)
  .regex(/^[A-Za-z0-9][A-Za-z0-9:_.\-/]*$/, 'Conversation keys are opaque ids');

/** Server-issued ids (members, replies) are UUIDs or 22-char base64url. */
export const IdSchema = z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/);
/** Epoch milliseconds. */
export const EpochMsSchema = z.number().int().min(0).max(8.64e15);
export const ClaimEpochSchema = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

const Conv = { conversationKey: ConversationKeySchema };

export const MUTATION_ARGS = {
  /** A conversation was seen in an inbox; times are the page's own (client clock). */
  observe: z.strictObject({
    ...Conv,
    platform: z.enum(PLATFORM_IDS),
    lastInboundAt: EpochMsSchema.nullable(),
    awaitingReply: z.boolean(),
  }),
  claim: z.strictObject(Conv),
  renew: z.strictObject({ ...Conv, epoch: ClaimEpochSchema }),
  release: z.strictObject({ ...Conv, epoch: ClaimEpochSchema }),
  markReplied: z.strictObject({ ...Conv, epoch: ClaimEpochSchema }),
  /** Hide until the database clock passes now + minutes; the holder's epoch if it is claimed. */
  snooze: z.strictObject({
    ...Conv,
    epoch: ClaimEpochSchema.nullable(),
    minutes: z.number().int().min(1).max(7 * 24 * 60),
  }),
  /** Pass to a member (`to`) or back to the queue (`to: null`) in one step, with a note. */
  handoff: z.strictObject({
    ...Conv,
    epoch: ClaimEpochSchema,
    to: IdSchema.nullable(),
    note: z.string().max(MAX_NOTE_LENGTH),
  }),
  flagCrisisSignal: z.strictObject({
    ...Conv,
    kind: z.enum(['volume', 'sentiment', 'press', 'legal', 'safety', 'other']),
  }),
  setCrisisMode: z
    .strictObject({
      on: z.boolean(),
      holdingStatement: z.string().trim().min(1).max(MAX_HOLDING_STATEMENT_LENGTH).nullable(),
    })
    .refine((a) => !a.on || a.holdingStatement !== null, {
      message: 'Crisis mode needs a holding statement',
      path: ['holdingStatement'],
    }),
  upsertReply: z.strictObject({
    id: IdSchema,
    title: z.string().trim().min(1).max(MAX_REPLY_TITLE_LENGTH),
    body: z.string().min(1).max(MAX_REPLY_BODY_LENGTH),
    tags: z.array(z.string().trim().min(1).max(40)).max(20),
    crisisSafe: z.boolean(),
  }),
  approveReply: z.strictObject({ id: IdSchema }),
  retireReply: z.strictObject({ id: IdSchema }),
  setPolicy: z.strictObject({
    sla: SlaPolicySchema,
    brandAccounts: z
      .array(z.strictObject({ platform: z.enum(PLATFORM_IDS), handle: z.string().trim().min(1).max(100) }))
      .max(50),
  }),
  setShift: z.strictObject({ on: z.boolean() }),
} as const;

export type MutationName = keyof typeof MUTATION_ARGS;
export const MUTATION_NAMES = Object.keys(MUTATION_ARGS) as MutationName[];
export type MutationArgs<N extends MutationName> = z.output<(typeof MUTATION_ARGS)[N]>;

/** Mutations only an admin may push. */
export const ADMIN_MUTATIONS: ReadonlySet<MutationName> = new Set([
  'setCrisisMode',
  'approveReply',
  'retireReply',
  'setPolicy',
]);

/** Client mutation ids count up from 1 per client (Replicache model). */
export const MutationIdSchema = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

/**
 * One pushed mutation: its args are checked against its name's strict schema at the edge, so an
 * unknown field (say `messageText`) fails the whole request with 400 before anything is applied.
 */
function envelope<N extends MutationName>(name: N) {
  return z.strictObject({ clientId: IdSchema, id: MutationIdSchema, name: z.literal(name), args: MUTATION_ARGS[name] });
}
export const MutationSchema = z.discriminatedUnion('name', [
  envelope('observe'),
  envelope('claim'),
  envelope('renew'),
  envelope('release'),
  envelope('markReplied'),
  envelope('snooze'),
  envelope('handoff'),
  envelope('flagCrisisSignal'),
  envelope('setCrisisMode'),
  envelope('upsertReply'),
  envelope('approveReply'),
  envelope('retireReply'),
  envelope('setPolicy'),
  envelope('setShift'),
]);
export type Mutation = z.output<typeof MutationSchema>;
