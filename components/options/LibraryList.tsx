/**
 * The reply library as a searchable table (title, status, languages, shortcut) with edit and
 * retire per reply, plus import and export. Presentational: LibrarySection does the messaging.
 * Titles and bodies come from files and teammates, so they are only ever rendered as text.
 */
import { useId, useMemo, useState } from 'react';
import type { MessageKey } from '@/lib/i18n';
import type { Reply } from '@/lib/replies/schema';
import { useI18n } from '../i18n';

export interface ImportProblem {
  code: string;
  record?: number;
  line?: number;
  message: string;
}

export interface LibraryListProps {
  replies: readonly Reply[];
  onNew(): void;
  onEdit(reply: Reply): void;
  onRetire(reply: Reply): void;
  onImport(file: { name: string; text: string }, mode: 'merge' | 'replace'): void;
  onExport(format: 'json' | 'csv'): void;
  /** The last import's outcome. */
  importResult: { ok: true; imported: number; total: number } | { ok: false; errors: readonly ImportProblem[] } | null;
  /** A message from the last action (saved, load failure). */
  notice: string | null;
}

function matches(reply: Reply, query: string): boolean {
  if (!query) return true;
  const hay = [reply.title, reply.shortcut ?? '', ...reply.tags, ...Object.values(reply.bodies)].join('\n').toLocaleLowerCase();
  return query
    .toLocaleLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => hay.includes(w));
}

export function LibraryList(props: LibraryListProps) {
  const { t } = useI18n();
  const id = useId();
  const [query, setQuery] = useState('');
  const [showRetired, setShowRetired] = useState(false);
  const [mode, setMode] = useState<'merge' | 'replace'>('merge');
  const shown = useMemo(
    () => props.replies.filter((r) => (showRetired || r.status !== 'retired') && matches(r, query.trim())),
    [props.replies, query, showRetired],
  );
  const where = (e: ImportProblem) =>
    e.record !== undefined && e.line !== undefined
      ? t('replies.import.where.recordLine', { record: e.record, line: e.line })
      : e.record !== undefined
        ? t('replies.import.where.record', { record: e.record })
        : e.line !== undefined
          ? t('replies.import.where.line', { line: e.line })
          : null;

  return (
    <section className="card" data-section="library" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('library.title')}</h2>
      <div className="actions">
        <label htmlFor={`${id}-q`}>{t('library.search')}</label>
        <input id={`${id}-q`} type="search" dir="auto" value={query} onChange={(e) => setQuery(e.target.value)} />
        <label>
          <input type="checkbox" checked={showRetired} onChange={(e) => setShowRetired(e.target.checked)} /> {t('library.showRetired')}
        </label>
        <button type="button" className="primary" onClick={props.onNew}>
          {t('library.new')}
        </button>
      </div>
      {props.notice && <p role="status">{props.notice}</p>}
      <p className="muted" aria-live="polite">
        {t('library.count', { count: shown.length })}
      </p>
      {shown.length === 0 ? (
        <p className="muted">{t('library.empty')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('library.col.title')}</th>
              <th scope="col">{t('library.col.status')}</th>
              <th scope="col">{t('library.col.languages')}</th>
              <th scope="col">{t('library.col.shortcut')}</th>
              <th scope="col">{t('library.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.id} data-reply-id={r.id} data-status={r.status}>
                <th scope="row" dir="auto">
                  {r.title}
                </th>
                <td>{t(`replies.status.${r.status}` as MessageKey)}</td>
                <td dir="ltr">{Object.keys(r.bodies).join(', ')}</td>
                <td dir="auto">{r.shortcut ?? ''}</td>
                <td>
                  <button type="button" aria-label={`${t('library.edit')}: ${r.title}`} onClick={() => props.onEdit(r)}>
                    {t('library.edit')}
                  </button>{' '}
                  {r.status !== 'retired' && (
                    <button type="button" aria-label={`${t('library.retire')}: ${r.title}`} onClick={() => props.onRetire(r)}>
                      {t('library.retire')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <fieldset>
        <legend>{t('library.import')}</legend>
        <label htmlFor={`${id}-mode`}>{t('library.import.mode')}</label>{' '}
        <select id={`${id}-mode`} value={mode} onChange={(e) => setMode(e.target.value as 'merge' | 'replace')}>
          <option value="merge">{t('library.import.merge')}</option>
          <option value="replace">{t('library.import.replace')}</option>
        </select>{' '}
        <input
          type="file"
          aria-label={t('library.import')}
          accept=".json,.csv,application/json,text/csv"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void file.text().then((text) => props.onImport({ name: file.name, text }, mode));
          }}
        />
        {props.importResult?.ok === true && <p role="status">{t('replies.import.done', { count: props.importResult.imported, total: props.importResult.total })}</p>}
        {props.importResult?.ok === false && (
          <div role="alert" className="error" data-import-errors={props.importResult.errors.length}>
            <p>{t('replies.import.rejected')}</p>
            <ul>
              {props.importResult.errors.map((e, i) => (
                <li key={i} data-code={e.code}>
                  {where(e) && <strong>{where(e)}: </strong>}
                  {t(`replies.import.error.${e.code}` as MessageKey)} <span className="muted">{t('library.import.detail', { detail: e.message })}</span>
                </li>
              ))}
            </ul>
          </div>
        )}
      </fieldset>
      <div className="actions">
        <button type="button" onClick={() => props.onExport('json')}>
          {t('library.export.json')}
        </button>
        <button type="button" onClick={() => props.onExport('csv')}>
          {t('library.export.csv')}
        </button>
      </div>
    </section>
  );
}
