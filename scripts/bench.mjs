#!/usr/bin/env node
/* global process, console */
// `npm run bench`: runs every benchmark in tests/bench/ (`*.bench.mjs` and `*.bench.ts`, the
// latter through Node's type stripping), one after another so they never share the 2 cores.
// Each benchmark prints its own numbers as ratios against a floor measured in the same run and
// PASS/MISS per target; this runner prints a summary line per file.
//
//   npm run bench                 every benchmark
//   npm run bench -- content      only files whose name contains "content"
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const dir = path.join(root, 'tests', 'bench');
const filters = process.argv.slice(2).filter((a) => !a.startsWith('-'));

const files = existsSync(dir)
  ? readdirSync(dir)
      .filter((f) => /\.bench\.(mjs|ts)$/.test(f))
      .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
      .sort()
  : [];
if (files.length === 0) {
  console.error(`no benchmarks matched in ${path.relative(root, dir)}/`);
  process.exit(1);
}

const results = [];
for (const f of files) {
  console.log(`\n=== ${f}`);
  const started = Date.now();
  const r = spawnSync(process.execPath, [path.join(dir, f)], { cwd: root, stdio: ['inherit', 'pipe', 'inherit'], env: process.env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  process.stdout.write(r.stdout ?? '');
  const out = r.stdout ?? '';
  results.push({
    file: f,
    status: r.status,
    pass: (out.match(/^\s+PASS\b/gm) ?? []).length,
    miss: (out.match(/^\s+MISS\b/gm) ?? []).length,
    seconds: ((Date.now() - started) / 1000).toFixed(0),
  });
}

console.log('\n=== summary');
for (const r of results) {
  const state = r.status === 0 ? `${r.pass} PASS, ${r.miss} MISS` : `FAILED (exit ${r.status})`;
  console.log(`${r.file.padEnd(40)} ${state}  (${r.seconds} s)`);
}
// A missed target is a finding to report, not a crash; a benchmark that could not run is.
process.exit(results.some((r) => r.status !== 0) ? 1 : 0);
