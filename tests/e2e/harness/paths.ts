/** Where the E2E run finds the built extension: `BATON_OUT_DIR` (default `.output`). */
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '..', '..', '..');

export function outDir(): string {
  return path.resolve(repoRoot, process.env.BATON_OUT_DIR ?? '.output');
}

export function chromeBuildDir(): string {
  return path.join(outDir(), 'chrome-mv3');
}

export function firefoxBuildDir(): string {
  return path.join(outDir(), 'firefox-mv3');
}

export const fixturesDir = path.join(repoRoot, 'tests', 'fixtures');
