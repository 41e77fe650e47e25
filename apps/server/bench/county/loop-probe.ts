/**
 * Preloaded into the server child by the county bench (`node --import tsx --import <this file>`), so the
 * server's code needs no metrics of its own: the process is instrumented from outside, as a black box.
 *
 * - Event-loop delay: a perf_hooks histogram (monitorEventLoopDelay, 10 ms resolution). On SIGUSR2 the
 *   probe appends a `report` line (p50/p99/max since the last SIGUSR2, and the phase's longest stalls)
 *   and starts again, so the bench brackets its phases with two signals.
 * - Stalls: a 5 ms timer that notices when it ran late by more than 50 ms; each stall keeps the HTTP
 *   requests that were in flight across it (method and path, ids replaced by :id) and the websocket
 *   upgrades of the two seconds before it (a room loads after its upgrade), the likely causes.
 * - Every second a `tick` line: that second's delay p99/max, RSS and heap; each stall as a `stall` line.
 * - `mark` lines carry process.hrtime (the clock of a --cpu-prof profile), to find a phase in a profile.
 * - Each report carries the main thread's garbage-collection pauses in its phase, by kind (perf_hooks' gc
 *   entries): what V8's helper threads do beside them is in the bench's CPU by thread.
 * - With MAC_BENCH_ALLOC_FILE (the bench's --alloc) the load phase (between the second and third report) runs
 *   under V8's sampling heap profiler with every allocation counted, collected or not, written to that file
 *   before the third report (alloc-profile.ts reads it).
 * - With MAC_LATENCY_TRACE=1 (the bench's --trace) each report also carries the stages the server's own
 *   trace recorded in that phase (@mac/db latency-trace.ts: a websocket open's, a live write's) and its spans
 *   of 5 ms or more with when they ran (traceTimeline, process.hrtime's clock), then resets them.
 *
 * Writes JSON lines to MAC_BENCH_PROBE_FILE; does nothing without it.
 */
import { appendFileSync, openSync, readSync, writeFileSync } from 'node:fs';
import { Server, type IncomingMessage, type ServerResponse } from 'node:http';
import { Session } from 'node:inspector/promises';
import { setFlagsFromString } from 'node:v8';
import { constants, monitorEventLoopDelay, performance, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';

const file = process.env.MAC_BENCH_PROBE_FILE;
// The same module instance as the server's (one URL), so its stages are the server's.
const trace = file && process.env.MAC_LATENCY_TRACE === '1' ? await import('@mac/db') : null;

interface Activity {
  label: string;
  start: number;
  end: number | null;
}

interface Stall {
  atMs: number;
  ms: number;
  suspects: string[];
  /** The stalled stretch on process.hrtime's clock (µs), the clock of a --cpu-prof profile. */
  fromUs: number;
  toUs: number;
  /** Of the stall, how long the main thread waited for a CPU (the machine's other load), from schedstat. */
  waitMs?: number;
}

/**
 * The main thread's time on a CPU and waiting for one (ms), from Linux's schedstat; null elsewhere. On a
 * shared machine a late timer is partly the server's own work and partly the thread waiting its turn.
 */
function schedClock(): (() => { runMs: number; waitMs: number }) | null {
  let fd: number;
  try {
    fd = openSync(`/proc/self/task/${process.pid}/schedstat`, 'r');
  } catch {
    return null;
  }
  const buf = Buffer.alloc(128);
  return () => {
    const n = readSync(fd, buf, 0, buf.length, 0);
    const [run = '0', wait = '0'] = buf.toString('latin1', 0, n).split(' ');
    return { runMs: Number(run) / 1e6, waitMs: Number(wait) / 1e6 };
  };
}

/** One sample per this many bytes allocated, on average (V8's default is 32 KB; a load phase allocates gigabytes). */
const ALLOC_SAMPLING_BYTES = 128 * 1024;

/** The main thread's GC pauses by kind since the last reset (ms, and how many). */
function gcPauses() {
  const names = new Map<number, string>([
    [constants.NODE_PERFORMANCE_GC_MINOR, 'minor'],
    [constants.NODE_PERFORMANCE_GC_MAJOR, 'major'],
    [constants.NODE_PERFORMANCE_GC_INCREMENTAL, 'incremental'],
    [constants.NODE_PERFORMANCE_GC_WEAKCB, 'weak callbacks'],
  ]);
  let pauses = new Map<string, { ms: number; count: number }>();
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as Array<PerformanceEntry & { detail?: { kind?: number } }>) {
      const kind = names.get(entry.detail?.kind ?? -1) ?? 'other';
      const p = pauses.get(kind) ?? { ms: 0, count: 0 };
      p.ms += entry.duration;
      p.count += 1;
      pauses.set(kind, p);
    }
  }).observe({ entryTypes: ['gc'] });
  return () => {
    const out = Object.fromEntries([...pauses].map(([k, v]) => [k, { ms: Math.round(v.ms), count: v.count }]));
    pauses = new Map();
    return out;
  };
}

