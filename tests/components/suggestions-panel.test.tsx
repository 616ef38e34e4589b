import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { I18nProvider } from '@/components/i18n';
import { SuggestionsPanel, prepare, type SuggestionItem, type SuggestionsPanelProps } from '@/components/suggestions/SuggestionsPanel';
import type { Locale } from '@/lib/i18n';
import { variableValues } from '@/lib/replies/variables';

const ITEMS: SuggestionItem[] = [
  { id: 'a', title: 'Acknowledge', body: 'Hi {{customer.first_name | "there"}}, thanks!\nWe are on it.', language: 'en' },
  { id: 'b', title: 'Agent intro', body: 'I am {{agent.name}} from {{brand.name}}. {{cursor}}', language: 'en' },
  { id: 'c', title: 'Long one', body: 'x'.repeat(300), language: 'en' },
];

function Harness(props: Partial<SuggestionsPanelProps> & { locale?: Locale }) {
  const [query, setQuery] = useState('');
  return (
    <I18nProvider locale={props.locale ?? 'en'}>
      <SuggestionsPanel
        items={ITEMS}
        status="ready"
        crisis={false}
        query={query}
        onQuery={setQuery}
        values={variableValues({ customerName: 'Jane Customer', agentName: '', brandName: 'Acme', platformLabel: 'X' })}
        platform="x"
        platformName="X"
        surface="comment"
        notice={null}
        onInsert={() => undefined}
        onClose={() => undefined}
        {...props}
      />
    </I18nProvider>
  );
}

const itemButtons = () => Array.from(document.querySelectorAll<HTMLButtonElement>('button[data-baton-reply-id]'));

describe('prepare', () => {
  it('fills known values, uses fallbacks, lists what is missing and checks the surface limit', () => {
    const v = variableValues({ customerName: null, agentName: 'Sara Ali', brandName: '', platformLabel: 'X' });
    const p = prepare('Hi {{customer.first_name | "there"}}, {{agent.first_name}} of {{brand.name}}{{cursor}}', v, 'x', 'comment');
    expect(p.text).toBe('Hi there, Sara of ');
    expect(p.cursor).toBe(p.text.length);
    expect(p.fills).toEqual([
      { name: 'customer.first_name', value: 'there', fallback: true },
      { name: 'agent.first_name', value: 'Sara', fallback: false },
    ]);
    expect(p.missing).toEqual(['brand.name']);
    expect(prepare('y'.repeat(281), v, 'x', 'comment')).toMatchObject({ length: 281, max: 280, over: true });
    expect(prepare('y'.repeat(281), v, 'x', 'message')).toMatchObject({ max: 10_000, over: false });
    expect(prepare('😀'.repeat(150), v, 'tiktok', 'comment')).toMatchObject({ length: 150, over: false });
  });
});

