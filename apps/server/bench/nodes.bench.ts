/**
 * Several nodes, measured (issue 19 "Measure"): in ONE run, on one machine, two real MAC node processes
 * (`src/cli.ts start`) on one throwaway PostgreSQL 15 (fsync on, as in production) and one throwaway Redis
 * (Debian's redis-server), driven from this process by stock y-websocket clients and autocannon. Each
 * figure is read against its reference measured in the same run: the same clients all on ONE node (node
 * A; node B runs but idles), then split across the two.
 *
 *   1. Delivery latency, one document: a writer adds entry-shaped values at a steady pace, stamping the
 *      time; every reader records when each arrives. One node: writer and readers on A. Two nodes: writer
 *      on A, readers alternately on A (within a node) and on B (across nodes: PostgreSQL commit, Redis
 *      publish, B applies in sequence order). Printed: p50/p99 within one node, within A and across,
 *      the ratio and the difference of the p99s (goal: across within 10 ms of one node).
 *   2. Deliveries per second, several documents with a writer each writing fast: all on A, then each
 *      document's writer on A or B in turn with its readers alternately on A and B (goal: two ≥ one).
 *   3. Audited reads per second, `GET /api/chronologies/:id/entries?limit=500` (signed in, access checked,
 *      one durable audit record each): autocannon against A alone, then the same connections split over A
 *      and B.
 * Each measurement runs one, two, two, one (so a change in the machine's load during the run weighs on
 * both sides alike) and is reported over both of its runs.
 * Asserts nothing: it prints figures (the machine is shared; read them as ratios, and note `uptime`).
 *
 * Run: pnpm bench:nodes
 * Knobs: BENCH_READERS=10  BENCH_ENTRIES=300  BENCH_PACE_MS=20   (1)
 *        BENCH_DOCS=6  BENCH_DOC_READERS=4  BENCH_DOC_ENTRIES=200  BENCH_DOC_PACE_MS=10   (2)
 *        BENCH_READ_SECONDS=10  BENCH_READ_CONNECTIONS=10   (3)
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { openPgStore, type Store } from '@mac/db';
import { startPgCluster } from '@mac/db/pg-testing';
import { entryText, sharedDocName, storedFieldsOf } from '@mac/sync';
import { api, login, startNode, stopNode, type NodeProcess } from '../src/cluster/node-process.js';
import { startRedis } from '../src/cluster/redis-testing.js';
import { hashPassword } from '../src/services/auth/passwords.js';
import { connect, type Client } from '../src/sync-testing.js';
import { DEMO, TEST_PASSWORD } from '../src/testing.js';

// autocannon ships no types: the little we use (as load.bench.ts).
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
}
type Autocannon = (opts: { url: string; headers?: Record<string, string>; connections: number; duration: number }) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const CONFIG = {
  readers: env('BENCH_READERS', 10),
  entries: env('BENCH_ENTRIES', 300),
  paceMs: env('BENCH_PACE_MS', 20),
  docs: env('BENCH_DOCS', 6),
  docReaders: env('BENCH_DOC_READERS', 4),
  docEntries: env('BENCH_DOC_ENTRIES', 200),
  docPaceMs: env('BENCH_DOC_PACE_MS', 10),
  readSeconds: env('BENCH_READ_SECONDS', 10),
  readConnections: env('BENCH_READ_CONNECTIONS', 10),
  warmup: 30,
};

interface Account {
  id: string;
  agency: string;
  cookie: string;
}

function entryFields(author: Account, summary: string, stamp: number) {
  return {
    id: randomUUID(),
    date: '2024-05-06',
    time: '',
    agency: author.agency,
    category: 'police-attendance',
    summary,
    detail: '',
    impactOnChild: '',
    actionTaken: '',
    // The send time, read back by every reader (all clients live in this process: one clock).
    sourceRef: stamp.toFixed(3),
    recordedBy: '',
    restricted: false,
    authorId: author.id,
    recordedAt: new Date().toISOString(),
    status: 'active',
    withdrawnReason: '',
    sharing: 'undecided',
    sharingReason: '',
  };
}

const percentile = (sorted: number[], p: number) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!);
const f1 = (n: number) => n.toFixed(1);
const f2 = (n: number) => n.toFixed(2);

async function synced(clients: Client[]): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!clients.every((c) => c.provider.synced)) {
    const closed = clients.flatMap((c) => c.closes.filter((x) => x.code >= 4000));
    if (closed.length > 0) throw new Error(`a client was refused: ${JSON.stringify(closed[0])}`);
    if (Date.now() > deadline) throw new Error(`${clients.filter((c) => !c.provider.synced).length} clients did not sync within 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

interface Reader {
  client: Client;
  /** Where it is measured against the writer: 'one' (all on one node), 'within', 'across'. */
  tag: string;
}

