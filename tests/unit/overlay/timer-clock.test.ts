import { describe, expect, it } from 'vitest';
import { createTranslator } from '@/lib/i18n';
import type { TimerContract, TimerView } from '@/lib/overlay/badge';
import { slaSnapshot } from '@/lib/overlay/sla-state';
import { TimerClock } from '@/lib/overlay/timer-clock';
import type { SlaSnapshot } from '@/lib/overlay/view';
import type { ConversationState } from '@/lib/platforms/types';
import { DEFAULT_SLA_POLICY } from '@/lib/time/schemas';

const H = 3_600_000;
const T0 = Date.parse('2026-03-02T00:00:00Z');
const T1 = () => T0 - H;

/** A stand-in engine with a 24 h target and warn at 18 h, enough to drive the clock. */
function fakeSla(since: Date, _p: unknown, _policy: unknown, now: Date): SlaSnapshot {
  const waited = now.getTime() - since.getTime();
  const warnAt = since.getTime() + 18 * H;
  const dueAt = since.getTime() + 24 * H;
  const state = waited >= 24 * H ? 'breach' : waited >= 18 * H ? 'warn' : 'ok';
  const next = state === 'ok' ? warnAt : state === 'warn' ? dueAt : null;
  return { state, warnAt: new Date(warnAt), dueAt: new Date(dueAt), remainingMs: dueAt - now.getTime(), nextChangeAt: next === null ? null : new Date(next), businessHours: false };
}

const conv = (since: number | null, inbound: boolean | null = true): ConversationState => ({
  key: `k${since}`,
  platform: 'x',
  customerName: null,
  lastInboundAt: null,
  lastOutboundAt: null,
  lastIsInbound: inbound,
  waitingSince: since === null ? null : new Date(since),
  lastInboundText: null,
  url: null,
});

function setup() {
  const draws: { host: string; view: TimerView }[] = [];
  const contracts: { host: string; c: TimerContract }[] = [];
  const clock = new TimerClock<string>({
    render: (host, view) => draws.push({ host, view }),
    renderContract: (host, c) => contracts.push({ host, c }),
    policy: () => DEFAULT_SLA_POLICY,
    translator: () => createTranslator('en'),
    sla: fakeSla,
  });
  return { clock, draws, contracts };
}

