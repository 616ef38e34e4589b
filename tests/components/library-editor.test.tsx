import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { I18nProvider } from '@/components/i18n';
import { contentFromDraft, emptyDraft } from '@/components/options/LibraryDraft';
import { replyHandlers } from '@/entrypoints/background/replies';
import { LibrarySection } from '@/entrypoints/options/LibrarySection';
import { ProfileSection } from '@/entrypoints/options/ProfileSection';
import type { Locale } from '@/lib/i18n';
import { handleRuntimeMessage } from '@/lib/messaging';
import { STARTER_REPLIES, exportReplyLibrary, exportReplyLibraryCsv, parseReplyLibrary } from '@/lib/replies';
import { readSetting, settingItems } from '@/lib/settings';

const self = { id: 'ext', origin: 'chrome-extension://ext/' };

/** The real background reply handlers (on fake-indexeddb) behind browser.runtime.sendMessage. */
function withBackground(): void {
  let n = 0;
  const handlers = replyHandlers({ newId: () => `new-${++n}` });
  // As the options page's sendMessage reaches the background: sent from our own extension page.
  fakeBrowser.runtime.sendMessage = ((message: unknown) =>
    handleRuntimeMessage(message, { id: 'ext', url: 'chrome-extension://ext/options.html' }, handlers, self)) as typeof fakeBrowser.runtime.sendMessage;
}

function renderSection(locale: Locale = 'en') {
  withBackground();
  return render(
    <I18nProvider locale={locale}>
      <LibrarySection />
    </I18nProvider>,
  );
}

const rows = () => document.querySelectorAll('tbody tr').length;
const offered = STARTER_REPLIES.filter((r) => r.status !== 'retired').length;

async function upload(name: string, text: string, type = 'application/json') {
  const input = screen.getByLabelText('Import a file (JSON or CSV)') as HTMLInputElement;
  const file = new File([text], name, { type });
  await act(async () => {
    fireEvent.change(input, { target: { files: [file] } });
  });
}

describe('contentFromDraft', () => {
  it('keys problems by field: unknown variables, bad language tags, duplicate languages, no text at all', () => {
    const d = emptyDraft();
    d.title = 'T';
    d.bodies = [
      { language: 'en', text: 'Hi {{customer.nick}}' },
      { language: 'en', text: 'again' },
      { language: 'ar', text: '  ' },
    ];
    d.shortcut = 'two words';
    const r = contentFromDraft(d);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors['bodies.0']).toEqual({ key: 'library.error.template.unknown', params: { at: 4, name: 'customer.nick' } });
    expect(r.errors['language.1']?.key).toBe('library.error.language');
    expect(r.errors['bodies.2']).toBeUndefined(); // an empty variant is left out, not an error
    expect(r.errors.shortcut?.key).toBe('library.error.shortcut');
    const none = emptyDraft();
    none.title = 'T';
    expect(contentFromDraft(none)).toEqual({ ok: false, errors: { 'bodies.0': { key: 'library.error.noLanguage' } } });
  });

  it('builds valid content with tags split on Latin and Arabic commas', () => {
    const d = emptyDraft();
    Object.assign(d, { title: 'Refund', tags: 'refund, money، استرداد', status: 'approved' });
    d.bodies = [
      { language: 'en', text: 'Hi {{customer.first_name | "there"}}' },
      { language: 'ar', text: 'مرحباً' },
    ];
    const r = contentFromDraft(d);
    expect(r).toMatchObject({ ok: true, content: { title: 'Refund', tags: ['refund', 'money', 'استرداد'], bodies: { en: 'Hi {{customer.first_name | "there"}}', ar: 'مرحباً' } } });
  });
});

