/**
 * The poke channel: one WebSocket per signed-in browser, grouped by team. It carries only hints
 * (`{v}`, "pull now") and presence (who is viewing or typing where), which expires in seconds.
 * Sockets of revoked members are closed: at once on this instance, and by a periodic sweep for
 * revocations made elsewhere (another instance, the CLI).
 */
import type { WebSocket } from '@fastify/websocket';
import { KEEPALIVE_MS } from '../lib/queue/limits.ts';
import { ClientWsMessageSchema, type PresenceEntry, type ServerWsMessage } from '../lib/queue/protocol.ts';
import type { Bus, BusEvent } from './bus.ts';
import { RateLimiter } from './rate-limit.ts';

interface Conn {
  socket: WebSocket;
  memberId: string;
  teamId: string;
  lastSeen: number;
  /** Presence keys this socket set, cleared when it goes. */
  presence: Set<string>;
  id: number;
}

export const CLOSE_REVOKED = 4401;
export const CLOSE_BAD_MESSAGE = 4400;
export const CLOSE_IDLE = 4408;
export const CLOSE_TOO_FAST = 4429;
/** Messages a socket may send: a burst, then a few per second (presence is fanned out to every instance). */
const SOCKET_BURST = 30;
const SOCKET_PER_MINUTE = 300;
const IDLE_LIMIT_MS = 3 * KEEPALIVE_MS;

export interface PokeHubOptions {
  bus: Bus;
  presenceTtlMs: number;
  revocationSweepMs: number;
  /** Which of these members are no longer active. */
  inactiveAmong: (memberIds: string[]) => Promise<string[]>;
  log: { warn(obj: object, msg: string): void };
}

export class PokeHub {
  readonly #teams = new Map<string, Set<Conn>>();
  /** teamId → "memberId\nkey" → entry (including entries other instances told us about). */
  readonly #presence = new Map<string, Map<string, PresenceEntry>>();
  readonly #opts: PokeHubOptions;
  readonly #timers: NodeJS.Timeout[] = [];
  readonly #limiter = new RateLimiter(SOCKET_PER_MINUTE, SOCKET_BURST);
  #nextId = 0;
  #sweeping = false;

