/**
 * The reply library's file formats (documented in lib/replies/FORMAT.md): JSON
 * `{ "version": 1, "replies": [ … ] }` and CSV (csv.ts). An import is all or nothing: any problem
 * (malformed file, wrong types, unknown variables, duplicates, too large) rejects the whole file
 * with the record, line, field and reason of each problem, and nothing is stored. Exporting a
 * library and importing the file gives back the same replies, field for field.
 */
import { z } from 'zod';
import { parseJsonLocated, type JsonPath } from './json-located';
import {
  BodiesSchema,
  LIMITS,
  PlatformIdSchema,
  ReplyIdSchema,
  ReplyStatusSchema,
  ShortcutSchema,
  TagSchema,
  duplicateKey,
  type Reply,
} from './schema';

export const LIBRARY_FILE_VERSION = 1;

export type ImportErrorCode =
  | 'tooLarge'
  | 'tooMany'
  | 'malformed'
  | 'notALibrary'
  | 'unsupportedVersion'
  | 'invalid'
  | 'duplicateId'
  | 'duplicateShortcut'
  | 'duplicateTitle'
  | 'tooManyErrors';

export interface ImportError {
  code: ImportErrorCode;
  /** 1-based position of the reply in the file (JSON array element or CSV data row). */
  record?: number;
  /** 1-based line in the file where the record or field starts. */
  line?: number;
  /** Dotted path of the field inside the record, e.g. `bodies.ar` or `tags.2`. */
  field?: string;
  /** English detail (the UI shows a translated heading for `code` and this detail). */
  message: string;
}

export type ImportResult = { ok: true; replies: Reply[] } | { ok: false; errors: ImportError[] };

export interface ImportOptions {
  /** Time for records without timestamps (default Date.now()). */
  now?: number;
  /** Owner for records without one (default ""). */
  owner?: string;
  /** Id for records without one (default crypto.randomUUID()). */
  newId?: () => string;
}

/** At most this many problems are listed; a file with more gets a final "and N more". */
const MAX_ERRORS = 100;

const IsoTimeSchema = z.iso.datetime({ offset: true, message: 'Use an ISO 8601 time such as 2026-03-01T09:00:00Z' });

/** One reply as it appears in a file. Only title and bodies are required. */
export const FileReplySchema = z.strictObject({
  id: ReplyIdSchema.optional(),
  title: z.string().trim().min(1, 'The title is empty').max(LIMITS.titleChars),
  bodies: BodiesSchema,
  tags: z.array(TagSchema).max(LIMITS.tags).optional(),
  shortcut: ShortcutSchema.nullable().optional(),
  platforms: z.array(PlatformIdSchema).max(6).optional(),
  status: ReplyStatusSchema.optional(),
  crisisSafe: z.boolean().optional(),
  version: z.number().int().positive().optional(),
  owner: z.string().max(LIMITS.ownerChars).optional(),
  createdAt: IsoTimeSchema.optional(),
  updatedAt: IsoTimeSchema.optional(),
  expiresAt: IsoTimeSchema.nullable().optional(),
});
export type FileReply = z.infer<typeof FileReplySchema>;

const TopLevelSchema = z.looseObject({ version: z.unknown().optional(), replies: z.array(z.unknown()) });

/** UTF-8 size without encoding the whole text when it is obviously small or large. */
function tooLarge(text: string): boolean {
  if (text.length > LIMITS.fileBytes) return true;
  if (text.length * 3 <= LIMITS.fileBytes) return false;
  return new TextEncoder().encode(text).length > LIMITS.fileBytes;
}

export function tooLargeError(): ImportError {
  return { code: 'tooLarge', message: `The file is larger than ${LIMITS.fileBytes / 1024 / 1024} MB` };
}

/** Turn validated file records into replies (defaults filled) — shared by JSON and CSV. */
export function toReplies(records: FileReply[], opts: ImportOptions): Reply[] {
  const now = opts.now ?? Date.now();
  const newId = opts.newId ?? (() => crypto.randomUUID());
  return records.map((r) => {
    const createdAt = r.createdAt ? Date.parse(r.createdAt) : now;
    return {
      id: r.id ?? newId(),
      title: r.title,
      bodies: r.bodies,
      tags: r.tags ?? [],
      shortcut: r.shortcut ?? null,
      platforms: r.platforms ?? [],
      status: r.status ?? 'draft',
      crisisSafe: r.crisisSafe ?? false,
      expiresAt: r.expiresAt ? Date.parse(r.expiresAt) : null,
      version: r.version ?? 1,
      owner: r.owner ?? opts.owner ?? '',
      createdAt,
      updatedAt: r.updatedAt ? Date.parse(r.updatedAt) : createdAt,
    };
  });
}

/**
 * Duplicate ids anywhere, and duplicate shortcuts or titles among replies that are not retired
 * (a retired reply keeps its title so its history stays readable). `existing` lets a merge check
 * the file against the stored library: stored replies the file replaces (same id) do not count.
 */
