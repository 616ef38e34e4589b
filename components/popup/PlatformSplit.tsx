/** Per-platform in-hours and after-hours time over the last 7 days. */
import type { PlatformId } from '@/lib/platforms/types';
import type { UsageSummary } from '@/lib/usage/summary';
import { formatDuration } from '@/lib/usage/format';
import { useI18n } from '../i18n';

export interface PlatformSplitProps {
  platforms: UsageSummary['platforms'];
  names: Readonly<Record<PlatformId, string>>;
}

export function PlatformSplit({ platforms, names }: PlatformSplitProps) {
  const i18n = useI18n();
  const { t } = i18n;
  if (platforms.length === 0) return null;
  return (
    <section className="platforms" aria-labelledby="usage-platforms-title">
      <h2 id="usage-platforms-title">{t('usage.platforms.title')}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('usage.platforms.platform')}</th>
            <th scope="col">{t('usage.chart.inHours')}</th>
            <th scope="col">{t('usage.chart.afterHours')}</th>
          </tr>
        </thead>
        <tbody>
          {platforms.map((p) => (
            <tr key={p.platform} data-platform={p.platform}>
              <th scope="row">{names[p.platform]}</th>
              <td>{formatDuration(p.inHoursMs, i18n)}</td>
              <td>{formatDuration(p.afterHoursMs, i18n)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