describe('SuggestionsPanel', () => {
  it('offers each reply as a button with its id and flags the over-limit one', () => {
    render(<Harness />);
    const buttons = itemButtons();
    expect(buttons.map((b) => b.getAttribute('data-baton-reply-id'))).toEqual(['a', 'b', 'c']);
    expect(buttons.map((b) => b.getAttribute('data-baton-over-limit'))).toEqual(['false', 'false', 'true']);
    // The first reply's detail: filled variables and the length against X's reply limit.
    expect(screen.getByText('Customer’s first name: Jane')).toBeTruthy();
    expect(screen.getByText(/\/ 280 characters \(X comment\)/)).toBeTruthy();
  });

  it('works with the keyboard only: arrows move, Enter inserts, / searches, Esc closes', () => {
    const onInsert = vi.fn();
    const onClose = vi.fn();
    render(<Harness onInsert={onInsert} onClose={onClose} />);
    const [a, b] = itemButtons();
    a!.focus();
    fireEvent.keyDown(a!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(b);
    fireEvent.keyDown(b!, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(a);
    fireEvent.keyDown(a!, { key: 'ArrowUp' }); // wraps to the last
    expect(document.activeElement).toBe(itemButtons()[2]);
    fireEvent.keyDown(itemButtons()[2]!, { key: 'ArrowDown' });
    fireEvent.click(document.activeElement!); // Enter on a button is a click
    expect(onInsert).toHaveBeenCalledWith(ITEMS[0], 'Hi Jane, thanks!\nWe are on it.', null);
    fireEvent.keyDown(a!, { key: '/' });
    const search = screen.getByRole('searchbox', { name: 'Search replies' });
    expect(document.activeElement).toBe(search);
    fireEvent.change(search, { target: { value: 'refund' } });
    expect((search as HTMLInputElement).value).toBe('refund');
    fireEvent.keyDown(search, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(itemButtons()[0]);
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('refuses an over-limit reply and asks for a missing value before inserting', () => {
    const onInsert = vi.fn();
    render(<Harness onInsert={onInsert} />);
    fireEvent.click(itemButtons()[2]!);
    expect(onInsert).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toBe('300 characters, 20 over the X comment limit of 280: it cannot be inserted.');
    expect((screen.getByRole('button', { name: 'Insert into composer' }) as HTMLButtonElement).disabled).toBe(true);

    fireEvent.click(itemButtons()[1]!); // needs the agent's name, which settings do not have
    expect(onInsert).not.toHaveBeenCalled();
    const field = screen.getByLabelText('Your name (needed)');
    fireEvent.change(field, { target: { value: 'Omar' } });
    fireEvent.keyDown(field, { key: 'Enter' });
    expect(onInsert).toHaveBeenCalledWith(ITEMS[1], 'I am Omar from Acme. ', 'I am Omar from Acme. '.length);
  });

  it('lays out right to left in Arabic', () => {
    const ar: SuggestionItem[] = [{ id: 'ar1', title: 'شكر', body: 'مرحباً {{customer.first_name | "بك"}}، شكراً لتواصلك.', language: 'ar' }];
    render(<Harness locale="ar" items={ar} values={variableValues({ customerName: 'ليلى أحمد' })} />);
    const panel = screen.getByRole('region', { name: 'ردود مقترحة' });
    expect(panel.getAttribute('dir')).toBe('rtl');
    expect(panel.getAttribute('lang')).toBe('ar');
    expect(screen.getByLabelText('معاينة').textContent).toBe('مرحباً ليلى، شكراً لتواصلك.');
    expect(screen.getByLabelText('معاينة').getAttribute('lang')).toBe('ar');
  });

  it('renders hostile reply bodies, titles and customer names as text', () => {
    const alert = vi.fn();
    const original = globalThis.alert;
    globalThis.alert = alert;
    const payload = '<img src=x onerror=alert(1)><svg onload=alert(2)><a href="javascript:alert(3)">x</a>';
    const hostile: SuggestionItem[] = [{ id: 'h', title: payload, body: `${payload} {{customer.name}}`, language: 'en' }];
    render(<Harness items={hostile} values={variableValues({ customerName: '<script>alert(4)</script>' })} notice="inserted" />);
    expect(document.querySelector('img, svg, script, a')).toBeNull();
    expect(itemButtons()[0]!.textContent).toContain(payload);
    expect(screen.getByLabelText('Preview').textContent).toBe(`${payload} <script>alert(4)</script>`);
    expect(screen.getByText(/Customer’s name: <script>/)).toBeTruthy();
    expect(alert).not.toHaveBeenCalled();
    globalThis.alert = original;
  });

  it('says when crisis mode limits the list, and shows the insertion notice', () => {
    render(<Harness crisis notice="appended" />);
    expect(screen.getByText('Crisis mode: only crisis-safe replies are offered.')).toBeTruthy();
    expect(document.querySelector('[data-baton-notice="appended"]')?.textContent).toBe('Added after the draft that was already in the composer.');
  });
});
