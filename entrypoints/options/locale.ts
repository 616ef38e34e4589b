/** The UI locale of extension pages: the user's choice, else the browser's UI language. */
import { browser } from 'wxt/browser';
import { useEffect, useState } from 'react';
import { pickLocale, dirOf, type Locale } from '@/lib/i18n';
import { readSetting, settingItems, watchSetting, type UiLocale } from '@/lib/settings';

export function resolveLocale(choice: UiLocale): Locale {
  return choice === 'auto' ? pickLocale(browser.i18n.getUILanguage()) : choice;
}

/** Current locale choice and resolved locale; keeps <html lang dir> in step. */
export function useUiLocale(): { choice: UiLocale; locale: Locale } {
  const [choice, setChoice] = useState<UiLocale>('auto');
  useEffect(() => {
    void readSetting(settingItems.uiLocale).then(setChoice);
    return watchSetting(settingItems.uiLocale, setChoice);
  }, []);
  const locale = resolveLocale(choice);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.documentElement.dir = dirOf(locale);
  }, [locale]);
  return { choice, locale };
}
