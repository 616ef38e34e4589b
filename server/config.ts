/**
 * The server's whole configuration, read from environment variables only (README table). Bad
 * values stop the start with a message naming the variable.
 */
import path from 'node:path';
import { z } from 'zod';
import { MAX_BODY_BYTES } from '../lib/queue/limits.ts';

const num = (def: number, min: number, max: number) => z.coerce.number().min(min).max(max).default(def);
const flag = (def: boolean) =>
  z
    .enum(['true', 'false', '1', '0'])
    .default(def ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1');

/** Chrome extension ids are 32 letters a–p. */
const EXTENSION_ID = /^[a-p]{32}$/;

const EnvSchema = z.object({
  PORT: num(8787, 0, 65535),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().url().optional(),
  PG_POOL_MAX: num(10, 1, 200),
  EXTENSION_IDS: z
    .string()
    .default('')
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .refine((ids) => ids.every((id) => EXTENSION_ID.test(id)), 'EXTENSION_IDS: comma-separated Chrome extension ids (32 letters a–p)'),
  ALLOW_FIREFOX_ORIGINS: flag(true),
  LEASE_SECONDS: num(600, 0.05, 86_400),
  INVITE_TTL_HOURS: num(72, 0.001, 24 * 90),
  WS_TICKET_TTL_SECONDS: num(30, 1, 600),
  PRESENCE_TTL_SECONDS: num(15, 0.1, 300),
  RATE_LIMIT_PER_MINUTE: num(600, 1, 1_000_000),
  RATE_LIMIT_BURST: num(120, 1, 1_000_000),
  BODY_LIMIT_BYTES: num(MAX_BODY_BYTES, 1024, 16 * 1024 * 1024),
  REVOCATION_SWEEP_SECONDS: num(1, 0.05, 60),
  SHUTDOWN_TIMEOUT_SECONDS: num(10, 1, 600),
  TRUST_PROXY: flag(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  pgPoolMax: number;
  /** Exact origins that get CORS headers: chrome-extension://<id>. */
  corsOrigins: string[];
  /** Firefox gives each install its own moz-extension:// UUID, so it cannot be allowlisted. */
  allowFirefoxOrigins: boolean;
  leaseMs: number;
  inviteTtlMs: number;
  wsTicketTtlMs: number;
  presenceTtlMs: number;
  rateLimitPerMinute: number;
  rateLimitBurst: number;
  bodyLimitBytes: number;
  revocationSweepMs: number;
  shutdownTimeoutMs: number;
  trustProxy: boolean;
  logLevel: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL ?? null,
    pgPoolMax: e.PG_POOL_MAX,
    corsOrigins: e.EXTENSION_IDS.map((id) => `chrome-extension://${id}`),
    allowFirefoxOrigins: e.ALLOW_FIREFOX_ORIGINS,
    leaseMs: Math.round(e.LEASE_SECONDS * 1000),
    inviteTtlMs: Math.round(e.INVITE_TTL_HOURS * 3_600_000),
    wsTicketTtlMs: Math.round(e.WS_TICKET_TTL_SECONDS * 1000),
    presenceTtlMs: Math.round(e.PRESENCE_TTL_SECONDS * 1000),
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    rateLimitBurst: e.RATE_LIMIT_BURST,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    revocationSweepMs: Math.round(e.REVOCATION_SWEEP_SECONDS * 1000),
    shutdownTimeoutMs: Math.round(e.SHUTDOWN_TIMEOUT_SECONDS * 1000),
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
  };
}
