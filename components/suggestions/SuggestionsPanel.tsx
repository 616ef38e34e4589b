/**
 * The suggestions panel next to a platform composer (DESIGN §4, §6): the top replies for the
 * open message, `/` to search, ↑/↓ and Enter without the mouse, Esc to close. For the chosen
 * reply it shows what each variable will be filled with, asks for values the page did not give,
 * and the length against the platform's limit for this surface; an over-limit reply cannot be
 * inserted. Presentational: the container (entrypoints/inbox.content/suggestions.tsx) ranks,
 * inserts and keeps state. Reply bodies and customer names are only ever rendered as text.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useI18n } from '@/components/i18n';
import type { MessageKey } from '@/lib/i18n';
import { checkLength, type Surface } from '@/lib/replies/limits';
import { parseTemplate, renderTemplate, type VariableName, type VariableValues } from '@/lib/replies/variables';
import type { PlatformId } from '@/lib/platforms/types';

export interface SuggestionItem {
  id: string;
  title: string;
  /** The body in the chosen language, with variables. */
  body: string;
  language: string;
}

export type PanelNotice = 'inserted' | 'appended' | 'failed' | 'noComposer' | null;

export interface SuggestionsPanelProps {
  items: readonly SuggestionItem[];
  status: 'loading' | 'ready' | 'error';
  crisis: boolean;
  query: string;
  onQuery(query: string): void;
  /** Values known from the page and settings; the agent fills the rest. */
  values: VariableValues;
  platform: PlatformId;
  platformName: string;
  surface: Surface;
  notice: PanelNotice;
  /** Insert the rendered text; `cursor` is the caret offset from `{{cursor}}` or null. */
  onInsert(item: SuggestionItem, text: string, cursor: number | null): void;
  onClose(): void;
  /** Each new value moves the focus to the search field (the agent pressed Alt+/ or `/`). */
  focusSearch?: number;
}

export interface Prepared {
  text: string;
  cursor: number | null;
  fills: { name: VariableName; value: string; fallback: boolean }[];
  missing: VariableName[];
  length: number;
  max: number | null;
  over: boolean;
}

/** Render a body with the known and typed values, and check its length for the surface. */
export function prepare(body: string, values: VariableValues, platform: PlatformId, surface: Surface): Prepared {
  const rendered = renderTemplate(body, values);
  const parsed = parseTemplate(body);
  const fills: Prepared['fills'] = [];
  if (parsed.ok) {
    const seen = new Set<VariableName>();
    for (const p of parsed.parts) {
      if (p.kind !== 'variable' || seen.has(p.name)) continue;
      seen.add(p.name);
      const value = values[p.name]?.trim();
      if (value) fills.push({ name: p.name, value, fallback: false });
      else if (p.fallback !== null) fills.push({ name: p.name, value: p.fallback, fallback: true });
    }
  }
  const { length, max, over } = checkLength(rendered.text, platform, surface);
  return { text: rendered.text, cursor: rendered.cursor, fills, missing: rendered.missing, length, max, over };
}

const variableKey = (name: VariableName) => `replies.variable.${name}` as MessageKey;

