/**
 * A wall clock for the browser under test that starts at a fixture's `now`. Fixtures write
 * their visible times ("2h", "Yesterday", "9:15 AM") against that instant, and the content
 * script reads them with the real Date.now(), so Chromium's renderers (pages, content scripts,
 * the extension's worker) run under libfaketime (Debian package `faketime`) shifted by a fixed
 * offset. The clock keeps running: Baton's own elapsed-time logic (grace periods, throttles)
 * must see time pass, so a frozen clock is no option. Tests therefore accept a read time up to
 * `clockSlackMs()` after the fixture's instant. Monotonic time is left real.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

const CANDIDATES = [
  '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1',
  '/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1',
  '/usr/lib/faketime/libfaketime.so.1',
];

export function libfaketimePath(): string | null {
  const fromEnv = process.env.BATON_FAKETIME_LIB;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

export interface ShiftedClock {
  args: string[];
  env: Record<string, string>;
  /** The instant the renderers' clock showed at launch. */
  startsAt: Date;
  /** Real time (ms) at launch. */
  launchedAt: number;
}

/** Launch arguments and environment that make the renderers' clock read `now` at launch. */
export function shiftedClock(now: Date | string): ShiftedClock {
  const lib = libfaketimePath();
  if (!lib) {
    throw new Error('Fixture clocks need libfaketime: install the Debian package `faketime` (or set BATON_FAKETIME_LIB)');
  }
  const at = typeof now === 'string' ? new Date(now) : now;
  if (Number.isNaN(at.getTime())) throw new Error(`bad fixture clock: ${String(now)}`);
  const launchedAt = Date.now();
  const offset = (at.getTime() - launchedAt) / 1000;
  return {
    args: [`--renderer-cmd-prefix=${path.join(import.meta.dirname, 'faketime-renderer.sh')}`],
    env: {
      BATON_FAKETIME_LIB: lib,
      FAKETIME: `${offset >= 0 ? '+' : ''}${offset.toFixed(3)}`,
      // Timers and performance.now() stay real; without the last two, libfaketime's monotonic
      // "fix" and shared-memory sync stalled renderer timers by seconds (measured here).
      FAKETIME_DONT_FAKE_MONOTONIC: '1',
      FAKETIME_FORCE_MONOTONIC_FIX: '0',
      FAKETIME_DISABLE_SHM: '1',
    },
    startsAt: at,
    launchedAt,
  };
}

/** How far the shifted clock has run past its start: the tolerance for a read time. */
export function clockSlackMs(clock: ShiftedClock | null | undefined): number {
  return clock ? Date.now() - clock.launchedAt + 1000 : 0;
}
