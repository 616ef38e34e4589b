import { describe, expect, it } from 'vitest';
import { LOCALES, createTranslator, dirOf, pickLocale } from '@/lib/i18n';
import { en } from '@/lib/locales/en';

const placeholders = (v: unknown): string[] =>
  [...JSON.stringify(v).matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe('i18n', () => {
  it('every locale has every English key, with the same placeholders, and no empty text', () => {
    for (const [name, table] of Object.entries(LOCALES)) {
      expect(Object.keys(table).sort(), name).toEqual(Object.keys(en).sort());
      for (const key of Object.keys(en) as (keyof typeof en)[]) {
        const value = table[key];
        expect(JSON.stringify(value).length, `${name} ${key}`).toBeGreaterThan(2);
        expect(new Set(placeholders(value)), `${name} ${key}`).toEqual(new Set(placeholders(en[key])));
      }
    }
  });

  it('picks a shipped locale from a BCP 47 tag', () => {
    expect(pickLocale('ar-SA')).toBe('ar');
    expect(pickLocale('en-GB')).toBe('en');
    expect(pickLocale('es-419')).toBe('en');
    expect(pickLocale(undefined)).toBe('en');
  });

  it('Arabic is right-to-left and English left-to-right', () => {
    expect(dirOf('ar')).toBe('rtl');
    expect(createTranslator('ar').dir).toBe('rtl');
    expect(dirOf('en')).toBe('ltr');
  });

  it('fills placeholders and formats numbers per locale', () => {
    const t = createTranslator('en').t;
    expect(t('health.missing', { names: 'rows, thread' })).toBe('Missing: rows, thread');
  });
});
