// The read lane's busiest reads as the repositories now run them (a statement Drizzle built once, run by
// better-sqlite3 directly, rows mapped by decoders worked out once: src/repos/direct-select.ts) against
// the way they ran until 7 December (the reference, written out here: Drizzle builds the query on every
// call and maps every row itself), on the same read-only connection of a county-sized database.
//
// 5,000 chronologies (BENCH_CHRONOLOGIES) of 80 entries each (BENCH_ENTRIES, a tenth of them restricted,
// a twentieth withdrawn), every child in a household of two, a few actions each. Both ways must give the
// same answer (checked first); then they alternate, a batch of calls each, over different chronologies.
// Prints µs of CPU per call and the ratio. Asserts nothing.
//   pnpm --filter @mac/db bench:raw-reads   (BENCH_CHRONOLOGIES, BENCH_ENTRIES, BENCH_ROUNDS)
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dateBounds } from '@mac/domain';
import { buildEntry } from '@mac/domain/testing';
import { and, asc, eq, gte, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import { openDatabase, openReadOnlyDatabase, type MacDb } from '../src/open.js';
import { createRepos } from '../src/repos/index.js';
import type { EntryFilters } from '../src/repos/entries.js';
import { entries } from '../src/schema.js';

const CHRONOLOGIES = Number(process.env.BENCH_CHRONOLOGIES ?? 5_000);
const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 80);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const BATCH = 50;
const AGENCIES = ['oxfordshire-csc', 'east-oxford-gp', 'thames-valley-police'];

/** The references: each read as the repositories wrote it before (Drizzle builds and maps on every call). */
function references(db: MacDb) {
  const { orm } = db;
  const timelineOrder = [asc(entries.dateFirst), asc(entries.time), asc(entries.recordedAt), asc(entries.id), asc(entries.docName)] as const;
  return {
    entriesQuery(chronologyId: string, filters: EntryFilters = {}) {
      const conditions: (SQL | undefined)[] = [eq(entries.chronologyId, chronologyId)];
      if (filters.from) conditions.push(gte(entries.dateLast, filters.from));
      if (filters.to) conditions.push(lte(entries.dateFirst, filters.to));
      if (filters.agencies) conditions.push(filters.agencies.length === 0 ? sql`0` : inArray(entries.agency, [...filters.agencies]));
      if (!filters.includeWithdrawn) conditions.push(eq(entries.status, 'active'));
      if (filters.restrictedVisibleTo !== undefined) conditions.push(or(eq(entries.restricted, false), eq(entries.agency, filters.restrictedVisibleTo)));
      if (filters.after) {
        const a = filters.after;
        conditions.push(sql`(${entries.dateFirst}, ${entries.time}, ${entries.recordedAt}, ${entries.id}, ${entries.docName}) > (${a.dateFirst}, ${a.time}, ${a.recordedAt}, ${a.id}, ${a.docName})`);
      }
      const base = orm.select().from(entries).where(and(...conditions)).orderBy(...timelineOrder);
      if (filters.limit === undefined && !filters.offset) return base.all();
      return base.limit(filters.limit ?? Number.MAX_SAFE_INTEGER).offset(filters.offset ?? 0).all();
    },
  };
}

