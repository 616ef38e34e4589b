/**
 * Table shapes as Kysely sees them. Times are epoch milliseconds from the database clock
 * (`nowMs`), booleans are 0/1 and structured values are JSON text, so one query layer serves
 * SQLite and PostgreSQL alike.
 */
import type { Generated } from 'kysely';

export interface TeamsTable {
  id: string;
  name: string;
  /** Changes whenever cursors from before must not be trusted (a new team, a restore). */
  cursor_ns: string;
  version: number;
  created_at: number;
  crisis_on: number;
  crisis_statement: string | null;
  crisis_since: number | null;
  policy: string | null;
  /** Team version at the last change of crisis or policy. */
  state_version: number;
}

export interface MembersTable {
  id: string;
  team_id: string;
  display_name: string;
  role: 'admin' | 'agent';
  status: 'active' | 'revoked';
  on_shift: number;
  joined_at: number;
  revoked_at: number | null;
  version: number;
}

export interface TokensTable {
  hash: string;
  member_id: string;
  team_id: string;
  created_at: number;
  revoked_at: number | null;
}

export interface InvitesTable {
  hash: string;
  team_id: string;
  role: 'admin' | 'agent';
  created_by: string;
  expires_at: number;
  used_at: number | null;
  used_by: string | null;
}

export interface WsTicketsTable {
  hash: string;
  member_id: string;
  team_id: string;
  expires_at: number;
}

export interface ClientsTable {
  team_id: string;
  id: string;
  client_group_id: string;
  member_id: string;
  last_mutation_id: number;
  version: number;
}

export interface ConversationsTable {
  team_id: string;
  key: string;
  platform: string;
  first_seen_at: number;
  last_inbound_at: number | null;
  status: 'open' | 'replied' | 'snoozed';
  snoozed_until: number | null;
  claim_holder: string | null;
  /** Highest fencing epoch issued for this conversation. */
  claim_epoch: number;
  lease_until: number | null;
  crisis_signal: string | null;
  handoff_from: string | null;
  handoff_note: string | null;
  version: number;
  deleted: number;
}

export interface RepliesTable {
  team_id: string;
  id: string;
  title: string;
  body: string;
  tags: string;
  crisis_safe: number;
  status: 'draft' | 'approved' | 'retired';
  author_id: string;
  approved_by: string | null;
  version: number;
  deleted: number;
}

export interface AuditTable {
  seq: Generated<number>;
  team_id: string;
  at: number;
  actor: string;
  action: string;
  target: string | null;
  detail: string | null;
  request_id: string | null;
}

export interface Schema {
  teams: TeamsTable;
  members: MembersTable;
  tokens: TokensTable;
  invites: InvitesTable;
  ws_tickets: WsTicketsTable;
  clients: ClientsTable;
  conversations: ConversationsTable;
  replies: RepliesTable;
  audit: AuditTable;
}
