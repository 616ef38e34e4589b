/**
 * The project's own rules for platform adapters (STYLE.md habits 1, 2, 11), checked over the
 * registry so a new adapter cannot skip them: fixtures and a test file per adapter, a source for
 * every selector, selectors pinned by fixtures, https-only match patterns that admit every
 * fixture URL, and exactly one adapter claiming each fixture's URL.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { queryAllDeep } from '../../../lib/dom/query';
import { adapterForUrl, adapters } from '../../../lib/platforms/index';
import { PLATFORM_IDS, type PageKind } from '../../../lib/platforms/types';
import { listFixtures, loadFixture, type LoadedFixture } from './fixture-loader';

const repo = path.resolve(import.meta.dirname, '..', '..', '..');
const KINDS: readonly PageKind[] = ['inbox', 'thread', 'comments'];

/** Chrome/Firefox match-pattern semantics for `scheme://host/path` patterns. */
function patternAdmits(pattern: string, url: URL): boolean {
  const m = /^(https|\*):\/\/(\*|\*\.[^/]+|[^/*]+)(\/.*)$/.exec(pattern);
  if (!m) return false;
  const [, scheme, host, pathGlob] = m;
  if (scheme === 'https' && url.protocol !== 'https:') return false;
  if (host !== '*') {
    if (host!.startsWith('*.')) {
      const base = host!.slice(2);
      if (url.hostname !== base && !url.hostname.endsWith(`.${base}`)) return false;
    } else if (url.hostname !== host) return false;
  }
  const re = new RegExp(`^${pathGlob!.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(url.pathname + url.search);
}

describe('adapter registry rules', () => {
  test('each adapter id is a known platform and appears once', () => {
    const ids = adapters.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(PLATFORM_IDS).toContain(id);
  });

  for (const adapter of adapters) {
    describe(adapter.id, () => {
      test('has fixtures with expectations and its own test file', () => {
        const dir = path.join(repo, 'tests', 'fixtures', adapter.id);
        expect(existsSync(dir)).toBe(true);
        const html = readdirSync(dir).filter((f) => f.endsWith('.html'));
        expect(html.length).toBeGreaterThan(0);
        for (const f of html) expect(existsSync(path.join(dir, f.replace(/\.html$/, '.expected.json')))).toBe(true);
        expect(existsSync(path.join(repo, 'tests', 'unit', 'platforms', `${adapter.id}.test.ts`))).toBe(true);
        // At least one page whose language is not English (checked on the markup itself).
        expect(html.some((f) => !/<html[^>]*\blang="en/i.test(readFileSync(path.join(dir, f), 'utf8')))).toBe(true);
      });

      test('every selector has a source naming its PLATFORMS.md section, and valid CSS', () => {
        for (const [name, specs] of Object.entries(adapter.selectors)) {
          expect(specs.length, name).toBeGreaterThan(0);
          for (const spec of specs) {
            expect(spec.source, `${name}: ${spec.css}`).toMatch(/§\s?\d/);
            expect(() => document.querySelector(spec.css), `${name}: ${spec.css}`).not.toThrow();
          }
        }
      });

      test('required selector names exist in its table', () => {
        for (const kind of KINDS) for (const name of adapter.required(kind)) expect(adapter.selectors).toHaveProperty(name);
      });

      test('match patterns are https only', () => {
        expect(adapter.matches.length).toBeGreaterThan(0);
        for (const m of adapter.matches) expect(m).toMatch(/^https:\/\/[^/]+\/\*$/);
      });
    });
  }
});

describe('selectors are pinned by fixtures', () => {
  const loaded = new Map<string, LoadedFixture[]>();
  beforeAll(async () => {
    for (const adapter of adapters) {
      const docs: LoadedFixture[] = [];
      for (const f of listFixtures(adapter.id)) docs.push(await loadFixture(f));
      loaded.set(adapter.id, docs);
    }
  }, 60_000);
  afterAll(async () => {
    for (const docs of loaded.values()) for (const d of docs) await d.close();
  });

  for (const adapter of adapters) {
    test(`${adapter.id}: the first entry of every required list matches some fixture`, () => {
      const docs = loaded.get(adapter.id) ?? [];
      const names = new Set(KINDS.flatMap((k) => adapter.required(k)));
      for (const name of names) {
        const first = adapter.selectors[name]?.[0];
        expect(first, name).toBeDefined();
        const hit = docs.some((d) => queryAllDeep(d.document, first!.css).length > 0);
        expect(hit, `${adapter.id}.${name}[0] ${first?.css}`).toBe(true);
      }
    });

    test(`${adapter.id}: every selector list has an entry some fixture matches`, () => {
      const docs = loaded.get(adapter.id) ?? [];
      for (const [name, specs] of Object.entries(adapter.selectors)) {
        const hit = specs.some((s) => docs.some((d) => queryAllDeep(d.document, s.css).length > 0));
        expect(hit, `${adapter.id}.${name}: ${specs.map((s) => s.css).join(' | ')}`).toBe(true);
      }
    });
  }
});

describe('fixture URLs', () => {
  for (const f of listFixtures()) {
    if (!adapters.some((a) => a.id === f.platform)) continue;
    test(`${f.platform}/${f.name}: served where exactly its adapter runs`, () => {
      const url = new URL(f.expected.url);
      const owner = adapters.find((a) => a.id === f.platform)!;
      expect(owner.matches.some((m) => patternAdmits(m, url))).toBe(true);
      const claims = adapters.filter((a) => a.pageKind(url) !== null).map((a) => a.id);
      expect(claims).toEqual([f.platform]);
      expect(adapterForUrl(url)?.adapter.id).toBe(f.platform);
    });
  }
});
