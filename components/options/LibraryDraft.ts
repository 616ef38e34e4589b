/**
 * The library editor's form model: a reply as the agent edits it (bodies as an ordered list of
 * language variants, tags as one comma-separated line) and its conversion to the validated
 * ReplyContent, with each problem keyed by the field it belongs to (`title`, `bodies.<index>`,
 * `language.<index>`, `tags`, `shortcut`) as a translation key and parameters.
 */
import type { MessageKey, Params } from '@/lib/i18n';
import type { PlatformId } from '@/lib/platforms/types';
import { LanguageTagSchema, ReplyContentSchema, type Reply, type ReplyContent, type ReplyStatus } from '@/lib/replies/schema';
import { validateTemplate } from '@/lib/replies/variables';

export interface BodyDraft {
  language: string;
  text: string;
}

export interface LibraryDraft {
  id?: string;
  version?: number;
  title: string;
  bodies: BodyDraft[];
  tags: string;
  shortcut: string;
  platforms: PlatformId[];
  status: ReplyStatus;
  crisisSafe: boolean;
  expiresAt: number | null;
}

export interface FieldProblem {
  key: MessageKey;
  params?: Params;
}

export type DraftErrors = Record<string, FieldProblem>;

const RTL = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'yi', 'dv', 'ckb', 'sd', 'ug']);

/** Writing direction of a language tag (for a body's text area). */
export function directionOf(language: string): 'rtl' | 'ltr' {
  return RTL.has(language.split('-')[0]!.toLowerCase()) ? 'rtl' : 'ltr';
}

export function emptyDraft(): LibraryDraft {
  return {
    title: '',
    bodies: [
      { language: 'en', text: '' },
      { language: 'ar', text: '' },
    ],
    tags: '',
    shortcut: '',
    platforms: [],
    status: 'draft',
    crisisSafe: false,
    expiresAt: null,
  };
}

export function draftFromReply(reply: Reply): LibraryDraft {
  return {
    id: reply.id,
    version: reply.version,
    title: reply.title,
    bodies: Object.entries(reply.bodies).map(([language, text]) => ({ language, text })),
    tags: reply.tags.join(', '),
    shortcut: reply.shortcut ?? '',
    platforms: [...reply.platforms],
    status: reply.status,
    crisisSafe: reply.crisisSafe,
    expiresAt: reply.expiresAt,
  };
}

/** Validate a draft: the content to save, or the problems per field. */
export function contentFromDraft(d: LibraryDraft): { ok: true; content: ReplyContent } | { ok: false; errors: DraftErrors } {
  const errors: DraftErrors = {};
  const bodies: Record<string, string> = {};
  // A language whose text was left empty is simply not saved (a new reply offers en and ar).
  const filled = d.bodies.filter((b) => b.text.trim() !== '');
  d.bodies.forEach((b, i) => {
    if (b.text.trim() === '') return;
    const language = b.language.trim();
    if (!LanguageTagSchema.safeParse(language).success || language in bodies) {
      errors[`language.${i}`] = { key: 'library.error.language' };
      return;
    }
    bodies[language] = b.text;
    if (b.text.length > 5000) {
      errors[`bodies.${i}`] = { key: 'library.error.bodyTooLong' };
      return;
    }
    const problem = validateTemplate(b.text)[0];
    if (problem) {
      errors[`bodies.${i}`] = {
        key: `library.error.template.${problem.code}` as MessageKey,
        params: { at: problem.at + 1, name: problem.name ?? '' },
      };
    }
  });
  if (filled.length === 0) errors['bodies.0'] = { key: 'library.error.noLanguage' };
  const tags = d.tags
    .split(/[,،]/)
    .map((t) => t.trim())
    .filter(Boolean);
  const candidate = {
    title: d.title.trim(),
    bodies,
    tags,
    shortcut: d.shortcut.trim() || null,
    platforms: d.platforms,
    status: d.status,
    crisisSafe: d.crisisSafe,
    expiresAt: d.expiresAt,
  };
  const parsed = ReplyContentSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [head] = issue.path;
      if (head === 'title') errors.title ??= { key: 'library.error.title' };
      else if (head === 'tags') errors.tags ??= { key: 'library.error.tags' };
      else if (head === 'shortcut') errors.shortcut ??= { key: 'library.error.shortcut' };
      else if (head === 'bodies' && Object.keys(errors).every((k) => !k.startsWith('bodies.') && !k.startsWith('language.')))
        errors['bodies.0'] = { key: 'library.error.noLanguage' };
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) {
    if (Object.keys(errors).length === 0) errors.title = { key: 'replies.save.error.invalid' };
    return { ok: false, errors };
  }
  return { ok: true, content: parsed.data };
}

/** Where a background field error (`bodies.ar`, `shortcut`) belongs in the draft's fields. */
export function draftField(d: LibraryDraft, field: string | undefined): string {
  if (!field) return 'title';
  const [head, lang] = field.split('.');
  if (head === 'bodies' && lang) {
    const i = d.bodies.findIndex((b) => b.language.trim() === lang);
    return `bodies.${Math.max(0, i)}`;
  }
  return head ?? 'title';
}
