/**
 * Popup container: asks the background for the usage summary, reads the user's nudge settings
 * and dismissals, and renders the presentational popup. The summary refreshes while open.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { browser } from 'wxt/browser';
import { I18nProvider, useI18n } from '@/components/i18n';
import { UsagePopup, type UsagePopupState } from '@/components/popup/UsagePopup';
import { request } from '@/lib/messaging';
import { PLATFORM_NAMES } from '@/lib/platforms/names';
import { readSetting, settingItems, watchSetting, writeSetting } from '@/lib/settings';
import { getUsageSummary } from '@/lib/usage/messages';
import { dueNudges, withDismissal, type UsageNudges } from '@/lib/usage/nudges';
import type { UsageSummary } from '@/lib/usage/summary';
import { useUiLocale } from '../options/locale';

const send = (m: unknown) => browser.runtime.sendMessage(m);
const REFRESH_MS = 30_000;
const RECEIVED_MARK = 'baton:popup-data';
const READY_MARK = 'baton:popup-ready';

function Popup() {
  const { t } = useI18n();
  const [summary, setSummary] = useState<UsageSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [nudgeSettings, setNudgeSettings] = useState<UsageNudges>(settingItems.usageNudges.fallback);
  const [dismissed, setDismissed] = useState<string[]>([]);

  useEffect(() => {
    document.title = t('usage.title');
  }, [t]);

  useEffect(() => {
    const load = () =>
      request(send, getUsageSummary, null).then(
        (s) => {
          if (performance.getEntriesByName(RECEIVED_MARK).length === 0) performance.mark(RECEIVED_MARK);
          setSummary(s);
          setError(null);
        },
        (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
      );
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    void readSetting(settingItems.usageNudges).then(setNudgeSettings);
    void readSetting(settingItems.usageNudgeDismissals).then(setDismissed);
    const unwatch = [watchSetting(settingItems.usageNudges, setNudgeSettings), watchSetting(settingItems.usageNudgeDismissals, setDismissed)];
    return () => {
      clearInterval(timer);
      unwatch.forEach((u) => u());
    };
  }, []);

  const state: UsagePopupState = useMemo(() => {
    if (summary) return { status: 'ready', summary, nudges: dueNudges(summary, nudgeSettings, dismissed) };
    if (error) return { status: 'error', message: error };
    return { status: 'loading' };
  }, [summary, error, nudgeSettings, dismissed]);

  // Marks for tests/bench/usage.bench.ts: when data arrived, and when it was first on screen.
  useEffect(() => {
    if (summary && performance.getEntriesByName(READY_MARK).length === 0) {
      performance.mark(READY_MARK);
      performance.measure('baton:popup-render', { start: RECEIVED_MARK, end: READY_MARK });
    }
  }, [summary]);

  const dismiss = useCallback(
    (id: string) => {
      const next = withDismissal(dismissed, id);
      setDismissed(next);
      void writeSetting(settingItems.usageNudgeDismissals, next);
    },
    [dismissed],
  );

  return (
    <UsagePopup
      state={state}
      platformNames={PLATFORM_NAMES}
      onDismissNudge={dismiss}
      onOpenSettings={() => void browser.runtime.openOptionsPage()}
    />
  );
}

export function App() {
  const { locale } = useUiLocale();
  return (
    <I18nProvider locale={locale}>
      <Popup />
    </I18nProvider>
  );
}
