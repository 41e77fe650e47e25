// Delivery latency of live updates: our room manager (SQLite persistence on its worker thread, every update
// durable before it is broadcast) against the reference y-websocket server (@y/websocket-server 0.1.1, in memory only).
//
// Each server runs in its own child process (fresh for every workload, so peak RSS is per server and
// workload); the clients are stock y-websocket WebsocketProviders in this process. A writer adds
// entry-shaped Y.Maps, one per transaction, at a steady pace, stamping the time into the entry; every
// other client measures the delay until the entry reaches it.
//
// The reference stores nothing; we commit every update to SQLite (synchronous=FULL: an fsync of the WAL)
// before anyone sees it, so the disk's fsync time is printed too: it is the floor under our latency. A
// third server in the same run, the durable reference, is the same stock server with each update a client
// sends appended to a file and fdatasync'd before the library applies and broadcasts it (bench-server.ts):
// what durability before broadcast costs the stock server itself, the fairest reference for ours.
//
//   pnpm --filter @mac/sync bench
//   BENCH_CLIENTS=20 BENCH_ENTRIES=300 BENCH_DOCS=10 BENCH_DOC_CLIENTS=5 BENCH_DOC_ENTRIES=100 BENCH_PACE_MS=20
//   BENCH_SQLITE_THREAD=inline  diagnosis: our SQLite connection on the event loop instead of its worker thread
//   BENCH_PROFILE=<dir>     a CPU profile of each server process
//   MAC_LATENCY_TRACE=1     where our server's time goes: each stage of an update's way through it, p50/p99
//   BENCH_SERVERS=reference,ours   a subset of reference, durable-reference, ours (default all three)
//   BENCH_PG=1              ours on PostgreSQL as well (ours-pg: a throwaway PostgreSQL 15, fsync on), with
//                           its ratios to the reference and to ours on SQLite
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { openSqliteStore } from '@mac/db';
import { buildEntry, buildPrincipal } from '@mac/domain/testing';
import { getEntriesMap, storedFieldsOf, writeNewEntry } from '../src/doc-model.js';
import { sharedDocName } from '../src/doc-names.js';
import { createClient, waitForSync, type TestClient } from '../src/testing.js';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const CONFIG = {
  clients: env('BENCH_CLIENTS', 20),
  entries: env('BENCH_ENTRIES', 300),
  docs: env('BENCH_DOCS', 10),
  docClients: env('BENCH_DOC_CLIENTS', 5),
  docEntries: env('BENCH_DOC_ENTRIES', 100),
  paceMs: env('BENCH_PACE_MS', 20),
  warmupEntries: env('BENCH_WARMUP', 50),
};

const writer = buildPrincipal({ id: 'bench-writer', agency: 'thames-valley-police', name: 'Bench Writer' });
// One principal per reader: the room manager allows 20 connections per principal.
const reader = (i: number) => buildPrincipal({ id: `bench-reader-${i}`, agency: 'northway-primary', name: `Bench Reader ${i}` });

type ServerKind = 'ours' | 'ours-pg' | 'reference' | 'durable-reference';
// BENCH_PG=1: ours on PostgreSQL too (a throwaway PostgreSQL 15 per workload, started in the server's process).
const KINDS: readonly ServerKind[] = ['reference', 'durable-reference', 'ours', ...(process.env.BENCH_PG === '1' ? (['ours-pg'] as const) : [])];

type Trace = Record<string, { count: number; p50: number; p99: number; mean: number }> | null;

interface ServerProcess {
  url: string;
  stats(): Promise<{ maxRssBytes: number; trace: Trace }>;
  resetTrace(): void;
  stop(): Promise<void>;
}

async function startServer(kind: ServerKind): Promise<ServerProcess> {
  const child: ChildProcess = fork(fileURLToPath(new URL('./bench-server.ts', import.meta.url)), [kind], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // BENCH_PROFILE=<dir>: a CPU profile of each server process, for finding where the time goes.
    execArgv: [...process.execArgv, ...(process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [])],
  });
  const next = <T>(type: string) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (msg: { type: string }) => {
        if (msg.type !== type) return;
        child.off('message', onMessage);
        resolve(msg as T);
      };
      child.on('message', onMessage);
      child.once('exit', (code) => reject(new Error(`${kind} server exited (${code})`)));
    });
  const { port } = await next<{ port: number }>('ready');
  return {
    url: `ws://127.0.0.1:${port}/sync`,
    async stats() {
      const reply = next<{ maxRssBytes: number; trace: Trace }>('stats');
      child.send({ type: 'stats' });
      return reply;
    },
    resetTrace() {
      child.send({ type: 'trace-reset' });
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'stop' });
      await exited;
    },
  };
}

interface Room {
  docName: string;
  clients: TestClient[];
}

