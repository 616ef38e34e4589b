import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { I18nProvider } from '@/components/i18n';
import { PlatformList } from '@/components/options/PlatformList';
import { ScheduleEditor } from '@/components/options/ScheduleEditor';
import { SlaPolicyForm } from '@/components/options/SlaPolicyForm';
import { formFromPolicy } from '@/lib/options/sla-form';
import { PLATFORM_NAMES } from '@/lib/platforms/names';
import { DEFAULT_SLA_POLICY, defaultWeekdaySchedule, type WeeklySchedule } from '@/lib/time/schemas';
import { DEFAULT_PLATFORM_TOGGLES } from '@/lib/settings';

function EditorHarness({ initial, onValue }: { initial: WeeklySchedule; onValue(v: WeeklySchedule): void }) {
  const [value, setValue] = useState(initial);
  return (
    <ScheduleEditor
      legend="Hours"
      value={value}
      timeZones={['Europe/London', 'Asia/Riyadh']}
      onChange={(v) => {
        setValue(v);
        onValue(v);
      }}
    />
  );
}

describe('ScheduleEditor', () => {
  it('adds a second period, marks an overnight one, and removes a day’s periods', () => {
    const onValue = vi.fn();
    render(<EditorHarness initial={defaultWeekdaySchedule('Europe/London')} onValue={onValue} />);
    const monday = screen.getByRole('row', { name: /Monday/ });
    fireEvent.click(within(monday).getByRole('button', { name: /Add period/ }));
    let v = onValue.mock.lastCall![0] as WeeklySchedule;
    expect(v.days[1]).toEqual([{ start: '09:00', end: '17:00' }, { start: '13:00', end: '17:00' }]);
    const inputs = within(monday).getAllByLabelText(/To/);
    fireEvent.change(inputs[1]!, { target: { value: '02:00' } });
    expect(within(monday).getByText('ends the next day')).toBeTruthy();
    for (let i = 0; i < 2; i++) {
      const row = screen.getByRole('row', { name: /Monday/ });
      fireEvent.click(within(row).getAllByRole('button', { name: /Remove period/ })[0]!);
    }
    v = onValue.mock.lastCall![0] as WeeklySchedule;
    expect(v.days[1]).toEqual([]);
    expect(within(screen.getByRole('row', { name: /Monday/ })).getByText('Day off')).toBeTruthy();
  });

  it('names weekdays in Arabic and lays out right-to-left with the Arabic translator', () => {
    render(
      <I18nProvider locale="ar">
        <div dir="rtl">
          <EditorHarness initial={defaultWeekdaySchedule('Asia/Riyadh')} onValue={() => {}} />
        </div>
      </I18nProvider>,
    );
    expect(screen.getByRole('row', { name: /الاثنين/ })).toBeTruthy();
    expect(screen.getAllByText('يوم عطلة')).toHaveLength(2);
  });
});

describe('SlaPolicyForm', () => {
  it('shows errors next to their fields and offers business hours', () => {
    const onChange = vi.fn();
    render(
      <SlaPolicyForm
        form={formFromPolicy(DEFAULT_SLA_POLICY)}
        onChange={onChange}
        onSave={() => {}}
        errors={{ replyHours: 'Enter a number of hours' }}
        platformNames={PLATFORM_NAMES}
        timeZones={['UTC']}
        defaultTimeZone="UTC"
        status="invalid"
      />,
    );
    const reply = screen.getByLabelText('Reply target (hours)');
    expect(reply.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toBe('Enter a number of hours');
    fireEvent.click(screen.getByLabelText('Only during business hours'));
    expect(onChange.mock.lastCall![0].businessHours.timeZone).toBe('UTC');
  });
});

describe('PlatformList', () => {
  it('shows health per platform and renders hostile text as text', () => {
    const onToggle = vi.fn();
    const hostile = '<img src=x onerror=alert(1)>';
    const { container } = render(
      <PlatformList
        toggles={DEFAULT_PLATFORM_TOGGLES}
        platformNames={{ ...PLATFORM_NAMES, tiktok: hostile }}
        health={[
          { platform: 'x', pageKind: 'inbox', recognised: true, matched: { rows: true }, checkedAt: 0 },
          { platform: 'linkedin', pageKind: 'inbox', recognised: false, matched: { rows: false, [hostile]: false }, checkedAt: 0 },
        ]}
        onToggle={onToggle}
      />,
    );
    expect(container.querySelector('[data-platform="x"]')?.getAttribute('data-health')).toBe('ok');
    expect(container.querySelector('[data-platform="linkedin"]')?.textContent).toContain('Layout not recognised');
    expect(container.querySelector('[data-platform="youtube"]')?.textContent).toContain('Not opened yet');
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toContain(hostile);
    fireEvent.click(screen.getByLabelText('Show Baton on X'));
    expect(onToggle).toHaveBeenCalledWith('x', false);
  });
});
