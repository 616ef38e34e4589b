/** Arabic (right-to-left): one table per feature (lib/locales/ar/*.ts), every English key present. */
import type { Messages } from './en';
import { core } from './ar/core';
import { options } from './ar/options';
import { overlay } from './ar/overlay';
import { usage } from './ar/usage';
import { time } from './ar/time';
import { replies } from './ar/replies';
import { suggestions } from './ar/suggestions';

export const ar: Messages = {
  ...core,
  ...options,
  ...overlay,
  ...usage,
  ...time,
  ...replies,
  ...suggestions,
};
