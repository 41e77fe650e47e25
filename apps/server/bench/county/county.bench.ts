/**
 * County bench (issue 17): a whole county partnership on one machine. Seeds a synthetic county through
 * the real write path ONCE into a reusable data directory (5,000 chronologies averaging 80 entries, 50 of
 * them with 2,000+; 2,000 accounts across 15 agencies; member agencies of a household's size), then starts
 * the real server as a child process over it and:
 *   1. idle: runs each action alone, one at a time (sign in, caseload, a chronology, its document over the
 *      websocket, its entries a page at a time, its patterns, a write, an import, a pack);
 *   2. load: a few hundred simulated practitioners doing the same for a fixed time, with meetings of 12
 *      people on one timeline, imports and conference packs alongside.
 * Printed: p50/p99 per action idle and under load (and their ratio), websocket deliveries, errors, the
 * server's event-loop delay p50/p99/max in each phase and its longest stalls with the requests in flight,
 * RSS over time. The server is a black box over HTTP and the websocket; its event loop is watched by a
 * preloaded probe (loop-probe.ts), not by code of its own.
 *
 *   pnpm bench:county                     the full county (seeded once: minutes; reused after)
 *   pnpm bench:county --small             250 chronologies, 150 accounts, 40 users for 45 s
 *   --reseed                              seed again even if the data directory has a county
 *   --seconds=N --users=N --meetings=N    the load phase (full: 120 s, 300 users, 3 meetings)
 *   --think=X                             think-time multiplier (1: a chronology every ~20 s per user)
 *   --list-share=X                        share of sign-ins that load the caseload's first page (default 1, as
 *                                         the browser's landing page does; 0 to see the rest without it)
 *   --repeat=N                            samples of each action in the idle phase (default 10)
 *   --profile                             a CPU profile of the server; its longest busy stretches printed
 *   --alloc                               where the server's main thread allocated under load (V8's sampling
 *                                         heap profiler, collected objects counted; alloc-profile.ts)
 *   --alloc=promoted                      the same, without what the scavenges collected: what lived long enough
 *                                         to reach the old generation (V8's major collections' work)
 *   --trace                               the server's own stages (MAC_LATENCY_TRACE=1): a websocket open's,
 *                                         from its upgrade request to its answer written, and a live write's
 *   --data-dir=PATH                       default $TMPDIR/mac-county-<size>
 *   --seed-only                           seed (if needed) and stop
 *   --samples=PATH                        every sample (action, ms, when) of both phases as JSON, and with
 *                                         --trace the sign-in's and the password hash's stages, to pool
 *                                         several runs (their percentiles) rather than read one run's p99
 *
 * For a diagnosis, in the environment: MAC_BENCH_SERVER_LOG=FILE appends the server's stdout and stderr to
 * FILE; MAC_BENCH_V8_FLAGS='--trace-gc --trace-opt …' sets V8 flags in the server's process (loop-probe.ts).
 */
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { summariseAllocations } from './alloc-profile.js';
import { busyStretches, stallCauses } from './profile-stalls.js';
import { readCounty, seedCounty, PASSWORD, type County } from './seed.js';
import { startServerChild, type ProbeReport, type ServerChild } from './server-child.js';
import { fmt, percentile, Recorder, table, type Phase } from './stats.js';
import { slowestSamples } from './slowest.js';
import { byWindow } from './by-window.js';
import { reference, stolenMs, type Reference } from './machine.js';
import { serverWorkInSlowest, spansInStall } from './server-work.js';
import { CpuTimeline, cpuAcrossStalls } from './cpu-timeline.js';
import { SIZES } from './synth.js';
import { Workload, type LoadOptions } from './workload.js';

function flags(argv: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const arg of argv) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (m) out.set(m[1]!, m[2] ?? 'true');
    else if (arg !== '--') throw new Error(`unknown argument ${arg} (see the top of county.bench.ts)`);
  }
  return out;
}