async function openRoom(url: string, clients: number): Promise<Room> {
  const docName = sharedDocName(randomUUID());
  const list = Array.from({ length: clients }, (_, i) => createClient({ url }, docName, i === 0 ? writer : reader(i)));
  await Promise.all(list.map((c) => waitForSync(c.provider, 20_000)));
  return { docName, clients: list };
}

/** Writes `count` entries from the room's first client at the pace; records each delivery's latency. */
function runWriter(room: Room, count: number, paceMs: number, latencies: number[] | null): Promise<{ firstSend: number; lastDelivery: number }> {
  const expected = count * (room.clients.length - 1);
  let delivered = 0;
  let firstSend = Number.NaN;
  let lastDelivery = 0;
  return new Promise((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error(`only ${delivered}/${expected} deliveries arrived`)), 60_000 + count * paceMs * 2);
    for (const client of room.clients.slice(1)) {
      getEntriesMap(client.doc).observe((event) => {
        const now = performance.now();
        for (const key of event.keysChanged) {
          const stamp = Number(storedFieldsOf(getEntriesMap(client.doc).get(key))?.sourceRef);
          latencies?.push(now - stamp);
          delivered++;
          lastDelivery = now;
        }
        if (delivered === expected) {
          clearTimeout(timeout);
          resolve({ firstSend, lastDelivery });
        }
      });
    }
    let written = 0;
    const doc = room.clients[0]!.doc;
    const tick = setInterval(() => {
      const stamp = performance.now();
      if (written === 0) firstSend = stamp;
      writeNewEntry(doc, buildEntry({ id: randomUUID(), agency: writer.agency, authorId: writer.id, summary: `Bench entry ${written}`, sourceRef: String(stamp) }));
      if (++written === count) clearInterval(tick);
    }, paceMs);
  });
}

