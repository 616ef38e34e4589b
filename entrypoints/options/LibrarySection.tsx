/**
 * Options container for the reply library (issue 3): lists, saves, retires, imports and exports
 * through the background (lib/replies/messages.ts), which alone owns the library in IndexedDB.
 * Plugs into the options page as <ReplySections /> (profile and library) or <LibrarySection />.
 */
import { useCallback, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { useI18n } from '@/components/i18n';
import { LibraryEditor } from '@/components/options/LibraryEditor';
import { LibraryList, type LibraryListProps } from '@/components/options/LibraryList';
import { contentFromDraft, draftField, draftFromReply, emptyDraft, type DraftErrors, type LibraryDraft } from '@/components/options/LibraryDraft';
import type { MessageKey } from '@/lib/i18n';
import { request } from '@/lib/messaging';
import { PLATFORM_NAMES } from '@/lib/platforms/names';
import { exportReplies, importReplies, listReplies, retireReply, saveReply } from '@/lib/replies/messages';
import type { Reply } from '@/lib/replies/schema';
import { readSetting, settingItems } from '@/lib/settings';
import { ProfileSection } from './ProfileSection';

const send = (m: unknown) => browser.runtime.sendMessage(m);

function download(filename: string, mime: string, body: string): void {
  const url = URL.createObjectURL(new Blob([body], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function owner(): Promise<string> {
  return (await readSetting(settingItems.replyProfile)).agentName || 'local';
}

export function LibrarySection() {
  const { t } = useI18n();
  const [replies, setReplies] = useState<Reply[]>([]);
  const [draft, setDraft] = useState<LibraryDraft | null>(null);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [status, setStatus] = useState<'idle' | 'saving' | 'invalid'>('idle');
  const [notice, setNotice] = useState<string | null>(null);
  const [importResult, setImportResult] = useState<LibraryListProps['importResult']>(null);

  const load = useCallback(() => {
    request(send, listReplies, null).then(
      (all) => setReplies([...all].sort((a, b) => a.title.localeCompare(b.title))),
      () => setNotice(t('library.error.load')),
    );
  }, [t]);
  useEffect(load, [load]);

  const save = async () => {
    if (!draft) return;
    const checked = contentFromDraft(draft);
    if (!checked.ok) {
      setErrors(checked.errors);
      setStatus('invalid');
      return;
    }
    setStatus('saving');
    const result = await request(send, saveReply, { id: draft.id, content: checked.content, owner: await owner(), expectedVersion: draft.version });
    if (!result.ok) {
      const next: DraftErrors = {};
      for (const e of result.errors) next[draftField(draft, e.field)] ??= { key: `replies.save.error.${e.code}` as MessageKey };
      setErrors(next);
      setStatus('invalid');
      return;
    }
    setErrors({});
    setStatus('idle');
    setDraft(null);
    setNotice(t('library.saved'));
    load();
  };

  return (
    <>
      <LibraryList
        replies={replies}
        notice={notice}
        importResult={importResult}
        onNew={() => {
          setDraft(emptyDraft());
          setErrors({});
          setStatus('idle');
        }}
        onEdit={(r) => {
          setDraft(draftFromReply(r));
          setErrors({});
          setStatus('idle');
        }}
        onRetire={(r) => {
          void owner()
            .then((o) => request(send, retireReply, { id: r.id, owner: o }))
            .then(load, () => setNotice(t('library.error.load')));
        }}
        onImport={(file, mode) => {
          const format = /\.csv$/i.test(file.name) ? 'csv' : 'json';
          void owner()
            .then((o) => request(send, importReplies, { format, text: file.text, mode, owner: o }))
            .then(
              (r) => {
                setImportResult(r);
                if (r.ok) load();
              },
              (err: unknown) => setImportResult({ ok: false, errors: [{ code: 'malformed', message: String(err) }] }),
            );
        }}
        onExport={(format) => {
          void request(send, exportReplies, { format }).then((f) =>
            download(f.filename, format === 'json' ? 'application/json' : 'text/csv', f.text),
          );
        }}
      />
      {draft && (
        <LibraryEditor
          draft={draft}
          onChange={(d) => {
            setDraft(d);
            if (status === 'invalid') setStatus('idle');
          }}
          onSave={() => void save()}
          onCancel={() => setDraft(null)}
          errors={errors}
          platformNames={PLATFORM_NAMES}
          status={status}
        />
      )}
    </>
  );
}

/** Everything issue 3 adds to the options page: the reply profile, then the library. */
export function ReplySections() {
  return (
    <>
      <ProfileSection />
      <LibrarySection />
    </>
  );
}