const args = flags(process.argv.slice(2));
const known = ['small', 'reseed', 'seconds', 'users', 'meetings', 'think', 'list-share', 'profile', 'alloc', 'trace', 'data-dir', 'seed-only', 'repeat', 'samples'];
for (const key of args.keys()) if (!known.includes(key)) throw new Error(`unknown option --${key}; known: ${known.map((k) => `--${k}`).join(' ')}`);
if (args.has('alloc') && !['true', 'promoted'].includes(args.get('alloc')!)) throw new Error(`--alloc takes no value, or =promoted; not ${args.get('alloc')}`);
const size = SIZES[args.has('small') ? 'small' : 'full'];
const num = (key: string, fallback: number) => (args.has(key) ? Number(args.get(key)) : fallback);
const dataDir = args.get('data-dir') ?? join(tmpdir(), `mac-county-${size.name}`);
const load: LoadOptions = {
  seconds: num('seconds', size.name === 'full' ? 120 : 45),
  users: num('users', size.name === 'full' ? 300 : 40),
  meetings: num('meetings', size.name === 'full' ? 3 : 1),
  meetingSize: 12,
  importEverySeconds: size.name === 'full' ? 30 : 15,
  packEverySeconds: size.name === 'full' ? 20 : 10,
  think: num('think', 1),
  listShare: num('list-share', 1),
};
const repeat = num('repeat', 10);
const log = (line: string) => console.log(line);
const r1 = (n: number) => fmt(n, 1);

async function countyIn(): Promise<{ county: County; reused: boolean }> {
  const existing = args.has('reseed') ? null : readCounty(dataDir);
  if (existing && existing.size === size.name) return { county: existing, reused: true };
  if (existsSync(dataDir) && !args.has('reseed')) log(`${dataDir} holds no finished ${size.name} county: seeding it again`);
  log(`seeding the ${size.name} county into ${dataDir} through the server's API…`);
  return { county: await seedCounty(dataDir, size, log), reused: false };
}

function printSeed(county: County, reused: boolean) {
  const big = county.chronologies.filter((c) => c.big);
  const agencies = new Set(county.accounts.map((a) => a.agency)).size;
  const members = county.chronologies.map((c) => c.memberAgencies.length);
  log(
    `\ncounty (${county.size}): ${county.chronologies.length.toLocaleString('en-GB')} chronologies, ${county.entries.toLocaleString('en-GB')} entries (mean ${r1(county.entries / county.chronologies.length)}; ${big.length} with ${Math.min(...big.map((c) => c.entries))}–${Math.max(...big.map((c) => c.entries))}), ` +
      `${county.accounts.length.toLocaleString('en-GB')} accounts in ${agencies} agencies, member agencies per chronology p50 ${percentile(members, 50)} max ${Math.max(...members)}`,
  );
  log(`seeded ${reused ? `earlier (${county.seededAt}), reused` : 'now'}: ${county.seedSeconds} s in all (${Object.entries(county.timings).map(([k, v]) => `${k} ${v} s`).join(', ')}); database ${county.databaseMb} MB after seeding`);
}

function printComparison(rec: Recorder) {
  const idle = rec.byAction('idle');
  const loaded = rec.byAction('load');
  const actions = [...new Set([...idle.keys(), ...loaded.keys()])];
  const rows = [['action', 'idle n', 'idle p50', 'idle p99', 'load n', 'load p50', 'load p99', 'max', 'p50 ×idle', 'p99 ×idle', 'errors']];
  for (const a of actions) {
    const i = idle.get(a) ?? [];
    const l = loaded.get(a) ?? [];
    const ratio = (p: number) => (i.length && l.length ? `${fmt(percentile(l, p) / percentile(i, p), 1)}×` : '-');
    rows.push([a, String(i.length), r1(percentile(i, 50)), r1(percentile(i, 99)), String(l.length), r1(percentile(l, 50)), r1(percentile(l, 99)), r1(l.length ? Math.max(...l) : Number.NaN), ratio(50), ratio(99), String(rec.errorCount('idle', a) + rec.errorCount('load', a))]);
  }
  log('\nper action, milliseconds (idle: one at a time on the idle server; load: all users at once)');
  log(table(rows));
  for (const phase of ['idle', 'load'] as Phase[]) {
    const counts = [...rec.counts[phase]].map(([k, v]) => `${k} ${v}`).join(', ');
    if (counts) log(`${phase}: ${counts}`);
  }
}

