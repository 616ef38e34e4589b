/** The adapter registry: nothing else in Baton branches on hostnames. */
import type { PageKind, PlatformAdapter, PlatformId } from './types';
import { xAdapter } from './x';
import { facebookAdapter } from './facebook';
import { instagramAdapter } from './instagram';
import { linkedin } from './linkedin';
import { youtube } from './youtube';
import { tiktok } from './tiktok';

export const adapters: readonly PlatformAdapter[] = [xAdapter, facebookAdapter, instagramAdapter, linkedin, youtube, tiktok];

export function adapterById(id: PlatformId): PlatformAdapter | undefined {
  return adapters.find((a) => a.id === id);
}

/** The adapter and page kind for a URL, or null when no adapter claims it. */
export function adapterForUrl(url: URL | string): { adapter: PlatformAdapter; kind: PageKind } | null {
  let u: URL;
  try {
    u = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return null;
  }
  for (const adapter of adapters) {
    const kind = adapter.pageKind(u);
    if (kind) return { adapter, kind };
  }
  return null;
}
