/**
 * The page's one shared ticker model (DESIGN §5). Every badge sits in a due queue at the
 * instant its text or SLA state next changes (each second in its first minute, then once a
 * minute, and at the warn and breach instants), so a tick touches only the badges due.
 *
 * Badges are drawn whether or not they are on screen: measured on a 5,000-row inbox with 50
 * row changes a second (tests/bench/content.bench.ts), an IntersectionObserver over every badge
 * cost the renderer ~100 ms/s of intersection work plus an extra frame for each new row, while
 * drawing offscreen badges on their minute costs ~80 small DOM writes a second at 5,000 rows
 * (none of which needs layout while the row is not rendered).
 *
 * Large batches (the first read of a page, a settings change, a tab coming back after an hour)
 * get their contract attributes at once and their text in slices of a few milliseconds, so no
 * single task grows with the size of the inbox.
 */
import type { Translator } from '../i18n';
import type { ConversationState, PlatformId } from '../platforms/types';
import type { SlaPolicy } from '../time/schemas';
import type { TimerContract, TimerView } from './badge';
import { DueQueue, type DueEntry } from './due-queue';
import { SliceRunner, type SliceDeps } from './slices';
import { stateAt, textBucket, timerContract, timerView, waitingSinceOf, type SlaSnapshot } from './view';

export interface TimerClockDeps<H> extends SliceDeps {
  render(host: H, view: TimerView): void;
  /** The light-DOM contract alone, for a badge whose text is drawn in a later slice. */
  renderContract(host: H, contract: TimerContract): void;
  policy(): SlaPolicy;
  translator(): Translator;
  /** The SLA engine's answer for a waiting conversation (lib/overlay/sla-state.ts). */
  sla: (waitingSince: Date, platform: PlatformId, policy: SlaPolicy, now: Date) => SlaSnapshot;
  /** Wall-clock ms for slices run later (default Date.now). */
  now?: () => number;
}

interface Model {
  conv: ConversationState;
  platform: PlatformId;
  /** What was last drawn: `state|text bucket`, `contract|state`, `answered` or `unknown`. */
  drawn: string;
  /** The last engine answer; between redraws the state comes from its fixed instants. */
  snap: SlaSnapshot | null;
  /** When `snap` was computed (ms). */
  snapAt: number;
  /** The next SLA state change (ms), from `snap`. */
  nextChange: number;
  /** Identifies this model's live queue entry; older entries are stale. */
  seq: number;
  /** When the live queue entry is due (Infinity: none queued). */
  queuedAt: number;
}

/**
 * A snapshot this fresh is reused instead of asking the engine again (a badge gets its contract
 * when mounted in a batch and its text a slice later): its remaining time is at most this
 * stale, below what the badge shows.
 */
const SNAP_REUSE_MS = 1000;
const SECOND = 1000;
const MINUTE = 60_000;

export class TimerClock<H> {
  private readonly models = new Map<H, Model>();
  private readonly queue = new DueQueue<H>();
  private batching = 0;
  private readonly slices: SliceRunner;
  /** The time the running slice draws at. */
  private sliceNow = 0;
  /** Full redraws asked for (settings or language changed): drawn even when the bucket is the same. */
  private readonly forced = new Set<H>();
  private readonly now: () => number;

  constructor(private readonly deps: TimerClockDeps<H>) {
    this.now = deps.now ?? (() => Date.now());
    this.slices = new SliceRunner(() => this.drawNextDue(), {
      elapsed: deps.elapsed,
      // A later slice draws at its own time.
      defer: deps.defer && ((cb) => deps.defer!(() => ((this.sliceNow = this.now()), cb()))),
    });
  }

  get size(): number {
    return this.models.size;
  }

  /**
   * Add or replace a badge's conversation and draw it (a no-op when nothing changed). Inside
   * `batch`, only the contract is drawn now and the text follows in slices.
   */
  set(host: H, conv: ConversationState, platform: PlatformId, now: number): void {
    const prev = this.models.get(host);
    if (prev && prev.platform === platform && sameConversation(prev.conv, conv)) return;
    const model: Model = { conv, platform, drawn: '', snap: null, snapAt: 0, nextChange: Infinity, seq: (prev?.seq ?? 0) + 1, queuedAt: Infinity };
    this.models.set(host, model);
    if (this.batching > 0) {
      this.drawContract(host, model, now);
      this.enqueue(host, model, now);
    } else this.draw(host, model, now, true);
  }

  /** Run `fn` (which sets many badges) with their text drawn afterwards, in slices. */
  batch(fn: () => void): void {
    this.batching += 1;
    try {
      fn();
    } finally {
      this.batching -= 1;
      if (this.batching === 0) {
        this.sliceNow = this.now();
        this.slices.schedule();
      }
    }
  }

  delete(host: H): void {
    this.models.delete(host);
    this.forced.delete(host);
  }

