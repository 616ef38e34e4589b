/** The team's response targets: reply/first-response targets, warn threshold, per-platform
 * overrides, and 24/7 vs business-hours counting. Presentational over an SlaForm draft. */
import { useId } from 'react';
import type { SlaForm } from '@/lib/options/sla-form';
import { PLATFORM_IDS, type PlatformId } from '@/lib/platforms/types';
import { defaultWeekdaySchedule } from '@/lib/time/schemas';
import { useI18n } from '../i18n';
import { ScheduleEditor } from './ScheduleEditor';
import { TextField } from './TextField';

export interface SlaPolicyFormProps {
  form: SlaForm;
  onChange(next: SlaForm): void;
  onSave(): void;
  /** Field path → translated message. */
  errors: Readonly<Record<string, string>>;
  platformNames: Readonly<Record<PlatformId, string>>;
  timeZones: readonly string[];
  defaultTimeZone: string;
  status: 'idle' | 'saved' | 'invalid';
}

export function SlaPolicyForm({ form, onChange, onSave, errors, platformNames, timeZones, defaultTimeZone, status }: SlaPolicyFormProps) {
  const { t } = useI18n();
  const id = useId();
  const scheduleErrors = Object.fromEntries(
    Object.entries(errors)
      .filter(([k]) => k.startsWith('businessHours.'))
      .map(([k, v]) => [k.slice('businessHours.'.length), v]),
  );
  return (
    <form
      className="card"
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        onSave();
      }}
    >
      <h2 id={`${id}-title`}>{t('sla.title')}</h2>
      <p className="muted">{t('sla.intro')}</p>
      <TextField inputMode="decimal" id={`${id}-reply`} label={t('sla.replyTarget')} value={form.replyHours} error={errors.replyHours} onChange={(v) => onChange({ ...form, replyHours: v })} />
      <TextField inputMode="decimal" id={`${id}-first`} label={t('sla.firstResponse')} value={form.firstHours} error={errors.firstHours} onChange={(v) => onChange({ ...form, firstHours: v })} />
      <TextField inputMode="decimal" id={`${id}-warn`} label={t('sla.warnAt')} value={form.warnPercent} error={errors.warnPercent} onChange={(v) => onChange({ ...form, warnPercent: v })} />

      <fieldset>
        <legend>{t('sla.perPlatform')}</legend>
        <div className="grid">
          {PLATFORM_IDS.map((p) => (
            <TextField inputMode="decimal"
              key={p}
              id={`${id}-pp-${p}`}
              label={platformNames[p]}
              value={form.perPlatformHours[p]}
              error={errors[`perPlatform.${p}`]}
              onChange={(v) => onChange({ ...form, perPlatformHours: { ...form.perPlatformHours, [p]: v } })}
            />
          ))}
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('sla.mode')}</legend>
        <label className="choice">
          <input type="radio" name={`${id}-mode`} checked={form.businessHours === null} onChange={() => onChange({ ...form, businessHours: null })} />
          {t('sla.mode.always')}
        </label>
        <label className="choice">
          <input
            type="radio"
            name={`${id}-mode`}
            checked={form.businessHours !== null}
            onChange={() => onChange({ ...form, businessHours: form.businessHours ?? defaultWeekdaySchedule(defaultTimeZone) })}
          />
          {t('sla.mode.business')}
        </label>
      </fieldset>
      {form.businessHours && (
        <ScheduleEditor
          legend={t('sla.mode.business')}
          value={form.businessHours}
          onChange={(businessHours) => onChange({ ...form, businessHours })}
          timeZones={timeZones}
          errors={scheduleErrors}
        />
      )}

      <div className="actions">
        <button type="submit" className="primary">
          {t('options.save')}
        </button>
        <span role="status" className={status === 'invalid' ? 'error' : 'muted'}>
          {status === 'saved' ? t('options.saved') : status === 'invalid' ? t('options.saveFailed') : ''}
        </span>
      </div>
    </form>
  );
}
