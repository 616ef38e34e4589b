/**
 * The last 7 days as stacked bars, in working hours and after hours. The bars are decoration
 * (aria-hidden); the table below is their accessible equivalent and can be shown on demand.
 * Built from HTML boxes, not SVG, so the day order mirrors by itself in right-to-left locales.
 */
import { useId, useState } from 'react';
import type { DayTotals } from '@/lib/usage/summary';
import { formatDay, formatDuration } from '@/lib/usage/format';
import { useI18n } from '../i18n';

export interface WeekChartProps {
  days: readonly DayTotals[];
  /** Show the table visibly from the start (it is always there for assistive technology). */
  tableOpen?: boolean;
}

export function WeekChart({ days, tableOpen = false }: WeekChartProps) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const id = useId();
  const [open, setOpen] = useState(tableOpen);
  const max = Math.max(1, ...days.map((d) => d.inHoursMs + d.afterHoursMs));
  const total = (k: 'inHoursMs' | 'afterHoursMs') => days.reduce((a, d) => a + d[k], 0);
  const pct = (ms: number) => `${((ms / max) * 100).toFixed(1)}%`;

  return (
    <section className="week-chart" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('usage.chart.title')}</h2>
      <p className="visually-hidden">
        {t('usage.chart.summary', { after: formatDuration(total('afterHoursMs'), i18n), in: formatDuration(total('inHoursMs'), i18n) })}
      </p>
      <div className="bars" aria-hidden="true">
        {days.map((d) => (
          <div className="bar-col" key={d.day} data-day={d.day}>
            <div className="bar">
              <div className="bar-after" style={{ height: pct(d.afterHoursMs) }} />
              <div className="bar-in" style={{ height: pct(d.inHoursMs) }} />
            </div>
            <span className="bar-label">{formatDay(d.day, locale)}</span>
          </div>
        ))}
      </div>
      <div className="legend" aria-hidden="true">
        <span className="key key-in" /> {t('usage.chart.inHours')}
        <span className="key key-after" /> {t('usage.chart.afterHours')}
      </div>
      <button type="button" className="link" aria-expanded={open} aria-controls={`${id}-table`} onClick={() => setOpen(!open)}>
        {open ? t('usage.chart.hideTable') : t('usage.chart.showTable')}
      </button>
      {/* A wrapper is hidden, not the table: a table box is never narrower than its content. */}
      <div id={`${id}-table`} className={open ? 'chart-table' : 'visually-hidden'}>
        <table>
          <caption className="visually-hidden">{t('usage.chart.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('usage.chart.day')}</th>
              <th scope="col">{t('usage.chart.inHours')}</th>
              <th scope="col">{t('usage.chart.afterHours')}</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.day}>
                <th scope="row">{formatDay(d.day, locale, 'long')}</th>
                <td>{formatDuration(d.inHoursMs, i18n)}</td>
                <td>{formatDuration(d.afterHoursMs, i18n)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
