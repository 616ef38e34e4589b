/**
 * Reading what a composer holds, the same way for every editor kind: a textarea's value, or a
 * contenteditable's blocks joined by newlines (Lexical and Draft.js render one block element per
 * paragraph; a <br> alone is an empty line). Used to verify an insertion took exactly once.
 */
const BLOCK = 'p,div,li,h1,h2,h3,h4,h5,h6,blockquote,pre';

/** Text of one line-level block; a <br> among other content is a line break, a lone one nothing. */
function inlineText(node: Node): string {
  let out = '';
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === 3) out += child.nodeValue ?? '';
    else if (child.nodeType === 1) out += (child as Element).localName === 'br' ? '\n' : inlineText(child);
  }
  return out === '\n' ? '' : out;
}

/** Lines of a container: leaf blocks are lines; inline runs between blocks are lines too. */
function lines(node: Element, out: string[]): void {
  let run = '';
  const flush = () => {
    if (run) out.push(run === '\n' ? '' : run);
    run = '';
  };
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === 1 && (child as Element).matches(BLOCK)) {
      flush();
      const el = child as Element;
      if (el.querySelector(BLOCK)) lines(el, out);
      else out.push(inlineText(el));
    } else if (child.nodeType === 3) run += child.nodeValue ?? '';
    else if (child.nodeType === 1) run += (child as Element).localName === 'br' ? '\n' : inlineText(child);
  }
  flush();
}

export function composerText(el: Element): string {
  if (el.localName === 'textarea' || el.localName === 'input') return (el as HTMLTextAreaElement).value;
  const out: string[] = [];
  lines(el, out);
  return out.join('\n');
}

/** Compare texts as an editor shows them: NBSPs, CRLF and trailing newlines do not count. */
export function normalizeEditorText(text: string): string {
  return text.replace(/\u00a0/g, ' ').replace(/\r\n?/g, '\n').replace(/\n+$/, '');
}

/** How often `needle` occurs in `haystack` (non-overlapping), after normalisation. */
export function occurrences(haystack: string, needle: string): number {
  const h = normalizeEditorText(haystack);
  const n = normalizeEditorText(needle);
  if (!n) return 0;
  let count = 0;
  for (let i = h.indexOf(n); i !== -1; i = h.indexOf(n, i + n.length)) count++;
  return count;
}
