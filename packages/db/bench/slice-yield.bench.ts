// Small commits beside an import (slice-yield.ts): how long a small durable write (a sign-in's audit record,
// an audited read's) waits while an import is stored 50 entries a slice, with the slice yielding to it and
// without (the reference: every call queued goes in the next batch, the slice's transaction), in the same
// run, alternating rounds, on the SQLite store in its worker thread (synchronous=FULL). Prints p50/p99 of the
// small writes, the import's time, and the ratios. Asserts nothing (shared machine).
//   pnpm --filter @mac/db bench:slice-yield      (BENCH_ROUNDS=6, BENCH_SLICES=40)
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildEntry } from '@mac/domain/testing';
import type { PersistWrite } from '../src/port.js';
import { openSqliteStore } from '../src/sqlite/store.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
const SLICES = Number(process.env.BENCH_SLICES ?? 40);
/** The server's IMPORT_SLICE. */
const SLICE = 50;
/** A small write every few milliseconds while the import runs: the county bench's audited actions. */
const GAP_MS = 3;
const auditKey = new Uint8Array(randomBytes(32));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const slice = (chronologyId: string, importId: string, n: number): PersistWrite => ({
  docName: chronologyId,
  chronologyId,
  update: new Uint8Array(randomBytes(SLICE * 600)),
  claims: [],
  actor: { id: 'importer', name: 'Importer', agency: 'tvp' },
  meta: { via: 'import', ip: null, importId },
  changes: Array.from({ length: SLICE }, (_, i) => {
    const entry = buildEntry({ id: `e-${n}-${i}-${randomUUID()}`, summary: `Imported entry ${n}.${i}: home visit, concerns noted about supervision and school attendance` });
    return { entryId: entry.id, kind: 'create' as const, before: null, after: entry, fields: ['summary'] };
  }),
});

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

async function round(sliceYield: boolean): Promise<{ small: number[]; importMs: number; commits: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'mac-bench-slice-'));
  const store = await openSqliteStore({ dataDir: dir }, { auditKey, thread: 'worker', sliceYield });
  try {
    await store.repos.agencies.upsert({ slug: 'tvp', name: 'Thames Valley Police', kind: 'police' });
    const lead = await store.repos.users.create({ email: 'lead@tvp.example', name: 'Lena', role: 'lead', agency: 'tvp', passwordHash: null });
    const { id } = await store.repos.chronologies.create({ child: { givenName: 'Ada', familyName: 'Example' }, leadUserId: lead.id, memberAgencies: ['tvp'], addedBy: lead.id });
    const importId = randomUUID();
    const slices = Array.from({ length: SLICES }, (_, n) => slice(id, importId, n));
    let importing = true;
    const before = store.stats().batches;
    const t0 = performance.now();
    // The import: one slice after another, as the rooms' write queue sends them.
    const imported = (async () => {
      for (const s of slices) await store.persistBatch([s]);
      importing = false;
    })();
    const small: number[] = [];
    const pending: Promise<unknown>[] = [];
    for (let i = 0; importing; i++) {
      const asked = performance.now();
      pending.push(store.repos.audit.append({ actorId: 'u1', actorLabel: 'Una', actorAgency: 'tvp', action: 'auth:login', outcome: 'allowed', details: { i } }).then(() => small.push(performance.now() - asked)));
      await sleep(GAP_MS);
    }
    await imported;
    const importMs = performance.now() - t0;
    await Promise.all(pending);
    return { small, importMs, commits: store.stats().batches - before };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(`slice-yield bench: ${ROUNDS} rounds each way, an import of ${SLICES} slices of ${SLICE} entries, a small write every ${GAP_MS} ms meanwhile; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
const results: Record<'yield' | 'reference', { small: number[]; importMs: number[] }> = { yield: { small: [], importMs: [] }, reference: { small: [], importMs: [] } };
for (let r = 0; r < ROUNDS; r++) {
  for (const which of r % 2 === 0 ? (['reference', 'yield'] as const) : (['yield', 'reference'] as const)) {
    const { small, importMs, commits } = await round(which === 'yield');
    results[which].small.push(...small);
    results[which].importMs.push(importMs);
    console.log(`  round ${r + 1} ${which.padEnd(9)} small writes n=${String(small.length).padStart(4)} p50 ${pct(small, 50).toFixed(1).padStart(6)} ms  p99 ${pct(small, 99).toFixed(1).padStart(6)} ms  import ${importMs.toFixed(0).padStart(5)} ms  commits ${commits}`);
  }
}
const y = results.yield;
const ref = results.reference;
const line = (name: string, v: { small: number[]; importMs: number[] }) =>
  `${name.padEnd(32)} small writes p50 ${pct(v.small, 50).toFixed(1).padStart(6)} ms  p99 ${pct(v.small, 99).toFixed(1).padStart(6)} ms  max ${Math.max(...v.small).toFixed(1).padStart(6)} ms   import median ${pct(v.importMs, 50).toFixed(0).padStart(5)} ms`;
console.log(line('reference (slice takes all)', ref));
console.log(line('slice yields (ours)', y));
console.log(
  `ratio yield/reference: small writes p50 ${(pct(y.small, 50) / pct(ref.small, 50)).toFixed(2)}×  p99 ${(pct(y.small, 99) / pct(ref.small, 99)).toFixed(2)}×   import ${(pct(y.importMs, 50) / pct(ref.importMs, 50)).toFixed(2)}×; load average now ${loadavg().map((l) => l.toFixed(1)).join(' ')}`,
);
