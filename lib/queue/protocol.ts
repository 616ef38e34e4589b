/**
 * The team server's wire protocol (DESIGN §7): push, pull, poke and presence, joining a team and
 * the admin routes. Both ends parse with these schemas; requests are strict (unknown fields are
 * refused), responses are what the server promises and the client checks.
 */
import { z } from 'zod';
import { PLATFORM_IDS } from '../platforms/types';
import { SlaPolicySchema } from '../time/schemas';
import { MAX_DISPLAY_NAME_LENGTH, MAX_MUTATIONS_PER_PUSH } from './limits';
import {
  ClaimEpochSchema,
  ConversationKeySchema,
  EpochMsSchema,
  IdSchema,
  MUTATION_ARGS,
  MutationIdSchema,
  MutationSchema,
} from './mutations';

export const RoleSchema = z.enum(['admin', 'agent']);
export type Role = z.infer<typeof RoleSchema>;

// ---- push -------------------------------------------------------------------------------------

export const PushRequestSchema = z.strictObject({
  clientGroupId: IdSchema,
  mutations: z.array(MutationSchema).min(1).max(MAX_MUTATIONS_PER_PUSH),
});
export type PushRequest = z.infer<typeof PushRequestSchema>;

/**
 * applied: done. rejected: processed but refused (the reason says why), never retried.
 * duplicate: processed earlier, nothing done now. future: its predecessor is missing, so it and
 * everything after it in the batch was left for a later push.
 */
export const MutationStatusSchema = z.enum(['applied', 'rejected', 'duplicate', 'future']);

export const RejectReasonSchema = z.enum([
  'not_found',
  'already_claimed',
  'stale_epoch',
  'not_holder',
  'forbidden',
  'invalid_target',
  'retired',
  /** The server failed applying it; it will not be retried. */
  'error',
]);
export type RejectReason = z.infer<typeof RejectReasonSchema>;

export const ClaimResultSchema = z.strictObject({ epoch: ClaimEpochSchema, leaseUntil: EpochMsSchema });

export const MutationResultSchema = z.strictObject({
  clientId: IdSchema,
  id: MutationIdSchema,
  status: MutationStatusSchema,
  reason: RejectReasonSchema.optional(),
  /** For a rejected claim: who holds it now. */
  holder: IdSchema.optional(),
  claim: ClaimResultSchema.optional(),
});
export type MutationResult = z.infer<typeof MutationResultSchema>;

export const PushResponseSchema = z.strictObject({
  results: z.array(MutationResultSchema),
  /** The team version after this push. */
  version: z.number().int().min(0),
});
export type PushResponse = z.infer<typeof PushResponseSchema>;

// ---- pull -------------------------------------------------------------------------------------

/** Opaque to clients: `<team cursor namespace>.<version>`; anything unknown means reset. */
export const CursorSchema = z.string().max(100);

export const PullRequestSchema = z.strictObject({
  clientGroupId: IdSchema,
  cursor: CursorSchema.nullable(),
});
export type PullRequest = z.infer<typeof PullRequestSchema>;

export const ConversationStatusSchema = z.enum(['open', 'replied', 'snoozed']);

export const ConversationSchema = z.strictObject({
  key: ConversationKeySchema,
  platform: z.enum(PLATFORM_IDS),
  /** Server clock: when the team first saw it. */
  firstSeenAt: EpochMsSchema,
  lastInboundAt: EpochMsSchema.nullable(),
  status: ConversationStatusSchema,
  snoozedUntil: EpochMsSchema.nullable(),
  /** The current (or last, when expired) lease; `leaseUntil` is judged against `serverTime`. */
  claim: z
    .strictObject({ holder: IdSchema, epoch: ClaimEpochSchema, leaseUntil: EpochMsSchema })
    .nullable(),
  /** Highest epoch ever issued; a claim carries epoch + 1. */
  epoch: z.number().int().min(0),
  crisisSignal: MUTATION_ARGS.flagCrisisSignal.shape.kind.nullable(),
  handoff: z.strictObject({ from: IdSchema, note: z.string() }).nullable(),
});
export type Conversation = z.infer<typeof ConversationSchema>;

export const ReplyStatusSchema = z.enum(['draft', 'approved', 'retired']);
export const TeamReplySchema = z.strictObject({
  id: IdSchema,
  title: z.string(),
  body: z.string(),
  tags: z.array(z.string()),
  crisisSafe: z.boolean(),
  status: ReplyStatusSchema,
  authorId: IdSchema,
  approvedBy: IdSchema.nullable(),
});
export type TeamReply = z.infer<typeof TeamReplySchema>;

export const MemberSchema = z.strictObject({
  id: IdSchema,
  displayName: z.string(),
  role: RoleSchema,
  onShift: z.boolean(),
});
export type Member = z.infer<typeof MemberSchema>;

