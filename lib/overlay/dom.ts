/** Small DOM helpers for the overlay that see across shadow-root boundaries. */

/** Baton's own overlay hosts (`<baton-timer>`, `<baton-claim>`, …) and anything inside them. */
export function isBatonElement(node: Node): boolean {
  return node.nodeType === 1 && (node as Element).localName.startsWith('baton-');
}

/** The parent in the composed tree: a shadow root's parent is its host. */
export function composedParent(node: Node): Node | null {
  if (node.parentNode) {
    const p = node.parentNode;
    return p.nodeType === 11 && (p as ShadowRoot).host ? (p as ShadowRoot).host : p;
  }
  return null;
}

/** Does `ancestor` contain `node`, following shadow roots up to their hosts? */
export function containsDeep(ancestor: Node, node: Node): boolean {
  for (let n: Node | null = node; n; n = composedParent(n)) if (n === ancestor) return true;
  return false;
}

/** The nearest node at or above `node` (composed tree) that satisfies `test`. */
export function closestComposed<T extends Node>(node: Node, test: (n: Node) => n is T): T | null;
export function closestComposed(node: Node, test: (n: Node) => boolean): Node | null;
export function closestComposed(node: Node, test: (n: Node) => boolean): Node | null {
  for (let n: Node | null = node; n; n = composedParent(n)) if (test(n)) return n;
  return null;
}
