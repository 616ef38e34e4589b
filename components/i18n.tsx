/**
 * React access to Baton's translator. Pages pick the locale (settings or the browser's UI
 * language) and wrap their tree in <I18nProvider>; components call useI18n() and never choose
 * a language themselves, so tests can render any locale.
 */
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { createTranslator, type Locale, type Translator } from '@/lib/i18n';

const I18nContext = createContext<Translator>(createTranslator('en'));

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const translator = useMemo(() => createTranslator(locale), [locale]);
  return <I18nContext.Provider value={translator}>{children}</I18nContext.Provider>;
}

export function useI18n(): Translator {
  return useContext(I18nContext);
}
