/**
 * The response-timer badge as plain DOM: one `<baton-timer>` host per conversation with an open
 * shadow root (DESIGN §4 test contract on the host's light-DOM attributes). Plain DOM rather
 * than a React root per badge: an inbox can hold thousands of rows, and a badge only ever
 * changes one text node and a few attributes. Text is only ever set through textContent and
 * attributes, never parsed as HTML.
 */
import { BADGE_STYLE, cssText, DOT_STYLE, HOST_STYLE, STATE_COLORS } from './badge-css';

export const TIMER_TAG = 'baton-timer';

export type TimerState = 'ok' | 'warn' | 'breach' | 'unknown';
export type TimerPlace = 'row' | 'thread';

/** The host's light-DOM attributes (DESIGN §4 test contract). */
export interface TimerContract {
  key: string;
  state: TimerState;
  /** ISO-8601 start of the wait, or '' when answered or unknown. */
  waitingSince: string;
}

/** Everything a badge shows; computed by lib/overlay/view.ts. */
export interface TimerView extends TimerContract {
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

/**
 * A host and its shadow content, built once per document and UI language and cloned for each
 * badge: fewer DOM calls, and a new badge's first draw does not have to set its language.
 * Inline declarations go through the CSSOM (`style.cssText`) on the templates only, never a
 * style attribute, which a page CSP without unsafe-inline would block; clones carry the parsed
 * declarations with them (checked under `style-src 'self'`, tests/e2e/csp.e2e.test.ts). Measured
 * in Chromium: a clone costs ~5 µs where parsing three cssText per badge cost ~30 µs.
 */
interface Template {
  host: HTMLElement;
  shadow: DocumentFragment;
}
const templates = new WeakMap<Document, Map<string, Template>>();

export interface BadgeLanguage {
  dir: 'ltr' | 'rtl';
  lang: string;
}

const HOST_CSS = cssText(HOST_STYLE, true);
/** A new badge starts in the `ok` state. */
const BADGE_CSS = `${cssText(BADGE_STYLE)} ${cssText(STATE_COLORS.ok)}`;
const DOT_CSS = cssText(DOT_STYLE);

function template(doc: Document, language: BadgeLanguage | undefined): Template {
  const key = language ? `${language.lang}|${language.dir}` : '';
  let perDoc = templates.get(doc);
  if (!perDoc) templates.set(doc, (perDoc = new Map()));
  const cached = perDoc.get(key);
  if (cached) return cached;
  const host = doc.createElement(TIMER_TAG);
  host.style.cssText = HOST_CSS;
  const shadow = doc.createDocumentFragment();
  const badge = doc.createElement('span');
  badge.className = 'badge';
  badge.setAttribute('role', 'timer');
  badge.setAttribute('data-state', 'ok'); // the colours it starts with
  badge.style.cssText = BADGE_CSS;
  if (language) {
    badge.setAttribute('dir', language.dir);
    badge.setAttribute('lang', language.lang);
  }
  const dot = doc.createElement('span');
  dot.className = 'dot';
  dot.setAttribute('aria-hidden', 'true');
  dot.style.cssText = DOT_CSS;
  const label = doc.createElement('span');
  label.className = 'text';
  label.setAttribute('aria-hidden', 'true');
  label.append(doc.createTextNode(''));
  badge.append(dot, label);
  shadow.append(badge);
  const t = { host, shadow };
  perDoc.set(key, t);
  return t;
}

function applyState(badge: HTMLElement, state: TimerState): void {
  const c = STATE_COLORS[state] ?? STATE_COLORS.unknown;
  badge.style.setProperty('color', c.color);
  badge.style.setProperty('background', c.background);
}

/** Create an empty badge host. `owner` marks which content-script instance placed it. */
export function createTimerHost(doc: Document, place: TimerPlace, owner: string, language?: BadgeLanguage): HTMLElement {
  const t = template(doc, language);
  const host = t.host.cloneNode(false) as HTMLElement;
  host.setAttribute('data-baton-place', place);
  host.setAttribute('data-baton-owner', owner);
  const shadow = host.attachShadow({ mode: 'open' });
  shadow.append(t.shadow.cloneNode(true));
  const badge = shadow.lastElementChild as HTMLElement;
  const text = badge.lastElementChild!.firstChild as Text;
  for (const type of ISOLATED_EVENTS) host.addEventListener(type, stop);
  parts.set(host, { badge, text });
  return host;
}

function setAttr(el: Element, name: string, value: string): void {
  // Unchanged writes still invalidate style in some engines; skip them.
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

/** Update only the host's contract attributes (offscreen badges: no text to lay out). */
export function renderContract(host: Element, c: TimerContract): void {
  setAttr(host, 'data-baton-key', c.key);
  setAttr(host, 'data-baton-state', c.state);
  setAttr(host, 'data-baton-waiting-since', c.waitingSince);
}

/** Bring a host up to date with `view`, touching only what changed. */
export function renderTimer(host: Element, view: TimerView): void {
  renderContract(host, view);
  const p = parts.get(host);
  if (!p) return;
  if (p.badge.getAttribute('data-state') !== view.state) {
    p.badge.setAttribute('data-state', view.state);
    applyState(p.badge, view.state);
  }
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
