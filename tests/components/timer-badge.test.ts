/**
 * The timer badge (plain-DOM renderer, lib/overlay/badge.ts): the DESIGN §4 test contract on
 * the host, states, accessible label, Arabic/RTL, hostile customer text, keyboard isolation.
 */
import { describe, expect, it } from 'vitest';
import { createTranslator } from '@/lib/i18n';
import { createTimerHost, renderTimer } from '@/lib/overlay/badge';
import { BADGE_STYLE, DOT_STYLE, HOST_STYLE, STATE_COLORS } from '@/lib/overlay/badge-css';
import { timerView, type SlaSnapshot } from '@/lib/overlay/view';
import { formatDuration } from '@/lib/time/sla';

const now = new Date('2026-03-02T12:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
const snap = (state: SlaSnapshot['state'], remainingH: number): SlaSnapshot => ({
  state,
  warnAt: null,
  dueAt: new Date(now.getTime() + remainingH * 3_600_000),
  remainingMs: remainingH * 3_600_000,
  nextChangeAt: null,
  businessHours: false,
});

function mount(view: ReturnType<typeof timerView>) {
  const host = createTimerHost(document, 'row', 'owner-1');
  document.body.append(host);
  renderTimer(host, view);
  const badge = host.shadowRoot!.querySelector('.badge')!;
  return { host, badge };
}

const conv = (over: Partial<Parameters<typeof timerView>[0]['conv']> = {}) => ({
  key: 'x:1-2',
  lastIsInbound: true as boolean | null,
  waitingSince: hoursAgo(3) as Date | null,
  customerName: null as string | null,
  ...over,
});

describe('timer badge', () => {
  const en = createTranslator('en');

  it('carries the test contract on the host: key, state, waiting-since, open shadow root', () => {
    const { host } = mount(timerView({ conv: conv(), sla: snap('ok', 21), now, translator: en }));
    expect(host.localName).toBe('baton-timer');
    expect(host.getAttribute('data-baton-key')).toBe('x:1-2');
    expect(host.getAttribute('data-baton-state')).toBe('ok');
    expect(host.getAttribute('data-baton-waiting-since')).toBe(hoursAgo(3).toISOString());
    expect(host.shadowRoot?.mode).toBe('open');
    expect(host.getAttribute('data-baton-place')).toBe('row');
  });

  it.each([
    ['ok', 21, 'Waiting 3 hours, due in 21 hours'],
    ['warn', 3, 'Waiting 3 hours, due in 3 hours'],
    ['breach', -2, 'Waiting 3 hours, overdue by 2 hours'],
  ] as const)('state %s: colour state, short text and spoken label', (state, left, label) => {
    const { host, badge } = mount(timerView({ conv: conv(), sla: snap(state, left), now, translator: en }));
    expect(host.getAttribute('data-baton-state')).toBe(state);
    expect(badge.getAttribute('data-state')).toBe(state);
    expect(badge.textContent).toBe('3h 00m');
    expect(badge.getAttribute('role')).toBe('timer');
    expect(badge.getAttribute('aria-label')).toBe(label);
  });

  it('unknown time: state unknown, empty waiting-since, never a number', () => {
    const { host, badge } = mount(timerView({ conv: conv({ waitingSince: null }), sla: null, now, translator: en }));
    expect(host.getAttribute('data-baton-state')).toBe('unknown');
    expect(host.getAttribute('data-baton-waiting-since')).toBe('');
    expect(badge.textContent).not.toMatch(/\d/);
    expect(badge.getAttribute('aria-label')).toBe('Waiting time unknown');
  });

  it("answered (the brand's message is last): no running timer", () => {
    const { host, badge } = mount(
      timerView({ conv: conv({ lastIsInbound: false, waitingSince: hoursAgo(1) }), sla: snap('ok', 23), now, translator: en }),
    );
    expect(host.getAttribute('data-baton-waiting-since')).toBe('');
    expect(host.getAttribute('data-baton-state')).toBe('ok');
    expect(badge.textContent).toBe('Replied');
    expect(badge.getAttribute('aria-label')).toBe('Answered, no reply due');
  });

  it('Arabic: right-to-left, Arabic label and plural forms', () => {
    const ar = createTranslator('ar');
    const { badge } = mount(timerView({ conv: conv({ waitingSince: hoursAgo(2) }), sla: snap('ok', 22), now, translator: ar }));
    expect(badge.getAttribute('dir')).toBe('rtl');
    expect(badge.getAttribute('lang')).toBe('ar');
    expect(badge.getAttribute('aria-label')).toContain('ساعتان'); // the dual form of "hour"
    expect(badge.getAttribute('aria-label')).toMatch(/^ينتظر منذ/);
    expect(badge.textContent).toBe(formatDuration(2 * 3_600_000, 'ar'));
  });

  it('renders a hostile customer name as text, never as markup', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const { host, badge } = mount(timerView({ conv: conv({ customerName: evil }), sla: snap('warn', 1), now, translator: en }));
    expect(badge.getAttribute('aria-label')).toBe(`${evil}: Waiting 3 hours, due in 1 hour`);
    expect(host.shadowRoot!.querySelector('img')).toBeNull();
    expect(document.querySelector('img')).toBeNull();
  });

  it('updates in place: a new view changes text and state without a new host', () => {
    const { host, badge } = mount(timerView({ conv: conv(), sla: snap('ok', 21), now, translator: en }));
    const later = new Date(now.getTime() + 20 * 3_600_000);
    renderTimer(host, timerView({ conv: conv(), sla: snap('breach', -1), now: later, translator: en }));
    expect(host.getAttribute('data-baton-state')).toBe('breach');
    expect(badge.textContent).toBe('23h 00m');
    expect(host.shadowRoot!.querySelectorAll('.badge')).toHaveLength(1);
  });

  it('keys typed inside the badge do not reach page hotkeys', () => {
    const { host, badge } = mount(timerView({ conv: conv(), sla: snap('ok', 21), now, translator: en }));
    const seen: string[] = [];
    const listener = (e: Event) => seen.push(e.type);
    document.addEventListener('keydown', listener);
    window.addEventListener('keyup', listener);
    for (const type of ['keydown', 'keyup', 'keypress']) {
      badge.dispatchEvent(new KeyboardEvent(type, { key: 'j', bubbles: true, composed: true }));
    }
    document.removeEventListener('keydown', listener);
    window.removeEventListener('keyup', listener);
    expect(seen).toEqual([]);
    expect(host.isConnected).toBe(true);
  });

  it('is styled inline (no stylesheet per shadow root), in pixel sizes only (sites change the root font size)', () => {
    const { host } = mount(timerView({ conv: conv(), sla: snap('ok', 21), now, translator: en }));
    const sr = host.shadowRoot!;
    expect(sr.adoptedStyleSheets).toHaveLength(0);
    expect(sr.querySelector('style')).toBeNull();
    expect(host.style.getPropertyValue('display')).toBe('inline-block');
    expect(host.style.getPropertyPriority('display')).toBe('important');
    const badge = sr.querySelector<HTMLElement>('.badge')!;
    expect(badge.style.getPropertyValue('height')).toBe('18px');
    expect(badge.style.getPropertyValue('font')).toMatch(/600 12px/);
    expect(sr.querySelector<HTMLElement>('.dot')!.style.getPropertyValue('width')).toBe('6px');
    for (const decls of [HOST_STYLE, BADGE_STYLE, DOT_STYLE]) for (const v of Object.values(decls)) expect(v).not.toMatch(/\d(rem|em)\b/);
  });

  it('takes the colours of its state, and changes them with it', () => {
    const { host } = mount(timerView({ conv: conv(), sla: snap('ok', 21), now, translator: en }));
    const badge = host.shadowRoot!.querySelector<HTMLElement>('.badge')!;
    const bg = (hex: string) => {
      const probe = document.createElement('span');
      probe.style.setProperty('background', hex);
      return probe.style.getPropertyValue('background');
    };
    expect(badge.style.getPropertyValue('background')).toBe(bg(STATE_COLORS.ok.background));
    renderTimer(host, timerView({ conv: conv(), sla: snap('breach', -1), now, translator: en }));
    expect(badge.getAttribute('data-state')).toBe('breach');
    expect(badge.style.getPropertyValue('background')).toBe(bg(STATE_COLORS.breach.background));
  });
});

describe('timer badge language', () => {
  it('a host created for Arabic starts right-to-left before its first draw', () => {
    const host = createTimerHost(document, 'row', 'o', { dir: 'rtl', lang: 'ar' });
    const badge = host.shadowRoot!.querySelector('.badge')!;
    expect(badge.getAttribute('dir')).toBe('rtl');
    expect(badge.getAttribute('lang')).toBe('ar');
    const plain = createTimerHost(document, 'row', 'o');
    expect(plain.shadowRoot!.querySelector('.badge')!.hasAttribute('dir')).toBe(false);
  });
});