describe('TimerClock: one shared ticker, visible badges only', () => {
  it('draws a visible badge, then redraws it only when its text changes (once a minute)', () => {
    const { clock, draws } = setup();
    clock.set('a', conv(T0), 'x', T0 + 2 * H);
    clock.setVisible('a', true, T0 + 2 * H);
    expect(draws).toHaveLength(1);
    for (let s = 1; s < 60; s++) clock.tick(T0 + 2 * H + s * 1000);
    expect(draws).toHaveLength(1);
    clock.tick(T0 + 2 * H + 60_000);
    expect(draws).toHaveLength(2);
    expect(draws[1]!.view.text).toBe('2h 01m');
  });

  it('offscreen badges get only their contract, and only when their SLA state changes', () => {
    const { clock, draws, contracts } = setup();
    clock.set('off', conv(T0), 'x', T0 + 17 * H);
    expect(contracts.map((x) => x.c)).toEqual([{ key: `k${T0}`, state: 'ok', waitingSince: new Date(T0).toISOString() }]);
    for (let m = 1; m < 60; m++) clock.tick(T0 + 17 * H + m * 60_000);
    expect(contracts).toHaveLength(1);
    clock.tick(T0 + 18 * H);
    expect(contracts.map((x) => x.c.state)).toEqual(['ok', 'warn']);
    clock.tick(T0 + 24 * H + 1);
    expect(contracts.at(-1)!.c.state).toBe('breach');
    clock.tick(T0 + 30 * H);
    expect(contracts).toHaveLength(3); // breach is final: no more offscreen work
    expect(draws).toHaveLength(0); // no text laid out offscreen
  });

  it('setting the same conversation again does nothing (full passes re-read unchanged rows)', () => {
    const { clock, draws, contracts } = setup();
    clock.set('a', conv(T0), 'x', T0 + H);
    clock.setVisible('a', true, T0 + H);
    clock.set('a', conv(T0), 'x', T0 + H);
    expect(draws.length + contracts.length).toBe(2);
    clock.set('a', conv(T0 + 1000), 'x', T0 + H);
    expect(draws).toHaveLength(2);
  });

  it('becoming visible brings the text up to date at once', () => {
    const { clock, draws } = setup();
    clock.set('a', conv(T0), 'x', T0 + H);
    clock.tick(T0 + 3 * H);
    expect(draws).toHaveLength(0);
    clock.setVisible('a', true, T0 + 3 * H);
    expect(draws.at(-1)!.view.text).toBe('3h 00m');
  });

  it('answered and unknown conversations never tick', () => {
    const { clock, draws } = setup();
    clock.set('answered', conv(T0, false), 'x', T0);
    clock.set('unknown', conv(null), 'x', T0);
    clock.setVisible('answered', true, T0);
    clock.setVisible('unknown', true, T0);
    for (let s = 1; s < 600; s++) clock.tick(T0 + s * 1000);
    expect(draws.map((d) => [d.host, d.view.state, d.view.waitingSince])).toEqual([
      ['answered', 'ok', ''],
      ['unknown', 'unknown', ''],
    ]);
  });

  it('asks the engine only when the minute or the state changes (business-hours maths is costly)', () => {
    let calls = 0;
    const clock = new TimerClock<string>({
      render: () => {},
      renderContract: () => {},
      policy: () => DEFAULT_SLA_POLICY,
      translator: () => createTranslator('en'),
      sla: (...args) => {
        calls++;
        return fakeSla(...args);
      },
    });
    clock.set('a', conv(T0), 'x', T0 + H);
    clock.setVisible('a', true, T0 + H);
    const before = calls;
    for (let s = 1; s < 60; s++) clock.tick(T0 + H + s * 1000);
    expect(calls).toBe(before);
    clock.tick(T0 + H + 60_000);
    expect(calls).toBe(before + 1);
  });

  it('a badge mounted offscreen and shown a frame later asks the engine once; later, or after a state change, again', () => {
    let calls = 0;
    const draws: TimerView[] = [];
    const clock = new TimerClock<string>({
      render: (_h, view) => draws.push(view),
      renderContract: () => {},
      policy: () => DEFAULT_SLA_POLICY,
      translator: () => createTranslator('en'),
      sla: (...args) => {
        calls++;
        return fakeSla(...args);
      },
    });
    clock.set('a', conv(T0), 'x', T0 + H);
    expect(calls).toBe(1);
    clock.setVisible('a', true, T0 + H + 16);
    expect(calls).toBe(1);
    expect(draws.at(-1)!.text).toBe('1h 00m');
    clock.setVisible('a', false, T0 + H + 20);
    clock.setVisible('a', true, T0 + H + 65_000);
    expect(calls).toBe(2); // a stale snapshot is not reused
    expect(draws.at(-1)!.text).toBe('1h 01m');
    // Just before the warn instant the snapshot says ok; a second later the engine is asked again.
    clock.set('b', conv(T0), 'x', T0 + 18 * H - 500);
    const beforeWarn = calls;
    clock.setVisible('b', true, T0 + 18 * H + 100);
    expect(calls).toBe(beforeWarn + 1);
    expect(draws.at(-1)!.state).toBe('warn');
  });

  it('the real engine drives the clock: states follow the default 24 h target with warn at 75 %', () => {
    const states: string[] = [];
    const clock = new TimerClock<string>({
      render: (_h, v) => states.push(v.state),
      renderContract: (_h, c) => states.push(c.state),
      policy: () => DEFAULT_SLA_POLICY,
      translator: () => createTranslator('en'),
      sla: slaSnapshot,
    });
    clock.set('a', conv(T0), 'x', T0 + H);
    clock.tick(T0 + 18 * H - 1);
    clock.tick(T0 + 18 * H);
    clock.tick(T0 + 24 * H);
    expect(states).toEqual(['ok', 'warn', 'breach']);
  });

  it('an engine error shows unknown, never a number', () => {
    const draws: TimerContract[] = [];
    const clock = new TimerClock<string>({
      render: (_h, v) => draws.push(v),
      renderContract: (_h, c) => draws.push(c),
      policy: () => DEFAULT_SLA_POLICY,
      translator: () => createTranslator('en'),
      sla: () => {
        throw new RangeError('bad zone');
      },
    });
    clock.set('a', conv(T0), 'x', T0 + H);
    expect(draws[0]!.state).toBe('unknown');
    expect(draws[0]!.waitingSince).toBe('');
  });

  it('refreshAll redraws every badge (settings or language changed)', () => {
    const { clock, contracts } = setup();
    clock.set('a', conv(T0), 'x', T0);
    clock.set('b', conv(T1()), 'x', T0);
    clock.refreshAll(T0);
    expect(contracts).toHaveLength(4);
    clock.delete('a');
    clock.refreshAll(T0);
    expect(contracts).toHaveLength(5);
  });
});
