/**
 * What the built extension asks the browser for. The snapshot makes any widening of
 * permissions, host access or content-script reach a visible diff in review; the checks hold
 * whatever the snapshot says.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { chromeBuildDir, firefoxBuildDir } from './harness/index.ts';

const Manifest = z.looseObject({
  manifest_version: z.number(),
  permissions: z.array(z.string()).optional(),
  optional_permissions: z.array(z.string()).optional(),
  host_permissions: z.array(z.string()).optional(),
  optional_host_permissions: z.array(z.string()).optional(),
  content_scripts: z.array(z.looseObject({ matches: z.array(z.string()), exclude_matches: z.array(z.string()).optional() })).optional(),
  web_accessible_resources: z.array(z.looseObject({ matches: z.array(z.string()).optional() })).optional(),
  externally_connectable: z.looseObject({ matches: z.array(z.string()).optional(), ids: z.array(z.string()).optional() }).optional(),
  background: z.looseObject({ service_worker: z.string().optional(), scripts: z.array(z.string()).optional() }).optional(),
  browser_specific_settings: z
    .looseObject({
      gecko: z.looseObject({ id: z.string(), data_collection_permissions: z.looseObject({ required: z.array(z.string()) }).optional() }),
    })
    .optional(),
});
type Manifest = z.infer<typeof Manifest>;

function read(dir: string): Manifest {
  return Manifest.parse(JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')));
}

const sorted = (xs: readonly string[] | undefined): string[] => [...new Set(xs ?? [])].sort();

/** The part of a manifest that grants reach: what the snapshot records. */
function reach(m: Manifest) {
  return {
    permissions: sorted(m.permissions),
    optional_permissions: sorted(m.optional_permissions),
    host_permissions: sorted(m.host_permissions),
    optional_host_permissions: sorted(m.optional_host_permissions),
    content_scripts_matches: sorted(m.content_scripts?.flatMap((c) => c.matches)),
    content_scripts_exclude_matches: sorted(m.content_scripts?.flatMap((c) => c.exclude_matches ?? [])),
    web_accessible_resources_matches: sorted(m.web_accessible_resources?.flatMap((w) => w.matches ?? [])),
    externally_connectable: m.externally_connectable ?? null,
  };
}

/** Every match pattern anywhere in the manifest. */
function allPatterns(m: Manifest): string[] {
  const r = reach(m);
  return [
    ...r.host_permissions,
    ...r.optional_host_permissions,
    ...r.content_scripts_matches,
    ...r.web_accessible_resources_matches,
    ...(m.externally_connectable?.matches ?? []),
  ];
}

const builds = [
  ['chrome-mv3', chromeBuildDir],
  ['firefox-mv3', firefoxBuildDir],
] as const;

describe.each(builds)('%s manifest', (name, dir) => {
  const m = read(dir());

  it('is Manifest V3', () => {
    expect(m.manifest_version).toBe(3);
  });

  it('grants exactly the reach recorded in the snapshot', () => {
    expect(reach(m)).toMatchSnapshot(name);
  });

  it('never matches a local or wildcard-everything origin', () => {
    for (const p of allPatterns(m)) {
      expect(p, p).not.toMatch(/localhost|127\.0\.0\.1|\[::1\]|0\.0\.0\.0/);
      expect(p, p).not.toMatch(/^<all_urls>$|^\*:\/\/\*\/|^https?:\/\/\*\/|^file:/);
    }
  });

  it('content scripts run only where Baton has host access', () => {
    const hosts = reach(m).host_permissions;
    for (const p of reach(m).content_scripts_matches) expect(hosts, p).toContain(p);
  });
});

describe('browser-specific keys', () => {
  it('Chrome: no web page and no other extension may message Baton', () => {
    const m = read(chromeBuildDir());
    expect(m.externally_connectable?.matches ?? []).toEqual([]);
    expect(m.externally_connectable?.ids ?? []).toEqual([]);
    expect(m.externally_connectable).toBeDefined(); // absent would let every extension connect
    expect(m.background?.service_worker).toBeTruthy();
  });

  it('Firefox: fixed gecko id, declared data collection, event-page background', () => {
    const m = read(firefoxBuildDir());
    expect(m.browser_specific_settings?.gecko.id).toBe('baton@baton-team.app');
    expect(m.browser_specific_settings?.gecko.data_collection_permissions?.required).toEqual(['none']);
    expect(m.background?.scripts?.length).toBeGreaterThan(0);
    expect(m.externally_connectable).toBeUndefined();
  });
});