  /** When the next badge is due (epoch ms; Infinity when none ever is): the next tick to ask for. */
  nextDueAt(): number {
    return this.queue.peekAt();
  }

  /** One tick of the shared ticker: the badges whose text or state is due, within a slice. */
  tick(now: number): void {
    this.runDue(now);
  }

  /** Settings or language changed: redraw everything (in slices). */
  refreshAll(now: number): void {
    for (const [host, m] of this.models) {
      m.snap = null; // the policy may have changed: ask the engine again
      this.forced.add(host);
      this.enqueue(host, m, now);
    }
    this.runDue(now);
  }

  private runDue(now: number): void {
    this.sliceNow = now;
    this.slices.runNow();
  }

  /** Draw the earliest badge due at the slice's time; false when none is. */
  private drawNextDue(): boolean {
    for (let e = this.queue.popDue(this.sliceNow); e; e = this.queue.popDue(this.sliceNow)) {
      const m = this.live(e);
      if (!m) continue;
      m.queuedAt = Infinity;
      this.draw(e.item, m, this.sliceNow, this.forced.delete(e.item));
      return true;
    }
    // Stale entries (deleted or rescheduled badges) are dropped when they outnumber live ones.
    if (this.queue.size > 2 * this.models.size + 1024) this.queue.compact((x) => this.live(x) !== null);
    return false;
  }

  private live(e: DueEntry<H>): Model | null {
    const m = this.models.get(e.item);
    return m && m.seq === e.seq ? m : null;
  }

  private enqueue(host: H, m: Model, at: number): void {
    if (at >= m.queuedAt) return; // already due no later than that
    m.seq += 1;
    m.queuedAt = at;
    this.queue.push({ at, item: host, seq: m.seq });
  }

  /** The engine's answer at `now`, reusing a fresh one; null when not waiting or on an error. */
  private snapshot(m: Model, since: Date | null, now: number): SlaSnapshot | null {
    if (!since) return null;
    const prev = m.snap;
    if (prev && now >= m.snapAt && now < m.nextChange) {
      if (now - m.snapAt < SNAP_REUSE_MS) return prev;
      // Around the clock, time left runs down with the wall clock until the next state change:
      // no need to ask the engine for it every minute.
      if (!prev.businessHours) return { ...prev, remainingMs: prev.remainingMs - (now - m.snapAt) };
    }
    let snap: SlaSnapshot | null;
    try {
      snap = this.deps.sla(since, m.platform, this.deps.policy(), new Date(now));
    } catch {
      snap = null; // an impossible policy or date: show "unknown", never a wrong number
    }
    m.snap = snap;
    m.snapAt = now;
    m.nextChange = snap?.nextChangeAt ? snap.nextChangeAt.getTime() : Infinity;
    return snap;
  }

  private drawContract(host: H, m: Model, now: number): void {
    const snap = this.snapshot(m, waitingSinceOf(m.conv), now);
    const contract = timerContract(m.conv, snap);
    m.drawn = `contract|${contract.state}`;
    this.deps.renderContract(host, contract);
  }

  private draw(host: H, m: Model, now: number, force: boolean): void {
    const since = waitingSinceOf(m.conv);
    if (!force && since && m.snap) {
      // Between state changes the state comes from the snapshot's instants: no engine call
      // (its business-hours maths is too costly to run per badge per minute) unless it shows.
      const key = `${stateAt(m.snap, now)}|${textBucket(now - since.getTime())}`;
      if (key === m.drawn) return this.scheduleNext(host, m, since, now);
    }
    const snap = this.snapshot(m, since, now);
    const drawn = since && snap ? `${snap.state}|${textBucket(now - since.getTime())}` : m.conv.lastIsInbound === false ? 'answered' : 'unknown';
    if (force || drawn !== m.drawn) {
      m.drawn = drawn;
      this.deps.render(host, timerView({ conv: m.conv, sla: snap, now: new Date(now), translator: this.deps.translator() }));
    }
    this.scheduleNext(host, m, snap ? since : null, now);
  }

  /** Queue the badge for the moment its text (next second or minute) or its state changes. */
  private scheduleNext(host: H, m: Model, since: Date | null, now: number): void {
    if (!since) return; // answered or unknown: nothing ever changes by itself
    const from = since.getTime();
    const waited = now - from;
    const step = waited < MINUTE ? SECOND : MINUTE;
    const nextText = waited < 0 ? from : from + (Math.floor(waited / step) + 1) * step;
    this.enqueue(host, m, Math.min(nextText, m.nextChange));
  }
}

function sameConversation(a: ConversationState, b: ConversationState): boolean {
  return (
    a.key === b.key &&
    a.lastIsInbound === b.lastIsInbound &&
    a.customerName === b.customerName &&
    (a.waitingSince?.getTime() ?? null) === (b.waitingSince?.getTime() ?? null)
  );
}