export function SuggestionsPanel(props: SuggestionsPanelProps) {
  const { t, dir, locale } = useI18n();
  const { items, values, platform, surface } = props;
  const [active, setActive] = useState(0);
  const [typed, setTyped] = useState<Partial<Record<VariableName, string>>>({});
  const [attempted, setAttempted] = useState(false);
  const search = useRef<HTMLInputElement>(null);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const missingInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (props.focusSearch) search.current?.focus();
  }, [props.focusSearch]);
  // A new list: the first reply is the active one again.
  const listKey = items.map((i) => i.id).join('|');
  useEffect(() => {
    setActive(0);
    setAttempted(false);
  }, [listKey]);

  const current = items[Math.min(active, items.length - 1)];
  const merged: VariableValues = useMemo(() => ({ ...values, ...typed }), [values, typed]);
  const prepared = useMemo(
    () => (current ? prepare(current.body, merged, platform, surface) : null),
    [current, merged, platform, surface],
  );
  // Fields to ask for: what the page and settings lack (they stay while the agent types).
  const asked = useMemo(() => (current ? renderTemplate(current.body, values).missing : []), [current, values]);
  const lengths = useMemo(() => items.map((i) => prepare(i.body, merged, platform, surface)), [items, merged, platform, surface]);

  const focusItem = (i: number) => {
    const n = items.length;
    if (n === 0) return;
    const next = ((i % n) + n) % n;
    setActive(next);
    setAttempted(false);
    buttons.current[next]?.focus();
  };

  const tryInsert = (index: number) => {
    const item = items[index];
    if (!item) return;
    setActive(index);
    const p = prepare(item.body, merged, platform, surface);
    setAttempted(true);
    if (p.missing.length > 0) {
      // Ask: the first missing value's field takes the focus (after it renders).
      setTimeout(() => missingInput.current?.focus(), 0);
      return;
    }
    if (p.over) return;
    props.onInsert(item, p.text, p.cursor);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    const target = e.target as HTMLElement;
    const inText = target.localName === 'input' && (target as HTMLInputElement).type !== 'checkbox';
    if (e.key === 'Escape') {
      e.preventDefault();
      props.onClose();
    } else if (e.key === '/' && !inText) {
      e.preventDefault();
      search.current?.focus();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (inText && target !== search.current) return;
      e.preventDefault();
      const fromSearch = target === search.current;
      focusItem(fromSearch ? (e.key === 'ArrowDown' ? 0 : items.length - 1) : active + (e.key === 'ArrowDown' ? 1 : -1));
    } else if (e.key === 'Enter' && target === search.current) {
      e.preventDefault();
      tryInsert(active);
    }
  };

  const overBy = prepared && prepared.max !== null ? prepared.length - prepared.max : 0;
  const surfaceName = t(`suggestions.surface.${surface}`);
  const fieldId = (name: string) => `baton-missing-${name.replace('.', '-')}`;

  return (
    <section className="panel" dir={dir} lang={locale} aria-label={t('suggestions.title')} onKeyDown={onKeyDown}>
      <header className="head">
        <h2 className="title">{t('suggestions.title')}</h2>
        <button type="button" className="close" aria-label={t('suggestions.close')} title={t('suggestions.close')} onClick={props.onClose}>
          ×
        </button>
      </header>
      {props.crisis && (
        <p className="crisis" role="status">
          {t('suggestions.crisis')}
        </p>
      )}
      <input
        ref={search}
        className="search"
        type="search"
        dir="auto"
        aria-label={t('suggestions.search.label')}
        placeholder={t('suggestions.search.placeholder')}
        value={props.query}
        onChange={(e) => props.onQuery(e.target.value)}
      />
      {props.status === 'loading' && items.length === 0 && <p className="muted">{t('suggestions.loading')}</p>}
      {props.status === 'error' && <p className="muted">{t('suggestions.unavailable')}</p>}
      {props.status === 'ready' && items.length === 0 && <p className="muted">{t('suggestions.empty')}</p>}
      {items.length > 0 && (
        <ul className="list">
          {items.map((item, i) => {
            const l = lengths[i]!;
            return (
              <li key={item.id}>
                <button
                  type="button"
                  ref={(el) => {
                    buttons.current[i] = el;
                  }}
                  className="item"
                  data-baton-reply-id={item.id}
                  data-baton-over-limit={l.over ? 'true' : 'false'}
                  aria-current={i === active ? 'true' : undefined}
                  tabIndex={i === active ? 0 : -1}
                  onFocus={() => setActive(i)}
                  onClick={() => tryInsert(i)}
                >
                  <span className="item-title" dir="auto">
                    {item.title}
                  </span>
                  {l.over && <span className="flag">{t('suggestions.overLimitShort')}</span>}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {current && prepared && (
        <div className="detail">
          <p className="preview" dir="auto" lang={current.language} aria-label={t('suggestions.preview')}>
            {prepared.text}
          </p>
          {prepared.fills.length > 0 && (
            <ul className="fills" aria-label={t('suggestions.fills')}>
              {prepared.fills.map((f) => (
                <li key={f.name} data-baton-variable={f.name}>
                  <bdi>
                    {t(f.fallback ? 'suggestions.fill.fallback' : 'suggestions.fill.value', {
                      variable: t(variableKey(f.name)),
                      value: f.value,
                    })}
                  </bdi>
                </li>
              ))}
            </ul>
          )}
          {asked.map((name, i) => (
            <div className="missing" key={name}>
              <label htmlFor={fieldId(name)}>{t('suggestions.missing.label', { variable: t(variableKey(name)) })}</label>
              <input
                id={fieldId(name)}
                ref={i === 0 ? missingInput : undefined}
                dir="auto"
                data-baton-missing={name}
                aria-describedby={attempted && prepared.missing.includes(name) ? `${fieldId(name)}-hint` : undefined}
                value={typed[name] ?? ''}
                onChange={(e) => setTyped((v) => ({ ...v, [name]: e.target.value }))}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    tryInsert(active);
                  }
                }}
              />
              {attempted && prepared.missing.includes(name) && (
                <span className="hint" id={`${fieldId(name)}-hint`}>
                  {t('suggestions.missing.hint')}
                </span>
              )}
            </div>
          ))}
          <p className={prepared.over ? 'length over' : 'length'} data-baton-length={prepared.length} role={prepared.over ? 'alert' : undefined}>
            {prepared.over
              ? t('suggestions.overLimit', { count: overBy, length: prepared.length, max: prepared.max ?? 0, platform: props.platformName, surface: surfaceName })
              : prepared.max === null
                ? t('suggestions.lengthNoLimit', { length: prepared.length })
                : t('suggestions.length', { length: prepared.length, max: prepared.max, platform: props.platformName, surface: surfaceName })}
          </p>
          <button type="button" className="insert" disabled={prepared.over} onClick={() => tryInsert(active)}>
            {t('suggestions.insert')}
          </button>
        </div>
      )}
      {props.notice && (
        <p className="notice" role="status" data-baton-notice={props.notice}>
          {t(`suggestions.${props.notice}`)}
        </p>
      )}
      <p className="keys muted">{t('suggestions.keys')}</p>
    </section>
  );
}
