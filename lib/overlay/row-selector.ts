/**
 * Which of the adapter's own selectors picks its conversation rows, learned from the rows a full
 * read returned. Incremental work uses it to tell in O(1) whether an added node is (or holds) a
 * row before asking the adapter to read it; the full read stays the authority.
 */
import type { PlatformAdapter } from '../platforms/types';

function matchesSafely(el: Element, css: string): boolean {
  try {
    return el.matches(css);
  } catch {
    return false;
  }
}

function countIn(root: Node, css: string): number {
  try {
    return (root as ParentNode).querySelectorAll(css).length;
  } catch {
    return Infinity;
  }
}

/**
 * The most specific selector in `adapter.selectors` that every row matches (fewest
 * matches in the rows' tree), or null when none does (then every change costs a throttled
 * full read instead).
 */
export function learnRowSelector(adapter: PlatformAdapter, rows: readonly Element[]): string | null {
  if (rows.length === 0) return null;
  const candidates: string[] = [];
  for (const specs of Object.values(adapter.selectors)) {
    for (const spec of specs) {
      // Every row, not a sample: a row the selector misses would be dropped by quick passes.
      if (!candidates.includes(spec.css) && rows.every((r) => matchesSafely(r, spec.css))) candidates.push(spec.css);
    }
  }
  if (candidates.length <= 1) return candidates[0] ?? null;
  const root = rows[0]!.getRootNode();
  let best: string | null = null;
  let bestCount = Infinity;
  for (const css of candidates) {
    const n = countIn(root, css);
    if (n < bestCount) {
      best = css;
      bestCount = n;
    }
  }
  return best;
}