describe('LibrarySection (real background handlers on IndexedDB)', () => {
  it('lists and searches the library', async () => {
    renderSection();
    await waitFor(() => expect(rows()).toBe(offered));
    fireEvent.change(screen.getByLabelText('Search the library'), { target: { value: 'holding' } });
    expect(rows()).toBe(1);
    expect(screen.getByRole('rowheader').textContent).toBe('Crisis holding statement');
  });

  it('shows a validation error next to the body, stores nothing, then creates, edits and retires', async () => {
    renderSection();
    await waitFor(() => expect(rows()).toBe(offered));
    fireEvent.click(screen.getByRole('button', { name: 'New reply' }));
    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'Store wifi' } });
    const en = screen.getByLabelText('Text (en)');
    fireEvent.change(en, { target: { value: 'Hi {{customer.nick}}, the password is on the receipt.' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Save reply' }));
    });
    const error = document.getElementById(en.getAttribute('aria-describedby')!.split(' ').find((x) => x.endsWith('-error'))!);
    expect(error?.textContent).toBe('Unknown variable “customer.nick” at character 4.');
    expect(en.getAttribute('aria-invalid')).toBe('true');
    expect(rows()).toBe(offered);

    fireEvent.change(en, { target: { value: 'Hi {{customer.first_name | "there"}}, the password is on the receipt.' } });
    fireEvent.change(screen.getByLabelText('Text (ar)'), { target: { value: 'كلمة المرور على الإيصال.' } });
    fireEvent.change(screen.getByLabelText('Shortcut'), { target: { value: 'wifi' } });
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'approved' } });
    fireEvent.click(screen.getByLabelText('X'));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Save reply' }));
    });
    await waitFor(() => expect(rows()).toBe(offered + 1));
    expect(screen.getByRole('status').textContent).toBe('Saved.');

    fireEvent.click(screen.getByRole('button', { name: 'Edit: Store wifi' }));
    expect((screen.getByLabelText('X') as HTMLInputElement).checked).toBe(true);
    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'Store Wi-Fi' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Save reply' }));
    });
    await waitFor(() => expect(screen.getByRole('rowheader', { name: 'Store Wi-Fi' })).toBeTruthy());

    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Retire: Store Wi-Fi' }));
    });
    await waitFor(() => expect(rows()).toBe(offered));
    fireEvent.click(screen.getByLabelText('Show retired replies'));
    const row = screen.getByRole('rowheader', { name: 'Store Wi-Fi' }).closest('tr')!;
    expect(row.getAttribute('data-status')).toBe('retired');
  });

  it('refuses a duplicate shortcut from the background next to the shortcut field', async () => {
    renderSection();
    await waitFor(() => expect(rows()).toBe(offered));
    fireEvent.click(screen.getByRole('button', { name: 'New reply' }));
    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'Another holding' } });
    fireEvent.change(screen.getByLabelText('Text (en)'), { target: { value: 'We are on it.' } });
    fireEvent.change(screen.getByLabelText('Shortcut'), { target: { value: 'holding' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Save reply' }));
    });
    await waitFor(() => expect(screen.getByText('Another reply already uses this shortcut.')).toBeTruthy());
    expect(rows()).toBe(offered);
  });

  it('shows language variants side by side, Arabic right to left', async () => {
    renderSection('ar');
    await waitFor(() => expect(rows()).toBe(offered));
    fireEvent.click(screen.getByRole('button', { name: 'تعديل: Crisis holding statement' }));
    const ar = screen.getByLabelText('النص (ar)');
    const en = screen.getByLabelText('النص (en)');
    expect(ar.getAttribute('dir')).toBe('rtl');
    expect(en.getAttribute('dir')).toBe('ltr');
    expect((ar as HTMLTextAreaElement).value).toContain('نحن على علم بالمشكلة');
    expect(ar.closest('.bodies')).toBe(en.closest('.bodies'));
  });

  it('rejects a bad import whole with the record, line and reason, and changes nothing', async () => {
    renderSection();
    await waitFor(() => expect(rows()).toBe(offered));
    const bad = JSON.stringify(
      { version: 1, replies: [{ title: 'Fine', bodies: { en: 'ok' } }, { title: 'Broken', bodies: { en: 'Hi {{customer.nick}}' } }] },
      null,
      2,
    );
    await upload('library.json', bad);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Nothing was imported');
    const item = within(alert).getByText(/Reply 2/).closest('li')!;
    expect(item.getAttribute('data-code')).toBe('invalid');
    expect(item.textContent).toMatch(/line \d+/);
    expect(item.textContent).toContain('customer.nick');
    expect(rows()).toBe(offered);
  });

  it('imports a good file (merge) and renders hostile titles as text', async () => {
    renderSection();
    await waitFor(() => expect(rows()).toBe(offered));
    const hostile = '<img src=x onerror=alert(1)>';
    const file = exportReplyLibrary([
      { ...STARTER_REPLIES[0]!, id: 'imp-1', title: hostile, shortcut: null, tags: [] },
    ]);
    await upload('lib.json', file);
    await waitFor(() => expect(rows()).toBe(offered + 1));
    expect(screen.getByText(/Imported 1 reply/)).toBeTruthy();
    expect(screen.getByRole('rowheader', { name: hostile }).textContent).toBe(hostile);
    expect(document.querySelector('img')).toBeNull();
  });
});

describe('LibrarySection files', () => {
  it('exports the library as a JSON file that imports back to the same replies', async () => {
    renderSection();
    await waitFor(() => expect(rows()).toBe(offered));
    const blobs: Blob[] = [];
    const names: string[] = [];
    const create = vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      blobs.push(b as Blob);
      return 'blob:export';
    });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Export JSON' }));
    });
    await waitFor(() => expect(blobs).toHaveLength(1));
    expect(names[0]).toMatch(/^baton-replies-\d{4}-\d{2}-\d{2}\.json$/);
    const back = parseReplyLibrary(await blobs[0]!.text());
    expect(back.ok && back.replies.map((r) => r.id).sort()).toEqual(STARTER_REPLIES.map((r) => r.id).sort());
    create.mockRestore();
    click.mockRestore();
  });

  it('imports a CSV file', async () => {
    renderSection();
    await waitFor(() => expect(rows()).toBe(offered));
    const csv = exportReplyLibraryCsv([{ ...STARTER_REPLIES[1]!, id: 'csv-1', title: 'From a spreadsheet', shortcut: 'sheet' }]);
    await upload('library.csv', csv, 'text/csv');
    await waitFor(() => expect(rows()).toBe(offered + 1));
    expect(screen.getByRole('rowheader', { name: 'From a spreadsheet' })).toBeTruthy();
  });
});

describe('ProfileSection', () => {
  it('stores the agent name, brand and crisis flag as validated settings', async () => {
    render(
      <I18nProvider locale="en">
        <ProfileSection />
      </I18nProvider>,
    );
    fireEvent.change(screen.getByLabelText('Your name'), { target: { value: 'x'.repeat(121) } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Save profile' }));
    });
    expect(screen.getByRole('alert').textContent).toBe('At most 120 characters.');
    fireEvent.change(screen.getByLabelText('Your name'), { target: { value: 'Sara Ali' } });
    fireEvent.change(screen.getByLabelText('Brand name'), { target: { value: 'Acme' } });
    fireEvent.click(screen.getByLabelText('Crisis mode'));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Save profile' }));
    });
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Saved.'));
    expect(await readSetting(settingItems.replyProfile)).toEqual({ agentName: 'Sara Ali', brandName: 'Acme' });
    expect(await readSetting(settingItems.crisisMode)).toBe(true);
  });
});
