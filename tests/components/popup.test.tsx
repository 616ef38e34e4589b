/**
 * The popup with seeded data: summaries come from real daily aggregates through the real
 * summarize(), so these tests see what a user with that history would see.
 */
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { I18nProvider } from '@/components/i18n';
import { UsagePopup, type UsagePopupState } from '@/components/popup/UsagePopup';
import { WeekChart } from '@/components/popup/WeekChart';
import type { Locale } from '@/lib/i18n';
import { PLATFORM_NAMES } from '@/lib/platforms/names';
import type { WeeklySchedule } from '@/lib/time/schemas';
import { dueNudges } from '@/lib/usage/nudges';
import type { DayAggregate } from '@/lib/usage/schemas';
import { lastDays, summarize } from '@/lib/usage/summary';

const MIN = 60_000;
const LONDON: WeeklySchedule = {
  timeZone: 'Europe/London',
  days: [0, 1, 2, 3, 4, 5, 6].map((d) => (d >= 1 && d <= 5 ? [{ start: '09:00', end: '17:00' }] : [])),
  holidays: [],
};
const EVENING = Date.parse('2026-11-26T21:15Z'); // Thursday, off shift
const MORNING = Date.parse('2026-11-26T10:00Z'); // Thursday, on shift

function heavyWeek(): DayAggregate[] {
  return lastDays('2026-11-26', 14).map((day, i) => ({
    day,
    platforms:
      i >= 7
        ? { x: { inHoursMs: 360 * MIN, afterHoursMs: 150 * MIN }, tiktok: { inHoursMs: 30 * MIN, afterHoursMs: 45 * MIN } }
        : { x: { inHoursMs: 360 * MIN, afterHoursMs: 60 * MIN } },
    lateNightMs: i >= 9 ? 40 * MIN : 0,
    longestAfterHoursMs: (i >= 7 ? 95 : 30) * MIN,
  }));
}

function renderPopup(state: UsagePopupState, locale: Locale = 'en', handlers: { dismiss?: (id: string) => void; settings?: () => void } = {}) {
  return render(
    <I18nProvider locale={locale}>
      <div dir={locale === 'ar' ? 'rtl' : 'ltr'}>
        <UsagePopup
          state={state}
          platformNames={PLATFORM_NAMES}
          onDismissNudge={handlers.dismiss ?? (() => undefined)}
          onOpenSettings={handlers.settings ?? (() => undefined)}
        />
      </div>
    </I18nProvider>,
  );
}

describe('UsagePopup', () => {
  it('empty state: explains what is counted, states privacy, shows no figures', () => {
    const summary = summarize([], EVENING, LONDON);
    renderPopup({ status: 'ready', summary, nudges: [] });
    expect(screen.getByRole('heading', { name: 'No inbox time yet' })).toBeTruthy();
    expect(screen.queryByTestId('today-after')).toBeNull();
    expect(screen.getByTestId('privacy').textContent).toBe(
      'Stored only in this browser. Never synced, never sent to the team server, never seen by a lead.',
    );
  });

  it('a heavy week: today, the week against the one before, trend, late nights, longest, platforms', () => {
    const summary = summarize(heavyWeek(), EVENING, LONDON);
    renderPopup({ status: 'ready', summary, nudges: [] });
    expect(screen.getByTestId('today-after').textContent).toBe('3 h 15 min');
    expect(screen.getByText('Same day last week: 1 h')).toBeTruthy();
    expect(screen.getByTestId('week-after').textContent).toBe('22 h 45 min');
    expect(screen.getByText('225% more than the 7 days before')).toBeTruthy();
    expect(screen.getByTestId('late-nights').textContent).toBe('5 nights');
    expect(screen.getByTestId('longest').textContent).toMatch(/^1 h 35 min · /);
    const platforms = within(screen.getByRole('region', { name: 'By platform, last 7 days' }));
    expect(platforms.getAllByRole('row').slice(1).map((r) => r.textContent)).toEqual(['X42 h17 h 30 min', 'TikTok3 h 30 min5 h 15 min']);
    const trend = within(screen.getByRole('region', { name: 'After hours, last 4 weeks' }));
    expect(trend.getAllByRole('listitem').map((li) => li.lastElementChild?.textContent)).toEqual(['0 min', '0 min', '7 h', '22 h 45 min']);
  });

  it('off shift: says so, when the next shift starts, and keeps a place for who covers', () => {
    const summary = summarize(heavyWeek(), EVENING, LONDON);
    renderPopup({ status: 'ready', summary, nudges: [] });
    expect(screen.getByRole('heading', { name: 'You’re off shift' })).toBeTruthy();
    expect(screen.getByText('Your next shift starts Friday 9:00 AM.')).toBeTruthy();
    expect(document.querySelector('[data-slot="coverage"]')?.textContent).toMatch(/covers the team/);
  });

  it('on shift: a quiet line with the end of the shift, no off-shift block', () => {
    const summary = summarize(heavyWeek(), MORNING, LONDON);
    renderPopup({ status: 'ready', summary, nudges: [] });
    expect(screen.getByText('On shift until 5:00 PM')).toBeTruthy();
    expect(screen.queryByText('You’re off shift')).toBeNull();
  });

  it('nudges appear only when set, and dismissing one reports its id', () => {
    const summary = summarize(heavyWeek(), EVENING, LONDON);
    const nudges = dueNudges(summary, { weeklyBudgetMinutes: 600, lateNightLimit: 3 }, []);
    const dismiss = vi.fn();
    renderPopup({ status: 'ready', summary, nudges }, 'en', { dismiss });
    expect(screen.getByText('You spent 22 h 45 min on the inboxes after hours in the last 7 days — more than the 10 h you set.')).toBeTruthy();
    expect(screen.getByText('You were on the inboxes late on 5 nights this week. Rest counts too.')).toBeTruthy();
    fireEvent.click(screen.getAllByRole('button', { name: 'Dismiss' })[0]!);
    expect(dismiss).toHaveBeenCalledWith('budget:2026-11-26');
    renderPopup({ status: 'ready', summary, nudges: dueNudges(summary, { weeklyBudgetMinutes: null, lateNightLimit: null }, []) });
    expect(screen.getAllByRole('button', { name: 'Dismiss' })).toHaveLength(2); // only the first popup's
  });

  it('Arabic, right to left: every label translated, numbers in the locale', () => {
    const summary = summarize(heavyWeek(), EVENING, LONDON);
    const { container } = renderPopup({ status: 'ready', summary, nudges: [] }, 'ar');
    expect(container.firstElementChild?.getAttribute('dir')).toBe('rtl');
    expect(screen.getByRole('heading', { name: 'وقتك خارج ساعات العمل' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'أنت خارج نوبتك' })).toBeTruthy();
    expect(screen.getByTestId('privacy').textContent).toMatch(/هذا المتصفح فقط/);
    // Arabic plural "few" for 5 nights, with the number formatted for Arabic.
    expect(screen.getByTestId('late-nights').textContent).toBe(`${new Intl.NumberFormat('ar').format(5)} ليالٍ`);
    expect(container.textContent).not.toMatch(/after hours|off shift|Late nights/i);
  });

  it('loading and error states; an error message is shown as text, never as markup', () => {
    renderPopup({ status: 'loading' });
    expect(screen.getByRole('status').textContent).toBe('Loading…');
    renderPopup({ status: 'error', message: '<img src=x onerror=alert(1)>' });
    expect(screen.getByRole('alert').textContent).toBe('Could not load your usage: <img src=x onerror=alert(1)>');
    expect(document.querySelector('img')).toBeNull();
  });

  it('the settings link asks the container to open options', () => {
    const settings = vi.fn();
    renderPopup({ status: 'ready', summary: summarize([], EVENING, LONDON), nudges: [] }, 'en', { settings });
    fireEvent.click(screen.getByRole('button', { name: 'Working hours and your data' }));
    expect(settings).toHaveBeenCalledOnce();
  });
});

