/**
 * The CPU one write costs in background work (issue 17): after each durable write to a chronology the
 * caseload counts are worked out again for each member agency (services/count-warmer.ts) and the alert pass
 * looks at it for each of its recipients (services/alerts/service.ts). Measured in-process against a real
 * server (SQLite on its worker threads), for a typical chronology (80 entries, 5 member agencies, the lead
 * and three schools' DSLs told) and a big one (2,000 entries), with and without a restricted police entry
 * (which makes every agency's view its own).
 *
 * Each round: one entry posted by a police officer; once it is durable, the CPU of every thread of the
 * process (event loop, SQLite reader and writer, pattern worker) is read, the warmer is let run, then the
 * alert pass is run (flush), and the CPU read again. Two modes in the same run, alternately (A, B, A, B):
 * `separate` (each pass works its highlights out itself, as before) and `shared` (one analysis per
 * chronology state and view, services/shared-analyses.ts). Prints CPU ms per write and the ratio; nothing
 * is asserted.
 *
 * Run: pnpm --filter @mac/server bench:background   (BENCH_ROUNDS=12 by default)
 */
import { threadCpu, cpuByThread } from './thread-cpu.js';
import { entriesCsv, entryBody, rng } from './county/synth.js';
import { createSharedAnalyses } from '../src/services/shared-analyses.js';
import type { KeptAnalysis } from '../src/services/patterns.js';
import { countingRepoCalls, DEMO, startTestServer } from '../src/testing.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 12);
process.env.MAC_TEST_SQLITE_THREAD ??= 'worker';