function printLoop(idle: ProbeReport, loaded: ProbeReport) {
  log('\nserver event-loop delay (perf_hooks monitorEventLoopDelay, ms)');
  const row = (name: string, p: ProbeReport) => [name, r1(p.p50), r1(p.p90), r1(p.p99), r1(p.p999), r1(p.max), String(p.stallCount), String(p.stalledMs)];
  log(table([['phase', 'p50', 'p90', 'p99', 'p99.9', 'max', 'stalls > 50 ms', 'stalled ms'], row('idle', idle), row('load', loaded)]));
  // On a shared machine part of every delay is the thread waiting for a CPU: what is left is the server's own.
  const own = (name: string, p: ProbeReport) => (p.own ? [[name, r1(p.own.rawP99), r1(p.own.p50), r1(p.own.p99), r1(p.own.max), String(p.own.stallCount)]] : []);
  const ownRows = [...own('idle', idle), ...own('load', loaded)];
  if (ownRows.length > 0) {
    log("\nthe same less the main thread's wait for a CPU (Linux schedstat; the 5 ms timer's lateness, ms): the server's own share");
    log(table([['phase', 'p99 with the wait', 'p50', 'p99', 'max', 'late > 50 ms'], ...ownRows]));
  }
  const gcRow = (name: string, p: ProbeReport) => {
    if (!p.gc) return [];
    const kinds = ['minor', 'incremental', 'major', 'weak callbacks'];
    const total = Object.values(p.gc).reduce((a, k) => a + k.ms, 0);
    return [[name, ...kinds.map((k) => (p.gc![k] ? `${p.gc![k].ms} (${p.gc![k].count})` : '0')), String(total)]];
  };
  const gcRows = [...gcRow('idle', idle), ...gcRow('load', loaded)];
  if (gcRows.length > 0) {
    log("\nthe main thread's garbage-collection pauses, ms (how many): V8's helper threads' share is in the CPU by thread below");
    log(table([['phase', 'scavenge', 'incremental marking', 'mark-compact', 'weak callbacks', 'all'], ...gcRows]));
  }
  for (const [name, p] of [['idle', idle], ['load', loaded]] as const) {
    if (p.approximate) log(`(${name}: the server answered the end-of-phase signal only after 3 minutes, still working through requests the bench had given up on; its figures come from the probe's per-second lines: p99 is the p99 of each second's p99)`);
  }
  const listStalls = (report: ProbeReport, top: number) => {
    for (const s of report.stalls.slice(0, top)) {
      log(`  ${String(s.ms).padStart(6)}${s.waitMs === undefined ? '' : ` (${String(s.waitMs).padStart(4)} waiting for a CPU)`}  ${s.suspects.length ? s.suspects.join(' | ') : '(no request in flight: websocket messages, timers, GC)'}`);
      // --trace: the server's traced spans across the stall (its main thread's own stages name the work).
      for (const line of spansInStall(report, s)) log(`          ${line}`);
    }
  };
  if (idle.stalls.length > 0) {
    log('\nlongest stalls in the idle phase (one action at a time; ms; what was in flight across each)');
    listStalls(idle, 6);
  }
  if (loaded.stalls.length > 0) {
    log('\nlongest stalls under load (ms; what was in flight across each: HTTP requests, websocket upgrades of the 2 s before)');
    listStalls(loaded, 15);
  }
}

