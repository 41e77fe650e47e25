// What the pattern rules' read of a chronology costs (entries.patternRows, src/pattern-rows.ts) against the
// whole rows it replaced (entries.query with the same filters), through the real store: the SQLite read
// lane's worker thread, each answer cloned back to this thread. 200 chronologies of 80 entries with text of
// the county bench's lengths (a whole row ~1.1 KB). Calls alternate way by way, one at a time; prints the
// CPU of the whole process (every thread) per call, the wall time per call, and the ratios. Asserts nothing.
//   pnpm --filter @mac/db bench:pattern-rows   (BENCH_ROUNDS)
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dateBounds } from '@mac/domain';
import { buildEntry } from '@mac/domain/testing';
import { openSqliteStore } from '../src/sqlite/store.js';

const CHRONOLOGIES = 200;
const ENTRIES = 80;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2_000);
const words = (n: number, seed: number) => Array.from({ length: n }, (_, i) => ['school', 'visit', 'reported', 'mother', 'concern', 'bruise', 'attendance', 'police'][(seed + i * 7) % 8]).join(' ');

const dir = mkdtempSync(join(tmpdir(), 'mac-bench-pattern-rows-'));
const store = await openSqliteStore({ dataDir: dir }, { auditKey: new Uint8Array(randomBytes(32)) });
try {
  const r = store.repos;
  await r.agencies.upsert({ slug: 'oxfordshire-csc', name: 'CSC', kind: 'childrens-social-care' });
  await r.agencies.upsert({ slug: 'thames-valley-police', name: 'TVP', kind: 'police' });
  const lead = await r.users.create({ email: 'bench@example.org', name: 'Bench Lead', role: 'lead', agency: 'oxfordshire-csc', passwordHash: null });
  const ids: string[] = [];
  for (let c = 0; c < CHRONOLOGIES; c++) {
    const chronology = await r.chronologies.create({ child: { givenName: `Child${c}`, familyName: 'Bench' }, leadUserId: lead.id, memberAgencies: ['oxfordshire-csc', 'thames-valley-police'], addedBy: lead.id });
    ids.push(chronology.id);
    await Promise.all(
      Array.from({ length: ENTRIES }, (_, i) => {
        const day = String(1 + (i % 28)).padStart(2, '0');
        const entry = buildEntry({ id: `e-${c}-${i}`, date: `2024-${String(1 + (i % 12)).padStart(2, '0')}-${day}`, agency: i % 3 === 0 ? 'thames-valley-police' : 'oxfordshire-csc', summary: words(12, i), detail: words(90, i + c), impactOnChild: words(30, i), actionTaken: words(22, c) });
        const { first, last } = dateBounds(entry.date);
        return r.entries.upsert({ ...entry, chronologyId: chronology.id, docName: chronology.id, dateFirst: first, dateLast: last, updatedBy: lead.id });
      }),
    );
  }
  const filters = { restrictedVisibleTo: 'oxfordshire-csc', includeWithdrawn: true };
  const ways = {
    'query (whole rows, the reference)': (id: string) => r.entries.query(id, filters),
    'patternRows': (id: string) => r.entries.patternRows(id, filters),
  } as const;
  const cpu: Record<string, number> = {};
  const wall: Record<string, number> = {};
  for (const name of Object.keys(ways)) cpu[name] = wall[name] = 0;
  // Warm both ways' statements first.
  for (const way of Object.values(ways)) await way(ids[0]!);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, way] of Object.entries(ways)) {
      const id = ids[(round * 7) % ids.length]!;
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await way(id);
      wall[name]! += performance.now() - t0;
      const used = process.cpuUsage(c0);
      cpu[name]! += (used.user + used.system) / 1000;
    }
  }
  const [reference, ours] = Object.keys(ways) as [string, string];
  console.log(`a chronology's entries for the pattern rules, ${CHRONOLOGIES} chronologies x ${ENTRIES} entries, ${ROUNDS} calls each, alternating:`);
  for (const name of Object.keys(ways)) console.log(`  ${name.padEnd(36)} CPU ${(cpu[name]! / ROUNDS).toFixed(3)} ms/call   wall ${(wall[name]! / ROUNDS).toFixed(3)} ms/call`);
  console.log(`  ratio (reference / patternRows): CPU ${(cpu[reference]! / cpu[ours]!).toFixed(2)}x, wall ${(wall[reference]! / wall[ours]!).toFixed(2)}x`);
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
