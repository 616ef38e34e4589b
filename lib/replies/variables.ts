/**
 * Reply variables (DESIGN §6): `{{customer.first_name}}`, `{{customer.name}}`,
 * `{{agent.first_name}}`, `{{agent.name}}`, `{{brand.name}}`, `{{platform}}`, each optionally
 * with a fallback `{{customer.first_name | "there"}}` (double or single quotes, `\"` and `\\`
 * escapes), plus one `{{cursor}}` stop. Everything between `{{` and `}}` must be one of these:
 * an unknown name, a malformed fallback or an unclosed `{{` is an error when a reply is saved,
 * so a typo never reaches a customer as literal braces.
 */

export const VARIABLE_NAMES = [
  'customer.first_name',
  'customer.name',
  'agent.first_name',
  'agent.name',
  'brand.name',
  'platform',
] as const;
export type VariableName = (typeof VARIABLE_NAMES)[number];
const KNOWN = new Set<string>(VARIABLE_NAMES);

export type TemplatePart =
  | { kind: 'text'; text: string }
  | { kind: 'variable'; name: VariableName; fallback: string | null; start: number; end: number }
  | { kind: 'cursor'; start: number; end: number };

export type TemplateProblemCode = 'unclosed' | 'empty' | 'unknown' | 'badFallback' | 'cursorFallback' | 'twoCursors';

export interface TemplateProblem {
  code: TemplateProblemCode;
  /** UTF-16 offset of the offending `{{` in the body. */
  at: number;
  /** The variable name as written, when there is one. */
  name?: string;
  message: string;
}

export type ParsedTemplate = { ok: true; parts: TemplatePart[] } | { ok: false; problems: TemplateProblem[] };

const NAME = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** Parse a quoted fallback (`"…"` or `'…'`); null when it is not exactly one quoted string. */
function parseFallback(src: string): string | null {
  const quote = src[0];
  if ((quote !== '"' && quote !== "'") || src.length < 2 || src[src.length - 1] !== quote) return null;
  let out = '';
  for (let i = 1; i < src.length - 1; i++) {
    const c = src[i]!;
    if (c === '\\') {
      const next = src[i + 1];
      if (next === undefined || i + 1 >= src.length - 1) return null;
      out += next;
      i++;
    } else if (c === quote) {
      return null;
    } else {
      out += c;
    }
  }
  return out;
}

/** Find the `}}` that closes a tag opened at `from`, skipping over a quoted fallback. */
function findClose(body: string, from: number): number {
  let quote: string | null = null;
  for (let i = from; i < body.length; i++) {
    const c = body[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '}' && body[i + 1] === '}') {
      return i;
    } else if (c === '{' && body[i + 1] === '{') {
      return -1; // a new tag before this one closed
    }
  }
  return -1;
}

