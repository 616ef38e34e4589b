/**
 * On shift or off shift. Off shift it says when the next shift starts and keeps a place for who
 * covers the team now (filled by the shared queue in a later issue; `coverage` is that slot).
 */
import type { ReactNode } from 'react';
import type { UsageSummary } from '@/lib/usage/summary';
import { formatShiftStart } from '@/lib/usage/format';
import { useI18n } from '../i18n';

export interface ShiftStatusProps {
  shift: UsageSummary['shift'];
  now: number;
  timeZone: string;
  coverage?: ReactNode;
}

export function ShiftStatus({ shift, now, timeZone, coverage }: ShiftStatusProps) {
  const { t, locale } = useI18n();
  if (shift.working) {
    return (
      <p className="shift shift-on" role="status">
        {shift.until !== null ? t('usage.shift.onUntil', { time: formatShiftStart(shift.until, now, timeZone, locale) }) : t('usage.shift.on')}
      </p>
    );
  }
  return (
    <section className="shift shift-off" aria-labelledby="usage-shift-title" role="status">
      <h2 id="usage-shift-title">{t('usage.shift.off')}</h2>
      <p>
        {shift.nextStart !== null
          ? t('usage.shift.next', { time: formatShiftStart(shift.nextStart, now, timeZone, locale) })
          : t('usage.shift.noNext')}
      </p>
      <div className="coverage" data-slot="coverage">
        {coverage ?? <p className="muted">{t('usage.shift.coverage')}</p>}
      </div>
    </section>
  );
}