/** --trace: the server's own stages in each phase (its side of a websocket open, of a live write). */
function printTrace(idle: ProbeReport, loaded: ProbeReport) {
  if (idle.trace === undefined && loaded.trace === undefined) return;
  const stages = [...new Set([...Object.keys(idle.trace ?? {}), ...Object.keys(loaded.trace ?? {})])].sort();
  // A "(count)" stage records a number (a batch's size, hashes waiting), not microseconds.
  const as = (s: string) => (us: number | undefined) => (us === undefined ? '-' : s.includes('(count)') ? r1(us) : r1(us / 1000));
  const rows = [['server stage (MAC_LATENCY_TRACE)', 'idle n', 'idle p50', 'idle p99', 'load n', 'load p50', 'load p99']];
  for (const s of stages) {
    const i = idle.trace?.[s];
    const l = loaded.trace?.[s];
    const ms = as(s);
    rows.push([s, String(i?.count ?? 0), ms(i?.p50), ms(i?.p99), String(l?.count ?? 0), ms(l?.p50), ms(l?.p99)]);
  }
  log("\nthe server's own stages, milliseconds, or a number for a \"(count)\" (--trace; each stage's percentiles on their own: they do not add up)");
  log(table(rows));
}

/** --samples=PATH: each sample with its second in its phase, and the traced stages' summaries, to pool runs. */
function writeSamples(path: string, rec: Recorder, starts: Record<Phase, number>, [idle, loaded]: [ProbeReport, ProbeReport]) {
  const phase = (p: Phase) => rec.samples[p].map((s) => ({ action: s.action, ms: Math.round(s.ms * 10) / 10, ok: s.ok, atS: s.endAt === undefined ? null : Math.round((s.endAt - s.ms - starts[p]) / 100) / 10 }));
  writeFileSync(path, JSON.stringify({ loadAverage: loadavg(), idle: phase('idle'), load: phase('load'), trace: { idle: idle.trace ?? null, load: loaded.trace ?? null } }));
}

function printRss(server: ServerChild, fromT: number, toT: number, clients: Array<{ t: number; n: number }>) {
  const ticks = server.ticks();
  const samples = server.rss.filter((s) => s.t >= fromT && s.t <= toT);
  if (samples.length === 0) return;
  const step = Math.max(1, Math.floor(samples.length / 12));
  const rows = [['t (s)', 'RSS MB', 'heap MB', 'external MB', 'loop p99 ms', 'loop max ms', 'ws clients']];
  for (let i = 0; i < samples.length; i += step) {
    const s = samples[i]!;
    const tick = ticks.reduce((best, k) => (Math.abs(k.t - s.t) < Math.abs(best.t - s.t) ? k : best), ticks[0]!);
    const c = clients.reduce((best, k) => (Math.abs(k.t - s.t) < Math.abs(best.t - s.t) ? k : best), clients[0] ?? { t: 0, n: 0 });
    rows.push([String(Math.round((s.t - fromT) / 1000)), r1(s.mb), String(tick?.heapMb ?? '-'), String(tick?.externalMb ?? '-'), r1(tick?.p99 ?? Number.NaN), r1(tick?.max ?? Number.NaN), String(c.n)]);
  }
  log('\nserver memory and event loop over the load phase');
  log(table(rows));
  log(`server RSS: ${r1(samples[0]!.mb)} MB at the start of the load, peak ${r1(Math.max(...samples.map((s) => s.mb)))} MB, ${r1(samples.at(-1)!.mb)} MB at the end; peak over the whole run ${r1(Math.max(...server.rss.map((s) => s.mb)))} MB`);
}

/**
 * Where the machine's CPU went in the load phase: the server's threads (the main thread is the event loop;
 * worker threads name themselves, the SQLite and libuv threads are plain "node") and this process, the
 * simulated users, which shares the same cores. On a saturated machine every latency above includes waits
 * for a CPU: this says whose work they waited behind.
 */
