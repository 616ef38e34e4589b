/**
 * English, the source locale, assembled from one table per feature (lib/locales/en/*.ts).
 * A plural value has Intl.PluralRules categories (`other` required). `{name}` placeholders stay
 * as they are in every translation. To add a feature's strings: add en/<feature>.ts and
 * ar/<feature>.ts and spread them below and in ar.ts.
 */
import { core } from './en/core';
import { options } from './en/options';
import { overlay } from './en/overlay';
import { usage } from './en/usage';
import { time } from './en/time';
import { replies } from './en/replies';
import { suggestions } from './en/suggestions';

export type PluralForms = {
  zero?: string;
  one?: string;
  two?: string;
  few?: string;
  many?: string;
  other: string;
};
export type MessageValue = string | PluralForms;

export const en = {
  ...core,
  ...options,
  ...overlay,
  ...usage,
  ...time,
  ...replies,
  ...suggestions,
} as const satisfies Record<string, MessageValue>;

export type MessageKey = keyof typeof en;
export type Messages = { readonly [K in MessageKey]: MessageValue };
