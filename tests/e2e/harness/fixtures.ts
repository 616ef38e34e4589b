/**
 * Serves fixture pages at the platforms' real URLs through request interception, so the
 * production manifest's matches are what run; every other request is answered locally, so
 * nothing leaves the machine.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { HTTPRequest, Page } from 'puppeteer';

/** A file path, an HTML string (starts with `<`), or an explicit body. */
export type Route = string | { body: string | Buffer; contentType?: string; status?: number; headers?: Record<string, string> };

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

function resolveRoute(route: Route): { status: number; contentType: string; body: string | Buffer; headers?: Record<string, string> } {
  if (typeof route !== 'string') {
    return { status: route.status ?? 200, contentType: route.contentType ?? TYPES['.html']!, body: route.body, headers: route.headers };
  }
  if (route.trimStart().startsWith('<')) return { status: 200, contentType: TYPES['.html']!, body: route };
  // Read per request so a test that rewrites a fixture between navigations sees the new file.
  return {
    status: 200,
    contentType: TYPES[path.extname(route).toLowerCase()] ?? 'application/octet-stream',
    body: readFileSync(route),
  };
}

/** URL without its fragment: fragments never reach the network. */
function routeKey(url: string): string {
  const i = url.indexOf('#');
  return i === -1 ? url : url.slice(0, i);
}

export interface FixtureServer {
  /** Add or replace routes while the page is open. */
  set(url: string, route: Route): void;
  /** Requests that were answered with the catch-all (for debugging a fixture). */
  unmatched: string[];
}

/** The schemes the browser serves itself; interception lets them through untouched. */
const LOCAL_SCHEMES = ['data:', 'blob:', 'chrome-extension:', 'moz-extension:', 'about:'];

export async function serveFixtures(page: Page, routes: Record<string, Route>): Promise<FixtureServer> {
  const table = new Map<string, Route>(Object.entries(routes).map(([u, r]) => [routeKey(u), r]));
  const unmatched: string[] = [];
  await page.setRequestInterception(true);
  page.on('request', (req: HTTPRequest) => {
    answer(req).catch((err: unknown) => {
      // The page may have navigated away mid-request; anything else must not hang the request.
      if (!req.isInterceptResolutionHandled()) req.abort().catch(() => undefined);
      if (process.env.BATON_E2E_DEBUG) console.warn('serveFixtures:', req.url(), err);
    });
  });
  async function answer(req: HTTPRequest): Promise<void> {
    const url = req.url();
    if (LOCAL_SCHEMES.some((s) => url.startsWith(s))) return req.continue();
    const route = table.get(routeKey(url));
    if (route !== undefined) {
      const r = resolveRoute(route);
      return req.respond({ status: r.status, contentType: r.contentType, body: r.body, headers: { 'cache-control': 'no-store', ...r.headers } });
    }
    unmatched.push(url);
    // Everything else: a local empty answer (404 for documents so a typo is visible).
    // (resourceType() is CDP-only; isNavigationRequest() works over BiDi too.)
    const isDoc = req.isNavigationRequest();
    return req.respond({ status: isDoc ? 404 : 204, contentType: 'text/plain', body: isDoc ? `no fixture for ${url}` : '' });
  }
  return {
    set(url, route) {
      table.set(routeKey(url), route);
    },
    unmatched,
  };
}