/**
 * The writer writes `count` entries at `paceMs`; resolves when every reader has every one. Latencies by
 * reader tag; the span from the first send to the last delivery.
 */
function writeAndMeasure(writer: { client: Client; account: Account }, readers: Reader[], count: number, paceMs: number, latencies: Map<string, number[]> | null): Promise<{ firstSend: number; lastDelivery: number; deliveries: number }> {
  const expected = count * readers.length;
  let delivered = 0;
  let firstSend = NaN;
  let lastDelivery = 0;
  const unobserve: Array<() => void> = [];
  return new Promise((resolve, reject) => {
    const timeout = setTimeout(() => {
      const closes = [writer.client, ...readers.map((r) => r.client)].flatMap((c) => c.closes);
      reject(new Error(`only ${delivered}/${expected} deliveries arrived (closes: ${JSON.stringify(closes.slice(0, 3))})`));
    }, 60_000 + count * paceMs * 3);
    for (const { client, tag } of readers) {
      const entries = client.doc.getMap('entries');
      const list = latencies?.get(tag) ?? [];
      if (latencies && !latencies.has(tag)) latencies.set(tag, list);
      const onChange = (event: { keysChanged: Set<string> }) => {
        const now = performance.now();
        for (const key of event.keysChanged) {
          const stamp = Number(storedFieldsOf(entries.get(key))?.sourceRef);
          if (!Number.isFinite(stamp) || stamp < firstSend) continue; // not this run's
          list.push(now - stamp);
          delivered++;
          lastDelivery = now;
        }
        if (delivered === expected) {
          clearTimeout(timeout);
          for (const off of unobserve) off();
          resolve({ firstSend, lastDelivery, deliveries: delivered });
        }
      };
      entries.observe(onChange);
      unobserve.push(() => entries.unobserve(onChange));
    }
    let written = 0;
    const entries = writer.client.doc.getMap('entries');
    firstSend = performance.now();
    const tick = setInterval(() => {
      const stamp = performance.now();
      const fields = entryFields(writer.account, `Bench entry ${written}`, stamp);
      entries.set(fields.id, entryText(fields));
      if (++written === count) clearInterval(tick);
    }, paceMs);
  });
}

interface Setup {
  a: NodeProcess;
  b: NodeProcess;
  accounts: Account[];
  /** Chronology ids made for the bench (document 0 for workload 1, 1..docs for workload 2). */
  chronologies: string[];
  readChronology: string;
  leadCookie: string;
}

/** A pool of accounts: each connection its own account, so per-account caps never enter the figures. */
function accountPool(accounts: Account[]) {
  let next = 0;
  return () => {
    const account = accounts[next % accounts.length]!;
    next++;
    return account;
  };
}

async function latencyWorkload(s: Setup, split: boolean): Promise<Map<string, number[]>> {
  const take = accountPool(s.accounts);
  const docName = sharedDocName(s.chronologies[0]!);
  const writerAccount = take();
  const writer = { client: connect(s.a.origin, writerAccount.cookie, docName), account: writerAccount };
  const readers: Reader[] = Array.from({ length: CONFIG.readers }, (_, i) => {
    const onB = split && i % 2 === 1;
    return { client: connect((onB ? s.b : s.a).origin, take().cookie, docName), tag: !split ? 'one' : onB ? 'across' : 'within' };
  });
  const all = [writer.client, ...readers.map((r) => r.client)];
  try {
    await synced(all);
    await writeAndMeasure(writer, readers, CONFIG.warmup, CONFIG.paceMs, null);
    const latencies = new Map<string, number[]>();
    await writeAndMeasure(writer, readers, CONFIG.entries, CONFIG.paceMs, latencies);
    return latencies;
  } finally {
    for (const c of all) c.destroy();
  }
}

