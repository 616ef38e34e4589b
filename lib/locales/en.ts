/**
 * English, the source locale. Keys are grouped by surface; a plural value has Intl.PluralRules
 * categories (`other` required). Translators: `{name}` placeholders stay as they are.
 */
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
  // Extension name and store description (also in public/_locales for the manifest).
  'app.name': 'Baton',
  'app.description': 'Response timers, canned replies and a shared queue inside your social inboxes.',

  // Platform health, shown in options.
  'health.title': 'Inbox recognition',
  'health.recognised': 'Recognised',
  'health.notRecognised': 'Layout not recognised',
  'health.notSeen': 'Not opened yet',
  'health.checkedAt': 'Last checked {time}',
  'health.missing': 'Missing: {names}',
} as const satisfies Record<string, MessageValue>;

export type MessageKey = keyof typeof en;
export type Messages = { readonly [K in MessageKey]: MessageValue };
