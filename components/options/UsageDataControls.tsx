/** "Your data": export everything as JSON or CSV, or delete it after a confirmation. */
import { useId, useState } from 'react';
import { useI18n } from '../i18n';

export interface UsageDataControlsProps {
  onExport(format: 'json' | 'csv'): void;
  onDelete(): void;
  busy: boolean;
  /** Outcome of the last action, already translated. */
  message: { kind: 'ok' | 'error'; text: string } | null;
}

export function UsageDataControls({ onExport, onDelete, busy, message }: UsageDataControlsProps) {
  const { t } = useI18n();
  const id = useId();
  const [confirming, setConfirming] = useState(false);
  return (
    <section className="card" data-section="usage-data" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('usageOptions.data')}</h2>
      <p className="muted">{t('usage.privacy')}</p>
      <div className="actions">
        <button type="button" disabled={busy} onClick={() => onExport('json')}>
          {t('usageOptions.exportJson')}
        </button>
        <button type="button" disabled={busy} onClick={() => onExport('csv')}>
          {t('usageOptions.exportCsv')}
        </button>
        {!confirming && (
          <button type="button" disabled={busy} onClick={() => setConfirming(true)}>
            {t('usageOptions.delete')}
          </button>
        )}
      </div>
      {confirming && (
        <div className="actions" role="group" aria-labelledby={`${id}-confirm`}>
          <span id={`${id}-confirm`}>{t('usageOptions.deleteConfirm')}</span>
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => {
              setConfirming(false);
              onDelete();
            }}
          >
            {t('usageOptions.deleteYes')}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            {t('usageOptions.cancel')}
          </button>
        </div>
      )}
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'error' : undefined}>
          {message.text}
        </p>
      )}
    </section>
  );
}