function printCpu(before: Map<number, { name: string; ms: number }>, after: Map<number, { name: string; ms: number }>, driverMs: number, phaseMs: number) {
  const rows = [...after]
    .map(([tid, t]) => ({ tid, name: t.name, ms: t.ms - (before.get(tid)?.ms ?? 0) }))
    .filter((t) => t.ms >= 100)
    .sort((a, b) => b.ms - a.ms);
  const serverMs = rows.reduce((a, t) => a + t.ms, 0);
  const cores = (ms: number) => fmt(ms / phaseMs, 2);
  log(`\nCPU over the load phase (${fmt(phaseMs / 1000, 1)} s; cores busy = CPU time / wall time): the server ${fmt(serverMs / 1000, 1)} s (${cores(serverMs)} cores), this process (the simulated users) ${fmt(driverMs / 1000, 1)} s (${cores(driverMs)} cores)`);
  log(table([['server thread', 'tid', 'CPU s', 'cores'], ...rows.map((t) => [t.name, String(t.tid), fmt(t.ms / 1000, 1), cores(t.ms)])]));
}

/**
 * The idle phase begins as soon as the server listens, while its start-up work still runs in the background
 * (the merge thread's warm-up, every agency's caseload counts, the pattern thread those start): what the
 * phase's first sign-ins shared the CPUs with, by server thread.
 */
function printStartCpu(before: Map<number, { name: string; ms: number }>, signIns: { ms: number; cpu: Map<number, { name: string; ms: number }> }, startMs: number) {
  const byName = new Map<string, number>();
  for (const [tid, t] of signIns.cpu) byName.set(t.name, (byName.get(t.name) ?? 0) + t.ms - (before.get(tid)?.ms ?? 0));
  const busy = [...byName].filter(([, ms]) => ms >= 10).sort((a, b) => b[1] - a[1]);
  const total = busy.reduce((a, [, ms]) => a + ms, 0);
  log(`the idle phase's first sign-ins (the first ${fmt(signIns.ms / 1000, 1)} s after the server listened, ${fmt(startMs / 1000, 1)} s after it was started): the server used ${fmt(total / 1000, 2)} s of CPU (${fmt(total / signIns.ms, 2)} cores): ${busy.map(([name, ms]) => `${name} ${ms}`).join(', ')} ms`);
}

/** The machine's own speed before the server started and after it stopped, and the CPU stolen under load (machine.ts). */
function printMachine(before: Reference, after: Reference, stolenMs: number) {
  log(`\nthe machine (machine.ts; compare runs only where these agree): the reference work took ${fmt(before.cpuMs, 1)} ms of processor and ${fmt(before.memoryMs, 1)} ms of memory before the server started, ${fmt(after.cpuMs, 1)} and ${fmt(after.memoryMs, 1)} ms after it stopped; CPU stolen by the hypervisor over the load phase ${fmt(stolenMs / 1000, 1)} s`);
}

function printAllocations(file: string, seconds: number, promoted: boolean) {
  if (!existsSync(file)) return log(`\nno allocation profile was written (${file})`);
  const a = summariseAllocations(file, { root: new URL('../../../..', import.meta.url).pathname, top: 15 });
  const what = promoted ? 'allocated what lived through its scavenges (promoted: live, or collected by a major collection)' : 'allocated';
  log(`\nwhere the server's main thread ${what} under load (${file}; sampled, so estimates): ${fmt(a.totalBytes / 1048576, 0)} MB in all, ${fmt(a.totalBytes / 1048576 / seconds, 1)} MB/s`);
  const list = (title: string, rows: Array<[string, number]>) => {
    log(`  ${title}:`);
    for (const [k, v] of rows) log(`    ${fmt(v / 1048576, 0).padStart(7)} MB  ${String(Math.round((v / a.totalBytes) * 100)).padStart(3)} %  ${k}`);
  };
  list('by our module deepest on the stack', a.byModule);
  list('by our function deepest on the stack', a.byOurs);
  list('by the allocating function', a.bySelf);
}

