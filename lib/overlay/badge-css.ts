/**
 * Badge styles, set as inline declarations through the CSSOM rather than as a stylesheet in
 * each badge's shadow root: every shadow root holding a stylesheet (adopted or <style>) is a
 * style scope the engine keeps in document order, and measured in Chromium with 5,000 badges
 * each row the page inserted cost ~0.7 ms more style work with a sheet than without (0.06 ms
 * at 500): the cost grows with the number of badges. The CSSOM is not subject to the page's
 * CSP for inline styles. Pixel sizes only: sites change the root font size, so rem/em would
 * drift (research/reliability.md B4). Host declarations are !important because page CSS
 * targeting the host would otherwise win. Colours keep text contrast ≥ 4.5:1 (axe).
 */
import type { TimerState } from './badge';

export type Declarations = Readonly<Record<string, string>>;

/** On the host (light DOM), each !important. `all` first: later longhands override it. */
export const HOST_STYLE: Declarations = {
  all: 'initial',
  display: 'inline-block',
  'vertical-align': 'middle',
  'margin-inline': '6px',
  'line-height': '0',
};

export const BADGE_STYLE: Declarations = {
  display: 'inline-flex',
  'align-items': 'center',
  gap: '4px',
  'box-sizing': 'border-box',
  height: '18px',
  padding: '0 6px',
  'border-radius': '9px',
  font: '600 12px/18px system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", sans-serif',
  'white-space': 'nowrap',
  'unicode-bidi': 'isolate',
  cursor: 'default',
};

export const DOT_STYLE: Declarations = {
  width: '6px',
  height: '6px',
  'border-radius': '3px',
  background: 'currentColor',
  flex: 'none',
};

/** Text and background per state (set on the badge when its state changes). */
export const STATE_COLORS: Readonly<Record<TimerState, { color: string; background: string }>> = {
  ok: { color: '#14532d', background: '#dcfce7' },
  warn: { color: '#713f12', background: '#fef3c7' },
  breach: { color: '#ffffff', background: '#b91c1c' },
  unknown: { color: '#374151', background: '#e5e7eb' },
};

/** Declarations as one CSSOM cssText (one call per element instead of one per property). */
export function cssText(decls: Declarations, important = false): string {
  const bang = important ? ' !important' : '';
  return Object.entries(decls)
    .map(([name, value]) => `${name}: ${value}${bang};`)
    .join(' ');
}
