/**
 * The suggestions panel next to the composer of the open thread (DESIGN §4, §6; issue 3): one
 * `<baton-suggestions data-baton-count="N">` host with an open shadow root, fixed-positioned by
 * the composer rather than inserted into the platform's React tree (which would fight its
 * reconciliation). Ranking runs in the background (lib/replies/messages.ts `replies/rank`), where
 * the index stays warm; this module reads the thread through the adapter, fills variables from
 * the page and the settings, and inserts through lib/editors. It never sends.
 */
import { useLayoutEffect, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { browser } from 'wxt/browser';
import { I18nProvider, useI18n } from '@/components/i18n';
import { SuggestionsPanel, type PanelNotice, type SuggestionItem } from '@/components/suggestions/SuggestionsPanel';
import { PANEL_CSS } from '@/components/suggestions/panel-css';
import { composerText, insertIntoComposer } from '@/lib/editors';
import { pickLocale, type Locale } from '@/lib/i18n';
import { PerfRecorder } from '@/lib/overlay/perf';
import { Heartbeat } from './heartbeat';
import { request } from '@/lib/messaging';
import { editorKindOf } from '@/lib/platforms/common';
import { adapterForUrl } from '@/lib/platforms/index';
import type { PageKind, PlatformAdapter, ReadContext } from '@/lib/platforms/types';
import { surfaceOf } from '@/lib/replies/limits';
import { replyUsed, suggestReplies, type RankedReplySchema } from '@/lib/replies/messages';
import type { z } from 'zod';
import { detectLanguage } from '@/lib/replies/text';
import { variableValues, type VariableValues } from '@/lib/replies/variables';
import type { Reply } from '@/lib/replies/schema';
import { readSetting, settingItems, watchSetting, type PlatformToggles, type ReplyProfile, type UiLocale } from '@/lib/settings';

export const SUGGESTIONS_TAG = 'baton-suggestions';
/**
 * Without page mutations (or URL changes) a full look for the composer runs only this often:
 * finding it may walk every shadow root, and mutations inside shadow roots are not observed.
 */
const IDLE_CHECK_MS = 2_000;
/** While no composer is open on a thread or comments page, page changes are looked at this often. */
const SEARCH_MS = 1_000;
/**
 * A conversation list alone (no thread in the URL) gets a composer by navigating, which is
 * looked at at once; otherwise only after the page changed, and rarely: on a 5,000-row list
 * one look walks every element for shadow roots (~10–30 ms measured in the content bench).
 */
const LIST_IDLE_CHECK_MS = 30_000;
/** After an in-page navigation, wait this long before looking at the new thread. */
const ROUTE_SETTLE_MS = 1_500;
/** Re-read the thread (the customer may have written again) at most this often. */
const THREAD_READ_MS = 2_000;
const TOP = 3;
const SEARCH_LIMIT = 8;
const SEARCH_DEBOUNCE_MS = 120;
const GAP_PX = 8;
/** Key events that must not reach the page's single-key hotkeys (X, Facebook). */
const ISOLATED_EVENTS = ['keydown', 'keyup', 'keypress'] as const;

type Match = { adapter: PlatformAdapter; kind: PageKind };

/** The reply a crisis always offers first: the holding statement. */
export function isHoldingStatement(r: Reply): boolean {
  return r.crisisSafe && (r.shortcut === 'holding' || r.tags.some((t) => /holding/i.test(t)));
}

function itemOf(reply: Reply, language: string): SuggestionItem {
  const body = reply.bodies[language] ?? Object.values(reply.bodies)[0] ?? '';
  return { id: reply.id, title: reply.title, body, language: reply.bodies[language] ? language : (Object.keys(reply.bodies)[0] ?? language) };
}

/**
 * Put the caret at the reply's `{{cursor}}` stop: the insertion left it at the reply's end, so
 * move back by the characters after the stop (a newline counts as one, as editors count it).
 */
function placeCursor(el: HTMLElement, text: string, cursor: number | null): void {
  if (cursor === null) return;
  const back = text.length - cursor;
  if (back <= 0) return;
  if (el.localName === 'textarea') {
    const ta = el as HTMLTextAreaElement;
    const at = Math.max(0, ta.selectionEnd - back);
    ta.setSelectionRange(at, at);
    return;
  }
  const sel = el.ownerDocument.getSelection() as (Selection & { modify?: (a: string, d: string, g: string) => void }) | null;
  if (!sel?.modify || back > 2_000) return;
  for (let i = 0; i < back; i++) sel.modify('move', 'backward', 'character');
}

export interface SuggestionsOverlayOptions {
  ctx: ContentScriptContext;
  owner: string;
  send?: (message: unknown) => Promise<unknown>;
  /** The content script's shared wake-up: composer present? position right? (one is made when none is given) */
  heartbeat?: Heartbeat;
}

export class SuggestionsOverlay {
  private readonly ctx: ContentScriptContext;
  private readonly owner: string;
  private readonly send: (message: unknown) => Promise<unknown>;
  private readonly doc = document;
  private readonly perf = new PerfRecorder(document, performance);
  private readonly heartbeat: Heartbeat;
  /** Follows the composer's size (it grows as the agent types): the panel sits against it. */
  private resizeObserver: ResizeObserver | null = null;
  /** Whether the current URL is a conversation list alone, worked out once per URL. */
  private listOnlyFor = { href: '', value: false };
  private host: HTMLElement | null = null;
  private root: Root | null = null;
  private stopped = false;
  private unwatch: (() => void)[] = [];
  private mo: MutationObserver | null = null;
  private dirty = true;
  private checkedAt = 0;
  private checkedUrl = '';
  private routeUrl = '';
  private routeSettlesAt = 0;

  private profile: ReplyProfile = settingItems.replyProfile.fallback;
  private crisis = false;
  private toggles: PlatformToggles = settingItems.platforms.fallback;
  private uiLocale: UiLocale = 'auto';

  private match: Match | null = null;
  private composer: HTMLElement | null = null;
  private threadKey = '';
  private message = '';
  private customerName: string | null = null;
  private threadReadAt = 0;

  private open = true;
  private query = '';
  private focusSearch = 0;
  /** The key whose keyup follows a close into the composer: it belongs to the panel, not the page. */
  private swallowKeyUp: string | null = null;
  private items: SuggestionItem[] = [];
  private status: 'loading' | 'ready' | 'error' = 'loading';
  private notice: PanelNotice = null;
  private rankSeq = 0;
  private searchTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(opts: SuggestionsOverlayOptions) {
    this.ctx = opts.ctx;
    this.owner = opts.owner;
    this.send = opts.send ?? ((m) => browser.runtime.sendMessage(m));
    this.heartbeat = opts.heartbeat ?? new Heartbeat(opts.ctx);
  }

  async start(): Promise<void> {
    for (const stray of Array.from(this.doc.querySelectorAll(SUGGESTIONS_TAG))) {
      if (stray.getAttribute('data-baton-owner') !== this.owner) stray.remove();
    }
    [this.profile, this.crisis, this.toggles, this.uiLocale] = await Promise.all([
      readSetting(settingItems.replyProfile),
      readSetting(settingItems.crisisMode),
      readSetting(settingItems.platforms),
      readSetting(settingItems.uiLocale),
    ]);
    if (this.stopped) return;
    this.unwatch.push(
      watchSetting(settingItems.replyProfile, (v) => {
        this.profile = v;
        this.render();
      }),
      watchSetting(settingItems.crisisMode, (v) => {
        this.crisis = v;
        void this.rank();
      }),
      watchSetting(settingItems.platforms, (v) => {
        this.toggles = v;
        this.check();
      }),
      watchSetting(settingItems.uiLocale, (v) => {
        this.uiLocale = v;
        this.render();
      }),
    );
    this.mo = new MutationObserver(() => {
      this.dirty = true;
      // While no composer is open, look soon: within a second where one can appear without
      // navigation, within LIST_IDLE_CHECK_MS on a list alone.
      if (this.composer === null) this.heartbeat.wakeAt(this.checkedAt + (this.listOnly() ? LIST_IDLE_CHECK_MS : SEARCH_MS));
    });
    this.mo.observe(this.doc.documentElement, { childList: true, subtree: true });
    this.heartbeat.every(() => (this.stopped ? undefined : this.perf.run('suggest', () => this.tick())));
    this.heartbeat.onNavigate(() => this.heartbeat.wakeAt(Date.now()));
    if (typeof ResizeObserver === 'function') this.resizeObserver = new ResizeObserver(() => this.position());
    this.ctx.addEventListener(window, 'keydown', (e) => this.onPageKey(e), { capture: true });
    this.ctx.addEventListener(
      window,
      'keyup',
      (e) => {
        if (this.swallowKeyUp === null) return;
        if (e.key === this.swallowKeyUp) e.stopPropagation();
        this.swallowKeyUp = null;
      },
      { capture: true },
    );
    this.ctx.addEventListener(window, 'resize', () => this.position());
    this.ctx.addEventListener(window, 'scroll', () => this.position(), { capture: true, passive: true });
    this.check();
  }

  stop(): void {
    this.stopped = true;
    this.mo?.disconnect();
    this.mo = null;
    this.resizeObserver?.disconnect();
    this.resizeObserver = null;
    for (const u of this.unwatch) {
      try {
        u();
      } catch {
        // After an extension reload the storage API itself is gone; nothing left to remove.
      }
    }
    this.unwatch = [];
    this.root?.unmount();
    this.root = null;
    this.host?.remove();
    this.host = null;
  }

  private locale(): Locale {
    return pickLocale(this.uiLocale === 'auto' ? navigator.language : this.uiLocale);
  }

  private readContext(url: URL): ReadContext {
    return {
      now: new Date(),
      locale: this.doc.documentElement.lang || navigator.language || 'en',
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      url,
    };
  }

  /** A conversation list alone (no thread in the URL): a composer comes only with navigation. */
  private listOnly(): boolean {
    if (location.href !== this.listOnlyFor.href) this.listOnlyFor = { href: location.href, value: adapterForUrl(location.href)?.kind === 'inbox' };
    return this.listOnlyFor.value;
  }
  /**
   * Check now if the page changed (or the composer went), else only now and then. Returns when
   * the next check is wanted (the heartbeat sleeps until then).
   */
  private tick(): number {
    const now = Date.now();
    // After SPA navigation the new thread renders over several frames: wait for the route to
    // settle rather than rank a half-rendered thread (and compete with the timers' re-read).
    if (location.href !== this.routeUrl) {
      if (this.routeUrl !== '') this.routeSettlesAt = now + ROUTE_SETTLE_MS;
      this.routeUrl = location.href;
    }
    if (now < this.routeSettlesAt) return this.routeSettlesAt;
    // A full look for the composer walks the document (and its shadow roots), so page churn alone
    // must not trigger one per tick on a busy inbox: look at once only when the route changed or
    // the composer we hold left the page; while none is open, page changes are looked at only on
    // surfaces where a composer can appear without navigation, and at most once a second.
    const moved = location.href !== this.checkedUrl || (this.composer !== null && !this.composer.isConnected);
    const listOnly = this.composer === null && this.listOnly();
    const mayAppear = this.composer === null && this.dirty && !listOnly && now - this.checkedAt >= SEARCH_MS;
    const idle = listOnly ? this.dirty && now - this.checkedAt >= LIST_IDLE_CHECK_MS : now - this.checkedAt >= IDLE_CHECK_MS;
    if (moved || mayAppear || idle) this.check();
    else if (this.composer) this.position(); // the composer may have moved (layout, resize)
    // An open composer is followed every beat; a list alone waits for a change or navigation.
    if (this.composer) return now;
    if (this.listOnly()) return this.dirty ? this.checkedAt + LIST_IDLE_CHECK_MS : Infinity;
    return this.checkedAt + IDLE_CHECK_MS;
  }

  /** Find the open thread's composer; re-rank when the thread or its last message changed. */
  private check(): void {
    if (this.stopped) return;
    this.dirty = false;
    this.checkedAt = Date.now();
    this.checkedUrl = location.href;
    const url = new URL(location.href);
    const match = adapterForUrl(url);
    const composer = match && this.toggles[match.adapter.id] !== false ? safely(() => match.adapter.findComposer(this.doc), null) : null;
    if (!match || !composer) {
      this.watchComposer(null);
      if (this.host) this.host.hidden = true;
      return;
    }
    this.match = match;
    const composerChanged = composer !== this.composer;
    this.watchComposer(composer);
    const now = Date.now();
    if (composerChanged || now - this.threadReadAt >= THREAD_READ_MS) {
      this.threadReadAt = now;
      const thread = safely(() => match.adapter.readThread(this.doc, this.readContext(url)), null);
      const key = thread?.key ?? url.href;
      const message = thread?.lastInboundText?.trim() ?? '';
      this.customerName = thread?.customerName ?? null;
      if (key !== this.threadKey || message !== this.message) {
        if (key !== this.threadKey) {
          this.open = true;
          this.query = '';
          this.notice = null;
        }
        this.threadKey = key;
        this.message = message;
        void this.rank();
      }
    }
    this.ensureHost();
    this.host!.hidden = false;
    this.position();
  }

  private watchComposer(composer: HTMLElement | null): void {
    if (composer === this.composer) return;
    if (this.composer) this.resizeObserver?.unobserve(this.composer);
    this.composer = composer;
    if (composer) this.resizeObserver?.observe(composer);
  }

  private ensureHost(): void {
    if (this.host?.isConnected) return;
    this.root?.unmount();
    const host = this.doc.createElement(SUGGESTIONS_TAG);
    host.setAttribute('data-baton-owner', this.owner);
    host.setAttribute('data-baton-count', '0');
    const shadow = host.attachShadow({ mode: 'open' });
    const style = this.doc.createElement('style');
    style.textContent = PANEL_CSS;
    const mount = this.doc.createElement('div');
    shadow.append(style, mount);
    const stop = (e: Event) => e.stopPropagation();
    for (const type of ISOLATED_EVENTS) host.addEventListener(type, stop);
    // documentElement, not body: single-page apps replace body's children.
    this.doc.documentElement.append(host);
    this.host = host;
    this.root = createRoot(mount);
    this.render();
  }

  /** Beside the composer: above it when there is room (composers sit at the bottom), else below. */
  private position(): void {
    const host = this.host;
    const composer = this.composer;
    if (!host || !composer || host.hidden) return;
    const rect = composer.getBoundingClientRect();
    const rtl = getComputedStyle(composer).direction === 'rtl';
    const width = Math.min(340, window.innerWidth - 16);
    const x = rtl ? Math.max(8, rect.right - width) : Math.min(Math.max(8, rect.left), Math.max(8, window.innerWidth - width - 8));
    host.style.setProperty('left', `${x}px`, 'important');
    const height = host.getBoundingClientRect().height;
    if (rect.top - height - GAP_PX >= 8 || rect.top > window.innerHeight / 2) {
      host.style.setProperty('top', 'auto', 'important');
      host.style.setProperty('bottom', `${Math.max(8, window.innerHeight - rect.top + GAP_PX)}px`, 'important');
    } else {
      host.style.setProperty('bottom', 'auto', 'important');
      host.style.setProperty('top', `${Math.min(window.innerHeight - 40, rect.bottom + GAP_PX)}px`, 'important');
    }
  }

  private values(): VariableValues {
    return variableValues({
      customerName: this.customerName,
      agentName: this.profile.agentName,
      brandName: this.profile.brandName,
      platformLabel: this.match?.adapter.name ?? null,
    });
  }

  /** Ask the background for the replies to show (top three, or the search's results). */
  private async rank(): Promise<void> {
    const match = this.match;
    if (!match) return;
    const seq = ++this.rankSeq;
    const platform = match.adapter.id;
    const crisis = this.crisis;
    const query = this.query.trim();
    // No message (a comments page with nothing open): the page's language, then the UI's.
    const fallbackLanguage = detectLanguage(this.message) ?? (this.doc.documentElement.lang.split('-')[0] || this.locale());
    this.status = 'loading';
    this.render();
    try {
      let ranked: z.infer<typeof RankedReplySchema>[];
      if (query) {
        ranked = await request(this.send, suggestReplies, { message: query, platform, limit: SEARCH_LIMIT, crisis, prefix: true, fallbackLanguage });
      } else {
        ranked = await request(this.send, suggestReplies, { message: this.message, platform, limit: TOP, crisis, fallbackLanguage });
        if (crisis || ranked.length < TOP) {
          // Fill up from the library (recent first) and, in a crisis, lead with the holding statement.
          const rest = await request(this.send, suggestReplies, { message: '', platform, limit: crisis ? 50 : TOP, crisis, fallbackLanguage });
          const holding = crisis ? rest.filter((r) => isHoldingStatement(r.reply)).slice(0, 1) : [];
          const seen = new Set<string>();
          ranked = [...holding, ...ranked, ...rest].filter((r) => !seen.has(r.reply.id) && (seen.add(r.reply.id), true)).slice(0, TOP);
        }
      }
      if (seq !== this.rankSeq) return;
      this.items = ranked.map((r) => itemOf(r.reply, r.language));
      this.status = 'ready';
    } catch {
      if (seq !== this.rankSeq) return;
      this.items = [];
      this.status = 'error';
    }
    this.render();
  }

  private onQuery(query: string): void {
    this.query = query;
    this.render();
    if (this.searchTimer) clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => void this.rank(), SEARCH_DEBOUNCE_MS);
  }

  private async insert(item: SuggestionItem, text: string, cursor: number | null): Promise<void> {
    const match = this.match;
    const composer = match ? safely(() => match.adapter.findComposer(this.doc), null) : null;
    if (!match || !composer) {
      this.setNotice('noComposer');
      return;
    }
    const hadDraft = composerText(composer).trim() !== '';
    const result = await insertIntoComposer(composer, text, editorKindOf(composer, match.adapter.editor));
    if (!result.ok) {
      this.setNotice('failed');
      return;
    }
    placeCursor(composer, text, cursor);
    this.setNotice(hadDraft ? 'appended' : 'inserted');
    request(this.send, replyUsed, { id: item.id }).catch(() => undefined);
  }

  private setNotice(notice: PanelNotice): void {
    this.notice = notice;
    this.render();
  }

  private close(): void {
    this.open = false;
    this.swallowKeyUp = 'Escape';
    this.render();
    this.composer?.focus();
  }

  private reopen(search: boolean): void {
    this.open = true;
    if (search) this.focusSearch++;
    this.render();
  }

  /** Alt+/ anywhere on the page (typically in the composer) takes the keyboard to the panel's search. */
  private onPageKey(e: KeyboardEvent): void {
    if (!e.altKey || e.ctrlKey || e.metaKey || (e.code !== 'Slash' && e.key !== '/')) return;
    if (!this.host || this.host.hidden) return;
    e.preventDefault();
    e.stopPropagation();
    this.reopen(true);
  }

  private render(): void {
    const host = this.host;
    const root = this.root;
    if (!host || !root || !this.match) return;
    const adapter = this.match.adapter;
    const locale = this.locale();
    const count = String(this.open ? this.items.length : 0);
    const open = String(this.open);
    const crisis = String(this.crisis);
    const notice = this.notice ?? '';
    // The contract attributes change only once React has committed the buttons they describe.
    const committed = () => {
      host.setAttribute('data-baton-count', count);
      host.setAttribute('data-baton-open', open);
      host.setAttribute('data-baton-crisis', crisis);
      host.setAttribute('data-baton-notice', notice);
      this.position();
    };
    root.render(
      <Committed onCommit={committed}>
      <I18nProvider locale={locale}>
        {this.open ? (
          <SuggestionsPanel
            items={this.items}
            status={this.status}
            crisis={this.crisis}
            query={this.query}
            onQuery={(q) => this.onQuery(q)}
            values={this.values()}
            platform={adapter.id}
            platformName={adapter.name}
            surface={surfaceOf(this.match.kind)}
            notice={this.notice}
            onInsert={(item, text, cursor) => void this.insert(item, text, cursor)}
            onClose={() => this.close()}
            focusSearch={this.focusSearch}
          />
        ) : (
          <ReopenButton onOpen={(search) => this.reopen(search)} />
        )}
      </I18nProvider>
      </Committed>,
    );
  }
}

function Committed({ onCommit, children }: { onCommit(): void; children: ReactNode }) {
  useLayoutEffect(() => onCommit());
  return children;
}

function ReopenButton({ onOpen }: { onOpen(search: boolean): void }) {
  const { t } = useI18n();
  return (
    <button
      type="button"
      className="reopen"
      onClick={() => onOpen(false)}
      onKeyDown={(e) => {
        if (e.key === '/') {
          e.preventDefault();
          onOpen(true);
        }
      }}
    >
      {t('suggestions.open')}
    </button>
  );
}

function safely<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}

/** Start the panel for one content-script lifetime (one registration line in index.ts). */
export function startSuggestions(ctx: ContentScriptContext, owner: string, heartbeat?: Heartbeat): SuggestionsOverlay {
  const overlay = new SuggestionsOverlay({ ctx, owner, heartbeat });
  overlay.start().catch(() => overlay.stop());
  ctx.onInvalidated(() => overlay.stop());
  return overlay;
}
