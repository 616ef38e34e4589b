/**
 * CSV import and export of the reply library (columns in lib/replies/FORMAT.md). RFC 4180
 * quoting, so multi-line bodies survive; UTF-8 with a byte-order mark on export so spreadsheet
 * programs show Arabic correctly; `,` or `;` as the separator on import (spreadsheets in many
 * locales save with `;`). Cells that a spreadsheet would run as a formula (starting with
 * = + - @, tab or carriage return) are written with a leading apostrophe, which import removes.
 */
import { z } from 'zod';
import {
  FileReplySchema,
  capErrors,
  findDuplicates,
  recordIssues,
  toFileReply,
  toReplies,
  tooLargeError,
  type FileReply,
  type ImportError,
  type ImportOptions,
  type ImportResult,
} from './format';
import { LIMITS, type Reply } from './schema';

export const CSV_COLUMNS = [
  'id',
  'title',
  'status',
  'crisisSafe',
  'shortcut',
  'tags',
  'platforms',
  'expiresAt',
  'version',
  'owner',
  'createdAt',
  'updatedAt',
] as const;
type Column = (typeof CSV_COLUMNS)[number];
const BODY_PREFIX = 'body.';
/** Separator inside the tags and platforms cells. */
const LIST_SEPARATOR = ';';

interface CsvRow {
  cells: string[];
  /** 1-based line on which the row starts. */
  line: number;
}

type CsvParse = { ok: true; rows: CsvRow[] } | { ok: false; line: number; message: string };