/**
 * The load phase's allocations (MAC_BENCH_ALLOC_FILE): started at the second report, written before the third.
 * With MAC_BENCH_ALLOC_PROMOTED=1 what the scavenges collected is left out: what is left lived long enough to be
 * promoted, the old generation's growth that V8's major collections (and their helper threads) work through.
 */
function allocationSampler(file: string | undefined) {
  if (!file) return async (_report: number) => undefined;
  const promoted = process.env.MAC_BENCH_ALLOC_PROMOTED === '1';
  const session = new Session();
  session.connect();
  return async (report: number) => {
    if (report === 2) {
      await session.post('HeapProfiler.enable');
      await session.post('HeapProfiler.startSampling', { samplingInterval: ALLOC_SAMPLING_BYTES, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: !promoted });
    } else if (report === 3) {
      const { profile } = await session.post('HeapProfiler.stopSampling');
      writeFileSync(file, JSON.stringify(profile));
    }
  };
}

const STALL_MS = 50;
const TICK_MS = 5;
const UPGRADE_WINDOW_MS = 2_000;

/** `/api/chronologies/0b6…/entries?limit=500` → `/api/chronologies/:id/entries?limit=500` (paging query kept). */
export function routeLabel(method: string, url: string): string {
  const [path = '', query = ''] = url.split('?');
  const templated = path
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, ':id')
    // A restricted document is `<id>/restricted/<agency>`: keep only that it is one.
    .replace(/\/restricted\/[^/]*$/, '/restricted/:agency');
  const limit = /(?:^|&)limit=(\d+)/.exec(query)?.[1];
  const cursor = /(?:^|&)cursor=/.test(query) ? ' (next page)' : '';
  const q = /(?:^|&)q=/.test(query) ? '?q=…' : '';
  return `${method} ${templated}${limit ? `?limit=${limit}` : q}${cursor}`;
}

