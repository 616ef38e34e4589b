/** A labelled text input with an optional hint and its validation error beside it. */
import type { HTMLAttributes } from 'react';

export interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  error?: string;
  hint?: string;
  inputMode?: HTMLAttributes<HTMLInputElement>['inputMode'];
  dir?: 'auto';
  autoComplete?: string;
  onChange(value: string): void;
}

export function TextField({ id, label, value, error, hint, inputMode, dir, autoComplete, onChange }: TextFieldProps) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        dir={dir}
        inputMode={inputMode}
        autoComplete={autoComplete}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {hint && (
        <span id={`${id}-hint`} className="muted">
          {hint}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} className="error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