async function main() {
  // Every stock provider adds a process 'exit' listener.
  process.setMaxListeners(0);
  const { county, reused } = await countyIn();
  printSeed(county, reused);
  if (args.has('seed-only')) return;

  const profileDir = args.has('profile') ? join(dataDir, `profile-${Date.now()}`) : undefined;
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const allocFile = args.has('alloc') ? join(dataDir, `alloc-${Date.now()}.heapprofile`) : undefined;
  const promoted = args.get('alloc') === 'promoted';
  const env = {
    ...(args.has('trace') ? { MAC_LATENCY_TRACE: '1' } : {}),
    ...(allocFile ? { MAC_BENCH_ALLOC_FILE: allocFile, ...(promoted ? { MAC_BENCH_ALLOC_PROMOTED: '1' } : {}) } : {}),
  };
  const referenceBefore = reference();
  const server = await startServerChild({ dataDir, demoPassword: PASSWORD, profileDir, env });
  log(`server started in ${r1(server.startMs / 1000)} s (pid ${server.pid}; start-up verifies the whole audit chain); RSS ${r1(server.rss.at(-1)?.mb ?? 0)} MB; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const rec = new Recorder();
  const work = new Workload(server.origin, county, rec);
  const clients: Array<{ t: number; n: number }> = [];
  try {
    await server.report(); // start of the idle phase
    const idleStart = Date.now();
    const cpuAtIdle = server.threadCpu();
    const at: { signIns?: { ms: number; cpu: Map<number, { name: string; ms: number }> } } = {};
    await work.idle(repeat, () => (at.signIns = { ms: Date.now() - idleStart, cpu: server.threadCpu() }));
    const idleReport = await server.report();
    log(`idle phase: ${Math.round((Date.now() - idleStart) / 1000)} s`);
    if (at.signIns) printStartCpu(cpuAtIdle, at.signIns, server.startMs);

    rec.phase = 'load';
    log(`load phase: ${load.users} users (${load.listShare * 100} % of sign-ins list the caseload's first page), ${load.meetings} meetings of ${load.meetingSize}, an import every ${load.importEverySeconds} s, a pack every ${load.packEverySeconds} s, for ${load.seconds} s…`);
    const loadStart = Date.now();
    const stolenBefore = stolenMs();
    const cpuBefore = server.threadCpu();
    const timeline = new CpuTimeline(server.pid);
    timeline.start();
    const driverCpuBefore = process.cpuUsage();
    const driverLag = work.docs.watchLag();
    const counter = setInterval(() => clients.push({ t: Date.now(), n: work.openClients }), 1_000);
    await work.load(load);
    clearInterval(counter);
    timeline.stop();
    driverLag.disable();
    const docLags = await work.docs.lags();
    const loadReport = await server.report();
    const loadEnd = Date.now();
    const cpuAfter = server.threadCpu();
    const stolen = stolenMs() - stolenBefore;
    const driverCpu = process.cpuUsage(driverCpuBefore);
    log(`load phase: ${Math.round((loadEnd - loadStart) / 1000)} s (the last actions finish after the ${load.seconds} s); load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);

    printComparison(rec);
    log(`\nthe interactive actions under load by when they started in the load phase, p50 / p99 ms (samples): where the tail falls (by-window.ts)`);
    log(byWindow(rec, loadStart, loadEnd));
    printLoop(idleReport, loadReport);
    // Each interactive action's slowest samples, and what the server was doing meanwhile (slowest.ts).
    log('\nslowest samples under load of the interactive actions, with the server\'s event-loop stalls (> 50 ms) inside each and the other actions slow at the same moment');
    log(slowestSamples(rec, server.stalls(loadStart, loadEnd), loadStart));
    log('\nwho had the CPUs across the longest stalls under load (server threads by name; the unnamed "node" ones are V8\'s GC helpers and libuv\'s pool)');
    log(cpuAcrossStalls(timeline, server.stalls(loadStart, loadEnd), loadStart));
    printTrace(idleReport, loadReport);
    if (loadReport.timeline !== undefined) {
      // The 2,000+ document's opens first: the action whose tail this was added for (issue 17).
      const actions = ['open document (ws sync), 2,000+', 'open document (meeting), 2,000+', 'open document (ws sync), typical', 'sign in', 'chronology (GET /:id)', 'caseload (first page)'];
      log("\nthe server's traced spans of 5 ms or more inside the slowest samples under load (ms; from → to, relative to the sample's start)");
      log(serverWorkInSlowest(rec, loadReport, actions, loadStart));
    }
    printRss(server, loadStart, loadEnd, clients);
    if (allocFile) printAllocations(allocFile, (loadEnd - loadStart) / 1000, promoted);
    printCpu(cpuBefore, cpuAfter, (driverCpu.user + driverCpu.system) / 1000, loadEnd - loadStart);
    // What the bench's own threads add to what they time: the main thread's delay to every HTTP figure,
    // a document worker's to the opens and deliveries it times.
    log(`\nthis process (the simulated users) event-loop delay under load, ms (its own delays add to the latencies above): the main thread (every HTTP figure) p99 ${r1(driverLag.percentile(99) / 1e6)}, max ${r1(driverLag.max / 1e6)}; the document clients' worker threads (opens, deliveries) ${docLags.map((l) => `p99 ${r1(l.p99)}, max ${r1(l.max)}`).join('; ')}`);
    log(`requests sent again after a connection reset (a kept-alive connection the server had closed): ${work.api.resets}`);
    const errors = [...rec.errors.idle, ...rec.errors.load].sort((a, b) => b[1] - a[1]);
    if (args.has('samples')) writeSamples(args.get('samples')!, rec, { idle: idleStart, load: loadStart }, [idleReport, loadReport]);
    log(errors.length ? `\nerrors:\n${errors.map(([k, v]) => `  ${String(v).padStart(5)}  ${k}`).join('\n')}` : '\nerrors: none');

    await server.stop();
    printMachine(referenceBefore, reference(), stolen);
    if (profileDir) {
      const files = readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile'));
      // The main thread's profile is the largest (a storage worker thread writes its own).
      const main = files.sort((a, b) => statSync(join(profileDir, b)).size - statSync(join(profileDir, a)).size)[0];
      if (main) {
        const serverRoot = new URL('../../../..', import.meta.url).pathname;
        const stretches = busyStretches(join(profileDir, main), { fromUs: idleReport.hrtimeUs, toUs: Number.isNaN(loadReport.hrtimeUs) ? undefined : loadReport.hrtimeUs, minMs: 50, root: serverRoot, top: 15 });
        log(`\nCPU profile of the server (${join(profileDir, main)}): its longest busy stretches under load (the event loop held), longest first`);
        for (const s of stretches) log(`  ${String(s.ms).padStart(6)} ms  ${s.cause}\n          self time: ${s.hot.join('; ')}`);
        // The probe's stalls under load, each matched with the samples taken during it.
        const windows = server
          .stalls(loadStart, loadEnd)
          .filter((s): s is typeof s & { fromUs: number; toUs: number } => s.fromUs !== undefined && s.toUs !== undefined)
          .map((s) => ({ fromUs: s.fromUs, toUs: s.toUs, ms: s.ms }));
        const causes = stallCauses(join(profileDir, main), windows, { root: serverRoot, top: 12 });
        const total = windows.reduce((a, w) => a + w.ms, 0);
        log(`\nthe probe's ${windows.length} stalls under load (${total} ms), shared out by the profile's samples in each (ms):`);
        log('  by the function of ours outermost on the stack (the continuation that ran):');
        for (const [k, v] of causes.byResumed) log(`    ${String(v).padStart(6)}  ${k}`);
        log('  by the function of ours innermost on the stack:');
        for (const [k, v] of causes.byInner) log(`    ${String(v).padStart(6)}  ${k}`);
        log('  by self time:');
        for (const [k, v] of causes.bySelf) log(`    ${String(v).padStart(6)}  ${k}`);
        log('  the longest stalls:');
        for (const s of [...causes.stalls].sort((a, b) => b.ms - a.ms).slice(0, 8)) log(`    ${String(s.ms).padStart(6)} ms  outermost: ${s.resumed.join('; ')}\n              innermost: ${s.inner.join('; ')}\n              self: ${s.hot.join('; ')}`);
      }
    }
  } finally {
    await work.docs.end();
    await server.stop();
  }
}

await main();
