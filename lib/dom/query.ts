/**
 * DOM queries that see through open shadow roots (X Chat and LinkedIn render inside them,
 * PLATFORMS.md §0.2). Pure DOM: usable from content scripts and from tests on any tree.
 */
import type { SelectorSpec } from '../platforms/types';

/** Every open shadow root below `root` (depth-first), excluding Baton's own overlay hosts. */
export function shadowRootsIn(root: ParentNode): ShadowRoot[] {
  const found: ShadowRoot[] = [];
  const visit = (node: ParentNode) => {
    const doc = (node as Node).ownerDocument ?? (node as Document);
    const walker = doc.createTreeWalker(node as Node, 1 /* NodeFilter.SHOW_ELEMENT */);
    for (let el = walker.nextNode() as Element | null; el; el = walker.nextNode() as Element | null) {
      const sr = el.shadowRoot;
      if (sr && !el.localName.startsWith('baton-')) {
        found.push(sr);
        visit(sr);
      }
    }
  };
  try {
    visit(root);
  } catch {
    // A detached or exotic node: no shadow roots to report.
  }
  return found;
}

/** querySelectorAll over `root` and every open shadow root inside it. Invalid CSS → []. */
export function queryAllDeep(root: ParentNode, css: string): Element[] {
  const out = selectAll(root, css);
  for (const sr of shadowRootsIn(root)) out.push(...selectAll(sr, css));
  return out;
}

/** Open shadow roots below `root`, found at most once per query (walking a page is its cost). */
function lazyShadowRoots(root: ParentNode): () => ShadowRoot[] {
  let roots: ShadowRoot[] | null = null;
  return () => (roots ??= shadowRootsIn(root));
}

function selectAll(scope: ParentNode, css: string): Element[] {
  try {
    return Array.from(scope.querySelectorAll(css));
  } catch {
    return []; // invalid CSS in a selector list must not break a page
  }
}

/**
 * The first element matching the most preferred spec that matches anything. Each spec is tried in
 * the light DOM first and only then inside shadow roots, so a page whose preferred selector hits
 * in the light DOM is never walked for shadow roots.
 */
export function firstMatch(root: ParentNode, specs: readonly SelectorSpec[]): Element | null {
  const shadows = lazyShadowRoots(root);
  for (const spec of specs) {
    const light = selectAll(root, spec.css)[0];
    if (light) return light;
    for (const sr of shadows()) {
      const hit = selectAll(sr, spec.css)[0];
      if (hit) return hit;
    }
  }
  return null;
}

/** All elements of the most preferred spec that matches anything (specs are alternatives). */
export function allMatches(root: ParentNode, specs: readonly SelectorSpec[]): Element[] {
  const shadows = lazyShadowRoots(root);
  for (const spec of specs) {
    const hits = selectAll(root, spec.css);
    for (const sr of shadows()) hits.push(...selectAll(sr, spec.css));
    if (hits.length > 0) return hits;
  }
  return [];
}

/** Does `el` itself match one of the specs? */
export function matchesAny(el: Element, specs: readonly SelectorSpec[]): boolean {
  return specs.some((s) => {
    try {
      return el.matches(s.css);
    } catch {
      return false;
    }
  });
}

/** closest() that climbs out of shadow roots into their hosts. */
export function closestDeep(el: Element, specs: readonly SelectorSpec[]): Element | null {
  let node: Element | null = el;
  while (node) {
    if (matchesAny(node, specs)) return node;
    if (node.parentElement) node = node.parentElement;
    else {
      const root = node.getRootNode();
      node = root instanceof ShadowRoot ? root.host : null;
    }
  }
  return null;
}

/** Visible text with whitespace folded; '' for null. */
export function textOf(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}