const MEMBERS = ['oxfordshire-csc', 'thames-valley-police', 'northway-primary', 'meadowbrook-academy', 'oxford-health-hv'];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const server = await startTestServer({
  caseloadWarm: true,
  // The alert pass is run by `flush` in each round, never by its timer.
  alerts: { smtpUrl: null, from: 'MAC alerts <alerts@mac.example.org>', digestHour: 7, debounceMs: 3_600_000, sendEveryMs: 60_000, overdueEveryMs: 3_600_000 },
});
try {
  const lead = await server.login(DEMO.lead);
  const police = await server.login(DEMO.police);
  // A second DSL at Northway (the demo has one there and one at Meadowbrook): four recipients, three views.
  await server.newAccount({ email: 'dsl2@school.example.org', role: 'dsl' as 'lead', agency: 'northway-primary' });

  const made = async (name: string, entries: number) => {
    const res = await server.api(lead, 'POST', '/api/chronologies', { child: { givenName: name, familyName: 'Bench', dateOfBirth: '2015-03-01' }, memberAgencies: MEMBERS });
    if (res.status !== 201) throw new Error(`chronology: ${res.status} ${JSON.stringify(res.body)}`);
    const id = res.body.id as string;
    const imported = await server.api(lead, 'POST', `/api/chronologies/${id}/import?fileName=bench.csv`, entriesCsv(entries, entries, '2015-03-01', MEMBERS), { 'content-type': 'text/csv' });
    if (imported.status !== 200) throw new Error(`import: ${imported.status} ${JSON.stringify(imported.body).slice(0, 300)}`);
    return id;
  };
  const cases = [
    { name: 'typical (80 entries)', id: await made('Typical', 80), restricted: false },
    { name: 'big (2,000 entries)', id: await made('Big', 2_000), restricted: false },
    { name: 'typical, a restricted entry', id: await made('Restricted', 80), restricted: true },
  ];
  const r = rng(7);
  for (const c of cases.filter((x) => x.restricted)) {
    const res = await server.api(police, 'POST', `/api/chronologies/${c.id}/entries`, entryBody(r, 'police', true));
    if (res.status !== 201) throw new Error(`restricted entry: ${res.status}`);
  }
  await server.deps.countWarmer.settled();
  await server.deps.alerts.flush();

  const modes = {
    separate: createSharedAnalyses<KeptAnalysis>({ kept: 0 }),
    shared: createSharedAnalyses<KeptAnalysis>(),
  } as const;
  type Mode = keyof typeof modes;
  // Every storage call noted (a read-lane trip each, but for the writes' few): the warmer and the alert pass
  // find their chronology through these deps.
  const counting = countingRepoCalls(server.deps);
  server.deps.repos = counting.deps.repos;
  const calls = counting.calls;
  interface Spent {
    warm: number[];
    alert: number[];
    total: number[];
    loop: number[];
    reader: number[];
    warmCalls: number[];
    alertCalls: number[];
    byMethod: Map<string, number>;
  }
  const spent = new Map<string, Spent>();
  const oneWrite = async (c: (typeof cases)[number], mode: Mode) => {
    server.deps.analyses = modes[mode];
    const res = await server.api(police, 'POST', `/api/chronologies/${c.id}/entries`, entryBody(r, 'police'));
    if (res.status !== 201) throw new Error(`write: ${res.status}`);
    await sleep(20);
    calls.length = 0;
    const t0 = process.cpuUsage();
    const th0 = threadCpu();
    await server.deps.countWarmer.settled();
    const t1 = process.cpuUsage(t0);
    const warmCalls = calls.splice(0);
    await server.deps.alerts.flush();
    const t2 = process.cpuUsage(t0);
    const byThread = cpuByThread(th0, threadCpu());
    return { warm: (t1.user + t1.system) / 1000, total: (t2.user + t2.system) / 1000, byThread, warmCalls, alertCalls: calls.splice(0) };
  };
  for (let round = -2; round < ROUNDS; round++) {
    for (const c of cases) {
      for (const mode of (round % 2 === 0 ? ['separate', 'shared'] : ['shared', 'separate']) as Mode[]) {
        const { warm, total, byThread, warmCalls, alertCalls } = await oneWrite(c, mode);
        if (round < 0) continue;
        const key = `${c.name}|${mode}`;
        const s: Spent = spent.get(key) ?? { warm: [], alert: [], total: [], loop: [], reader: [], warmCalls: [], alertCalls: [], byMethod: new Map() };
        s.warmCalls.push(warmCalls.length);
        s.alertCalls.push(alertCalls.length);
        for (const call of [...warmCalls.map((m) => `warmer ${m}`), ...alertCalls.map((m) => `alert ${m}`)]) s.byMethod.set(call, (s.byMethod.get(call) ?? 0) + 1);
        s.warm.push(warm);
        s.alert.push(total - warm);
        s.total.push(total);
        s.loop.push((byThread.get('event loop') ?? 0) / 1000);
        s.reader.push([...byThread].filter(([name]) => /read/i.test(name)).reduce((n, [, us]) => n + us, 0) / 1000);
        spent.set(key, s);
      }
    }
  }
  const fmt = (ms: number) => `${ms.toFixed(1).padStart(6)} ms`;
  console.log(`CPU per write in background work, median of ${ROUNDS} writes per case and mode (every thread; event loop and SQLite reader from /proc in 10 ms ticks)`);
  for (const c of cases) {
    for (const mode of Object.keys(modes) as Mode[]) {
      const s = spent.get(`${c.name}|${mode}`)!;
      console.log(`  ${c.name.padEnd(30)} ${mode.padEnd(9)} warmer ${fmt(median(s.warm))}  alert pass ${fmt(median(s.alert))}  total ${fmt(median(s.total))}  (event loop ${fmt(median(s.loop))}, reader ${fmt(median(s.reader))}; storage calls: warmer ${median(s.warmCalls)}, alert pass ${median(s.alertCalls)})`);
      if (process.env.BENCH_CALLS === '1') {
        const top = [...s.byMethod].sort((a, b) => b[1] - a[1]).map(([m, n]) => `${m} ${(n / ROUNDS).toFixed(1)}`);
        console.log(`      per write: ${top.join(', ')}`);
      }
    }
    const a = spent.get(`${c.name}|separate`)!;
    const b = spent.get(`${c.name}|shared`)!;
    console.log(`  ${c.name.padEnd(30)} ratio shared / separate: total ${(median(b.total) / median(a.total)).toFixed(2)}, alert pass ${(median(b.alert) / median(a.alert)).toFixed(2)}`);
  }
} finally {
  await server.stop();
}
