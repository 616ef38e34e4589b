/** What every mutator gets: the open transaction, the caller, and this push's team version. */
import type { Kysely, RawBuilder } from 'kysely';
import type { Schema } from '../db/schema.ts';
import type { RejectReason, Role } from '../../lib/queue/protocol.ts';

export interface MutationContext {
  tx: Kysely<Schema>;
  now: RawBuilder<number>;
  teamId: string;
  memberId: string;
  role: Role;
  /** The team version this push writes rows at. */
  version: number;
  requestId: string;
  leaseMs: number;
}

export type Outcome =
  | { status: 'applied'; claim?: { epoch: number; leaseUntil: number } }
  | { status: 'rejected'; reason: RejectReason; holder?: string };

export const applied: Outcome = { status: 'applied' };
export const rejected = (reason: RejectReason, holder?: string): Outcome =>
  holder ? { status: 'rejected', reason, holder } : { status: 'rejected', reason };