const dir = mkdtempSync(join(tmpdir(), 'mac-bench-raw-reads-'));
try {
  const file = join(dir, 'mac.sqlite');
  const writer = openDatabase({ file });
  const w = createRepos(writer, { auditKey: new Uint8Array(randomBytes(32)) });
  for (const slug of AGENCIES) w.agencies.upsert({ slug, name: slug, kind: 'childrens-social-care' });
  const lead = w.users.create({ email: 'bench@example.org', name: 'Bench Lead', role: 'lead', agency: AGENCIES[0]!, passwordHash: null });
  const started = Date.now();
  const ids: string[] = [];
  writer.tx(() => {
    for (let i = 0; i < CHRONOLOGIES; i++) {
      const { id } = w.chronologies.create({ child: { givenName: `Child${i}`, familyName: 'Bench', nhsNumber: String(4_000_000_000 + i) }, leadUserId: lead.id, memberAgencies: AGENCIES, addedBy: lead.id });
      ids.push(id);
      const rows = Array.from({ length: ENTRIES }, (_, k) => {
        const agency = AGENCIES[k % AGENCIES.length]!;
        const restricted = k % 10 === 3;
        const entry = buildEntry({ id: `e${k}`, date: `20${10 + (k % 14)}-0${1 + (k % 9)}-1${k % 10}`, agency, restricted, ...(k % 20 === 7 ? { status: 'withdrawn' as const, withdrawnReason: 'wrong child' } : {}) });
        const { first, last } = dateBounds(entry.date);
        return { ...entry, chronologyId: id, docName: restricted ? `${id}/restricted/${agency}` : id, dateFirst: first, dateLast: last, updatedBy: lead.id };
      });
      w.entries.upsertMany(rows);
    }
  });
  console.log(`seeded ${CHRONOLOGIES.toLocaleString('en-GB')} chronologies x ${ENTRIES} entries in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  writer.close();

  const reader = openReadOnlyDatabase({ file });
  const r = createRepos(reader, { auditKey: new Uint8Array(32) });
  const old = references(reader);
  const chronology = (i: number) => ids[(i * 7919) % ids.length]!;
  const reads: Array<{ name: string; old: (i: number) => unknown; now: (i: number) => unknown }> = [
    { name: 'entries.query, a reader', old: (i) => old.entriesQuery(chronology(i), { restrictedVisibleTo: AGENCIES[1] }), now: (i) => r.entries.query(chronology(i), { restrictedVisibleTo: AGENCIES[1] }) },
    {
      name: 'entries.query, withdrawn, a page of 20',
      old: (i) => old.entriesQuery(chronology(i), { restrictedVisibleTo: AGENCIES[1], includeWithdrawn: true, limit: 20 }),
      now: (i) => r.entries.query(chronology(i), { restrictedVisibleTo: AGENCIES[1], includeWithdrawn: true, limit: 20 }),
    },
    {
      name: 'entries.query, after a position',
      old: (i) => old.entriesQuery(chronology(i), { restrictedVisibleTo: AGENCIES[1], after: { dateFirst: '2016-01-01', time: '', recordedAt: '', id: '', docName: '' }, limit: 20 }),
      now: (i) => r.entries.query(chronology(i), { restrictedVisibleTo: AGENCIES[1], after: { dateFirst: '2016-01-01', time: '', recordedAt: '', id: '', docName: '' }, limit: 20 }),
    },
  ];

  console.log(`${ROUNDS} rounds of ${BATCH} calls a way, alternating: µs of CPU per call`);
  console.log(`${'read'.padEnd(44)} ${'reference'.padStart(10)} ${'now'.padStart(8)} ${'ratio'.padStart(7)}`);
  for (const read of reads) {
    // The same answer both ways, or the figures mean nothing.
    for (let i = 0; i < 20; i++) {
      if (JSON.stringify(read.old(i)) !== JSON.stringify(read.now(i))) throw new Error(`${read.name}: the two ways disagree (call ${i})`);
    }
    const cpu = { old: 0, now: 0 };
    for (let round = 0; round < ROUNDS * 2; round++) {
      const way = (round + Math.floor(round / 2)) % 2 === 0 ? 'old' : 'now';
      const start = process.cpuUsage();
      for (let k = 0; k < BATCH; k++) read[way](round * BATCH + k);
      const used = process.cpuUsage(start);
      cpu[way] += used.user + used.system;
    }
    const [ref, cur] = [cpu.old / (ROUNDS * BATCH), cpu.now / (ROUNDS * BATCH)];
    console.log(`${read.name.padEnd(44)} ${ref.toFixed(1).padStart(10)} ${cur.toFixed(1).padStart(8)} ${(ref / cur).toFixed(2).padStart(6)}×`);
  }
  reader.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