export const TeamStateSchema = z.strictObject({
  id: IdSchema,
  name: z.string(),
  crisis: z.strictObject({ on: z.boolean(), holdingStatement: z.string().nullable(), since: EpochMsSchema.nullable() }),
  policy: z.strictObject({ sla: SlaPolicySchema, brandAccounts: MUTATION_ARGS.setPolicy.shape.brandAccounts }),
});
export type TeamState = z.infer<typeof TeamStateSchema>;

export const PatchOpSchema = z.union([
  z.strictObject({ op: z.literal('put'), kind: z.literal('conversation'), value: ConversationSchema }),
  z.strictObject({ op: z.literal('put'), kind: z.literal('reply'), value: TeamReplySchema }),
  z.strictObject({ op: z.literal('put'), kind: z.literal('member'), value: MemberSchema }),
  z.strictObject({ op: z.literal('put'), kind: z.literal('team'), value: TeamStateSchema }),
  z.strictObject({ op: z.literal('del'), kind: z.enum(['conversation', 'reply', 'member']), id: z.string() }),
]);
export type PatchOp = z.infer<typeof PatchOpSchema>;

export const PullResponseSchema = z.strictObject({
  cursor: CursorSchema,
  /** true: `patch` is a full snapshot; replace the cache (keep the outbox). */
  reset: z.boolean(),
  /** The database clock, for lease and SLA display without trusting the client's clock. */
  serverTime: EpochMsSchema,
  lastMutationIdChanges: z.record(IdSchema, z.number().int().min(0)),
  patch: z.array(PatchOpSchema),
});
export type PullResponse = z.infer<typeof PullResponseSchema>;

// ---- joining, identity, poke ticket -----------------------------------------------------------

export const JoinRequestSchema = z.strictObject({
  code: z.string().min(10).max(100),
  displayName: z.string().trim().min(1).max(MAX_DISPLAY_NAME_LENGTH),
});
export const JoinResponseSchema = z.strictObject({
  token: z.string(),
  memberId: IdSchema,
  teamId: IdSchema,
  role: RoleSchema,
});

export const MeResponseSchema = z.strictObject({
  memberId: IdSchema,
  teamId: IdSchema,
  role: RoleSchema,
  displayName: z.string(),
});

export const WsTicketResponseSchema = z.strictObject({ ticket: z.string(), expiresInMs: z.number().int() });

// ---- WebSocket messages -----------------------------------------------------------------------

export const PresenceStateSchema = z.enum(['viewing', 'typing']);

/** Client → server over the poke socket. */
export const ClientWsMessageSchema = z.union([
  z.strictObject({ ping: z.literal(true) }),
  z.strictObject({
    presence: z.strictObject({ conversationKey: ConversationKeySchema, state: PresenceStateSchema.nullable() }),
  }),
]);
export type ClientWsMessage = z.infer<typeof ClientWsMessageSchema>;

export const PresenceEntrySchema = z.strictObject({
  memberId: IdSchema,
  conversationKey: ConversationKeySchema,
  /** null: gone (left, expired or disconnected). */
  state: PresenceStateSchema.nullable(),
  expiresAt: EpochMsSchema,
});
export type PresenceEntry = z.infer<typeof PresenceEntrySchema>;

/** Server → client. A poke carries only the version: it is a hint to pull, never data. */
export const ServerWsMessageSchema = z.union([
  z.strictObject({ v: z.number().int().min(0) }),
  z.strictObject({ presence: z.array(PresenceEntrySchema) }),
  z.strictObject({ pong: z.literal(true) }),
]);
export type ServerWsMessage = z.infer<typeof ServerWsMessageSchema>;

// ---- admin ------------------------------------------------------------------------------------

export const InviteRequestSchema = z.strictObject({ role: RoleSchema });
export const InviteResponseSchema = z.strictObject({ code: z.string(), expiresAt: EpochMsSchema });
export const SetRoleRequestSchema = z.strictObject({ role: RoleSchema });
export const MemberIdParamsSchema = z.strictObject({ memberId: IdSchema });

export const AdminMemberSchema = MemberSchema.extend({
  status: z.enum(['active', 'revoked']),
  joinedAt: EpochMsSchema,
});
export const MembersResponseSchema = z.strictObject({ members: z.array(AdminMemberSchema) });

export const AuditEntrySchema = z.strictObject({
  seq: z.number().int(),
  at: EpochMsSchema,
  actor: z.string(),
  action: z.string(),
  target: z.string().nullable(),
  detail: z.string().nullable(),
  requestId: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
export const AuditResponseSchema = z.strictObject({ entries: z.array(AuditEntrySchema) });

export const ErrorResponseSchema = z.strictObject({ error: z.string(), message: z.string().optional() });