function start() {
  if (!file) return;
  // A diagnosis's V8 flags (--trace-gc, say) for the server's process: set here, since a worker thread refuses
  // V8 flags in the execArgv it inherits and NODE_OPTIONS takes few of them.
  if (process.env.MAC_BENCH_V8_FLAGS) setFlagsFromString(process.env.MAC_BENCH_V8_FLAGS);
  const write = (line: object) => appendFileSync(file, JSON.stringify(line) + '\n');

  const active = new Set<Activity>();
  const recent: Activity[] = [];
  const track = (label: string, until: 'response' | number, res?: ServerResponse) => {
    const a: Activity = { label, start: performance.now(), end: typeof until === 'number' ? performance.now() + until : null };
    if (res) {
      active.add(a);
      res.once('close', () => {
        a.end = performance.now();
        active.delete(a);
        recent.push(a);
      });
    } else recent.push(a);
  };
  const emit = Server.prototype.emit;
  Server.prototype.emit = function (this: Server, event: string | symbol, ...args: unknown[]) {
    if (event === 'request') {
      const [req, res] = args as [IncomingMessage, ServerResponse];
      track(routeLabel(req.method ?? '?', req.url ?? ''), 'response', res);
    } else if (event === 'upgrade') {
      const req = args[0] as IncomingMessage;
      track(`WS open ${routeLabel('', req.url ?? '').trim()}`, UPGRADE_WINDOW_MS);
    }
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof Server.prototype.emit;

  const suspectsOf = (from: number, to: number): string[] => {
    const counts = new Map<string, number>();
    for (const a of [...active, ...recent]) {
      if (a.start < to && (a.end === null || a.end > from)) counts.set(a.label, (counts.get(a.label) ?? 0) + 1);
    }
    return [...counts].sort((x, y) => y[1] - x[1]).map(([label, n]) => (n > 1 ? `${label} ×${n}` : label));
  };

  let phase = monitorEventLoopDelay({ resolution: 10 });
  // Each second's p99 and max come from the stall timer's own lateness (how late each 5 ms tick ran).
  let second: number[] = [];
  phase.enable();
  let stalls: Stall[] = [];
  let stallCount = 0;
  let stalledMs = 0;
  let last = performance.now();
  let lastUs = Number(process.hrtime.bigint() / 1000n);
  const sched = schedClock();
  let lastSched = sched?.() ?? null;
  // Each tick's lateness less the time the thread waited for a CPU meanwhile: the server's own share.
  let own: number[] = [];
  let raw: number[] = [];
  let ownStalls = 0;
  setInterval(() => {
    const now = performance.now();
    const nowUs = Number(process.hrtime.bigint() / 1000n);
    const late = now - last - TICK_MS;
    second.push(Math.max(0, late));
    const nowSched = sched?.() ?? null;
    const waited = nowSched && lastSched ? nowSched.waitMs - lastSched.waitMs : 0;
    lastSched = nowSched;
    const ownLate = Math.max(0, late - waited);
    own.push(ownLate);
    raw.push(Math.max(0, late));
    if (ownLate > STALL_MS) ownStalls += 1;
    if (late > STALL_MS) {
      stallCount += 1;
      stalledMs += late;
      const stall = { atMs: Date.now() - (now - last), ms: Math.round(late), suspects: suspectsOf(last, now).slice(0, 6), fromUs: lastUs, toUs: nowUs, ...(nowSched ? { waitMs: Math.round(waited) } : {}) };
      stalls.push(stall);
      // Written at once too: a server stalled at the end of a phase may answer SIGUSR2 too late.
      write({ kind: 'stall', t: Date.now(), ...stall });
      if (stalls.length > 200) stalls = stalls.sort((a, b) => b.ms - a.ms).slice(0, 100);
    }
    last = now;
    lastUs = nowUs;
    // Forget what ended more than a few seconds ago.
    while (recent.length > 0 && recent[0]!.end !== null && recent[0]!.end < now - 5_000) recent.shift();
  }, TICK_MS).unref();

  const ms = (ns: number) => Math.round((ns / 1e6) * 10) / 10;
  setInterval(() => {
    const mem = process.memoryUsage();
    const sorted = second.sort((a, b) => a - b);
    const p99 = sorted[Math.max(0, Math.ceil(sorted.length * 0.99) - 1)] ?? 0;
    write({ kind: 'tick', t: Date.now(), p99: Math.round(p99 * 10) / 10, max: Math.round((sorted.at(-1) ?? 0) * 10) / 10, rssMb: Math.round(mem.rss / 1048576), heapMb: Math.round(mem.heapUsed / 1048576), externalMb: Math.round((mem.external + mem.arrayBuffers) / 1048576) });
    second = [];
  }, 1_000).unref();

  const gc = gcPauses();
  const allocation = allocationSampler(process.env.MAC_BENCH_ALLOC_FILE);
  let reports = 0;

  const ownReport = () => {
    const at = (values: number[], p: number) => {
      const sorted = values.sort((a, b) => a - b);
      return Math.round((sorted[Math.max(0, Math.ceil(sorted.length * p) - 1)] ?? 0) * 10) / 10;
    };
    return { own: { p50: at(own, 0.5), p99: at(own, 0.99), max: at(own, 1), stallCount: ownStalls, rawP99: at(raw, 0.99) } };
  };
  process.on('SIGUSR2', () => {
    reports += 1;
    const report = {
      kind: 'report',
      t: Date.now(),
      hrtimeUs: Number(process.hrtime.bigint() / 1000n),
      p50: ms(phase.percentile(50)),
      p90: ms(phase.percentile(90)),
      p99: ms(phase.percentile(99)),
      p999: ms(phase.percentile(99.9)),
      max: ms(phase.max),
      mean: ms(phase.mean),
      stallCount,
      stalledMs: Math.round(stalledMs),
      stalls: stalls.sort((a, b) => b.ms - a.ms).slice(0, 25),
      gc: gc(),
      ...(sched ? ownReport() : {}),
      ...(trace ? { trace: trace.traceSummary(), timeline: trace.traceTimeline() } : {}),
    };
    trace?.traceReset();
    own = [];
    raw = [];
    ownStalls = 0;
    phase.disable();
    phase = monitorEventLoopDelay({ resolution: 10 });
    phase.enable();
    stalls = [];
    stallCount = 0;
    stalledMs = 0;
    // The report line last: the bench reads the allocation profile once it sees it. Not awaited: a signal
    // handler; any failure is written as a line of its own.
    void allocation(reports)
      .catch((err: unknown) => write({ kind: 'error', t: Date.now(), message: `allocation profile: ${String(err)}` }))
      .finally(() => write(report));
  });
  write({ kind: 'start', t: Date.now(), hrtimeUs: Number(process.hrtime.bigint() / 1000n), pid: process.pid });
}

start();
