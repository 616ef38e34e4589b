/** Per-platform on/off with each platform's adapter health ("layout not recognised"). */
import type { AdapterHealthRecord } from '@/lib/health-messages';
import { PLATFORM_IDS, type PlatformId } from '@/lib/platforms/types';
import { useI18n } from '../i18n';

export interface PlatformListProps {
  toggles: Readonly<Record<PlatformId, boolean>>;
  health: readonly AdapterHealthRecord[];
  platformNames: Readonly<Record<PlatformId, string>>;
  onToggle(platform: PlatformId, enabled: boolean): void;
}

export function PlatformList({ toggles, health, platformNames, onToggle }: PlatformListProps) {
  const { t, locale } = useI18n();
  const time = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section className="card" aria-labelledby="platforms-title">
      <h2 id="platforms-title">{t('platforms.title')}</h2>
      <table className="platforms">
        <thead>
          <tr>
            <th scope="col">{t('platforms.title')}</th>
            <th scope="col">{t('health.title')}</th>
          </tr>
        </thead>
        <tbody>
          {PLATFORM_IDS.map((p) => {
            const report = health.find((h) => h.platform === p);
            const missing = report ? Object.entries(report.matched).filter(([, ok]) => !ok).map(([name]) => name) : [];
            const state = !report ? 'unseen' : report.recognised ? 'ok' : 'broken';
            return (
              <tr key={p} data-platform={p} data-health={state}>
                <td>
                  <label className="choice">
                    <input
                      type="checkbox"
                      aria-label={t('platforms.enabled', { platform: platformNames[p] })}
                      checked={toggles[p]}
                      onChange={(e) => onToggle(p, e.target.checked)}
                    />
                    <span>{platformNames[p]}</span>
                  </label>
                </td>
                <td>
                  <span className={`badge ${state}`}>
                    {state === 'unseen' ? t('health.notSeen') : state === 'ok' ? t('health.recognised') : t('health.notRecognised')}
                  </span>
                  {report && (
                    <span className="muted small"> {t('health.checkedAt', { time: time.format(report.checkedAt) })}</span>
                  )}
                  {missing.length > 0 && <div className="muted small">{t('health.missing', { names: missing.join(', ') })}</div>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
