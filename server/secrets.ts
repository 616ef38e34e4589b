/**
 * Bearer tokens, invite codes and socket tickets: 256 bits from the CSPRNG, stored only as their
 * SHA-256 (a plain hash suffices for secrets of ≥ 112 bits of entropy, ASVS 6.5.2).
 */
import { createHash, randomBytes } from 'node:crypto';

export type SecretKind = 'token' | 'invite' | 'ticket';
const PREFIX: Record<SecretKind, string> = { token: 'bt_', invite: 'bi_', ticket: 'bk_' };

export function newSecret(kind: SecretKind): string {
  return PREFIX[kind] + randomBytes(32).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
