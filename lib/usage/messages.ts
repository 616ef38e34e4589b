/** Usage messages: only Baton's own pages (popup, options) may ask; content scripts never can. */
import { z } from 'zod';
import { defineMessage } from '../messaging';
import { UsageSummarySchema } from './summary';

export const getUsageSummary = defineMessage('usage/summary', {
  from: ['extension'],
  request: z.null(),
  response: UsageSummarySchema,
});

export const ExportFormatSchema = z.enum(['json', 'csv']);
export type ExportFormat = z.infer<typeof ExportFormatSchema>;

export const exportUsage = defineMessage('usage/export', {
  from: ['extension'],
  request: z.strictObject({ format: ExportFormatSchema }),
  response: z.strictObject({ filename: z.string(), mime: z.string(), body: z.string() }),
});

/** Erase every usage record; the interval under way restarts from now. */
export const deleteUsage = defineMessage('usage/delete', {
  from: ['extension'],
  request: z.null(),
  response: z.null(),
});
