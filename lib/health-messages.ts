/** Adapter health reports: content scripts report, options reads (DESIGN §3 "Health"). */
import { z } from 'zod';
import { defineMessage } from './messaging';
import { PLATFORM_IDS } from './platforms/types';

export const AdapterHealthRecordSchema = z.strictObject({
  platform: z.enum(PLATFORM_IDS),
  pageKind: z.enum(['inbox', 'thread', 'comments']).nullable(),
  recognised: z.boolean(),
  matched: z.record(z.string().max(64), z.boolean()),
  /** When this report was made (ms since epoch). */
  checkedAt: z.number().int().nonnegative(),
});
export type AdapterHealthRecord = z.infer<typeof AdapterHealthRecordSchema>;

export const reportHealth = defineMessage('health/report', {
  from: ['content'],
  request: AdapterHealthRecordSchema.omit({ checkedAt: true }),
  response: z.null(),
});

export const getHealth = defineMessage('health/get', {
  from: ['extension'],
  request: z.null(),
  response: z.array(AdapterHealthRecordSchema),
});
