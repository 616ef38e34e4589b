/**
 * Text folding for timestamp matching: pages mix NBSPs, bidi marks, Arabic-Indic digits,
 * diacritics and letter variants, and Intl itself changes these between ICU versions. Both the
 * tables and the page text go through the same fold, so matching is insensitive to all of them.
 */

const BIDI_AND_INVISIBLE = /[\u200B-\u200F\u061C\u202A-\u202E\u2066-\u2069\uFEFF\u0640\u00AD]/g;
const COMBINING = /\p{M}/gu;

function foldDigits(s: string): string {
  return s.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (c) => {
    const code = c.charCodeAt(0);
    return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
  });
}

/**
 * Lower-case, accent-free, ASCII digits, single spaces. Arabic hamza carriers fold to bare alef,
 * teh marbuta to heh and alef maksura to yeh (common spelling variants in UI strings).
 */
export function fold(text: string): string {
  return foldDigits(
    text
      .normalize('NFKD')
      .replace(COMBINING, '')
      .replace(BIDI_AND_INVISIBLE, '')
      .replace(/\u066B/g, '.')
      .replace(/\u066C/g, ',')
      .replace(/\u060C/g, ',')
      .replace(/[\u2018\u2019\u02BC]/g, "'")
      .toLowerCase()
      .replace(/\u0629/g, '\u0647')
      .replace(/\u0649/g, '\u064A'),
  )
    .replace(/\s+/g, ' ')
    .trim();
}

/** Fold, then drop dots, so "p. m.", "p.m." and "pm" (or "Std." and "std") compare equal. */
export function foldWord(text: string): string {
  return fold(text).replace(/\./g, '').replace(/\s+/g, ' ').trim();
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
