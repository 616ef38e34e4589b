/**
 * Edits a weekly schedule (DESIGN §5, §9): periods per weekday (several a day, overnight when the
 * end is not after the start), days off, holidays and an IANA zone. One editor serves the team's
 * business hours and the user's own working hours. Presentational: value in, onChange out;
 * `errors` maps a field path ("days.1.0.start", "timeZone", "holidays.2") to a message.
 */
import { useId, useState } from 'react';
import type { Period, WeeklySchedule } from '@/lib/time/schemas';
import { useI18n } from '../i18n';

export interface ScheduleEditorProps {
  value: WeeklySchedule;
  onChange(next: WeeklySchedule): void;
  legend: string;
  timeZones: readonly string[];
  errors?: Readonly<Record<string, string>>;
}

/** Monday first; the stored index stays 0 = Sunday. */
const DISPLAY_ORDER = [1, 2, 3, 4, 5, 6, 0] as const;

function weekdayName(day: number, locale: string): string {
  // 2026-11-01 was a Sunday; noon UTC keeps the date the same in every zone.
  const date = new Date(Date.UTC(2026, 10, 1 + day, 12));
  return new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(date);
}

const isOvernight = (p: Period) => p.end <= p.start && p.end !== '24:00';

export function ScheduleEditor({ value, onChange, legend, timeZones, errors = {} }: ScheduleEditorProps) {
  const { t, locale } = useI18n();
  const id = useId();
  const [newHoliday, setNewHoliday] = useState('');

  const setDay = (day: number, periods: Period[]) =>
    onChange({ ...value, days: value.days.map((p, i) => (i === day ? periods : p)) });

  const zones = timeZones.includes(value.timeZone) ? timeZones : [value.timeZone, ...timeZones];

  return (
    <fieldset className="schedule">
      <legend>{legend}</legend>
      <div className="field">
        <label htmlFor={`${id}-tz`}>{t('schedule.timeZone')}</label>
        <select
          id={`${id}-tz`}
          value={value.timeZone}
          aria-invalid={errors.timeZone ? true : undefined}
          aria-describedby={errors.timeZone ? `${id}-tz-error` : undefined}
          onChange={(e) => onChange({ ...value, timeZone: e.target.value })}
        >
          {zones.map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </select>
        {errors.timeZone && (
          <span id={`${id}-tz-error`} className="error" role="alert">
            {errors.timeZone}
          </span>
        )}
      </div>

      <table className="schedule-days">
        <tbody>
          {DISPLAY_ORDER.map((day) => {
            const periods = value.days[day] ?? [];
            const name = weekdayName(day, locale);
            return (
              <tr key={day} data-day={day}>
                <th scope="row">{name}</th>
                <td>
                  {periods.length === 0 && <span className="muted">{t('schedule.dayOff')}</span>}
                  {periods.map((p, i) => {
                    const path = `days.${day}.${i}`;
                    const err = errors[`${path}.start`] ?? errors[`${path}.end`] ?? errors[path];
                    const update = (patch: Partial<Period>) =>
                      setDay(day, periods.map((q, j) => (j === i ? { ...q, ...patch } : q)));
                    return (
                      <div key={i} className="period">
                        <label>
                          <span className="visually-hidden">
                            {name} {t('schedule.from')}
                          </span>
                          <input type="time" value={p.start} onChange={(e) => update({ start: e.target.value })} aria-invalid={err ? true : undefined} />
                        </label>
                        <span aria-hidden="true">–</span>
                        <label>
                          <span className="visually-hidden">
                            {name} {t('schedule.to')}
                          </span>
                          <input type="time" value={p.end} onChange={(e) => update({ end: e.target.value })} aria-invalid={err ? true : undefined} />
                        </label>
                        {isOvernight(p) && <span className="muted">{t('schedule.overnight')}</span>}
                        <button
                          type="button"
                          className="link"
                          aria-label={t('schedule.removePeriod', { start: p.start, end: p.end })}
                          onClick={() => setDay(day, periods.filter((_, j) => j !== i))}
                        >
                          ×
                        </button>
                        {err && (
                          <span className="error" role="alert">
                            {err}
                          </span>
                        )}
                      </div>
                    );
                  })}
                  <button
                    type="button"
                    className="link"
                    onClick={() => setDay(day, [...periods, periods.length ? { start: '13:00', end: '17:00' } : { start: '09:00', end: '17:00' }])}
                  >
                    {t('schedule.addPeriod')}
                    <span className="visually-hidden"> ({name})</span>
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <div className="field">
        <span id={`${id}-hol`}>{t('schedule.holidays')}</span>
        {value.holidays.length === 0 ? (
          <p className="muted">{t('schedule.noHolidays')}</p>
        ) : (
          <ul aria-labelledby={`${id}-hol`}>
            {value.holidays.map((date, i) => (
              <li key={date}>
                <span>{date}</span>
                <button
                  type="button"
                  className="link"
                  aria-label={t('schedule.removeHoliday', { date })}
                  onClick={() => onChange({ ...value, holidays: value.holidays.filter((_, j) => j !== i) })}
                >
                  ×
                </button>
                {errors[`holidays.${i}`] && <span className="error">{errors[`holidays.${i}`]}</span>}
              </li>
            ))}
          </ul>
        )}
        <input
          type="date"
          aria-label={t('schedule.addHoliday')}
          value={newHoliday}
          onChange={(e) => setNewHoliday(e.target.value)}
        />
        <button
          type="button"
          disabled={!/^\d{4}-\d{2}-\d{2}$/.test(newHoliday) || value.holidays.includes(newHoliday)}
          onClick={() => {
            onChange({ ...value, holidays: [...value.holidays, newHoliday].sort() });
            setNewHoliday('');
          }}
        >
          {t('schedule.addHoliday')}
        </button>
      </div>
    </fieldset>
  );
}
