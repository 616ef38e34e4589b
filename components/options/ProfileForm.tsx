/**
 * The reply profile (issue 3): the agent's name and the team's brand name, which fill the
 * `{{agent.*}}` and `{{brand.name}}` variables of saved replies, and the local crisis-mode flag
 * that limits suggestions to crisis-safe replies. Presentational; ProfileSection stores it.
 */
import { useId } from 'react';
import { useI18n } from '../i18n';
import { TextField } from './TextField';

export interface ProfileFormValue {
  agentName: string;
  brandName: string;
  crisis: boolean;
}

export interface ProfileFormProps {
  value: ProfileFormValue;
  onChange(next: ProfileFormValue): void;
  onSave(): void;
  /** Field ("agentName", "brandName") → translated message. */
  errors: Readonly<Record<string, string>>;
  status: 'idle' | 'saved' | 'invalid';
}

export function ProfileForm({ value, onChange, onSave, errors, status }: ProfileFormProps) {
  const { t } = useI18n();
  const id = useId();
  const text = (key: 'agentName' | 'brandName') => (
    <TextField
      id={`${id}-${key}`}
      label={t(`profile.${key}`)}
      hint={t(`profile.${key}.hint`)}
      dir="auto"
      autoComplete={key === 'agentName' ? 'name' : 'organization'}
      value={value[key]}
      error={errors[key]}
      onChange={(v) => onChange({ ...value, [key]: v })}
    />
  );
  return (
    <form
      className="card"
      data-section="reply-profile"
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        onSave();
      }}
    >
      <h2 id={`${id}-title`}>{t('profile.title')}</h2>
      <p className="muted">{t('profile.intro')}</p>
      {text('agentName')}
      {text('brandName')}
      <div className="field">
        <label>
          <input type="checkbox" checked={value.crisis} aria-describedby={`${id}-crisis-hint`} onChange={(e) => onChange({ ...value, crisis: e.target.checked })} />{' '}
          {t('profile.crisis')}
        </label>
        <span id={`${id}-crisis-hint`} className="muted">
          {t('profile.crisis.hint')}
        </span>
      </div>
      <div className="actions">
        <button type="submit" className="primary">
          {t('profile.save')}
        </button>
        {status === 'saved' && <span role="status">{t('profile.saved')}</span>}
      </div>
    </form>
  );
}
