/** The labelled evaluation set (tests/fixtures/replies): a 207-reply library and 110 messages. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseReplyLibrary, type Reply } from '@/lib/replies';

const dir = path.resolve(import.meta.dirname, '../../fixtures/replies');

export interface LabelledMessage {
  id: string;
  language: 'en' | 'ar';
  text: string;
  /** Reply ids a good agent would pick (any one of them is right). */
  expected: string[];
}

export function loadLibrary(): Reply[] {
  const parsed = parseReplyLibrary(readFileSync(path.join(dir, 'library.json'), 'utf8'), { now: Date.UTC(2026, 0, 1) });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors.slice(0, 5)));
  return parsed.replies;
}

export function loadMessages(): LabelledMessage[] {
  return (JSON.parse(readFileSync(path.join(dir, 'messages.json'), 'utf8')) as { messages: LabelledMessage[] }).messages;
}
