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

function setup(opts: { businessHours?: boolean } = {}) {
  const draws: { host: string; view: TimerView }[] = [];
  const contracts: { host: string; c: TimerContract }[] = [];
  const deferred: (() => void)[] = [];
  let engineCalls = 0;
  let now = T0;
  let elapsed = 0;
  const clock = new TimerClock<string>({
    render: (host, view) => draws.push({ host, view }),
    renderContract: (host, c) => contracts.push({ host, c }),
    policy: () => DEFAULT_SLA_POLICY,
    translator: () => createTranslator('en'),
    sla: (...args) => {
      engineCalls++;
      return { ...fakeSla(...args), businessHours: opts.businessHours ?? false };
    },
    defer: (cb) => deferred.push(cb),
    now: () => now,
    // Every draw "takes" 1 ms, so a slice holds six.
    elapsed: () => elapsed++,
  });
  const runDeferred = () => {
    while (deferred.length) deferred.shift()!();
  };
  return {
    clock,
    draws,
    contracts,
    deferred,
    runDeferred,
    engine: () => engineCalls,
    setNow: (t: number) => (now = t),
  };
}

describe('TimerClock: one shared ticker, each badge drawn when its text or state is due', () => {
  it('draws a badge at once, then again only when its text changes (once a minute after the first)', () => {
    const { clock, draws } = setup();
    clock.set('a', conv(T0), 'x', T0 + 2 * H);
    expect(draws.map((d) => d.view.text)).toEqual(['2h 00m']);
    for (let s = 1; s < 60; s++) clock.tick(T0 + 2 * H + s * 1000);
    expect(draws).toHaveLength(1);
    clock.tick(T0 + 2 * H + 60_000);
    expect(draws.map((d) => d.view.text)).toEqual(['2h 00m', '2h 01m']);
  });

  it('counts seconds in the first minute', () => {
    const { clock, draws } = setup();
    clock.set('a', conv(T0), 'x', T0 + 5_000);
    for (let s = 6; s <= 8; s++) clock.tick(T0 + s * 1000);
    expect(draws.map((d) => d.view.text)).toEqual(['5s', '6s', '7s', '8s']);
  });

  it('a tick touches only the badges that are due, not every badge', () => {
    const { clock, draws, runDeferred, setNow } = setup();
    const at = (t: number) => {
      setNow(t);
      clock.tick(t);
      runDeferred(); // (slices of six here)
    };
    // 600 badges whose minutes turn at different seconds.
    for (let i = 0; i < 600; i++) clock.set(`b${i}`, conv(T0 - i * 1000), 'x', T0 + 2 * H);
    draws.length = 0;
    at(T0 + 2 * H + 1000);
    expect(draws).toHaveLength(10); // the ten whose minute turned within that second
    draws.length = 0;
    for (let s = 2; s <= 60; s++) at(T0 + 2 * H + s * 1000);
    expect(draws).toHaveLength(590); // each of the others once in the minute
  });

  it('state changes are drawn at the warn and breach instants, by the real engine', () => {
    const states: string[] = [];
    const clock = new TimerClock<string>({
      render: (_h, v) => states.push(v.state),
      renderContract: (_h, c) => states.push(c.state),
      policy: () => DEFAULT_SLA_POLICY,
      translator: () => createTranslator('en'),
      sla: slaSnapshot,
    });
    clock.set('a', conv(T0), 'x', T0 + 18 * H - 30_000);
    clock.tick(T0 + 18 * H - 1);
    clock.tick(T0 + 18 * H);
    clock.tick(T0 + 24 * H);
    expect(states).toEqual(['ok', 'warn', 'breach']);
  });

  it('setting the same conversation again does nothing (full passes re-read unchanged rows)', () => {
    const { clock, draws } = setup();
    clock.set('a', conv(T0), 'x', T0 + H);
    clock.set('a', conv(T0), 'x', T0 + H);
    expect(draws).toHaveLength(1);
    clock.set('a', conv(T0 + 1000), 'x', T0 + H);
    expect(draws).toHaveLength(2);
  });

  it('answered and unknown conversations never tick', () => {
    const { clock, draws } = setup();
    clock.set('answered', conv(T0, false), 'x', T0);
    clock.set('unknown', conv(null), 'x', T0);
    for (let s = 1; s < 600; s++) clock.tick(T0 + s * 1000);
    expect(draws.map((d) => [d.host, d.view.state, d.view.waitingSince])).toEqual([
      ['answered', 'ok', ''],
      ['unknown', 'unknown', ''],
    ]);
  });

  it('around the clock the engine is asked only when the state changes; in business hours once a minute', () => {
    const round = setup();
    round.clock.set('a', conv(T0), 'x', T0 + H);
    const before = round.engine();
    for (let m = 1; m < 120; m++) round.clock.tick(T0 + H + m * 60_000);
    expect(round.engine()).toBe(before);
    expect(round.draws.at(-1)!.view.label).toBe('Waiting 2 hours 59 minutes, due in 21 hours 1 minute');
    round.clock.tick(T0 + 18 * H);
    expect(round.engine()).toBe(before + 1);

    const office = setup({ businessHours: true });
    office.clock.set('a', conv(T0), 'x', T0 + H);
    const start = office.engine();
    for (let s = 1; s < 60; s++) office.clock.tick(T0 + H + s * 1000);
    expect(office.engine()).toBe(start);
    office.clock.tick(T0 + H + 60_000);
    expect(office.engine()).toBe(start + 1);
  });

  it('a batch gets its contract at once and its text in slices that yield to the page', () => {
    const { clock, draws, contracts, deferred, runDeferred, setNow } = setup();
    setNow(T0 + H);
    clock.batch(() => {
      for (let i = 0; i < 20; i++) clock.set(`r${i}`, conv(T0 - i * 60_000), 'x', T0 + H);
    });
    expect(contracts).toHaveLength(20);
    expect(contracts[0]!.c).toEqual({ key: `k${T0}`, state: 'ok', waitingSince: new Date(T0).toISOString() });
    expect(draws).toHaveLength(0);
    expect(deferred).toHaveLength(1);
    deferred.shift()!();
    expect(draws).toHaveLength(6); // one slice, then it yields
    expect(deferred).toHaveLength(1);
    runDeferred();
    expect(draws).toHaveLength(20);
    expect(new Set(draws.map((d) => d.host)).size).toBe(20);
  });

  it('a deleted badge is never drawn again', () => {
    const { clock, draws } = setup();
    clock.set('a', conv(T0), 'x', T0 + H);
    clock.delete('a');
    for (let m = 1; m < 5; m++) clock.tick(T0 + H + m * 60_000);
    expect(draws).toHaveLength(1);
    expect(clock.size).toBe(0);
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

  it('refreshAll redraws every badge, even with the same text (settings or language changed)', () => {
    const { clock, draws, runDeferred } = setup();
    clock.set('a', conv(T0), 'x', T0);
    clock.set('b', conv(T1()), 'x', T0);
    clock.refreshAll(T0);
    runDeferred();
    expect(draws).toHaveLength(4);
    clock.delete('a');
    clock.refreshAll(T0);
    runDeferred();
    expect(draws).toHaveLength(5);
  });
});
