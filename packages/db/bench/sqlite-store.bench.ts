// The SQLite store (worker thread, group commit) against the synchronous repositories on the caller's
// thread (how the server writes today: one transaction, one fsync per record), in the same run on the
// same machine, synchronous=FULL throughout. Prints figures and ratios; asserts nothing (shared machine).
//   pnpm --filter @mac/db bench:sqlite
// What it measures: durable audit appends per second with C concurrent callers (each awaits its own
// append before the next, as a request does), and how long the caller's thread is busy meanwhile
// (event-loop utilisation: the share of time the main thread could not serve anything else).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openSqliteStore } from '../src/sqlite/store.js';
import { openTestDatabase } from '../src/testing.js';

const auditKey = new Uint8Array(randomBytes(32));
const record = (i: number) => ({ actorId: 'u1', actorLabel: 'Una', actorAgency: 'northway-primary', outcome: 'allowed' as const, action: 'entry:read', chronologyId: null, details: { i } });
const TOTAL = Number(process.env.BENCH_APPENDS ?? 4000);

async function measure(name: string, callers: number, append: (i: number) => Promise<unknown> | unknown) {
  const elu0 = performance.eventLoopUtilization();
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (next < TOTAL) await append(next++);
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const elu = performance.eventLoopUtilization(elu0).utilization;
  const perSecond = TOTAL / seconds;
  console.log(`${name.padEnd(44)} ${callers.toString().padStart(3)} callers  ${Math.round(perSecond).toString().padStart(6)}/s  main thread busy ${(elu * 100).toFixed(0).padStart(3)}%`);
  return perSecond;
}

const dirs: string[] = [];
const dir = () => {
  const d = mkdtempSync(join(tmpdir(), 'mac-bench-store-'));
  dirs.push(d);
  return d;
};

for (const callers of [1, 16, 64]) {
  const sync = openTestDatabase({ auditKey });
  const reference = await measure('reference: sync repositories, main thread', callers, (i) => sync.repos.audit.append(record(i)));
  sync.cleanup();
  const worker = await openSqliteStore({ dataDir: dir() }, { auditKey, thread: 'worker' });
  const w = await measure('store, worker thread (group commit)', callers, (i) => worker.repos.audit.append(record(i)));
  const batches = worker.stats();
  await worker.close();
  const inline = await openSqliteStore({ dataDir: dir() }, { auditKey, thread: 'inline' });
  const n = await measure('store, inline (group commit, main thread)', callers, (i) => inline.repos.audit.append(record(i)));
  await inline.close();
  console.log(`  ratio to reference: worker ${(w / reference).toFixed(2)}×, inline ${(n / reference).toFixed(2)}×; worker batches ${batches.batches} for ${batches.calls} calls (${(batches.calls / batches.batches).toFixed(1)} a commit)\n`);
}
for (const d of dirs) rmSync(d, { recursive: true, force: true });