export function parseTemplate(body: string): ParsedTemplate {
  const parts: TemplatePart[] = [];
  const problems: TemplateProblem[] = [];
  let text = '';
  let cursors = 0;
  let i = 0;
  while (i < body.length) {
    const open = body.indexOf('{{', i);
    if (open < 0) {
      text += body.slice(i);
      break;
    }
    text += body.slice(i, open);
    const close = findClose(body, open + 2);
    if (close < 0) {
      problems.push({ code: 'unclosed', at: open, message: `"{{" at character ${open + 1} is never closed with "}}"` });
      text += body.slice(open, open + 2);
      i = open + 2;
      continue;
    }
    const inner = body.slice(open + 2, close);
    const end = close + 2;
    i = end;
    const bar = inner.indexOf('|');
    const name = (bar < 0 ? inner : inner.slice(0, bar)).trim();
    const fallbackSrc = bar < 0 ? null : inner.slice(bar + 1).trim();
    if (name === '') {
      problems.push({ code: 'empty', at: open, message: `Empty variable "{{${inner}}}" at character ${open + 1}` });
      continue;
    }
    if (!NAME.test(name) || (!KNOWN.has(name) && name !== 'cursor')) {
      problems.push({
        code: 'unknown',
        at: open,
        name,
        message: `Unknown variable "${name}" (known: ${VARIABLE_NAMES.join(', ')}, cursor)`,
      });
      continue;
    }
    if (text) parts.push({ kind: 'text', text });
    text = '';
    if (name === 'cursor') {
      if (fallbackSrc !== null) {
        problems.push({ code: 'cursorFallback', at: open, name, message: '"{{cursor}}" takes no fallback' });
        continue;
      }
      cursors++;
      if (cursors === 2) {
        problems.push({ code: 'twoCursors', at: open, name, message: 'A reply has at most one "{{cursor}}"' });
      }
      parts.push({ kind: 'cursor', start: open, end });
      continue;
    }
    let fallback: string | null = null;
    if (fallbackSrc !== null) {
      fallback = parseFallback(fallbackSrc);
      if (fallback === null) {
        problems.push({
          code: 'badFallback',
          at: open,
          name,
          message: `The fallback of "${name}" must be one quoted text, e.g. {{${name} | "there"}}`,
        });
        continue;
      }
    }
    parts.push({ kind: 'variable', name: name as VariableName, fallback, start: open, end });
  }
  if (text) parts.push({ kind: 'text', text });
  return problems.length ? { ok: false, problems } : { ok: true, parts };
}

/** Problems that make a body unsavable (empty when it is fine). */
export function validateTemplate(body: string): TemplateProblem[] {
  const parsed = parseTemplate(body);
  return parsed.ok ? [] : parsed.problems;
}

/** Names a body uses, in order of first use (for the panel's "will be filled with" list). */
export function variablesOf(body: string): VariableName[] {
  const parsed = parseTemplate(body);
  if (!parsed.ok) return [];
  const seen = new Set<VariableName>();
  for (const p of parsed.parts) if (p.kind === 'variable') seen.add(p.name);
  return [...seen];
}

export type VariableValues = Partial<Record<VariableName, string | null | undefined>>;

export interface Rendered {
  /** The text to insert; a missing value without fallback renders as nothing. */
  text: string;
  /** Where the caret goes (UTF-16 offset into `text`), or null for "at the end". */
  cursor: number | null;
  /** Variables that had neither a value nor a fallback: ask before inserting. */
  missing: VariableName[];
}

/** The first word of a display name ("Sara Al-Qahtani" → "Sara"). */
export function firstName(name: string | null | undefined): string | null {
  const trimmed = (name ?? '').trim();
  if (!trimmed) return null;
  return trimmed.split(/\s+/u)[0] ?? null;
}

/** Values from what the page and options know; first names derive from full names. */
export function variableValues(input: {
  customerName?: string | null;
  agentName?: string | null;
  brandName?: string | null;
  platformLabel?: string | null;
}): VariableValues {
  return {
    'customer.name': input.customerName?.trim() || null,
    'customer.first_name': firstName(input.customerName),
    'agent.name': input.agentName?.trim() || null,
    'agent.first_name': firstName(input.agentName),
    'brand.name': input.brandName?.trim() || null,
    platform: input.platformLabel?.trim() || null,
  };
}

/**
 * Fill a body. Throws on a body that does not validate (stored replies always do). A blank value
 * counts as missing: the fallback is used, else the name is reported in `missing`.
 */
export function renderTemplate(body: string, values: VariableValues): Rendered {
  const parsed = parseTemplate(body);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('; '));
  let text = '';
  let cursor: number | null = null;
  const missing = new Set<VariableName>();
  for (const part of parsed.parts) {
    if (part.kind === 'text') text += part.text;
    else if (part.kind === 'cursor') cursor = text.length;
    else {
      const value = values[part.name]?.trim();
      if (value) text += value;
      else if (part.fallback !== null) text += part.fallback;
      else missing.add(part.name);
    }
  }
  return { text, cursor, missing: [...missing] };
}
