/**
 * How instances tell each other about pokes, presence and revocations. With SQLite there is one
 * process, so events go straight to local listeners. With PostgreSQL, each event is also sent
 * with NOTIFY and every other instance, LISTENing on its own connection, delivers it to its
 * sockets. Pokes are hints, so a notification lost while reconnecting costs latency only:
 * clients also pull on a timer.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { z } from 'zod';
import { PresenceEntrySchema } from '../lib/queue/protocol.ts';

export const BusEventSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('poke'), teamId: z.string(), v: z.number().int() }),
  z.strictObject({ type: z.literal('presence'), teamId: z.string(), entries: z.array(PresenceEntrySchema) }),
  z.strictObject({ type: z.literal('revoked'), teamId: z.string(), memberId: z.string() }),
]);
export type BusEvent = z.infer<typeof BusEventSchema>;

export interface Bus {
  publish(event: BusEvent): Promise<void>;
  subscribe(listener: (event: BusEvent) => void): void;
  readonly ready: boolean;
  close(): Promise<void>;
}

export class LocalBus implements Bus {
  readonly #listeners: ((e: BusEvent) => void)[] = [];
  readonly ready = true;
  async publish(event: BusEvent) {
    for (const l of this.#listeners) l(event);
  }
  subscribe(listener: (e: BusEvent) => void) {
    this.#listeners.push(listener);
  }
  async close() {}
}

const CHANNEL = 'baton_events';

interface Log {
  warn(obj: object, msg: string): void;
}

export class PgBus implements Bus {
  readonly #instance = randomUUID();
  readonly #url: string;
  readonly #pool: pg.Pool;
  readonly #log: Log;
  readonly #listeners: ((e: BusEvent) => void)[] = [];
  /** teamId → newest version waiting behind an in-flight poke NOTIFY (-1: none yet). */
  readonly #pendingPokes = new Map<string, number>();
  #client: pg.Client | null = null;
  #closed = false;
  #retryMs = 100;

  constructor(url: string, log: Log) {
    this.#url = url;
    this.#log = log;
    // NOTIFY goes through a small pool of its own, so pokes never queue behind push traffic.
    this.#pool = new pg.Pool({ connectionString: url, max: 2 });
    this.#pool.on('error', (err) => this.#log.warn({ err: err.message }, 'poke bus pool client lost'));
  }

  get ready() {
    return this.#client !== null;
  }

  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.#url });
    client.on('notification', (n) => this.#receive(n.payload));
    client.on('error', (err) => this.#lost(client, err));
    client.on('end', () => this.#lost(client, new Error('LISTEN connection ended')));
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.#client = client;
    this.#retryMs = 100;
  }

  #lost(client: pg.Client, err: Error) {
    if (this.#client !== client && this.#client !== null) return;
    this.#client = null;
    if (this.#closed) return;
    this.#log.warn({ err: err.message }, 'poke bus disconnected; reconnecting');
    client.removeAllListeners('end');
    client.end().catch(() => {});
    const retry = () => {
      if (this.#closed) return;
      this.start().catch(() => {
        this.#retryMs = Math.min(this.#retryMs * 2, 5000);
        setTimeout(retry, this.#retryMs).unref();
      });
    };
    setTimeout(retry, this.#retryMs).unref();
  }

  #receive(payload: string | undefined) {
    if (!payload) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload);
    } catch {
      return;
    }
    const env = z.object({ i: z.string(), e: BusEventSchema }).safeParse(parsed);
    if (!env.success || env.data.i === this.#instance) return;
    for (const l of this.#listeners) l(env.data.e);
  }

  async publish(event: BusEvent) {
    for (const l of this.#listeners) l(event);
    if (event.type === 'poke') return this.#notifyPoke(event);
    return this.#notify(event);
  }

  /**
   * Pokes only say "pull now": while one is on its way for a team, later ones fold into a single
   * follow-up carrying the newest version, so a burst of pushes costs a few NOTIFYs, not one each.
   */
  #notifyPoke(event: BusEvent & { type: 'poke' }): Promise<void> {
    const pending = this.#pendingPokes.get(event.teamId);
    if (pending !== undefined) {
      this.#pendingPokes.set(event.teamId, Math.max(pending, event.v));
      return Promise.resolve();
    }
    this.#pendingPokes.set(event.teamId, -1);
    return this.#notify(event).finally(() => {
      const next = this.#pendingPokes.get(event.teamId) ?? -1;
      this.#pendingPokes.delete(event.teamId);
      if (next > event.v) {
        this.#notifyPoke({ ...event, v: next }).catch((err: unknown) => this.#log.warn({ err: String(err) }, 'poke notify failed'));
      }
    });
  }

  async #notify(event: BusEvent) {
    await this.#pool.query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify({ i: this.#instance, e: event })]);
  }

  subscribe(listener: (e: BusEvent) => void) {
    this.#listeners.push(listener);
  }

  async close() {
    this.#closed = true;
    const client = this.#client;
    this.#client = null;
    if (client) {
      client.removeAllListeners('end');
      await client.end().catch(() => {});
    }
    await this.#pool.end();
  }
}
