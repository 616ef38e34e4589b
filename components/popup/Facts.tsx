/** Late nights and the longest after-hours stretch over the last 7 days. */
import type { UsageSummary } from '@/lib/usage/summary';
import { formatDay, formatDuration } from '@/lib/usage/format';
import { useI18n } from '../i18n';

export function Facts({ summary }: { summary: UsageSummary }) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const { longestStretch: longest } = summary;
  return (
    <dl className="facts">
      <div>
        <dt>{t('usage.lateNights')}</dt>
        <dd data-testid="late-nights">{t('usage.lateNights.value', { count: summary.lateNights })}</dd>
        <dd className="hint">{t('usage.lateNights.hint')}</dd>
      </div>
      <div>
        <dt>{t('usage.longest')}</dt>
        <dd data-testid="longest">
          {longest.ms > 0 && longest.day ? `${formatDuration(longest.ms, i18n)} · ${formatDay(longest.day, locale)}` : t('usage.longest.none')}
        </dd>
        <dd className="hint">{t('usage.longest.hint')}</dd>
      </div>
    </dl>
  );
}