async function throughputWorkload(s: Setup, split: boolean): Promise<{ deliveries: number; seconds: number; p50: number; p99: number }> {
  const take = accountPool(s.accounts);
  const rooms = s.chronologies.slice(1, 1 + CONFIG.docs).map((id, d) => {
    const docName = sharedDocName(id);
    const writerNode = split && d % 2 === 1 ? s.b : s.a;
    const account = take();
    const writer = { client: connect(writerNode.origin, account.cookie, docName), account };
    const readers: Reader[] = Array.from({ length: CONFIG.docReaders }, (_, i) => {
      const node = split && i % 2 === 1 ? (writerNode === s.a ? s.b : s.a) : writerNode;
      return { client: connect(node.origin, take().cookie, docName), tag: 'all' };
    });
    return { writer, readers };
  });
  const all = rooms.flatMap((r) => [r.writer.client, ...r.readers.map((x) => x.client)]);
  try {
    await synced(all);
    await Promise.all(rooms.map((r) => writeAndMeasure(r.writer, r.readers, CONFIG.warmup, CONFIG.docPaceMs, null)));
    const latencies = new Map<string, number[]>();
    // Writers start staggered across one pace interval, as independent meetings would.
    const spans = await Promise.all(
      rooms.map(
        (r, i) =>
          new Promise<{ firstSend: number; lastDelivery: number; deliveries: number }>((resolve, reject) =>
            setTimeout(() => writeAndMeasure(r.writer, r.readers, CONFIG.docEntries, CONFIG.docPaceMs, latencies).then(resolve, reject), (i * CONFIG.docPaceMs) / rooms.length),
          ),
      ),
    );
    const first = Math.min(...spans.map((x) => x.firstSend));
    const last = Math.max(...spans.map((x) => x.lastDelivery));
    const sorted = (latencies.get('all') ?? []).sort((x, y) => x - y);
    return { deliveries: spans.reduce((n, x) => n + x.deliveries, 0), seconds: (last - first) / 1000, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
  } finally {
    for (const c of all) c.destroy();
  }
}

async function readWorkload(s: Setup, nodes: NodeProcess[]): Promise<{ perSecond: number; answered: number; p50: number; p99: number; non2xx: number; errors: number }> {
  const path = `/api/chronologies/${s.readChronology}/entries?limit=500`;
  const per = Math.max(1, Math.round(CONFIG.readConnections / nodes.length));
  const results = await Promise.all(nodes.map((n) => autocannon({ url: n.origin + path, headers: { cookie: s.leadCookie }, connections: per, duration: CONFIG.readSeconds })));
  return {
    perSecond: results.reduce((sum, r) => sum + r.requests.total / r.duration, 0),
    answered: results.reduce((n, r) => n + r.requests.total - r.non2xx, 0),
    // The slower node's percentiles (a rough figure: autocannon reports per run).
    p50: Math.max(...results.map((r) => r.latency.p50)),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    non2xx: results.reduce((n, r) => n + r.non2xx, 0),
    errors: results.reduce((n, r) => n + r.errors + r.timeouts, 0),
  };
}

async function setUp(databaseUrl: string, auditKey: Buffer, store: Store, redisUrl: string): Promise<Setup> {
  const nodeEnv = { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, MAC_AUDIT_KEY: auditKey.toString('hex') };
  // One after the other: the first migrates and seeds the demo partnership.
  const a = await startNode('a', nodeEnv);
  const b = await startNode('b', nodeEnv);
  const leadCookie = await login(a.origin, DEMO.lead);
  const lead = (await api(a.origin, leadCookie, 'GET', '/api/me')).body as { id: string };
  const list = (await api(a.origin, leadCookie, 'GET', '/api/chronologies')).body as { chronologies: Array<{ id: string; entryCount?: number }> };
  // The demo chronology with the most entries (a ~100-entry child's record), for the reads.
  let readChronology = list.chronologies[0]!.id;
  let most = -1;
  for (const c of list.chronologies) {
    const n = ((await api(a.origin, leadCookie, 'GET', `/api/chronologies/${c.id}/entries?limit=500`)).body as { entries: unknown[] }).entries.length;
    if (n > most) [most, readChronology] = [n, c.id];
  }
  console.log(`reads: chronology with ${most} entries visible to its lead`);

  // Bench accounts (police practitioners) and chronologies, straight into the shared database.
  const passwordHash = await hashPassword(TEST_PASSWORD);
  const needed = 1 + CONFIG.readers + CONFIG.docs * (1 + CONFIG.docReaders);
  const accounts: Account[] = [];
  for (let i = 0; i < needed; i++) {
    const email = `bench-${i}@tvp.example.org`;
    const user = await store.repos.users.create({ email, name: `Bench ${i}`, role: 'practitioner', agency: 'thames-valley-police', passwordHash });
    accounts.push({ id: user.id, agency: 'thames-valley-police', cookie: await login(i % 2 === 0 ? a.origin : b.origin, email) });
  }
  const chronologies: string[] = [];
  for (let d = 0; d <= CONFIG.docs; d++) {
    const c = await store.repos.chronologies.create({
      child: { givenName: 'Bench', familyName: `Child ${d}`, dateOfBirth: '2016-03-01', nhsNumber: null, upn: null },
      leadUserId: lead.id,
      memberAgencies: ['oxfordshire-csc', 'thames-valley-police'],
      addedBy: lead.id,
    });
    chronologies.push(c.id);
  }
  return { a, b, accounts, chronologies, readChronology, leadCookie };
}

function table(rows: string[][]): void {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  console.log(line(rows[0]!));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows.slice(1)) console.log(line(r));
}

