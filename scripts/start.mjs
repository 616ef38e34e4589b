#!/usr/bin/env node
/* global process, console, setTimeout, fetch */
// `npm start`: Baton's main job on this machine. Builds both browser targets, starts the
// services the extension talks to, and opens Chromium with Baton on the demo inbox of every
// platform (the fixtures served at the platforms' real URLs, so the production manifest runs).
// With a display the browser stays open until Ctrl-C; without one (no DISPLAY) it runs
// headless, writes one screenshot per platform to artifacts/screenshots/ and exits.
//
//   npm start                 build, then run
//   npm start -- --no-build   reuse the build in $BATON_OUT_DIR (default .output)
//   npm start -- --headless   force headless even with a display
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  chromeBuildDir,
  launchChromium,
  listFixtures,
  openOptions,
  outDir,
  readTimers,
  repoRoot,
  serveFixtures,
} from '../tests/e2e/harness/index.ts';

const argv = new Set(process.argv.slice(2));
const headless = argv.has('--headless') || !process.env.DISPLAY;
const screenshotsDir = path.join(repoRoot, 'artifacts', 'screenshots');

function build() {
  const env = { ...process.env, BATON_OUT_DIR: outDir() };
  for (const args of [['wxt', 'build'], ['wxt', 'build', '-b', 'firefox', '--mv3']]) {
    console.log(`> npx ${args.join(' ')}`);
    const r = spawnSync('npx', args, { cwd: repoRoot, env, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`build failed: npx ${args.join(' ')} (exit ${r.status ?? r.signal})`);
  }
  console.log(`built: ${outDir()}/chrome-mv3 and ${outDir()}/firefox-mv3`);
}

/**
 * Services the extension talks to besides the browser. Each entry starts one and resolves to
 * `{ name, url, stop() }`. The team server (issue 4) registers here.
 * @type {Array<() => Promise<{ name: string, url: string, stop: () => Promise<void> }>>}
 */
const services = [startTeamServer];

/**
 * The team server on its embedded SQLite default, data in .data/server. A first run creates a
 * demo team and prints its first admin's invite (the server's own CLI, as a team would run it).
 */
async function startTeamServer() {
  const port = Number(process.env.BATON_SERVER_PORT ?? 8787);
  const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: path.join(repoRoot, '.data', 'server') };
  delete env.DATABASE_URL; // the main job runs the zero-setup default
  const members = spawnSync('node', ['server/start.ts', 'members'], { cwd: repoRoot, env, encoding: 'utf8' });
  if (members.status !== 0) {
    const init = spawnSync('node', ['server/start.ts', 'init', '--name', 'Baton demo team'], { cwd: repoRoot, env, encoding: 'utf8' });
    if (init.status !== 0) throw new Error(`team server init failed: ${init.stderr || init.stdout}`);
    console.log(init.stdout.trim());
  }
  const child = spawn('node', ['server/start.ts'], { cwd: repoRoot, env, stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`team server exited (${child.exitCode}); is port ${port} free? (BATON_SERVER_PORT)`);
    const ready = await fetch(`${url}/readyz`).then((r) => r.ok, () => false);
    if (ready) break;
    if (Date.now() > deadline) throw new Error('team server did not become ready in 15 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    name: 'team server (SQLite, .data/server)',
    url,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function startServices() {
  const running = [];
  for (const start of services) {
    const s = await start();
    console.log(`${s.name}: ${s.url}`);
    running.push(s);
  }
  return running;
}

/**
 * One demo page per platform: a fixture named `demo*` when the platform has one, else the
 * recognised fixture showing the most: an open thread beside its conversation rows.
 */
function demoFixtures() {
  const byPlatform = new Map();
  for (const f of listFixtures()) {
    if (f.expected.recognised === false) continue;
    const cur = byPlatform.get(f.platform);
    const score = (x) => (x.name.startsWith('demo') ? 4 : 0) + (x.expected.thread ? 2 : 0) + (x.expected.conversations.length > 0 ? 1 : 0);
    if (!cur || score(f) > score(cur)) byPlatform.set(f.platform, f);
  }
  return [...byPlatform.values()];
}

async function waitForOverlays(page, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let timers = [];
  while (Date.now() < deadline) {
    timers = await readTimers(page);
    if (timers.length > 0) {
      // Let late rows settle so the screenshot shows the full set.
      await new Promise((r) => setTimeout(r, 500));
      return readTimers(page);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return timers;
}

async function main() {
  if (!argv.has('--no-build')) build();
  const running = await startServices();
  const fixtures = demoFixtures();
  if (fixtures.length === 0) console.warn('no demo fixtures found under tests/fixtures/*/ (*.html + *.expected.json)');

  const session = await launchChromium({ extDir: chromeBuildDir(), headless, defaultViewport: headless ? { width: 1280, height: 900 } : null });
  const stopAll = async () => {
    await session.close().catch(() => undefined);
    for (const s of running) await s.stop().catch(() => undefined);
  };

  try {
    const shots = [];
    for (const f of fixtures) {
      const page = await session.browser.newPage();
      await serveFixtures(page, { [f.expected.url]: f.htmlPath });
      await page.goto(f.expected.url, { waitUntil: 'load' });
      const timers = await waitForOverlays(page, 8000);
      const waiting = timers.filter((t) => t.waitingSince).length;
      console.log(`${f.platform}: ${f.expected.url} (${path.relative(repoRoot, f.htmlPath)}) — ${timers.length} timers, ${waiting} waiting`);
      if (headless) {
        mkdirSync(screenshotsDir, { recursive: true });
        const file = path.join(screenshotsDir, `${f.platform}.png`);
        await page.screenshot({ path: file });
        shots.push(file);
      }
    }
    const options = await openOptions(session);
    if (headless) {
      const file = path.join(screenshotsDir, 'options.png');
      mkdirSync(screenshotsDir, { recursive: true });
      await options.screenshot({ path: file, fullPage: true });
      shots.push(file);
      console.log('\nscreenshots:');
      for (const s of shots) console.log(`  ${path.relative(process.cwd(), s) || s}`);
      await stopAll();
      return;
    }
    console.log('\nBaton is running in Chromium, one tab per platform. Press Ctrl-C to stop.');
    await new Promise((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
      session.browser.once('disconnected', resolve);
    });
    await stopAll();
  } catch (err) {
    await stopAll();
    throw err;
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
