/**
 * The reply profile (issue 3): the agent's name and the team's brand name, which fill the
 * `{{agent.*}}` and `{{brand.name}}` variables of saved replies, and the local crisis-mode flag
 * that limits suggestions to crisis-safe replies. Presentational; ProfileSection stores it.
 */
import { useId } from 'react';
import { useI18n } from '../i18n';

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
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{t(`profile.${key}`)}</label>
      <input
        id={`${id}-${key}`}
        dir="auto"
        autoComplete={key === 'agentName' ? 'name' : 'organization'}
        value={value[key]}
        aria-invalid={errors[key] ? true : undefined}
        aria-describedby={`${id}-${key}-hint${errors[key] ? ` ${id}-${key}-error` : ''}`}
        onChange={(e) => onChange({ ...value, [key]: e.target.value })}
      />
      <span id={`${id}-${key}-hint`} className="muted">
        {t(`profile.${key}.hint`)}
      </span>
      {errors[key] && (
        <span id={`${id}-${key}-error`} className="error" role="alert">
          {errors[key]}
        </span>
      )}
    </div>
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
