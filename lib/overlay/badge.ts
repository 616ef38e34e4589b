/**
 * The response-timer badge as plain DOM: one `<baton-timer>` host per conversation with an open
 * shadow root (DESIGN §4 test contract on the host's light-DOM attributes). Plain DOM rather
 * than a React root per badge: an inbox can hold thousands of rows, and a badge only ever
 * changes one text node and a few attributes. Text is only ever set through textContent and
 * attributes, never parsed as HTML.
 */
import { BADGE_CSS } from './badge-css';

export const TIMER_TAG = 'baton-timer';

export type TimerState = 'ok' | 'warn' | 'breach' | 'unknown';
export type TimerPlace = 'row' | 'thread';

/** Everything a badge shows; computed by lib/overlay/view.ts. */
export interface TimerView {
  key: string;
  state: TimerState;
  /** ISO-8601 start of the wait, or '' when answered or unknown. */
  waitingSince: string;
  /** Short visible text, e.g. "3h 12m". */
  text: string;
  /** Full accessible label, e.g. "Waiting 3 hours, due in 21 hours". */
  label: string;
  /** Direction of the UI language. */
  dir: 'ltr' | 'rtl';
  lang: string;
}

interface BadgeParts {
  badge: HTMLElement;
  text: Text;
}

/** Hosts this module created, with their shadow parts (shadow roots stay open for tests). */
const parts = new WeakMap<Element, BadgeParts>();

/** Key events that must not reach the page's single-key hotkeys (X, Facebook). */
const ISOLATED_EVENTS = ['keydown', 'keyup', 'keypress'] as const;
const stop = (e: Event) => e.stopPropagation();

/** Create an empty badge host. `owner` marks which content-script instance placed it. */
export function createTimerHost(doc: Document, place: TimerPlace, owner: string): HTMLElement {
  const host = doc.createElement(TIMER_TAG);
  host.setAttribute('data-baton-place', place);
  host.setAttribute('data-baton-owner', owner);
  const shadow = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = BADGE_CSS;
  const badge = doc.createElement('span');
  badge.className = 'badge';
  badge.setAttribute('role', 'timer');
  const dot = doc.createElement('span');
  dot.className = 'dot';
  dot.setAttribute('aria-hidden', 'true');
  const label = doc.createElement('span');
  label.className = 'text';
  label.setAttribute('aria-hidden', 'true');
  const text = doc.createTextNode('');
  label.append(text);
  badge.append(dot, label);
  shadow.append(style, badge);
  for (const type of ISOLATED_EVENTS) host.addEventListener(type, stop);
  parts.set(host, { badge, text });
  return host;
}

function setAttr(el: Element, name: string, value: string): void {
  // Unchanged writes still invalidate style in some engines; skip them.
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

/** Bring a host up to date with `view`, touching only what changed. */
export function renderTimer(host: Element, view: TimerView): void {
  const p = parts.get(host);
  setAttr(host, 'data-baton-key', view.key);
  setAttr(host, 'data-baton-state', view.state);
  setAttr(host, 'data-baton-waiting-since', view.waitingSince);
  if (!p) return;
  setAttr(p.badge, 'data-state', view.state);
  setAttr(p.badge, 'aria-label', view.label);
  setAttr(p.badge, 'title', view.label);
  setAttr(p.badge, 'dir', view.dir);
  setAttr(p.badge, 'lang', view.lang);
  if (p.text.data !== view.text) p.text.data = view.text;
}

/** Was this host made by createTimerHost (in this JavaScript world)? */
export function isOwnTimerHost(el: Element): boolean {
  return parts.has(el);
}
