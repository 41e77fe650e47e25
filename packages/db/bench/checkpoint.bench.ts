// Where the WAL is checkpointed, and what the writer's commits cost either way, in one run: the store as
// shipped (a checkpointer thread copies the log; the writer never does, sqlite/checkpointer.ts) against
// SQLite's default (the commit that takes the log past 1,000 frames copies it into the database file and
// fsyncs that, on the writer's thread). Both through the worker thread, synchronous=FULL.
//
// Blocks alternate (thread, writer, thread, writer…), each a fresh store: a paced phase (one write
// awaited, then a pause: a live update's commit, its p50/p99) and a saturated phase (16 callers, as
// `pnpm bench`), so that the shared disk's mood falls on both alike. Prints the median of the blocks and
// the ratios thread/writer. Asserts nothing (shared machine).
//   pnpm --filter @mac/db bench:checkpoint      BENCH_ROUNDS=3 BENCH_PACED=400 BENCH_PACE_MS=4 BENCH_WRITES=3000
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildEntry } from '@mac/domain/testing';
import type { PersistWrite } from '../src/port.js';
import { openSqliteStore } from '../src/sqlite/store.js';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const ROUNDS = env('BENCH_ROUNDS', 3);
const PACED = env('BENCH_PACED', 400);
const PACE_MS = env('BENCH_PACE_MS', 4);
const WRITES = env('BENCH_WRITES', 3000);
const CALLERS = 16;
const auditKey = new Uint8Array(randomBytes(32));

type Mode = 'thread' | 'writer';
interface Block {
  p50: number;
  p99: number;
  max: number;
  perSecond: number;
  checkpoints: number;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
const median = (xs: number[]) => pct([...xs].sort((a, b) => a - b), 0.5);

async function block(mode: Mode): Promise<Block> {
  const dir = mkdtempSync(join(tmpdir(), 'mac-bench-ckpt-'));
  const store = await openSqliteStore({ dataDir: dir }, { auditKey, checkpoints: mode === 'writer' ? { onWriter: true } : process.env.BENCH_CKPT_FRAMES ? { frames: Number(process.env.BENCH_CKPT_FRAMES) } : {} });
  try {
    const r = store.repos;
    await r.agencies.upsert({ slug: 'thames-valley-police', name: 'Thames Valley Police', kind: 'police' });
    const lead = await r.users.create({ email: `lead-${randomUUID()}@tvp.example`, name: 'Lena Lead', role: 'lead', agency: 'thames-valley-police', passwordHash: null });
    const chronologies = await Promise.all(
      Array.from({ length: 10 }, (_, i) => r.chronologies.create({ child: { givenName: `Ada${i}`, familyName: 'Example', dateOfBirth: '2015-03-27' }, leadUserId: lead.id, memberAgencies: ['thames-valley-police'], addedBy: lead.id })),
    );
    let n = 0;
    // One entry written, as a live update carries it: the update, a claim, the projection row (and its
    // search index and version), the audit record.
    const write = (): PersistWrite => {
      const i = n++;
      const chronologyId = chronologies[i % chronologies.length]!.id;
      const entry = buildEntry({ id: `e-${randomUUID()}`, summary: `Bench entry ${i}: home visit, concerns about school attendance and supervision` });
      return {
        docName: chronologyId,
        chronologyId,
        update: new Uint8Array(randomBytes(400)),
        claims: [],
        actor: { id: lead.id, name: 'Lena Lead', agency: 'thames-valley-police' },
        meta: { via: 'websocket', ip: null },
        changes: [{ entryId: entry.id, kind: 'create', before: null, after: entry, fields: ['summary'] }],
      };
    };
    const times: number[] = [];
    for (let i = 0; i < PACED; i++) {
      await new Promise((res) => setTimeout(res, PACE_MS));
      const t = performance.now();
      await store.persistBatch([write()]);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const t0 = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: CALLERS }, async () => {
        while (next++ < WRITES) await store.persistBatch([write()]);
      }),
    );
    const perSecond = WRITES / ((performance.now() - t0) / 1000);
    return { p50: pct(times, 0.5), p99: pct(times, 0.99), max: times.at(-1)!, perSecond, checkpoints: (await store.checkpoints())?.checkpoints ?? 0 };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const results: Record<Mode, Block[]> = { thread: [], writer: [] };
console.log(`checkpoint bench: ${ROUNDS} rounds; paced ${PACED} writes (${PACE_MS} ms apart), then ${WRITES} writes from ${CALLERS} callers; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
for (let round = 0; round < ROUNDS; round++) {
  for (const mode of round % 2 === 0 ? (['thread', 'writer'] as const) : (['writer', 'thread'] as const)) {
    const b = await block(mode);
    results[mode].push(b);
    console.log(`  ${mode.padEnd(6)} paced p50 ${b.p50.toFixed(2)} p99 ${b.p99.toFixed(2)} max ${b.max.toFixed(1)} ms; ${Math.round(b.perSecond)} writes/s (16 callers); checkpointer ran ${b.checkpoints}; load ${loadavg()[0]!.toFixed(1)}`);
  }
}
const summary = (mode: Mode) => ({
  p50: median(results[mode].map((b) => b.p50)),
  p99: median(results[mode].map((b) => b.p99)),
  max: median(results[mode].map((b) => b.max)),
  perSecond: median(results[mode].map((b) => b.perSecond)),
});
const t = summary('thread');
const w = summary('writer');
console.log(`\nmedians of ${ROUNDS}      paced p50   p99     max    writes/s`);
console.log(`checkpointer thread  ${t.p50.toFixed(2).padStart(6)}  ${t.p99.toFixed(2).padStart(6)}  ${t.max.toFixed(1).padStart(6)}  ${Math.round(t.perSecond).toString().padStart(6)}`);
console.log(`writer (SQLite's)    ${w.p50.toFixed(2).padStart(6)}  ${w.p99.toFixed(2).padStart(6)}  ${w.max.toFixed(1).padStart(6)}  ${Math.round(w.perSecond).toString().padStart(6)}`);
console.log(`ratio thread/writer  ${(t.p50 / w.p50).toFixed(2).padStart(6)}  ${(t.p99 / w.p99).toFixed(2).padStart(6)}  ${(t.max / w.max).toFixed(2).padStart(6)}  ${(t.perSecond / w.perSecond).toFixed(2).padStart(6)}`);
console.log(`ratios of each round: ${results.thread.map((b, i) => `p50 ${(b.p50 / results.writer[i]!.p50).toFixed(2)} p99 ${(b.p99 / results.writer[i]!.p99).toFixed(2)} w/s ${(b.perSecond / results.writer[i]!.perSecond).toFixed(2)}`).join('; ')}`);
