/**
 * Baton's i18n: English is the source, every other locale must carry every key (the type of
 * `ar` is `Messages`, so a missing key fails typecheck and a test). Plurals follow
 * Intl.PluralRules categories. Pure: callers pass the locale they want.
 */
import { en, type MessageKey, type Messages, type MessageValue } from '../locales/en';
import { ar } from '../locales/ar';

export const LOCALES = { en, ar } as const satisfies Record<string, Messages>;
export type Locale = keyof typeof LOCALES;
export type { MessageKey };

const RTL = new Set<Locale>(['ar']);

/** Best shipped locale for a BCP 47 tag ("ar-SA" → "ar", anything unknown → "en"). */
export function pickLocale(tag: string | null | undefined): Locale {
  const base = (tag ?? '').toLowerCase().split(/[-_]/)[0] ?? '';
  return base in LOCALES ? (base as Locale) : 'en';
}

export function dirOf(locale: Locale): 'rtl' | 'ltr' {
  return RTL.has(locale) ? 'rtl' : 'ltr';
}

export type Params = Record<string, string | number>;

export interface Translator {
  locale: Locale;
  dir: 'rtl' | 'ltr';
  t(key: MessageKey, params?: Params): string;
}

function fill(template: string, params: Params | undefined, locale: Locale): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    if (v === undefined) return whole;
    return typeof v === 'number' ? new Intl.NumberFormat(locale).format(v) : v;
  });
}

export function createTranslator(locale: Locale): Translator {
  const table: Messages = LOCALES[locale];
  const rules = new Intl.PluralRules(locale);
  const t = (key: MessageKey, params?: Params): string => {
    const value: MessageValue = table[key] ?? en[key];
    if (typeof value === 'string') return fill(value, params, locale);
    const count = Number(params?.count ?? 0);
    const category = rules.select(count) as keyof typeof value;
    return fill(value[category] ?? value.other, params, locale);
  };
  return { locale, dir: dirOf(locale), t };
}