describe('WeekChart and its table equivalent', () => {
  const days = summarize(heavyWeek(), EVENING, LONDON).days;

  function renderChart(locale: Locale = 'en') {
    return render(
      <I18nProvider locale={locale}>
        <WeekChart days={days} />
      </I18nProvider>,
    );
  }

  it('the bars are hidden from assistive technology; the table carries every figure', () => {
    const { container } = renderChart();
    expect(container.querySelector('.bars')?.getAttribute('aria-hidden')).toBe('true');
    const table = screen.getByRole('table', { name: 'Last 7 days' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(8);
    expect(within(rows[0]!).getAllByRole('columnheader').map((c) => c.textContent)).toEqual(['Day', 'In working hours', 'After hours']);
    const last = within(rows[7]!);
    expect(last.getByRole('rowheader').textContent).toBe('Thursday, November 26');
    expect(last.getAllByRole('cell').map((c) => c.textContent)).toEqual(['6 h 30 min', '3 h 15 min']);
    expect(container.textContent).toContain('22 h 45 min after hours and 45 h 30 min in working hours over the last 7 days.');
  });

  it('bar heights are proportional to each day’s time, split in-hours / after-hours', () => {
    const { container } = renderChart();
    const col = container.querySelector('[data-day="2026-11-26"]')!;
    const after = (col.querySelector('.bar-after') as HTMLElement).style.height;
    const inside = (col.querySelector('.bar-in') as HTMLElement).style.height;
    // Every day this week is the same and the tallest: 195 + 390 = 585 minutes.
    expect([after, inside]).toEqual(['33.3%', '66.7%']);
  });

  it('the table can be shown visibly and hidden again', () => {
    renderChart();
    const table = screen.getByRole('table', { name: 'Last 7 days' });
    expect(table.parentElement?.className).toBe('visually-hidden');
    const toggle = screen.getByRole('button', { name: 'Show as a table' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    expect(table.parentElement?.className).toBe('chart-table');
    expect(screen.getByRole('button', { name: 'Hide the table' }).getAttribute('aria-expanded')).toBe('true');
  });

  it('Arabic table headers and day names', () => {
    renderChart('ar');
    const table = screen.getByRole('table', { name: 'آخر 7 أيام' });
    expect(within(table).getAllByRole('columnheader').map((c) => c.textContent)).toEqual(['اليوم', 'ضمن ساعات العمل', 'خارج ساعات العمل']);
    expect(within(table).getAllByRole('rowheader')[6]!.textContent).toBe(
      new Intl.DateTimeFormat('ar', { weekday: 'long', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(Date.UTC(2026, 10, 26, 12)),
    );
  });
});
