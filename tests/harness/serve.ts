/**
 * Builds the harness scripts on demand (Vite, tests/harness/vite.config.ts) and turns a platform
 * fixture into a harness page: the fixture's HTML with the real editor's script added, plus
 * routes for the built files at the fixture's own origin (served by request interception).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type HarnessEditor = 'lexical' | 'draft' | 'textarea';
export const HARNESS_BASE = '/__baton_harness__/';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const BASE = HARNESS_BASE;
let built: string | null = null;

/** Build once per test process into a temp dir (or reuse `BATON_HARNESS_OUT` when it is built). */
export function buildHarness(): string {
  if (built) return built;
  const out = process.env.BATON_HARNESS_OUT ?? path.join(os.tmpdir(), `baton-harness-${process.pid}`);
  if (!(process.env.BATON_HARNESS_OUT && existsSync(path.join(out, 'probe.js')))) {
    const r = spawnSync('npx', ['vite', 'build', '-c', 'tests/harness/vite.config.ts'], {
      cwd: repoRoot,
      // Vitest runs with NODE_ENV=test, which would make the React plugin emit the dev JSX
      // runtime while the bundle's React is the production one (jsxDEV is not a function).
      env: { ...process.env, BATON_HARNESS_OUT: out, NODE_ENV: 'production' },
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`harness build failed:\n${r.stdout}\n${r.stderr}`);
  }
  built = out;
  return out;
}

export interface HarnessRoute {
  body: string | Buffer;
  contentType: string;
}

/** The built harness files, served at `origin` next to a fixture. */
export function harnessFileRoutes(origin: string): Record<string, HarnessRoute> {
  const out = buildHarness();
  const routes: Record<string, HarnessRoute> = {};
  for (const file of readdirSync(out)) {
    routes[`${origin}${BASE}${file}`] = { body: readFileSync(path.join(out, file)), contentType: 'text/javascript; charset=utf-8' };
  }
  return routes;
}

/** Routes serving `fixtureHtml` at `url` with `editor`'s script, and the built files beside it. */
export function harnessRoutes(url: string, fixtureHtml: string, editor: HarnessEditor): Record<string, HarnessRoute> {
  const origin = new URL(url).origin;
  const tag = `<script type="module" src="${BASE}${editor}.js"></script>`;
  const html = fixtureHtml.includes('</body>') ? fixtureHtml.replace('</body>', `${tag}</body>`) : fixtureHtml + tag;
  return { [url]: { body: html, contentType: 'text/html; charset=utf-8' }, ...harnessFileRoutes(origin) };
}
