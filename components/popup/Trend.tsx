/** After hours of the last four 7-day weeks, as a list with proportional bars. */
import type { UsageSummary } from '@/lib/usage/summary';
import { formatDuration, formatShortDate } from '@/lib/usage/format';
import { useI18n } from '../i18n';

export function Trend({ trend }: { trend: UsageSummary['trend'] }) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const max = Math.max(1, ...trend.map((w) => w.afterHoursMs));
  return (
    <section className="trend" aria-labelledby="usage-trend-title">
      <h2 id="usage-trend-title">{t('usage.trend.title')}</h2>
      <ol>
        {trend.map((w, i) => (
          <li key={w.from}>
            <span className="trend-label">
              {i === trend.length - 1
                ? t('usage.trend.thisWeek')
                : t('usage.trend.week', { from: formatShortDate(w.from, locale), to: formatShortDate(w.to, locale) })}
            </span>
            <span className="trend-track" aria-hidden="true">
              <span className="trend-bar" style={{ inlineSize: `${((w.afterHoursMs / max) * 100).toFixed(1)}%` }} />
            </span>
            <span className="trend-value">{formatDuration(w.afterHoursMs, i18n)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