async function main() {
  // Every stock provider adds a process 'exit' listener.
  process.setMaxListeners(0);
  const load = () => loadavg().map((n) => n.toFixed(2)).join(' ');
  console.log(`nodes bench: node ${process.version}, load average at start ${load()}`);
  const pgCluster = await startPgCluster({ durable: true });
  const redis = await startRedis();
  const auditKey = randomBytes(32);
  const databaseUrl = await pgCluster.freshDatabase('mac_nodes_bench');
  const store = await openPgStore({ url: databaseUrl, auditKey: new Uint8Array(auditKey), maxConnections: 2 });
  let setup: Setup | null = null;
  try {
    setup = await setUp(databaseUrl, auditKey, store, redis.url);
    const s = setup;

    console.log(`\n1. delivery latency: 1 document, 1 writer every ${CONFIG.paceMs} ms × ${CONFIG.entries} entries, ${CONFIG.readers} readers`);
    // One, two, two, one: drift in the machine's load over the run weighs on both sides alike.
    const merge = (into: Map<string, number[]>, from: Map<string, number[]>) => {
      for (const [tag, xs] of from) into.set(tag, [...(into.get(tag) ?? []), ...xs]);
    };
    const one = new Map<string, number[]>();
    const two = new Map<string, number[]>();
    for (const split of [false, true, true, false]) merge(split ? two : one, await latencyWorkload(s, split));
    const stats = (xs: number[] | undefined) => {
      const sorted = [...(xs ?? [])].sort((x, y) => x - y);
      return { n: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? NaN };
    };
    const single = stats(one.get('one'));
    const within = stats(two.get('within'));
    const across = stats(two.get('across'));
    table([
      ['', 'deliveries', 'p50 ms', 'p99 ms', 'max ms'],
      ['one node (writer, readers on A)', String(single.n), f1(single.p50), f1(single.p99), f1(single.max)],
      ['two nodes, within A', String(within.n), f1(within.p50), f1(within.p99), f1(within.max)],
      ['two nodes, across A → B', String(across.n), f1(across.p50), f1(across.p99), f1(across.max)],
    ]);
    const signed = (ms: number) => `${ms < 0 ? '−' : '+'}${f1(Math.abs(ms))} ms`;
    console.log(`across / one node: p50 ×${f2(across.p50 / single.p50)} (${signed(across.p50 - single.p50)}), p99 ×${f2(across.p99 / single.p99)} (${signed(across.p99 - single.p99)}; goal: within +10 ms)`);
    // The same phase, the same writes: what the hop to the other node adds, with the machine's load alike.
    console.log(`across / within A (same runs): p50 ×${f2(across.p50 / within.p50)} (${signed(across.p50 - within.p50)}), p99 ×${f2(across.p99 / within.p99)} (${signed(across.p99 - within.p99)})`);

    console.log(`\n2. deliveries per second: ${CONFIG.docs} documents × (1 writer every ${CONFIG.docPaceMs} ms × ${CONFIG.docEntries} entries, ${CONFIG.docReaders} readers)`);
    const runs: Array<{ split: boolean; result: Awaited<ReturnType<typeof throughputWorkload>> }> = [];
    for (const split of [false, true, true, false]) runs.push({ split, result: await throughputWorkload(s, split) });
    const combine = (split: boolean) => {
      const xs = runs.filter((r) => r.split === split).map((r) => r.result);
      return { deliveries: xs.reduce((n, x) => n + x.deliveries, 0), seconds: xs.reduce((n, x) => n + x.seconds, 0), p50: Math.max(...xs.map((x) => x.p50)), p99: Math.max(...xs.map((x) => x.p99)) };
    };
    const t1 = combine(false);
    const t2 = combine(true);
    table([
      ['', 'deliveries', 'seconds', 'deliveries/s', 'p50 ms', 'p99 ms (worse run)'],
      ['one node', String(t1.deliveries), f2(t1.seconds), f1(t1.deliveries / t1.seconds), f1(t1.p50), f1(t1.p99)],
      ['two nodes (writers on both, half the readers across)', String(t2.deliveries), f2(t2.seconds), f1(t2.deliveries / t2.seconds), f1(t2.p50), f1(t2.p99)],
    ]);
    console.log(`two nodes / one: deliveries/s ×${f2(t2.deliveries / t2.seconds / (t1.deliveries / t1.seconds))} (goal ≥ 1.0)`);

    console.log(`\n3. audited reads: GET …/entries?limit=500, ${CONFIG.readConnections} connections, ${CONFIG.readSeconds} s per run (mean of two runs each)`);
    const auditedBefore = await store.repos.audit.count();
    const reads: Array<{ two: boolean; result: Awaited<ReturnType<typeof readWorkload>> }> = [];
    for (const two of [false, true, true, false]) reads.push({ two, result: await readWorkload(s, two ? [s.a, s.b] : [s.a]) });
    const mean = (two: boolean) => {
      const xs = reads.filter((r) => r.two === two).map((r) => r.result);
      const avg = (k: 'perSecond' | 'p50' | 'p99') => xs.reduce((n, x) => n + x[k], 0) / xs.length;
      const sum = (k: 'answered' | 'non2xx' | 'errors') => xs.reduce((n, x) => n + x[k], 0);
      return { perSecond: avg('perSecond'), p50: avg('p50'), p99: avg('p99'), answered: sum('answered'), non2xx: sum('non2xx'), errors: sum('errors') };
    };
    const r1 = mean(false);
    const r2 = mean(true);
    const audited = (await store.repos.audit.count()) - auditedBefore;
    table([
      ['', 'reads/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors'],
      ['one node', f1(r1.perSecond), f1(r1.p50), f1(r1.p99), String(r1.non2xx), String(r1.errors)],
      ['two nodes (connections split)', f1(r2.perSecond), f1(r2.p50), f1(r2.p99), String(r2.non2xx), String(r2.errors)],
    ]);
    console.log(`two nodes / one: reads/s ×${f2(r2.perSecond / r1.perSecond)}`);
    console.log(`audit records added meanwhile: ${audited} for ${r1.answered + r2.answered} reads answered; the audit chain ${(await store.repos.audit.verify()).ok ? 'verifies' : 'DOES NOT VERIFY'}`);
    console.log(`\nload average at end ${load()}; all processes (2 nodes, PostgreSQL, Redis, the clients) share this machine's cores`);
  } finally {
    if (setup) await Promise.all([stopNode(setup.a), stopNode(setup.b)]);
    await store.close();
    await redis.stop();
    await pgCluster.stop();
  }
}

await main();
