/** Adapter health: which required selectors match on this page (DESIGN §3 "Health"). */
import { firstMatch } from '../dom/query';
import type { AdapterHealth, PageKind, PlatformAdapter } from './types';

export function checkHealth(adapter: PlatformAdapter, root: ParentNode, kind: PageKind | null): AdapterHealth {
  const matched: Record<string, boolean> = {};
  if (!kind) return { platform: adapter.id, pageKind: null, recognised: false, matched };
  for (const name of adapter.required(kind)) {
    const specs = adapter.selectors[name] ?? [];
    matched[name] = firstMatch(root, specs) !== null;
  }
  const recognised = Object.values(matched).every(Boolean);
  return { platform: adapter.id, pageKind: kind, recognised, matched };
}
