/**
 * The synthetic inbox's own script: it runs as the PAGE's script (inlined into the served HTML,
 * not through puppeteer's evaluate), before Baton's content script, and
 *  - grows the fixture's conversation list to `rows` rows by cloning its real rows with fresh
 *    thread ids (so every row is a distinct conversation to the adapter),
 *  - measures the page's own floor: one querySelectorAll + textContent pass over the rows,
 *  - simulates a live inbox adding or removing rows at a fixed rate, timing its own work,
 *  - records Baton's `baton:*` performance measures and long animation frames.
 * The function is serialised with toString(), so it may use nothing from its module scope.
 */
export interface PageBenchConfig {
  /** CSS path from <html> to the list element holding the rows. */
  container: string;
  /** Selector (relative to the container) of the rows: the floor scans these. */
  rowSelector: string;
  /**
   * Per template row (in the container's order), the most specific token of its thread id
   * (e.g. `9010` of `2001-9010`): every attribute occurrence is rewritten per clone, so ids in
   * any spelling (`2001-9010` in a link, `2001:9010` in a test id) stay consistent.
   */
  threadTokens: string[];
  rows: number;
}

export interface LoafRecord {
  start: number;
  duration: number;
  blockingDuration: number;
  /** Script attributions (LoAF lists scripts over 5 ms) and their source URLs. */
  scripts: { sourceURL: string; duration: number; invoker: string }[];
}

export interface PageBenchApi {
  ready: boolean;
  rowCount(): number;
  floorScan(reps: number): number[];
  /** One change, as the simulator makes them: a new row at the top, the last one dropped. */
  changeOnce(): void;
  startMutations(perSecond: number): void;
  stopMutations(): { changes: number; ownMs: number; seconds: number };
  measures: { name: string; start: number; duration: number }[];
  loafs: LoafRecord[];
  crossOriginIsolated: boolean;
}

export function installPageBench(cfg: PageBenchConfig): void {
  const w = window as unknown as { __bench: PageBenchApi };
  const container = document.querySelector(cfg.container);
  if (!container) throw new Error(`bench: no container at ${cfg.container}`);
  const templates = Array.from(container.querySelectorAll(`:scope > ${cfg.rowSelector}`)).slice(0, cfg.threadTokens.length);
  if (templates.length === 0) throw new Error('bench: no template rows');
  let serial = 0;

  /** A copy of template `i % n` whose thread id is replaced everywhere in its attributes. */
  const makeRow = (i: number): Element => {
    const t = i % templates.length;
    const oldId = cfg.threadTokens[t]!;
    const newId = `${oldId}b${serial++}`;
    const row = templates[t]!.cloneNode(true) as Element;
    const all = [row, ...Array.from(row.querySelectorAll('*'))];
    for (const el of all) {
      for (const a of Array.from(el.attributes)) {
        if (a.value.includes(oldId)) el.setAttribute(a.name, a.value.split(oldId).join(newId));
      }
    }
    return row;
  };

  // Render like a real inbox: the list scrolls in its own box and only a window of rows at the
  // top renders (real inboxes virtualise to a few dozen rendered rows); the rest stay in the
  // DOM, undisplayed, for Baton to find. Measured here: with all 5,000 rows rendered the page
  // alone saturates the main thread at 50 changes a second, and no extension cost can be read.
  const WINDOW = 60;
  container.setAttribute('data-bench-list', '');
  const style = document.createElement('style');
  style.textContent = '[data-bench-list] { height: 100vh; overflow: auto; } .bench-off { display: none !important; }';
  document.head.append(style);

  const frag = document.createDocumentFragment();
  for (let i = 0; i < cfg.rows; i++) {
    const row = makeRow(i);
    if (i >= WINDOW) row.classList.add('bench-off');
    frag.append(row);
  }
  for (const t of templates) t.remove();
  container.prepend(frag);

  const measures: PageBenchApi['measures'] = [];
  const loafs: LoafRecord[] = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name.startsWith('baton:') || e.name.startsWith('baton-detail:')) measures.push({ name: e.name, start: e.startTime, duration: e.duration });
  }).observe({ type: 'measure', buffered: true });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        const f = e as PerformanceEntry & { blockingDuration?: number; scripts?: { sourceURL?: string; duration: number; invoker?: string }[] };
        loafs.push({
          start: f.startTime,
          duration: f.duration,
          blockingDuration: f.blockingDuration ?? 0,
          scripts: (f.scripts ?? []).map((s) => ({ sourceURL: s.sourceURL ?? '', duration: s.duration, invoker: s.invoker ?? '' })),
        });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {
    // No LoAF API (not Chromium): the runner reports it as unavailable.
  }

  let timer: number | undefined;
  let changes = 0;
  let ownMs = 0;
  let startedAt = 0;
  let adding = true;
  w.__bench = {
    ready: true,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    rowCount: () => container.querySelectorAll(`:scope > ${cfg.rowSelector}`).length,
    floorScan(reps) {
      const times: number[] = [];
      let sink = 0;
      for (let r = 0; r < reps; r++) {
        const t0 = performance.now();
        const rows = document.querySelectorAll(`${cfg.container} > ${cfg.rowSelector}`);
        for (const row of Array.from(rows)) sink += (row.textContent ?? '').length;
        times.push(performance.now() - t0);
      }
      if (sink < 0) console.log(sink); // keeps the reads observable
      return times;
    },
    changeOnce() {
      container.prepend(makeRow(serial));
      container.children[WINDOW]?.classList.add('bench-off');
      container.lastElementChild?.remove();
    },
    startMutations(perSecond) {
      changes = 0;
      ownMs = 0;
      startedAt = performance.now();
      timer = window.setInterval(() => {
        const t0 = performance.now();
        // Alternate: a new conversation arrives at the top, the oldest one scrolls away.
        if (adding) {
          container.prepend(makeRow(serial));
          container.children[WINDOW]?.classList.add('bench-off'); // scrolled out of the window
        } else container.lastElementChild?.remove();
        adding = !adding;
        changes++;
        ownMs += performance.now() - t0;
      }, 1000 / perSecond);
    },
    stopMutations() {
      window.clearInterval(timer);
      return { changes, ownMs, seconds: (performance.now() - startedAt) / 1000 };
    },
    measures,
    loafs,
  };
}