/** RFC 4180 rows; quoted cells may hold separators, quotes ("") and line breaks. */
export function parseCsv(text: string, separator: string): CsvParse {
  const rows: CsvRow[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < text.length) {
    const rowLine = line;
    const cells: string[] = [];
    while (true) {
      let cell = '';
      if (text[i] === '"') {
        const openLine = line;
        i++;
        while (true) {
          if (i >= text.length) return { ok: false, line: openLine, message: 'A quoted cell is never closed' };
          const c = text[i]!;
          if (c === '"') {
            if (text[i + 1] === '"') {
              cell += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === '\n') line++;
          cell += c;
          i++;
        }
        const next = text[i];
        if (next !== undefined && next !== separator && next !== '\n' && next !== '\r') {
          return { ok: false, line, message: 'Unexpected text after a closing quote (quotes inside a cell are written "")' };
        }
      } else {
        while (i < text.length && text[i] !== separator && text[i] !== '\n' && text[i] !== '\r') {
          if (text[i] === '"') return { ok: false, line, message: 'A quote inside an unquoted cell (quote the whole cell)' };
          cell += text[i];
          i++;
        }
      }
      cells.push(cell);
      if (text[i] === separator) {
        i++;
        continue;
      }
      break;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    line++;
    // Blank lines (often one at the end) are not rows.
    if (!(cells.length === 1 && cells[0] === '')) rows.push({ cells, line: rowLine });
  }
  return { ok: true, rows };
}

const FORMULA = /^'*[=+\-@\t\r]/;

function unguard(cell: string): string {
  return cell.startsWith("'") && FORMULA.test(cell) ? cell.slice(1) : cell;
}

function guard(cell: string): string {
  return FORMULA.test(cell) ? `'${cell}` : cell;
}

function quote(cell: string): string {
  const safe = guard(cell);
  return /[",\r\n;]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const BooleanCell = z.enum(['true', 'false', 'TRUE', 'FALSE', 'True', 'False', '']);

/** Build a file record from a row; types are converted here, checked by FileReplySchema. */
function rowToRecord(header: string[], cells: string[]): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  const bodies: Record<string, string> = {};
  header.forEach((name, c) => {
    const value = unguard(cells[c] ?? '');
    if (name.startsWith(BODY_PREFIX)) {
      if (value !== '') bodies[name.slice(BODY_PREFIX.length)] = value;
      return;
    }
    if (value === '') return;
    const col = name as Column;
    if (col === 'tags' || col === 'platforms') {
      record[col] = value.split(LIST_SEPARATOR).map((s) => s.trim()).filter(Boolean);
    } else if (col === 'crisisSafe') {
      const b = BooleanCell.safeParse(value);
      record[col] = b.success ? value.toLowerCase() === 'true' : value;
    } else if (col === 'version') {
      record[col] = /^\d+$/.test(value) ? Number(value) : value;
    } else {
      record[col] = value;
    }
  });
  record.bodies = bodies;
  return record;
}

/** Parse and validate a CSV library file (all or nothing, like parseReplyLibrary). */
export function parseReplyLibraryCsv(text: string, opts: ImportOptions = {}): ImportResult {
  if (text.length > LIMITS.fileBytes || new TextEncoder().encode(text).length > LIMITS.fileBytes) {
    return { ok: false, errors: [tooLargeError()] };
  }
  const firstLine = text.slice(0, Math.max(0, text.indexOf('\n')) || text.length);
  const separator = !firstLine.includes(',') && firstLine.includes(';') ? ';' : ',';
  const parsed = parseCsv(text, separator);
  if (!parsed.ok) return { ok: false, errors: [{ code: 'malformed', line: parsed.line, message: parsed.message }] };
  const [head, ...rows] = parsed.rows;
  if (!head) return { ok: false, errors: [{ code: 'notALibrary', line: 1, message: 'The file is empty' }] };
  const header = head.cells.map((h) => h.trim());
  const known = new Set<string>(CSV_COLUMNS);
  const headerErrors: ImportError[] = [];
  const seen = new Set<string>();
  for (const name of header) {
    if (seen.has(name)) headerErrors.push({ code: 'notALibrary', line: head.line, field: name, message: `The column "${name}" appears twice` });
    seen.add(name);
    if (!known.has(name) && !name.startsWith(BODY_PREFIX)) {
      headerErrors.push({ code: 'notALibrary', line: head.line, field: name, message: `Unknown column "${name}" (columns: ${CSV_COLUMNS.join(', ')}, body.<language>)` });
    }
  }
  if (!header.includes('title') || !header.some((h) => h.startsWith(BODY_PREFIX))) {
    headerErrors.push({ code: 'notALibrary', line: head.line, message: 'The first line must name the columns, including title and at least one body.<language> (e.g. body.en)' });
  }
  if (headerErrors.length) return { ok: false, errors: headerErrors };
  if (rows.length > LIMITS.replies) {
    return { ok: false, errors: [{ code: 'tooMany', message: `The file has ${rows.length} replies; a library holds at most ${LIMITS.replies}` }] };
  }

  const errors: ImportError[] = [];
  const records: FileReply[] = [];
  rows.forEach((row, r) => {
    if (row.cells.length !== header.length) {
      errors.push({ code: 'malformed', record: r + 1, line: row.line, message: `This row has ${row.cells.length} cells; the header has ${header.length}` });
      return;
    }
    const result = FileReplySchema.safeParse(rowToRecord(header, row.cells));
    if (result.success) records.push(result.data);
    else errors.push(...recordIssues(result.error, r + 1, () => row.line));
  });
  if (errors.length) return { ok: false, errors: capErrors(errors) };
  const replies = toReplies(records, opts);
  const dups = findDuplicates(replies, (i) => ({ record: i + 1, line: rows[i]!.line }));
  if (dups.length) return { ok: false, errors: capErrors(dups) };
  return { ok: true, replies };
}

/** The CSV file for these replies: fixed columns, then one body column per language. */
export function exportReplyLibraryCsv(replies: readonly Reply[]): string {
  const languages = [...new Set(replies.flatMap((r) => Object.keys(r.bodies)))].sort();
  const header = [...CSV_COLUMNS, ...languages.map((l) => `${BODY_PREFIX}${l}`)];
  const lines = [header.join(',')];
  for (const reply of replies) {
    const f = toFileReply(reply);
    const cells: Record<Column, string> = {
      id: f.id,
      title: f.title,
      status: f.status,
      crisisSafe: String(f.crisisSafe),
      shortcut: f.shortcut ?? '',
      tags: f.tags.join(LIST_SEPARATOR),
      platforms: f.platforms.join(LIST_SEPARATOR),
      expiresAt: f.expiresAt ?? '',
      version: String(f.version),
      owner: f.owner,
      createdAt: f.createdAt,
      updatedAt: f.updatedAt,
    };
    lines.push([...CSV_COLUMNS.map((c) => cells[c]), ...languages.map((l) => reply.bodies[l] ?? '')].map(quote).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
