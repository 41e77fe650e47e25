// The read lane's busiest reads as the repositories now run them (a statement Drizzle built once, run by
// better-sqlite3 directly, rows mapped by decoders worked out once: src/repos/direct-select.ts) against
// the way they ran until 7 December (the reference, written out here: Drizzle builds the query on every
// call and maps every row itself), on one connection of a county-sized database.
//
// 5,000 chronologies (BENCH_CHRONOLOGIES) of 80 entries each (BENCH_ENTRIES, a tenth of them restricted,
// a twentieth withdrawn), every child in a household of two, three actions and two people (one flagged)
// each, a read in the audit log of every other one, a few break-glass grants, 20 sessions. Both ways must give the
// same answer (checked first); then they alternate, a batch of calls each, over different chronologies.
// Prints µs of CPU per call and the ratio. Asserts nothing.
//   pnpm --filter @mac/db bench:raw-reads   (BENCH_CHRONOLOGIES, BENCH_ENTRIES, BENCH_ROUNDS)
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dateBounds } from '@mac/domain';
import { buildEntry } from '@mac/domain/testing';
import { and, asc, count, eq, gt, gte, inArray, isNull, lt, lte, max, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { openDatabase, type MacDb } from '../src/open.js';
import { createRepos } from '../src/repos/index.js';
import type { EntryFilters } from '../src/repos/entries.js';
import { inList } from '../src/repos/context.js';
import { groupSiblings } from '../src/repos/households.js';
import { peopleVersion, versionsSelect } from '../src/repos/people.js';
import { actionOrder, toAction } from '../src/repos/actions.js';
import { livenessColumns } from '../src/repos/sessions.js';
import { actions, agencies, auditLog, breakGlassGrants, entries, householdMembers, patternReviews, personLinks, sessions, users } from '../src/schema.js';

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
    countByChronology(ids: readonly string[], agency: string) {
      return orm
        .select({ chronologyId: entries.chronologyId, n: count() })
        .from(entries)
        .where(and(inList(entries.chronologyId, ids), eq(entries.status, 'active'), or(eq(entries.restricted, false), eq(entries.agency, agency))))
        .groupBy(entries.chronologyId)
        .all();
    },
    lastChange(ids: readonly string[], agency: string) {
      return orm
        .select({ chronologyId: entries.chronologyId, at: max(entries.updatedAt) })
        .from(entries)
        .where(and(inList(entries.chronologyId, ids), or(eq(entries.restricted, false), eq(entries.agency, agency))))
        .groupBy(entries.chronologyId)
        .all();
    },
    siblingsOf(ids: readonly string[]) {
      const other = alias(householdMembers, 'other');
      return orm
        .select({ chronologyId: householdMembers.chronologyId, sibling: other.chronologyId })
        .from(householdMembers)
        .innerJoin(other, and(eq(other.householdId, householdMembers.householdId), isNull(other.removedAt), ne(other.chronologyId, householdMembers.chronologyId)))
        .where(and(inList(householdMembers.chronologyId, ids), isNull(householdMembers.removedAt)))
        .orderBy(asc(other.id))
        .all();
    },
    actionsOf: (chronologyId: string) => orm.select().from(actions).where(eq(actions.chronologyId, chronologyId)).orderBy(...actionOrder).all(),
    overdueCounts: (ids: readonly string[], today: string) =>
      orm.select({ chronologyId: actions.chronologyId, n: count() }).from(actions).where(and(eq(actions.status, 'open'), lt(actions.dueDate, today), inList(actions.chronologyId, ids))).groupBy(actions.chronologyId).all(),
    agencies: () => orm.select().from(agencies).orderBy(asc(agencies.name), asc(agencies.slug)).all(),
    activeForUser: (userId: string, at: string) => orm.select().from(breakGlassGrants).where(and(eq(breakGlassGrants.userId, userId), gt(breakGlassGrants.expiresAt, at))).orderBy(asc(breakGlassGrants.grantedAt)).all(),
    versionsOf: (ids: readonly string[]) => versionsSelect(db).where(inList(personLinks.chronologyId, ids)).groupBy(personLinks.chronologyId).all(),
    firstAllowed: (actorId: string, ids: readonly string[], names: readonly string[]) =>
      orm
        .select({ chronologyId: sql<string>`${auditLog.chronologyId}`, seq: sql<number>`min(${auditLog.seq})` })
        .from(auditLog)
        .where(and(eq(auditLog.actorId, actorId), eq(auditLog.outcome, 'allowed'), sql`+${inList(auditLog.chronologyId, ids)}`, inList(auditLog.action, names)))
        .groupBy(auditLog.chronologyId)
        .all(),
    livenessOf: (hashes: readonly string[]) => orm.select(livenessColumns).from(sessions).innerJoin(users, eq(users.id, sessions.userId)).where(inList(sessions.idHash, hashes)).all(),
    reviewCounts: (ids: readonly string[]) =>
      orm.select({ chronologyId: patternReviews.chronologyId, n: count() }).from(patternReviews).where(inList(patternReviews.chronologyId, ids)).groupBy(patternReviews.chronologyId).all(),
  };
}

