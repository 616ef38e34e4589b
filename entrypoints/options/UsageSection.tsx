/**
 * Options container for after-hours usage: the user's working hours and nudges (validated
 * storage items) and "your data" (export and delete through the background, which owns the
 * usage database). Plugs into the options page as <UsageSection timeZones={...} />.
 */
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { useI18n } from '@/components/i18n';
import { UsageDataControls } from '@/components/options/UsageDataControls';
import { UsageSettingsForm } from '@/components/options/UsageSettingsForm';
import { request } from '@/lib/messaging';
import { readSetting, settingItems, writeSetting } from '@/lib/settings';
import { deleteUsage, exportUsage } from '@/lib/usage/messages';
import { usageFormFrom, usageSettingsFromForm, type UsageSettingsForm as Form } from '@/lib/usage/settings-form';

const send = (m: unknown) => browser.runtime.sendMessage(m);

/** Hand a text file to the browser's download flow (no `downloads` permission needed). */
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

export function UsageSection({ timeZones }: { timeZones: readonly string[] }) {
  const { t } = useI18n();
  const [form, setForm] = useState<Form>(() => usageFormFrom(settingItems.workSchedule.fallback, settingItems.usageNudges.fallback));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<'idle' | 'saved' | 'invalid'>('idle');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  useEffect(() => {
    void Promise.all([readSetting(settingItems.workSchedule), readSetting(settingItems.usageNudges)]).then(([s, n]) => setForm(usageFormFrom(s, n)));
  }, []);

  const save = () => {
    const result = usageSettingsFromForm(form);
    if (!result.ok) {
      setErrors(Object.fromEntries(Object.entries(result.errors).map(([k, key]) => [k, t(key)])));
      setStatus('invalid');
      return;
    }
    setErrors({});
    void Promise.all([writeSetting(settingItems.workSchedule, result.schedule), writeSetting(settingItems.usageNudges, result.nudges)]).then(
      () => setStatus('saved'),
      () => setStatus('invalid'),
    );
  };

  const act = (work: () => Promise<string | null>) => {
    setBusy(true);
    setMessage(null);
    work()
      .then((ok) => setMessage(ok ? { kind: 'ok', text: ok } : null))
      .catch((e: unknown) => setMessage({ kind: 'error', text: t('usageOptions.failed', { message: e instanceof Error ? e.message : String(e) }) }))
      .finally(() => setBusy(false));
  };

  return (
    <>
      <UsageSettingsForm
        form={form}
        onChange={(f) => {
          setForm(f);
          setStatus('idle');
        }}
        onSave={save}
        errors={errors}
        timeZones={timeZones}
        status={status}
      />
      <UsageDataControls
        busy={busy}
        message={message}
        onExport={(format) =>
          act(async () => {
            const file = await request(send, exportUsage, { format });
            download(file.filename, file.mime, file.body);
            return null;
          })
        }
        onDelete={() =>
          act(async () => {
            await request(send, deleteUsage, null);
            return t('usageOptions.deleted');
          })
        }
      />
    </>
  );
}