export function findDuplicates(
  replies: readonly Reply[],
  where: (index: number) => { record: number; line?: number },
  existing: readonly Reply[] = [],
): ImportError[] {
  const errors: ImportError[] = [];
  const ids = new Map<string, number>();
  const shortcuts = new Map<string, string>();
  const titles = new Map<string, string>();
  const replaced = new Set(replies.map((r) => r.id));
  for (const r of existing) {
    if (replaced.has(r.id) || r.status === 'retired') continue;
    if (r.shortcut) shortcuts.set(duplicateKey(r.shortcut), `the stored reply "${r.title}"`);
    titles.set(duplicateKey(r.title), `a stored reply`);
  }
  replies.forEach((r, i) => {
    const at = where(i);
    const first = ids.get(r.id);
    if (first !== undefined) {
      errors.push({ code: 'duplicateId', ...at, field: 'id', message: `The id "${r.id}" is also used by record ${first}` });
    } else {
      ids.set(r.id, at.record);
    }
    if (r.status === 'retired') return;
    if (r.shortcut) {
      const key = duplicateKey(r.shortcut);
      const other = shortcuts.get(key);
      if (other) errors.push({ code: 'duplicateShortcut', ...at, field: 'shortcut', message: `The shortcut "${r.shortcut}" is also used by ${other}` });
      else shortcuts.set(key, `record ${at.record}`);
    }
    const key = duplicateKey(r.title);
    const other = titles.get(key);
    if (other) errors.push({ code: 'duplicateTitle', ...at, field: 'title', message: `The title "${r.title}" is also used by ${other}` });
    else titles.set(key, `record ${at.record}`);
  });
  return errors;
}

/** Keep at most MAX_ERRORS problems, saying how many more there were. */
export function capErrors(errors: ImportError[]): ImportError[] {
  if (errors.length <= MAX_ERRORS) return errors;
  const more = errors.length - MAX_ERRORS;
  return [...errors.slice(0, MAX_ERRORS), { code: 'tooManyErrors', message: `…and ${more} more problems` }];
}

/** zod issues of one record as import errors with field paths and lines. */
export function recordIssues(
  error: z.ZodError,
  record: number,
  locate: (path: JsonPath) => number | undefined,
): ImportError[] {
  return error.issues.map((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    // Point at the deepest part of the path that exists in the file (a missing field → the record).
    let line: number | undefined;
    for (let n = path.length; n >= 0 && line === undefined; n--) line = locate(path.slice(0, n));
    const field = path.length ? path.join('.') : undefined;
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') message = `Unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`;
    return { code: 'invalid' as const, record, line, ...(field ? { field } : {}), message };
  });
}

/**
 * Parse and validate a JSON library file. On success every reply is complete (ids, versions,
 * timestamps filled in); on failure nothing is returned but the problems.
 */
export function parseReplyLibrary(json: string, opts: ImportOptions = {}): ImportResult {
  if (tooLarge(json)) return { ok: false, errors: [tooLargeError()] };
  const parsed = parseJsonLocated(json);
  if (!parsed.ok) {
    return { ok: false, errors: [{ code: 'malformed', line: parsed.position.line, message: `${parsed.message} (line ${parsed.position.line}, column ${parsed.position.column})` }] };
  }
  const lineOf = (path: JsonPath) => parsed.locate(path)?.line;
  const top = TopLevelSchema.safeParse(parsed.value);
  if (!top.success) {
    return { ok: false, errors: [{ code: 'notALibrary', line: 1, message: 'Expected an object like { "version": 1, "replies": [ … ] }' }] };
  }
  const extra = Object.keys(top.data).filter((k) => k !== 'version' && k !== 'replies');
  if (top.data.version !== LIBRARY_FILE_VERSION) {
    return { ok: false, errors: [{ code: 'unsupportedVersion', line: lineOf(['version']) ?? 1, field: 'version', message: `This file's version is ${JSON.stringify(top.data.version) ?? 'missing'}; Baton reads version ${LIBRARY_FILE_VERSION}` }] };
  }
  if (extra.length) {
    return { ok: false, errors: [{ code: 'notALibrary', line: lineOf([extra[0]!]), field: extra[0], message: `Unknown top-level field${extra.length > 1 ? 's' : ''}: ${extra.join(', ')}` }] };
  }
  const raw: unknown[] = top.data.replies;
  if (raw.length > LIMITS.replies) {
    return { ok: false, errors: [{ code: 'tooMany', message: `The file has ${raw.length} replies; a library holds at most ${LIMITS.replies}` }] };
  }
  const errors: ImportError[] = [];
  const records: FileReply[] = [];
  raw.forEach((item, i) => {
    const result = FileReplySchema.safeParse(item);
    if (result.success) records.push(result.data);
    else errors.push(...recordIssues(result.error, i + 1, (p) => lineOf(['replies', i, ...p])));
  });
  if (errors.length) return { ok: false, errors: capErrors(errors) };
  const replies = toReplies(records, opts);
  const dups = findDuplicates(replies, (i) => ({ record: i + 1, line: lineOf(['replies', i]) }));
  if (dups.length) return { ok: false, errors: capErrors(dups) };
  return { ok: true, replies };
}

const iso = (ms: number) => new Date(ms).toISOString();

/** One reply as written to a file: every field, timestamps as ISO 8601. */
export function toFileReply(r: Reply): Required<FileReply> {
  return {
    id: r.id,
    title: r.title,
    // Languages in a fixed order, so a JSON export is the same whichever way the library came in.
    bodies: Object.fromEntries(Object.entries(r.bodies).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    tags: r.tags,
    shortcut: r.shortcut,
    platforms: r.platforms,
    status: r.status,
    crisisSafe: r.crisisSafe,
    version: r.version,
    owner: r.owner,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
    expiresAt: r.expiresAt === null ? null : iso(r.expiresAt),
  };
}

/** The JSON library file for these replies (pretty-printed so it diffs well in review). */
export function exportReplyLibrary(replies: readonly Reply[]): string {
  return `${JSON.stringify({ version: LIBRARY_FILE_VERSION, replies: replies.map(toFileReply) }, null, 2)}\n`;
}
