/**
 * The load generator of the server benchmark (method: server.bench.ts's header). It runs in a
 * child process of its own by default, so its event loop is not the one holding 500 sockets or
 * the bench's bookkeeping; `runLoad` is also called in-process when BATON_BENCH_INLINE=1, to see
 * whether that matters.
 *
 * Each client is one member with one keep-alive connection (an agent with one socket), as a
 * browser holds one connection to its team server, and at most one request in flight, as the
 * extension pushes one batch at a time.
 */
import http from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface LoadClient {
  token: string;
  group: string;
  client: string;
  /** The client's next mutation id (ids must follow on across phases). */
  next: number;
}

export interface LoadSpec {
  base: string;
  op: 'push' | 'me';
  /**
   * closed: every client sends its next request as soon as its previous answer arrives (the
   * server's saturation throughput). open: every client sends on its own schedule, `rate` per
   * second over all clients, whatever the server does.
   */
  mode: 'closed' | 'open';
  rate: number;
  phaseMs: number;
  /** Conversation keys of this phase start with it (each observe creates a conversation). */
  keyPrefix: string;
  clients: LoadClient[];
}

export interface LoadResult {
  /** Requests answered 200 (and, for pushes, every mutation applied). */
  ok: number;
  errors: number;
  firstError: string | null;
  /** From the first scheduled send to the last answer. */
  seconds: number;
  /** Latencies in ms, sorted; open loop: from the intended send time. */
  lat: number[];
  /** Open loop: sends that could not start on time because the client's previous request was still in flight. */
  late: number;
  scheduled: number;
  /** The generator's own event-loop delay (ms): how far its timestamps can be trusted. */
  loopDelayP99: number;
  loopDelayMax: number;
  next: number[];
}

const LOOP_RESOLUTION_MS = 2;

function sleep(ms: number) {
  return new Promise<void>((r) => setTimeout(r, ms));
}

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const base = new URL(spec.base);
  const agents = spec.clients.map(() => new http.Agent({ keepAlive: true, maxSockets: 1 }));
  let errors = 0;
  let firstError: string | null = null;
  const fail = (what: string) => {
    errors++;
    firstError ??= what;
  };

  const send = (w: number, n: number): Promise<void> => {
    const c = spec.clients[w]!;
    const body =
      spec.op === 'push'
        ? JSON.stringify({
            clientGroupId: c.group,
            mutations: [
              {
                clientId: c.client,
                id: c.next++,
                name: 'observe',
                args: { conversationKey: `${spec.keyPrefix}:${w}:${n}`, platform: 'x', lastInboundAt: null, awaitingReply: true },
              },
            ],
          })
        : undefined;
    return new Promise((resolve) => {
      const req = http.request(
        {
          host: base.hostname,
          port: base.port,
          path: spec.op === 'push' ? '/v1/push' : '/v1/me',
          method: spec.op === 'push' ? 'POST' : 'GET',
          agent: agents[w],
          headers: { authorization: `Bearer ${c.token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (d: Buffer) => chunks.push(d));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString();
            if (res.statusCode !== 200) fail(`${res.statusCode} ${text.slice(0, 200)}`);
            else if (spec.op === 'push') {
              const results = (JSON.parse(text) as { results: { status: string }[] }).results;
              if (results.length !== 1 || results[0]!.status !== 'applied') fail(`push not applied: ${text.slice(0, 200)}`);
            }
            resolve();
          });
        },
      );
      req.on('error', (err) => {
        fail(err.message);
        resolve();
      });
      req.end(body);
    });
  };

  const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  loop.enable();
  const lat: number[] = [];
  let late = 0;
  let scheduled = 0;
  const start = performance.now();
  const end = start + spec.phaseMs;
  await Promise.all(
    spec.clients.map(async (_, w) => {
      if (spec.mode === 'closed') {
        for (let n = 0; performance.now() < end; n++) {
          const t0 = performance.now();
          await send(w, n);
          lat.push(performance.now() - t0);
        }
        return;
      }
      // Open loop: a fixed interval per client from a random phase, so the 100 schedules
      // interleave like independent clients. A send due while the previous one is still in
      // flight goes as soon as that answers and counts as late; its latency runs from when it was
      // due, so time spent waiting behind a slow answer is counted, not omitted.
      const interval = (1000 * spec.clients.length) / spec.rate;
      let prevDone = start;
      for (let n = 0, due = start + Math.random() * interval; due < end; n++, due += interval) {
        scheduled++;
        if (prevDone > due) late++;
        // (A timer can fire up to a millisecond early: never send before the due time.)
        for (let wait = due - performance.now(); wait > 0; wait = due - performance.now()) await sleep(Math.ceil(wait));
        await send(w, n);
        prevDone = performance.now();
        lat.push(prevDone - due);
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  loop.disable();
  for (const a of agents) a.destroy();
  return {
    ok: lat.length - errors,
    errors,
    firstError,
    seconds,
    lat: lat.sort((a, b) => a - b),
    late,
    scheduled,
    // (The histogram's samples include the sampling interval itself.)
    loopDelayP99: Math.max(0, loop.percentile(99) / 1e6 - LOOP_RESOLUTION_MS),
    loopDelayMax: Math.max(0, loop.max / 1e6 - LOOP_RESOLUTION_MS),
    next: spec.clients.map((c) => c.next),
  };
}

// As a child process: run each spec the parent sends and answer with its result.
if (process.send && process.argv[2] === 'child') {
  process.on('message', (spec: LoadSpec) => {
    void runLoad(spec).then((r) => process.send!(r));
  });
}