interface Result {
  server: ServerKind;
  workload: string;
  p50: number;
  p99: number;
  mean: number;
  max: number;
  deliveriesPerSecond: number;
  peakRssMb: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function runWorkload(kind: ServerKind, workload: 'one' | 'many'): Promise<Result> {
  const server = await startServer(kind);
  const rooms: Room[] = [];
  try {
    // Warm up the server's and the clients' code paths on a room of its own.
    const warm = await openRoom(server.url, 5);
    rooms.push(warm);
    await runWriter(warm, CONFIG.warmupEntries, 5, null);
    server.resetTrace();

    const latencies: number[] = [];
    let span: { firstSend: number; lastDelivery: number };
    let label: string;
    if (workload === 'one') {
      label = `${CONFIG.clients} clients × ${CONFIG.entries} entries, 1 doc`;
      const room = await openRoom(server.url, CONFIG.clients);
      rooms.push(room);
      span = await runWriter(room, CONFIG.entries, CONFIG.paceMs, latencies);
    } else {
      label = `${CONFIG.docs} docs × ${CONFIG.docClients} clients × ${CONFIG.docEntries} entries`;
      const many = await Promise.all(Array.from({ length: CONFIG.docs }, () => openRoom(server.url, CONFIG.docClients)));
      rooms.push(...many);
      // Writers start staggered across one pace interval, as independent meetings would.
      const spans = await Promise.all(
        many.map(
          (room, i) =>
            new Promise<{ firstSend: number; lastDelivery: number }>((resolve, reject) =>
              setTimeout(() => runWriter(room, CONFIG.docEntries, CONFIG.paceMs, latencies).then(resolve, reject), (i * CONFIG.paceMs) / CONFIG.docs),
            ),
        ),
      );
      span = { firstSend: Math.min(...spans.map((s) => s.firstSend)), lastDelivery: Math.max(...spans.map((s) => s.lastDelivery)) };
    }
    const { maxRssBytes, trace } = await server.stats();
    if (trace !== null) printTrace(label, trace);
    latencies.sort((a, b) => a - b);
    return {
      server: kind,
      workload: label,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      mean: latencies.reduce((a, b) => a + b, 0) / latencies.length,
      max: latencies[latencies.length - 1]!,
      deliveriesPerSecond: (latencies.length / (span.lastDelivery - span.firstSend)) * 1000,
      peakRssMb: maxRssBytes / 1024 / 1024,
    };
  } finally {
    for (const room of rooms) for (const c of room.clients) c.destroy();
    await server.stop();
  }
}

/** Our server's stages (MAC_LATENCY_TRACE=1): spans in ms, counts as they are. */
function printTrace(label: string, trace: NonNullable<Trace>) {
  console.log(`    where ours spends an update's time (${label}; ms; each stage on its own, so they need not add up):`);
  for (const [stage, s] of Object.entries(trace)) {
    const count = stage.includes('(count)') || stage.includes('per batch');
    const f = (us: number) => (count ? us.toFixed(1) : (us / 1000).toFixed(3));
    console.log(`      ${stage.padEnd(58)} n=${String(s.count).padStart(6)}  p50 ${f(s.p50).padStart(8)}  p99 ${f(s.p99).padStart(8)}  mean ${f(s.mean).padStart(8)}`);
  }
}

function printTable(results: Result[]) {
  const fmt = (n: number, digits = 2) => n.toFixed(digits);
  const rows = [['workload', 'server', 'p50 ms', 'p99 ms', 'mean ms', 'max ms', 'deliveries/s', 'peak RSS MB']];
  for (const r of results) rows.push([r.workload, r.server, fmt(r.p50), fmt(r.p99), fmt(r.mean), fmt(r.max), fmt(r.deliveriesPerSecond, 0), fmt(r.peakRssMb, 1)]);
  const ratios: Array<[ServerKind, ServerKind, string]> = [
    ['ours', 'reference', 'ratio ours/ref'],
    ['ours', 'durable-reference', 'ratio ours/durable ref'],
    ['durable-reference', 'reference', 'ratio durable ref/ref'],
    ['ours-pg', 'reference', 'ratio ours on PG/ref'],
    ['ours-pg', 'ours', 'ratio ours on PG/SQLite'],
  ];
  for (const workload of [...new Set(results.map((r) => r.workload))]) {
    for (const [a, b, label] of ratios) {
      const x = results.find((r) => r.workload === workload && r.server === a);
      const y = results.find((r) => r.workload === workload && r.server === b);
      if (!x || !y) continue;
      rows.push([
        workload,
        label,
        fmt(x.p50 / y.p50),
        fmt(x.p99 / y.p99),
        fmt(x.mean / y.mean),
        fmt(x.max / y.max),
        fmt(x.deliveriesPerSecond / y.deliveriesPerSecond),
        fmt(x.peakRssMb / y.peakRssMb),
      ]);
    }
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  console.log(line(rows[0]!));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows.slice(1)) console.log(line(r));
}

/** The floor under our latency: one fdatasync in the temp dir (SQLite FULL syncs the WAL per commit). */
function probeFsync(): { p50: number; p99: number } {
  const dir = mkdtempSync(join(tmpdir(), 'mac-fsync-'));
  const fd = openSync(join(dir, 'probe'), 'w');
  const times: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    writeSync(fd, Buffer.alloc(700));
    fdatasyncSync(fd);
    times.push(performance.now() - t);
  }
  closeSync(fd);
  rmSync(dir, { recursive: true, force: true });
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

/**
 * The floor under our latency, as the server pays it: one update stored by the store's unit of work
 * (`appendUpdates`: a transaction of one row, synchronous=FULL), one at a time, on the caller's thread
 * (the commit alone) and through the store's worker thread (the commit and the two thread hops).
 */
async function probeCommit(thread: 'inline' | 'worker'): Promise<{ p50: number; p99: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'mac-commit-'));
  const store = await openSqliteStore({ dataDir: dir }, { auditKey: new Uint8Array(32).fill(7), thread });
  const update = new Uint8Array(700).fill(1);
  const times: number[] = [];
  try {
    for (let i = 0; i < 220; i++) {
      const t = performance.now();
      await store.appendUpdates([{ docName: `probe-${i % 10}`, update, claims: [], principalId: 'probe' }]);
      if (i >= 20) times.push(performance.now() - t);
    }
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

async function main() {
  // Every WebsocketProvider listens for process 'exit'.
  process.setMaxListeners(0);
  console.log(`sync bench: pace ${CONFIG.paceMs} ms, node ${process.version}`);
  const results: Result[] = [];
  const kinds = process.env.BENCH_SERVERS === undefined ? KINDS : KINDS.filter((k) => process.env.BENCH_SERVERS!.split(',').includes(k));
  for (const workload of ['one', 'many'] as const) {
    for (const kind of kinds) {
      process.stdout.write(`  running ${kind} / ${workload}…\n`);
      results.push(await runWorkload(kind, workload));
    }
  }
  printTable(results);
  const fsync = probeFsync();
  console.log(`\ndisk: one fdatasync in ${tmpdir()} takes p50 ${fsync.p50.toFixed(2)} ms, p99 ${fsync.p99.toFixed(2)} ms (ours pays one per commit before broadcasting)`);
  const inline = await probeCommit('inline');
  const worker = await probeCommit('worker');
  console.log(`one update stored alone (appendUpdates, synchronous=FULL): p50 ${inline.p50.toFixed(2)} / p99 ${inline.p99.toFixed(2)} ms on the caller's thread, p50 ${worker.p50.toFixed(2)} / p99 ${worker.p99.toFixed(2)} ms through the worker thread (ours's floor)`);
  console.log(`our SQLite connection: ${process.env.BENCH_SQLITE_THREAD === 'inline' ? 'on the event loop (diagnosis run)' : 'on its worker thread, as deployed'}; synchronous=FULL`);
}

await main();