  constructor(opts: PokeHubOptions) {
    this.#opts = opts;
    opts.bus.subscribe((e) => this.#deliver(e));
    this.#timers.push(setInterval(() => this.#expirePresence(), Math.max(50, Math.min(1000, opts.presenceTtlMs / 4))));
    this.#timers.push(setInterval(() => void this.#sweepRevoked(), opts.revocationSweepMs));
    this.#timers.push(setInterval(() => this.#closeIdle(), KEEPALIVE_MS));
    for (const t of this.#timers) t.unref();
  }

  get size() {
    let n = 0;
    for (const set of this.#teams.values()) n += set.size;
    return n;
  }

  attach(socket: WebSocket, teamId: string, memberId: string) {
    const conn: Conn = { socket, teamId, memberId, lastSeen: Date.now(), presence: new Set(), id: this.#nextId++ };
    let set = this.#teams.get(teamId);
    if (!set) this.#teams.set(teamId, (set = new Set()));
    set.add(conn);
    socket.on('message', (data, isBinary) => this.#onMessage(conn, data, isBinary));
    socket.on('close', () => this.#detach(conn));
    socket.on('error', () => socket.terminate());
    const present = [...(this.#presence.get(teamId)?.values() ?? [])].filter((p) => p.expiresAt > Date.now());
    send(socket, { presence: present });
  }

  /** Tells every socket of the team (on every instance) to pull. */
  poke(teamId: string, v: number): Promise<void> {
    return this.#opts.bus.publish({ type: 'poke', teamId, v });
  }

  revoked(teamId: string, memberId: string): Promise<void> {
    return this.#opts.bus.publish({ type: 'revoked', teamId, memberId });
  }

  closeAll(code: number, reason: string) {
    for (const set of this.#teams.values()) for (const c of set) c.socket.close(code, reason);
  }

  stop() {
    for (const t of this.#timers) clearInterval(t);
  }

  #deliver(e: BusEvent) {
    const set = this.#teams.get(e.teamId);
    switch (e.type) {
      case 'poke':
        if (set) broadcast(set, { v: e.v });
        return;
      case 'presence': {
        let team = this.#presence.get(e.teamId);
        if (!team) this.#presence.set(e.teamId, (team = new Map()));
        for (const p of e.entries) {
          const k = `${p.memberId}\n${p.conversationKey}`;
          if (p.state === null) team.delete(k);
          else team.set(k, p);
        }
        if (set) broadcast(set, { presence: e.entries });
        return;
      }
      case 'revoked':
        if (set) for (const c of set) if (c.memberId === e.memberId) c.socket.close(CLOSE_REVOKED, 'revoked');
        return;
    }
  }

  #onMessage(conn: Conn, data: unknown, isBinary: boolean) {
    conn.lastSeen = Date.now();
    if (this.#limiter.take(`socket:${conn.id}`) > 0) {
      conn.socket.close(CLOSE_TOO_FAST, 'too many messages');
      return;
    }
    let parsed: unknown;
    try {
      parsed = isBinary ? undefined : JSON.parse(String(data));
    } catch {
      parsed = undefined;
    }
    const msg = ClientWsMessageSchema.safeParse(parsed);
    if (!msg.success) {
      conn.socket.close(CLOSE_BAD_MESSAGE, 'bad message');
      return;
    }
    if ('ping' in msg.data) {
      send(conn.socket, { pong: true });
      return;
    }
    const { conversationKey, state } = msg.data.presence;
    const entry: PresenceEntry = {
      memberId: conn.memberId,
      conversationKey,
      state,
      expiresAt: Date.now() + this.#opts.presenceTtlMs,
    };
    if (state === null) conn.presence.delete(conversationKey);
    else conn.presence.add(conversationKey);
    void this.#publishPresence(conn.teamId, [entry]);
  }

  #publishPresence(teamId: string, entries: PresenceEntry[]) {
    return this.#opts.bus.publish({ type: 'presence', teamId, entries }).catch((err: unknown) => {
      this.#opts.log.warn({ err: String(err) }, 'presence publish failed');
    });
  }

  #detach(conn: Conn) {
    const set = this.#teams.get(conn.teamId);
    set?.delete(conn);
    if (set?.size === 0) this.#teams.delete(conn.teamId);
    if (conn.presence.size > 0) {
      const now = Date.now();
      const gone = [...conn.presence].map((conversationKey) => ({
        memberId: conn.memberId,
        conversationKey,
        state: null,
        expiresAt: now,
      }));
      void this.#publishPresence(conn.teamId, gone);
    }
  }

  /** Every instance holds the team's presence and expires it itself, telling its own sockets. */
  #expirePresence() {
    const now = Date.now();
    for (const [teamId, team] of this.#presence) {
      const gone: PresenceEntry[] = [];
      for (const [k, p] of team) {
        if (p.expiresAt <= now) {
          team.delete(k);
          gone.push({ ...p, state: null });
        }
      }
      if (team.size === 0) this.#presence.delete(teamId);
      const set = this.#teams.get(teamId);
      if (gone.length > 0 && set) broadcast(set, { presence: gone });
    }
  }

  async #sweepRevoked() {
    if (this.#sweeping || this.#teams.size === 0) return;
    this.#sweeping = true;
    try {
      const ids = new Set<string>();
      for (const set of this.#teams.values()) for (const c of set) ids.add(c.memberId);
      const gone = new Set(await this.#opts.inactiveAmong([...ids]));
      if (gone.size === 0) return;
      for (const set of this.#teams.values()) {
        for (const c of set) if (gone.has(c.memberId)) c.socket.close(CLOSE_REVOKED, 'revoked');
      }
    } catch (err) {
      this.#opts.log.warn({ err: String(err) }, 'revocation sweep failed');
    } finally {
      this.#sweeping = false;
    }
  }

  #closeIdle() {
    const limit = Date.now() - IDLE_LIMIT_MS;
    for (const set of this.#teams.values()) {
      for (const c of set) if (c.lastSeen < limit) c.socket.close(CLOSE_IDLE, 'idle');
    }
  }
}

function send(socket: WebSocket, msg: ServerWsMessage) {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(msg));
}

function broadcast(set: Set<Conn>, msg: ServerWsMessage) {
  const data = JSON.stringify(msg);
  for (const c of set) if (c.socket.readyState === c.socket.OPEN) c.socket.send(data);
}
