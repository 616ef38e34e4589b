/** The usage pieces of the options page: working hours + nudges form, and "your data". */
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { I18nProvider } from '@/components/i18n';
import { UsageDataControls } from '@/components/options/UsageDataControls';
import { UsageSettingsForm } from '@/components/options/UsageSettingsForm';
import { createTranslator, type Locale } from '@/lib/i18n';
import { defaultWeekdaySchedule } from '@/lib/time/schemas';
import { DEFAULT_USAGE_NUDGES } from '@/lib/usage/nudges';
import { usageFormFrom, usageSettingsFromForm, type UsageSettingsForm as Form } from '@/lib/usage/settings-form';

function FormHarness({ onSaved, locale = 'en' }: { onSaved(r: ReturnType<typeof usageSettingsFromForm>): void; locale?: Locale }) {
  const [form, setForm] = useState<Form>(usageFormFrom(defaultWeekdaySchedule('Asia/Riyadh'), DEFAULT_USAGE_NUDGES));
  const [errors, setErrors] = useState<Record<string, string>>({});
  return (
    <I18nProvider locale={locale}>
      <UsageSettingsForm
        form={form}
        onChange={setForm}
        onSave={() => {
          const r = usageSettingsFromForm(form);
          setErrors(r.ok ? {} : Object.fromEntries(Object.entries(r.errors).map(([k, v]) => [k, createTranslator(locale).t(v)])));
          onSaved(r);
        }}
        errors={errors}
        timeZones={['Asia/Riyadh', 'Europe/London']}
        status="idle"
      />
    </I18nProvider>
  );
}

describe('UsageSettingsForm', () => {
  it('edits working hours with the shared schedule editor and saves nudges (off when blank)', () => {
    const onSaved = vi.fn();
    render(<FormHarness onSaved={onSaved} />);
    expect(screen.getByRole('group', { name: 'Your working hours' })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Time zone'), { target: { value: 'Europe/London' } });
    fireEvent.change(screen.getByLabelText('Weekly after-hours budget (hours, blank = off)'), { target: { value: '5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSaved).toHaveBeenLastCalledWith({
      ok: true,
      schedule: { ...defaultWeekdaySchedule('Europe/London') },
      nudges: { weeklyBudgetMinutes: 300, lateNightLimit: null },
    });
  });

  it('shows a field error beside a bad value and keeps what was typed', () => {
    const onSaved = vi.fn();
    render(<FormHarness onSaved={onSaved} />);
    const field = screen.getByLabelText('Late nights per week before a nudge (1–7, blank = off)') as HTMLInputElement;
    fireEvent.change(field, { target: { value: '9' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSaved.mock.calls.at(-1)?.[0]).toMatchObject({ ok: false });
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.value).toBe('9');
    expect(screen.getByRole('alert').textContent).toBe('Enter a whole number from 1 to 7, or leave blank.');
  });

  it('renders in Arabic', () => {
    render(<FormHarness onSaved={() => undefined} locale="ar" />);
    expect(screen.getByRole('heading', { name: 'الاستخدام خارج ساعات العمل' })).toBeTruthy();
    expect(screen.getByRole('group', { name: 'ساعات عملك' })).toBeTruthy();
  });
});

describe('UsageDataControls', () => {
  function renderControls(props: Partial<Parameters<typeof UsageDataControls>[0]> = {}) {
    const onExport = vi.fn();
    const onDelete = vi.fn();
    render(
      <I18nProvider locale="en">
        <UsageDataControls onExport={onExport} onDelete={onDelete} busy={false} message={null} {...props} />
      </I18nProvider>,
    );
    return { onExport, onDelete };
  }

  it('exports as JSON or CSV', () => {
    const { onExport } = renderControls();
    fireEvent.click(screen.getByRole('button', { name: 'Export (JSON)' }));
    fireEvent.click(screen.getByRole('button', { name: 'Export (CSV)' }));
    expect(onExport.mock.calls).toEqual([['json'], ['csv']]);
  });

  it('delete needs a confirmation, and can be cancelled', () => {
    const { onDelete } = renderControls();
    fireEvent.click(screen.getByRole('button', { name: 'Delete my usage data' }));
    expect(screen.getByText('Delete all after-hours usage stored in this browser? This cannot be undone.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onDelete).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Delete my usage data' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete everything' }));
    expect(onDelete).toHaveBeenCalledOnce();
  });

  it('shows the outcome as text; buttons are disabled while busy', () => {
    renderControls({ busy: true, message: { kind: 'error', text: 'That did not work: <b>quota</b>' } });
    expect(screen.getByRole('alert').textContent).toBe('That did not work: <b>quota</b>');
    expect(document.querySelector('b')).toBeNull();
    expect((screen.getByRole('button', { name: 'Export (JSON)' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
