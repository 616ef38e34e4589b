/**
 * Options page container: loads settings and health, hands them to presentational sections,
 * saves what the user changes. Settings are local to this browser for now.
 */
import { useEffect, useMemo, useState } from 'react';
import { browser } from 'wxt/browser';
import { I18nProvider, useI18n } from '@/components/i18n';
import { PlatformList } from '@/components/options/PlatformList';
import { SlaPolicyForm } from '@/components/options/SlaPolicyForm';
import { getHealth, type AdapterHealthRecord } from '@/lib/health-messages';
import { request } from '@/lib/messaging';
import { formFromPolicy, policyFromForm, type SlaForm } from '@/lib/options/sla-form';
import { PLATFORM_NAMES } from '@/lib/platforms/names';
import { readSetting, settingItems, watchSetting, writeSetting, type PlatformToggles, type UiLocale } from '@/lib/settings';
import { DEFAULT_SLA_POLICY } from '@/lib/time/schemas';
import { useUiLocale } from './locale';
import { UsageSection } from './UsageSection';
import { ReplySections } from './LibrarySection';

const send = (m: unknown) => browser.runtime.sendMessage(m);
const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const TIME_ZONES: readonly string[] = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [browserZone];
  }
})();

function LanguagePicker({ choice }: { choice: UiLocale }) {
  const { t } = useI18n();
  return (
    <label className="language">
      {t('options.language')}{' '}
      <select value={choice} onChange={(e) => void writeSetting(settingItems.uiLocale, e.target.value as UiLocale)}>
        <option value="auto">{t('options.language.auto')}</option>
        <option value="en" lang="en">English</option>
        <option value="ar" lang="ar">العربية</option>
      </select>
    </label>
  );
}

function SlaSection() {
  const { t } = useI18n();
  const [form, setForm] = useState<SlaForm>(() => formFromPolicy(DEFAULT_SLA_POLICY));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<'idle' | 'saved' | 'invalid'>('idle');
  useEffect(() => {
    void readSetting(settingItems.sla).then((p) => setForm(formFromPolicy(p)));
  }, []);
  const save = () => {
    const result = policyFromForm(form);
    if (!result.ok) {
      setErrors(Object.fromEntries(Object.entries(result.errors).map(([k, key]) => [k, t(key)])));
      setStatus('invalid');
      return;
    }
    setErrors({});
    void writeSetting(settingItems.sla, result.policy).then(() => setStatus('saved'));
  };
  return (
    <SlaPolicyForm
      form={form}
      onChange={(f) => {
        setForm(f);
        setStatus('idle');
      }}
      onSave={save}
      errors={errors}
      platformNames={PLATFORM_NAMES}
      timeZones={TIME_ZONES}
      defaultTimeZone={browserZone}
      status={status}
    />
  );
}

function PlatformsSection() {
  const [toggles, setToggles] = useState<PlatformToggles>(settingItems.platforms.fallback);
  const [health, setHealth] = useState<AdapterHealthRecord[]>([]);
  useEffect(() => {
    void readSetting(settingItems.platforms).then(setToggles);
    const load = () => request(send, getHealth, null).then(setHealth, () => setHealth([]));
    void load();
    const timer = setInterval(() => void load(), 5000); // health changes as inbox tabs report
    const unwatch = watchSetting(settingItems.platforms, setToggles);
    return () => {
      clearInterval(timer);
      unwatch();
    };
  }, []);
  return (
    <PlatformList
      toggles={toggles}
      health={health}
      platformNames={PLATFORM_NAMES}
      onToggle={(p, on) => void writeSetting(settingItems.platforms, { ...toggles, [p]: on })}
    />
  );
}

function Page({ choice }: { choice: UiLocale }) {
  const { t } = useI18n();
  const title = useMemo(() => t('options.title'), [t]);
  useEffect(() => {
    document.title = title;
  }, [title]);
  return (
    <main>
      <header className="page-header">
        <h1>{title}</h1>
        <LanguagePicker choice={choice} />
      </header>
      <PlatformsSection />
      <SlaSection />
      <UsageSection timeZones={TIME_ZONES} />
      <ReplySections />
    </main>
  );
}

export function App() {
  const { choice, locale } = useUiLocale();
  return (
    <I18nProvider locale={locale}>
      <Page choice={choice} />
    </I18nProvider>
  );
}
