// A server for the benchmark, in its own process so that its peak RSS is its own.
//   tsx bench/bench-server.ts ours       — our room manager over a real SQLite file (persistence on)
//   tsx bench/bench-server.ts reference  — @y/websocket-server 0.1.1 setupWSConnection, no persistence
//   tsx bench/bench-server.ts durable-reference — the same, each update a client sends appended to a file
//                                          and fdatasync'd on the event loop before the library applies
//                                          (and so broadcasts) it: the stock server made durable the simplest way
//   tsx bench/bench-server.ts ours-pg    — our room manager over a throwaway PostgreSQL 15 (fsync on)
// Tells the parent its port over IPC, answers { type: 'stats' } with its peak RSS, exits on { type: 'stop' }.
import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { startSyncServer } from '../src/testing.js';

type Stop = () => Promise<void>;

/** A y-websocket message that carries an update: messageSync (0), then syncStep2 (1) or update (2). */
const carriesUpdate = (bytes: Uint8Array) => bytes[0] === 0 && (bytes[1] === 1 || bytes[1] === 2);

async function startReference(durable: boolean): Promise<{ port: number; stop: Stop }> {
  // Imported here so the 'ours' process never loads it (nor its yjs setup).
  const { setupWSConnection } = (await import('@y/websocket-server/utils')) as unknown as {
    setupWSConnection: (ws: unknown, req: unknown, opts: { docName: string; gc: boolean }) => void;
  };
  const wss = new WebSocketServer({ noServer: true });
  const dir = durable ? mkdtempSync(join(tmpdir(), 'mac-bench-durable-ref-')) : null;
  const log = dir === null ? null : openSync(join(dir, 'updates.log'), 'a');
  const http = createServer((_req, res) => res.writeHead(404).end());
  http.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const docName = decodeURIComponent(url.pathname.slice('/sync/'.length));
    wss.handleUpgrade(req, socket, head, (ws) => {
      // Registered before the library's own listener, so it runs first (listeners run in order): the
      // update is on disk before the library applies it and its update handler broadcasts it.
      if (log !== null) {
        ws.on('message', (data: ArrayBuffer | Buffer | Buffer[]) => {
          const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : Array.isArray(data) ? Buffer.concat(data) : data;
          if (!carriesUpdate(bytes)) return;
          const length = Buffer.alloc(4);
          length.writeUInt32LE(bytes.byteLength);
          writeSync(log, length);
          writeSync(log, bytes);
          fdatasyncSync(log);
        });
      }
      setupWSConnection(ws, req, { docName, gc: true });
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    port: (http.address() as AddressInfo).port,
    stop: async () => {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      if (log !== null) closeSync(log);
      if (dir !== null) rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function startOurs(): Promise<{ port: number; stop: Stop }> {
  // As deployed: SQLite on its worker thread (BENCH_SQLITE_THREAD=inline to compare with the connection
  // on the event loop), synchronous=FULL always (the store owns its connection).
  const thread = process.env.BENCH_SQLITE_THREAD === 'inline' ? 'inline' : 'worker';
  const server = await startSyncServer({ idleUnloadMs: 60_000, thread });
  return { port: server.port, stop: () => server.close() };
}

/** Ours on PostgreSQL: a throwaway cluster of its own (fsync and synchronous commit on), fresh per workload. */
async function startOursPg(): Promise<{ port: number; stop: Stop }> {
  const [{ startPgCluster }, { openPgStore }] = await Promise.all([import('@mac/db/pg-testing'), import('@mac/db')]);
  const cluster = await startPgCluster({ durable: true });
  try {
    const store = await openPgStore({ url: await cluster.freshDatabase('mac_sync_bench'), auditKey: new Uint8Array(32).fill(9) });
    const server = await startSyncServer({ idleUnloadMs: 60_000, store });
    return {
      port: server.port,
      stop: async () => {
        await server.close();
        await store.close();
        await cluster.stop();
      },
    };
  } catch (err) {
    await cluster.stop();
    throw err;
  }
}

async function main() {
  const kind = process.argv[2];
  if (kind !== 'ours' && kind !== 'ours-pg' && kind !== 'reference' && kind !== 'durable-reference') throw new Error('usage: bench-server.ts ours|ours-pg|reference|durable-reference');
  const { port, stop } = kind === 'ours' ? await startOurs() : kind === 'ours-pg' ? await startOursPg() : await startReference(kind === 'durable-reference');
  // MAC_LATENCY_TRACE=1: where our server's time goes, stage by stage (packages/db latency-trace.ts).
  const trace = kind === 'ours' && process.env.MAC_LATENCY_TRACE === '1' ? await import('@mac/db') : null;
  // With the trace: this thread's garbage collections and how late its event loop ran, as stages too.
  const loopDelay = trace === null ? null : monitorEventLoopDelay({ resolution: 1 });
  loopDelay?.enable();
  if (trace !== null) {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        const kind = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
        const name = kind === constants.NODE_PERFORMANCE_GC_MAJOR ? 'major' : kind === constants.NODE_PERFORMANCE_GC_MINOR ? 'minor (scavenge)' : 'other';
        trace.traceSpan(`event loop: garbage collection, ${name}`, 0, Math.round(entry.duration * 1000));
      }
    }).observe({ entryTypes: ['gc'] });
  }
  const loopStages = () => {
    if (loopDelay === null) return {};
    const us = (ns: number) => ns / 1000;
    const stage = { count: loopDelay.count, p50: us(loopDelay.percentile(50)), p99: us(loopDelay.percentile(99)), mean: us(loopDelay.mean) };
    return { 'event loop: delay (1 ms timer)': stage, 'event loop: delay, max': { count: 1, p50: us(loopDelay.max), p99: us(loopDelay.max), mean: us(loopDelay.max) } };
  };
  process.on('message', async (msg: { type: string }) => {
    if (msg.type === 'stats') {
      process.send?.({ type: 'stats', maxRssBytes: process.resourceUsage().maxRSS * 1024, rssBytes: process.memoryUsage().rss, trace: trace === null ? null : { ...trace.traceSummary(), ...loopStages() } });
    } else if (msg.type === 'trace-reset') {
      trace?.traceReset();
      loopDelay?.reset();
    } else if (msg.type === 'stop') {
      await stop();
      process.exit(0);
    }
  });
  process.send?.({ type: 'ready', port });
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
