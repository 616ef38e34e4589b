#!/usr/bin/env node
/* global process, console */
// `npm test`: every check Baton has, in order, stopping at the first failure. Vitest suites write
// JSON reports so the last line can count every test run ("N passed, N failed").
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const reports = path.join(root, 'artifacts', 'test-reports');
mkdirSync(reports, { recursive: true });
let passed = 0;
let failed = 0;

function run(label, cmd, args, env = {}) {
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`\n${label} failed (exit ${r.status ?? r.signal})`);
    console.log(`\ntests: ${passed} passed, ${Math.max(failed, 1)} failed`);
    process.exit(1);
  }
}

function vitest(label, config, extra = [], env = {}) {
  const out = path.join(reports, `${label.replace(/\W+/g, '-')}.json`);
  run(label, 'npx', ['vitest', 'run', '-c', config, '--reporter=default', '--reporter=json', `--outputFile=${out}`, ...extra], env);
  const report = JSON.parse(readFileSync(out, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  if (report.numTotalTests === 0) {
    console.error(`${label}: no test ran`);
    process.exit(1);
  }
}

const hasFiles = (dir, re) =>
  existsSync(dir) && readdirSync(dir, { recursive: true }).some((f) => re.test(String(f)));

run('typecheck', 'npx', ['tsc', '--noEmit']);
run('lint', 'npx', ['eslint', '.']);
vitest('unit and components', 'vitest.config.ts');
if (existsSync(path.join(root, 'vitest.server.config.ts'))) {
  vitest('server on SQLite', 'vitest.server.config.ts', [], { BATON_TEST_ENGINE: 'sqlite' });
  if (process.env.BATON_TEST_PG_URL) {
    vitest('server on PostgreSQL', 'vitest.server.config.ts', [], { BATON_TEST_ENGINE: 'postgres' });
  } else if (process.env.CI) {
    console.error('CI must run the server suite on PostgreSQL: set BATON_TEST_PG_URL');
    process.exit(1);
  } else {
    console.log('\n(skipping the PostgreSQL server suite: BATON_TEST_PG_URL is not set)');
  }
}
run('build', 'npm', ['run', 'build']);
run('zip', 'npm', ['run', 'zip']);
run('web-ext lint', 'npm', ['run', 'lint:firefox']);
// The build step above already made both targets (in BATON_OUT_DIR or .output): E2E reuses them.
if (hasFiles(path.join(root, 'tests', 'e2e'), /\.e2e\.test\.ts$/)) vitest('e2e', 'vitest.e2e.config.ts', [], { BATON_E2E_SKIP_BUILD: '1' });

console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
