/**
 * The page's one shared ticker model (DESIGN §5: one ticker per page, visible badges only).
 * Each badge is redrawn when it is visible and its text would change (once a minute past the
 * first minute), and — visible or not — when its SLA state changes, so the light-DOM state
 * attribute is always right while offscreen badges cost one comparison per tick.
 */
import type { Translator } from '../i18n';
import type { ConversationState, PlatformId } from '../platforms/types';
import type { SlaPolicy } from '../time/schemas';
import type { TimerContract, TimerView } from './badge';
import { stateAt, textBucket, timerContract, timerView, waitingSinceOf, type SlaSnapshot } from './view';

export interface TimerClockDeps<H> {
  render(host: H, view: TimerView): void;
  /** Offscreen badges get only their contract attributes; text and label wait for visibility. */
  renderContract(host: H, contract: TimerContract): void;
  policy(): SlaPolicy;
  translator(): Translator;
  /** The SLA engine's answer for a waiting conversation (lib/overlay/sla-state.ts). */
  sla: (waitingSince: Date, platform: PlatformId, policy: SlaPolicy, now: Date) => SlaSnapshot;
}

interface Model {
  conv: ConversationState;
  platform: PlatformId;
  visible: boolean;
  /** Redraw offscreen at this time (ms), the next SLA state change. */
  nextCheck: number;
  /** What was last drawn: state and text bucket. */
  drawn: string;
  /** The last engine answer; between redraws the state comes from its fixed instants. */
  snap: SlaSnapshot | null;
  /** When `snap` was computed (ms). */
  snapAt: number;
}

/**
 * A snapshot this fresh is reused instead of asking the engine again (a new row is drawn
 * offscreen when mounted and again when it scrolls into view a frame later): its remaining
 * time is at most this stale, below what the badge shows.
 */
const SNAP_REUSE_MS = 1000;

export class TimerClock<H> {
  private readonly models = new Map<H, Model>();
  /** Visible badges: the only ones a normal tick touches. */
  private readonly visible = new Set<H>();
  /** The earliest offscreen state change; before it, ticks skip offscreen badges entirely. */
  private nextDue = Infinity;
  constructor(private readonly deps: TimerClockDeps<H>) {}

  get size(): number {
    return this.models.size;
  }

  has(host: H): boolean {
    return this.models.has(host);
  }

  /** Add or replace a badge's conversation and draw it now (a no-op when nothing changed). */
  set(host: H, conv: ConversationState, platform: PlatformId, now: number): void {
    const prev = this.models.get(host);
    if (prev && prev.platform === platform && sameConversation(prev.conv, conv)) return;
    const model: Model = { conv, platform, visible: prev?.visible ?? false, nextCheck: Infinity, drawn: '', snap: null, snapAt: 0 };
    this.models.set(host, model);
    this.draw(host, model, now, true);
  }

  delete(host: H): void {
    this.models.delete(host);
    this.visible.delete(host);
  }

  setVisible(host: H, visible: boolean, now: number): void {
    const m = this.models.get(host);
    if (!m) return;
    m.visible = visible;
    if (visible) {
      this.visible.add(host);
      this.draw(host, m, now, false);
    } else this.visible.delete(host);
  }

  /** One tick of the shared ticker: the visible badges, plus offscreen ones whose state is due. */
  tick(now: number): void {
    for (const host of this.visible) {
      const m = this.models.get(host);
      if (m) this.draw(host, m, now, false);
    }
    if (now < this.nextDue) return;
    this.nextDue = Infinity;
    for (const [host, m] of this.models) {
      if (!m.visible && now >= m.nextCheck) this.draw(host, m, now, false);
      if (!m.visible && m.nextCheck < this.nextDue) this.nextDue = m.nextCheck;
    }
  }

  /** Settings or language changed: redraw everything. */
  refreshAll(now: number): void {
    for (const [host, m] of this.models) this.draw(host, m, now, true);
  }

  private draw(host: H, m: Model, now: number, force: boolean): void {
    const since = waitingSinceOf(m.conv);
    if (!force && since && m.snap) {
      // Nothing to redraw unless the state or (when visible) the minute changed: skip the
      // engine, whose business-hours maths is too costly to run per badge per second.
      const state = stateAt(m.snap, now);
      const key = m.visible ? `${state}|${textBucket(now - since.getTime())}` : `contract|${state}`;
      if (key === m.drawn) return;
    }
    let snap: SlaSnapshot | null = null;
    if (since && !force && m.snap && now >= m.snapAt && now - m.snapAt < SNAP_REUSE_MS && now < m.nextCheck) {
      snap = m.snap; // same policy and conversation, no state change due: the engine would agree
    } else if (since) {
      try {
        snap = this.deps.sla(since, m.platform, this.deps.policy(), new Date(now));
      } catch {
        snap = null; // an impossible policy or date: show "unknown", never a wrong number
      }
      m.snapAt = now;
    }
    m.snap = snap;
    m.nextCheck = snap?.nextChangeAt ? snap.nextChangeAt.getTime() : Infinity;
    if (m.nextCheck < this.nextDue) this.nextDue = m.nextCheck;
    if (!m.visible) {
      // Offscreen: keep the contract attributes right; text is drawn when it scrolls into view.
      const contract = timerContract(m.conv, snap);
      const drawn = `contract|${contract.state}`;
      if (!force && drawn === m.drawn) return;
      m.drawn = drawn;
      this.deps.renderContract(host, contract);
      return;
    }
    const drawn = since && snap ? `${snap.state}|${textBucket(now - since.getTime())}` : m.conv.lastIsInbound === false ? 'answered' : 'unknown';
    if (!force && drawn === m.drawn) return;
    m.drawn = drawn;
    this.deps.render(host, timerView({ conv: m.conv, sla: snap, now: new Date(now), translator: this.deps.translator() }));
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
