/** Today and the last 7 days after hours, each with its comparison a week earlier. */
import type { UsageSummary } from '@/lib/usage/summary';
import { changeRatio, formatDuration, formatPercent } from '@/lib/usage/format';
import { useI18n } from '../i18n';

export function Headline({ summary }: { summary: UsageSummary }) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const ratio = changeRatio(summary.week.afterHoursMs, summary.lastWeek.afterHoursMs);
  const change =
    ratio === null
      ? t('usage.change.none')
      : Math.abs(ratio) < 0.005
        ? t('usage.change.same')
        : t(ratio > 0 ? 'usage.change.up' : 'usage.change.down', { percent: formatPercent(ratio, locale) });
  const direction = ratio === null || Math.abs(ratio) < 0.005 ? 'flat' : ratio > 0 ? 'up' : 'down';
  return (
    <div className="headline">
      <div className="stat">
        <span className="stat-label">{t('usage.today')}</span>
        <span className="stat-value" data-testid="today-after">{formatDuration(summary.today.afterHoursMs, i18n)}</span>
        <span className="stat-note">{t('usage.todayVsLastWeek', { time: formatDuration(summary.sameDayLastWeek.afterHoursMs, i18n) })}</span>
      </div>
      <div className="stat">
        <span className="stat-label">{t('usage.week')}</span>
        <span className="stat-value" data-testid="week-after">{formatDuration(summary.week.afterHoursMs, i18n)}</span>
        <span className={`stat-note change-${direction}`}>{change}</span>
      </div>
    </div>
  );
}
