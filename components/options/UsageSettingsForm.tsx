/**
 * The user's own working hours (for after-hours usage) and the opt-in nudges. Presentational
 * over a UsageSettingsForm draft; the schedule editor is the one business hours use too.
 */
import { useId } from 'react';
import type { UsageSettingsForm as Form } from '@/lib/usage/settings-form';
import { useI18n } from '../i18n';
import { TextField } from './TextField';
import { ScheduleEditor } from './ScheduleEditor';

export interface UsageSettingsFormProps {
  form: Form;
  onChange(next: Form): void;
  onSave(): void;
  /** Field path ("budgetHours", "schedule.days.1.0.start") → translated message. */
  errors: Readonly<Record<string, string>>;
  timeZones: readonly string[];
  status: 'idle' | 'saved' | 'invalid';
}

export function UsageSettingsForm({ form, onChange, onSave, errors, timeZones, status }: UsageSettingsFormProps) {
  const { t } = useI18n();
  const id = useId();
  const scheduleErrors = Object.fromEntries(
    Object.entries(errors)
      .filter(([k]) => k.startsWith('schedule.'))
      .map(([k, v]) => [k.slice('schedule.'.length), v]),
  );
  const field = (key: 'budgetHours' | 'lateNights', label: string, inputMode: 'decimal' | 'numeric') => (
    <TextField
      id={`${id}-${key}`}
      label={label}
      inputMode={inputMode}
      value={form[key]}
      error={errors[key]}
      onChange={(v) => onChange({ ...form, [key]: v })}
    />
  );
  return (
    <form
      className="card"
      data-section="usage-settings"
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        onSave();
      }}
    >
      <h2 id={`${id}-title`}>{t('usageOptions.title')}</h2>
      <p className="muted">{t('usageOptions.intro')}</p>
      <ScheduleEditor
        legend={t('usageOptions.schedule')}
        value={form.schedule}
        onChange={(schedule) => onChange({ ...form, schedule })}
        timeZones={timeZones}
        errors={scheduleErrors}
      />
      <fieldset>
        <legend>{t('usageOptions.nudges')}</legend>
        {field('budgetHours', t('usageOptions.budget'), 'decimal')}
        {field('lateNights', t('usageOptions.lateNights'), 'numeric')}
      </fieldset>
      <div className="actions">
        <button type="submit" className="primary">
          {t('options.save')}
        </button>
        {status === 'saved' && <span role="status">{t('options.saved')}</span>}
        {status === 'invalid' && (
          <span role="alert" className="error">
            {t('options.saveFailed')}
          </span>
        )}
      </div>
    </form>
  );
}
