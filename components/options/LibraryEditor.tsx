/**
 * Edits one saved reply: title, the text per language side by side (each area in its own
 * writing direction, so Arabic is right to left), tags, shortcut, platforms, status and the
 * crisis-safe flag. Problems show next to their field. Presentational over a LibraryDraft.
 */
import { useId } from 'react';
import type { MessageKey } from '@/lib/i18n';
import { PLATFORM_IDS } from '@/lib/platforms/types';
import { REPLY_STATUSES } from '@/lib/replies/schema';
import { useI18n } from '../i18n';
import { directionOf, type DraftErrors, type LibraryDraft } from './LibraryDraft';

export interface LibraryEditorProps {
  draft: LibraryDraft;
  onChange(next: LibraryDraft): void;
  onSave(): void;
  onCancel(): void;
  errors: DraftErrors;
  platformNames: Readonly<Record<string, string>>;
  status: 'idle' | 'saving' | 'invalid';
}

export function LibraryEditor({ draft, onChange, onSave, onCancel, errors, platformNames, status }: LibraryEditorProps) {
  const { t } = useI18n();
  const id = useId();
  const message = (field: string) => {
    const e = errors[field];
    return e ? t(e.key, e.params) : null;
  };
  const errorOf = (field: string) => {
    const text = message(field);
    return text ? (
      <span id={`${id}-${field}-error`} className="error" role="alert">
        {text}
      </span>
    ) : null;
  };
  const described = (field: string, hint?: string) => {
    const ids = [hint, errors[field] ? `${id}-${field}-error` : undefined].filter(Boolean);
    return ids.length ? ids.join(' ') : undefined;
  };
  const setBody = (i: number, patch: Partial<LibraryDraft['bodies'][number]>) =>
    onChange({ ...draft, bodies: draft.bodies.map((b, j) => (j === i ? { ...b, ...patch } : b)) });

  return (
    <form
      className="card library-editor"
      data-section="library-editor"
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        onSave();
      }}
    >
      <h3 id={`${id}-title`}>{draft.id ? t('library.editor.edit', { title: draft.title }) : t('library.editor.new')}</h3>
      {status === 'invalid' && (
        <p className="error" role="alert">
          {t('library.invalid')}
        </p>
      )}
      <div className="field">
        <label htmlFor={`${id}-t`}>{t('library.field.title')}</label>
        <input
          id={`${id}-t`}
          dir="auto"
          value={draft.title}
          aria-invalid={errors.title ? true : undefined}
          aria-describedby={described('title')}
          onChange={(e) => onChange({ ...draft, title: e.target.value })}
        />
        {errorOf('title')}
      </div>
      <p className="muted" id={`${id}-vars`}>
        {t('library.variables.help')}
      </p>
      <div className="bodies" style={{ display: 'grid', gridTemplateColumns: `repeat(${Math.max(1, draft.bodies.length)}, minmax(0, 1fr))`, gap: '12px' }}>
        {draft.bodies.map((b, i) => {
          const dir = directionOf(b.language || 'en');
          return (
            <div className="field body" key={i} data-language={b.language}>
              <label htmlFor={`${id}-lang-${i}`}>{t('library.field.language')}</label>
              <input
                id={`${id}-lang-${i}`}
                dir="ltr"
                size={8}
                value={b.language}
                aria-invalid={errors[`language.${i}`] ? true : undefined}
                aria-describedby={described(`language.${i}`)}
                onChange={(e) => setBody(i, { language: e.target.value })}
              />
              {errorOf(`language.${i}`)}
              <label htmlFor={`${id}-body-${i}`}>{t('library.field.body', { language: b.language || '?' })}</label>
              <textarea
                id={`${id}-body-${i}`}
                dir={dir}
                lang={b.language || undefined}
                rows={6}
                value={b.text}
                aria-invalid={errors[`bodies.${i}`] ? true : undefined}
                aria-describedby={described(`bodies.${i}`, `${id}-vars`)}
                onChange={(e) => setBody(i, { text: e.target.value })}
              />
              {errorOf(`bodies.${i}`)}
              {draft.bodies.length > 1 && (
                <button type="button" onClick={() => onChange({ ...draft, bodies: draft.bodies.filter((_, j) => j !== i) })}>
                  {t('library.field.removeLanguage', { language: b.language || '?' })}
                </button>
              )}
            </div>
          );
        })}
      </div>
      <button type="button" onClick={() => onChange({ ...draft, bodies: [...draft.bodies, { language: '', text: '' }] })}>
        {t('library.field.addLanguage')}
      </button>
      <div className="field">
        <label htmlFor={`${id}-tags`}>{t('library.field.tags')}</label>
        <input
          id={`${id}-tags`}
          dir="auto"
          value={draft.tags}
          aria-invalid={errors.tags ? true : undefined}
          aria-describedby={described('tags')}
          onChange={(e) => onChange({ ...draft, tags: e.target.value })}
        />
        {errorOf('tags')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-sc`}>{t('library.field.shortcut')}</label>
        <input
          id={`${id}-sc`}
          dir="auto"
          value={draft.shortcut}
          aria-invalid={errors.shortcut ? true : undefined}
          aria-describedby={described('shortcut')}
          onChange={(e) => onChange({ ...draft, shortcut: e.target.value })}
        />
        {errorOf('shortcut')}
      </div>
      <fieldset>
        <legend>{t('library.field.platforms')}</legend>
        {PLATFORM_IDS.map((p) => (
          <label key={p} className="inline">
            <input
              type="checkbox"
              checked={draft.platforms.includes(p)}
              onChange={(e) =>
                onChange({ ...draft, platforms: e.target.checked ? [...draft.platforms, p] : draft.platforms.filter((x) => x !== p) })
              }
            />{' '}
            {platformNames[p] ?? p}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-st`}>{t('library.field.status')}</label>
        <select id={`${id}-st`} value={draft.status} onChange={(e) => onChange({ ...draft, status: e.target.value as LibraryDraft['status'] })}>
          {REPLY_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`replies.status.${s}` as MessageKey)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label>
          <input type="checkbox" checked={draft.crisisSafe} onChange={(e) => onChange({ ...draft, crisisSafe: e.target.checked })} /> {t('replies.crisisSafe')}
        </label>
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={status === 'saving'}>
          {t('library.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('library.cancel')}
        </button>
      </div>
    </form>
  );
}