/** Figures without the zeros the repositories add for chronologies without rows (the references leave them out). */
const strip = (figures: Record<string, unknown>) => sorted(Object.entries(figures).filter(([, v]) => v !== 0 && v !== null));
const sorted = (pairs: Array<[string, unknown]>) => Object.fromEntries(pairs.sort(([a], [b]) => (a < b ? -1 : 1)));

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
      // Every two children a household; three actions, two people (one flagged) each.
      if (i % 2 === 1) w.households.create({ name: null, createdBy: lead.id, children: [ids[i - 1]!, id].map((chronologyId) => ({ chronologyId, relationship: 'sibling', from: null, to: null })) });
      for (let k = 0; k < 3; k++) {
        w.actions.create({ chronologyId: id, title: `Action ${k}`, notes: '', ownerAgency: AGENCIES[k]!, ownerUserId: lead.id, dueDate: `2026-1${k}-01`, source: 'entry', sourceRef: '', entryIds: [], createdBy: lead.id });
      }
      for (let k = 0; k < 2; k++) {
        const person = w.people.create({ givenName: `P${k}`, familyName: 'Bench', nameKey: `p${k} bench ${i}`, dateOfBirth: null, householdId: null, createdBy: lead.id, createdAgency: AGENCIES[0]!, links: [{ chronologyId: id, relationship: 'parent', from: null, to: null }] });
        if (k === 0) w.people.addFlag({ personId: person.id, kind: 'risk', reason: 'bench', sharing: 'all', agency: AGENCIES[0]!, createdBy: lead.id, createdByName: 'Bench Lead' });
      }
      if (i % 2 === 0) w.audit.append({ actorId: lead.id, actorLabel: 'Bench Lead', actorAgency: AGENCIES[0]!, action: 'entries.list', outcome: 'allowed', chronologyId: id });
      if (i % 500 === 0) w.breakGlass.create({ chronologyId: id, userId: lead.id, reason: 'bench', expiresAt: '2999-01-01T00:00:00.000Z' });
    }
    for (let k = 0; k < 20; k++) w.sessions.create({ idHash: String(k).padStart(64, '0'), userId: lead.id, expiresAt: '2999-01-01T00:00:00.000Z', ip: null, userAgent: 'bench' });
  });
  console.log(`seeded ${CHRONOLOGIES.toLocaleString('en-GB')} chronologies x ${ENTRIES} entries in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  writer.close();

  // A writing connection: the read-only one keeps the caseload's figures (kept-figures.ts), which would
  // serve the repositories' figures from memory after the first call.
  const reader = openDatabase({ file });
  const r = createRepos(reader, { auditKey: new Uint8Array(32) });
  const old = references(reader);
  const chronology = (i: number) => ids[(i * 7919) % ids.length]!;
  // 50 chronologies, as a caseload page asks for.
  const page = (i: number) => Array.from({ length: 50 }, (_, k) => ids[(i * 50 + k) % ids.length]!);
  const at = '2026-12-07T12:00:00.000Z';
  const hashes = Array.from({ length: 20 }, (_, k) => String(k).padStart(64, '0'));
  // The repositories' answers are made from these rows: each way's rows in the same shape.
  const byId = <T extends { chronologyId: string }>(rows: T[], value: (row: T) => unknown) => sorted(rows.map((row) => [row.chronologyId, value(row)]));
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
    { name: 'entries.countByChronology, 50', old: (i) => byId(old.countByChronology(page(i), AGENCIES[1]!), (r) => r.n), now: (i) => strip(r.entries.countByChronology(page(i), AGENCIES[1]!)) },
    { name: 'entries.lastChange, 50', old: (i) => byId(old.lastChange(page(i), AGENCIES[1]!), (r) => r.at), now: (i) => strip(r.entries.lastChange(page(i), AGENCIES[1]!)) },
    { name: 'households.siblingsOf, 50', old: (i) => groupSiblings(old.siblingsOf(page(i))), now: (i) => r.households.siblingsOf(page(i)) },
    { name: 'actions.listForChronology', old: (i) => old.actionsOf(chronology(i)).map(toAction), now: (i) => r.actions.listForChronology(chronology(i)) },
    { name: 'actions.overdueCounts, 50', old: (i) => byId(old.overdueCounts(page(i), '2026-11-15'), (r) => r.n), now: (i) => strip(r.actions.overdueCounts(page(i), '2026-11-15')) },
    { name: 'agencies.list', old: () => old.agencies(), now: () => r.agencies.list() },
    { name: 'breakGlass.activeForUser', old: () => old.activeForUser(lead.id, at), now: () => r.breakGlass.activeForUser(lead.id, at) },
    { name: 'people.versionsOf, 50', old: (i) => byId(old.versionsOf(page(i)), ({ chronologyId: _, ...v }) => peopleVersion(v)), now: (i) => r.people.versionsOf(page(i)) },
    { name: 'audit.firstAllowed, 50', old: (i) => byId(old.firstAllowed(lead.id, page(i), ['entries.list']), (r) => r.seq), now: (i) => r.audit.firstAllowed(lead.id, page(i), ['entries.list']) },
    { name: 'sessions.livenessOf, 20', old: () => old.livenessOf(hashes), now: () => r.sessions.livenessOf(hashes) },
    { name: 'patternReviews.countByChronology, 50', old: (i) => byId(old.reviewCounts(page(i)), (r) => r.n), now: (i) => strip(r.patternReviews.countByChronology(page(i))) },
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
