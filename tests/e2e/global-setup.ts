/**
 * Builds the extension once per E2E run (Chrome MV3 and Firefox MV3) into `BATON_OUT_DIR`
 * (default `.output`). `BATON_E2E_SKIP_BUILD=1` reuses an existing build (npm test builds first).
 */
import { spawnSync } from 'node:child_process';
import { outDir, repoRoot } from './harness/paths.ts';

export default function setup(): void {
  if (process.env.BATON_E2E_SKIP_BUILD === '1') return;
  const env = { ...process.env, BATON_OUT_DIR: outDir() };
  for (const args of [['wxt', 'build'], ['wxt', 'build', '-b', 'firefox', '--mv3']]) {
    const r = spawnSync('npx', args, { cwd: repoRoot, env, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`E2E build failed: npx ${args.join(' ')} (exit ${r.status ?? r.signal})`);
  }
}
