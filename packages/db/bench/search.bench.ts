// Search across a caseload (issue 15, item 6), measured: 5,000 chronologies × 100 entries seeded straight
// into a database file through the repositories (no websocket), then a set of realistic searches, each run
// through the full-text index (repos.search.entries: FTS5 on SQLite, tsvector + GIN on PostgreSQL) and
// through a naive scan of the same rows under the same visibility rule (LIKE on every text field, newest
// first), in the same run. Prints p50/p99 per query and the ratios; asserts nothing (the machine is shared).
//
//   pnpm bench:search                      SQLite only
//   BENCH_PG=1 pnpm bench:search           and PostgreSQL 15 (a throwaway cluster, packages/db/src/pg/test-cluster.ts)
//   BENCH_CHRONOLOGIES=500 BENCH_ENTRIES=20 BENCH_RUNS=10 pnpm bench:search   smaller
//
// The reader is a practitioner of one agency, a member of about 4 chronologies in 10 (≈200,000 entries
// they may see of 500,000); 5% of entries are restricted, 2% withdrawn. Entry text is drawn from a
// safeguarding vocabulary with a Zipf-like distribution, so some words are in a third of the entries and
// some in a few hundred; a few rare words are planted to look for.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dateBounds, parseSearchQuery, type Entry, type SearchQuery } from '@mac/domain';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/open.js';
import type { Store } from '../src/port.js';
import { createRepos } from '../src/repos/index.js';
import type { EntryProjectionInput } from '../src/repos/entries.js';
import { fts5Match, SQLITE_VISIBLE_TO_READER } from '../src/repos/search.js';
import type { PgExec } from '../src/pg/audit.js';
import { pgTsQuery, pgVisibleToReader } from '../src/pg/search.js';
import { openPgStore } from '../src/pg/store.js';
import { startPgCluster } from '../src/pg/test-cluster.js';

const CHRONOLOGIES = Number(process.env.BENCH_CHRONOLOGIES ?? 5000);
const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 100);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const WITH_PG = process.env.BENCH_PG === '1';
const auditKey = new Uint8Array(randomBytes(32));

const AGENCIES = ['thames-valley-police', 'northway-primary', 'oxford-health-hv', 'oxfordshire-csc', 'oxford-camhs', 'jr-emergency', 'probation-service', 'oxfordshire-lado', 'domestic-abuse-service', 'oxford-housing'];
const READER = { userId: 'reader', agency: 'northway-primary' };

// A deterministic generator: the same data on both backends and in every run.
let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
const VOCABULARY = (
  'child seen school home visit mother father parent concern police attended incident report referral social care health visitor ' +
  'appointment missed attendance absence bruise bruised injury arm leg face explained nursery teacher class lunch playground friend ' +
  'worried upset crying quiet withdrawn angry shouting argument domestic abuse violence neighbour called officers arrived address ' +
  'strategy discussion meeting conference plan review core group safeguarding lead designated assessment early help family support ' +
  'housing move temporary accommodation rent arrears eviction partner new adult household alcohol drugs substance misuse mental ' +
  'anxiety depression medication hospital emergency department paediatric examination doctor nurse school nurse immunisation growth ' +
  'weight height development speech language delay hearing dental decay hygiene clothing dirty hungry food bank breakfast club ' +
  'late collected uncollected missing episode return interview exploitation county lines older peers phone money gifts ' +
  'self harm cuts sleep nightmares bedwetting disclosure said told frightened scared dad mum grandmother aunt sibling brother sister ' +
  'baby pregnancy midwife birth smoking cannabis probation offender released prison contact arrangement court order'
).split(/\s+/);
// Zipf-like: word i is drawn with weight 1/(i+1).
const WEIGHTS = VOCABULARY.map((_, i) => 1 / (i + 1));
const TOTAL = WEIGHTS.reduce((a, b) => a + b, 0);
function word(): string {
  let r = random() * TOTAL;
  for (let i = 0; i < VOCABULARY.length; i++) if ((r -= WEIGHTS[i]!) <= 0) return VOCABULARY[i]!;
  return VOCABULARY[VOCABULARY.length - 1]!;
}
const sentence = (n: number) => Array.from({ length: n }, word).join(' ');
const RARE = ['trampoline', 'skateboard', 'tuberculosis', 'snowstorm'];

const CATEGORIES = ['school-absence', 'police-attendance', 'missed-health-appointment', 'domestic-abuse-incident', 'injury', 'neglect-concern', 'other'];

function entryFor(c: number, i: number): Entry {
  const day = 1 + ((c * 7 + i) % 28);
  const month = 1 + ((c + i) % 12);
  const year = 2019 + (i % 6);
  const agency = pick(AGENCIES);
  // A few entries hold a rare word, somewhere in the detail.
  const rare = random() < 0.002 ? ` ${pick(RARE)}` : '';
  return {
    id: `e-${c}-${i}`,
    date: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    time: '',
    agency,
    category: pick(CATEGORIES),
    summary: sentence(6),
    detail: `${sentence(25)}${rare} ${sentence(10)}`,
    impactOnChild: random() < 0.5 ? sentence(8) : '',
    actionTaken: random() < 0.5 ? sentence(6) : '',
    sourceRef: `REF-${c}-${i}`,
    recordedBy: 'Bench Recorder',
    restricted: random() < 0.05,
    authorId: 'author',
    recordedAt: '2025-01-01T00:00:00.000Z',
    status: random() < 0.02 ? 'withdrawn' : 'active',
    withdrawnReason: '',
    sharing: 'undecided',
    sharingReason: '',
    childsVoice: random() < 0.3 ? sentence(8) : '',
    seenAlone: '',
  };
}

function membersOf(c: number): string[] {
  const members = new Set<string>(['oxfordshire-csc']);
  // The reader's agency in about 40% of chronologies.
  if (c % 5 < 2) members.add(READER.agency);
  while (members.size < 4) members.add(pick(AGENCIES.filter((a) => a !== READER.agency)));
  return [...members];
}

function projection(chronologyId: string, entry: Entry): EntryProjectionInput {
  const docName = entry.restricted ? `${chronologyId}/restricted/${entry.agency}` : chronologyId;
  const { first, last } = dateBounds(entry.date);
  return { ...entry, chronologyId, docName, dateFirst: first, dateLast: last, updatedBy: 'author' };
}

const QUERIES = [
  'bruise',
  'missed appointment',
  '"domestic abuse"',
  'police attended',
  'school absence',
  'mother worried',
  'disclosure frightened',
  'exploitation county lines',
  'trampoline',
  'tuberculosis hospital',
  'housing -eviction',
  'zebra',
];

function parsed(q: string): SearchQuery {
  const p = parseSearchQuery(q);
  if (!p.ok) throw new Error(p.message);
  return p.query;
}

/** The naive scan's condition: every included term as a substring of some text field, no excluded one. */
function likeTerms(query: SearchQuery): { clause: string; params: string[] } {
  const fields = ['e.summary', 'e.detail', 'e.impact_on_child', 'e.action_taken', 'e.childs_voice', 'e.source_ref'];
  const params: string[] = [];
  const any = (text: string) => {
    const pattern = `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    return `(${fields.map((f) => { params.push(pattern); return `${f} LIKE ? ESCAPE '\\'`; }).join(' OR ')})`;
  };
  const include = query.include.map((t) => any(t.words.join(' ')));
  const exclude = query.exclude.map((t) => `NOT ${any(t.words.join(' '))}`);
  return { clause: [...include, ...exclude].join(' AND '), params };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function measure(fn: () => Promise<number> | number): Promise<{ p50: number; p99: number; rows: number }> {
  let rows = await fn(); // warm
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    rows = await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), rows };
}

function report(backend: string, rows: Array<{ q: string; fts: Awaited<ReturnType<typeof measure>>; like: Awaited<ReturnType<typeof measure>>; matches: number }>) {
  console.log(`\n${backend}: ${CHRONOLOGIES} chronologies × ${ENTRIES} entries, ${RUNS} runs per query (first page of 20 results, best first / newest first)`);
  console.log(`${'query'.padEnd(28)} ${'visible matches'.padStart(15)} ${'index p50'.padStart(10)} ${'p99'.padStart(8)} ${'scan p50'.padStart(10)} ${'p99'.padStart(8)} ${'scan/index p50'.padStart(15)} ${'p99'.padStart(6)}`);
  for (const r of rows) {
    console.log(
      `${r.q.padEnd(28)} ${String(r.matches).padStart(15)} ${r.fts.p50.toFixed(1).padStart(8)}ms ${r.fts.p99.toFixed(1).padStart(6)}ms ${r.like.p50.toFixed(1).padStart(8)}ms ${r.like.p99.toFixed(1).padStart(6)}ms ${(r.like.p50 / r.fts.p50).toFixed(1).padStart(14)}× ${(r.like.p99 / r.fts.p99).toFixed(1).padStart(5)}×`,
    );
  }
}

async function benchSqlite(dir: string) {
  const file = join(dir, 'search-bench.sqlite');
  const db = openDatabase({ file });
  const repos = createRepos(db, { auditKey });
  const seedStart = performance.now();
  // Seeding only: no fsync per transaction (the figures below are reads).
  db.sqlite.pragma('synchronous = OFF');
  for (const slug of AGENCIES) repos.agencies.upsert({ slug, name: slug, kind: 'other' });
  const lead = repos.users.create({ email: 'lead@bench.example', name: 'Lead', role: 'lead', agency: 'oxfordshire-csc', passwordHash: null });
  db.sqlite.prepare(`INSERT INTO users (id, email, name, role, agency_slug, created_at) VALUES ('reader', 'reader@bench.example', 'Reader', 'practitioner', ?, '2025-01-01T00:00:00.000Z')`).run(READER.agency);
  seed = 42;
  for (let c = 0; c < CHRONOLOGIES; c++) {
    const chronology = repos.chronologies.create({ child: { givenName: `Child${c}`, familyName: 'Bench' }, leadUserId: lead.id, memberAgencies: membersOf(c), addedBy: lead.id });
    db.tx(() => {
      for (let i = 0; i < ENTRIES; i++) repos.entries.upsert(projection(chronology.id, entryFor(c, i)));
    });
    if ((c + 1) % 1000 === 0) console.log(`[sqlite] seeded ${c + 1} chronologies (${((performance.now() - seedStart) / 1000).toFixed(0)} s)`);
  }
  db.sqlite.pragma('synchronous = FULL');
  db.sqlite.exec('ANALYZE');
  console.log(`[sqlite] seeded ${CHRONOLOGIES * ENTRIES} entries in ${((performance.now() - seedStart) / 1000).toFixed(1)} s; file ${(statSync(file).size / 1e6).toFixed(0)} MB`);

  const at = new Date().toISOString();
  const rows = [];
  for (const q of QUERIES) {
    const query = parsed(q);
    const fts = await measure(() => repos.search.entries({ query, reader: READER, at, limit: 21, offset: 0 }).length);
    const { clause, params } = likeTerms(query);
    const named = { agency: READER.agency, userId: READER.userId, at };
    const scan = db.sqlite.prepare(`SELECT e.chronology_id, e.id, e.summary FROM entries e WHERE ${SQLITE_VISIBLE_TO_READER} AND ${clause} ORDER BY e.date_first DESC, e.id LIMIT 21`);
    const like = await measure(() => scan.all(named, ...params).length);
    // How many visible entries match (through the index: a count, not part of the timing).
    const matches = (db.sqlite.prepare(`SELECT count(*) AS n FROM entries_fts JOIN entries e ON e.rowid = entries_fts.rowid WHERE entries_fts MATCH :match AND ${SQLITE_VISIBLE_TO_READER}`).get({ ...named, match: fts5Match(query) }) as { n: number }).n;
    rows.push({ q, fts, like, matches });
  }
  report('SQLite (FTS5, bm25) vs LIKE scan', rows);
  db.close();
}

async function benchPg() {
  const cluster = await startPgCluster({ durable: false });
  let store: Store | null = null;
  try {
    store = await openPgStore({ url: await cluster.freshDatabase('search_bench'), auditKey });
    const r = store.repos;
    const seedStart = performance.now();
    for (const slug of AGENCIES) await r.agencies.upsert({ slug, name: slug, kind: 'other' });
    const lead = await r.users.create({ email: 'lead@bench.example', name: 'Lead', role: 'lead', agency: 'oxfordshire-csc', passwordHash: null });
    const reader = await r.users.create({ email: 'reader@bench.example', name: 'Reader', role: 'practitioner', agency: READER.agency, passwordHash: null });
    seed = 42;
    for (let c = 0; c < CHRONOLOGIES; c++) {
      const chronology = await r.chronologies.create({ child: { givenName: `Child${c}`, familyName: 'Bench' }, leadUserId: lead.id, memberAgencies: membersOf(c), addedBy: lead.id });
      // The port's bulk write of a document's projection: one transaction per document.
      const rows = Array.from({ length: ENTRIES }, (_, i) => projection(chronology.id, entryFor(c, i)));
      const byDoc = new Map<string, EntryProjectionInput[]>();
      for (const row of rows) byDoc.set(row.docName, [...(byDoc.get(row.docName) ?? []), row]);
      await Promise.all([...byDoc].map(([docName, list]) => store!.rebuildDoc(docName, list)));
      if ((c + 1) % 1000 === 0) console.log(`[postgres] seeded ${c + 1} chronologies (${((performance.now() - seedStart) / 1000).toFixed(0)} s)`);
    }
    console.log(`[postgres] seeded ${CHRONOLOGIES * ENTRIES} entries in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
    const pool = new (await import('pg')).default.Pool({ connectionString: cluster.url('search_bench') });
    const { drizzle } = await import('drizzle-orm/node-postgres');
    const db = drizzle(pool) as unknown as PgExec;
    await db.execute(sql`analyze`);
    const who = { userId: reader.id, agency: READER.agency };
    const at = new Date().toISOString();
    const rows = [];
    for (const q of QUERIES) {
      const query = parsed(q);
      const fts = await measure(async () => (await r.search.entries({ query, reader: who, at, limit: 21, offset: 0 })).length);
      const fields = ['e.summary', 'e.detail', 'e.impact_on_child', 'e.action_taken', 'e.childs_voice', 'e.source_ref'];
      // The same naive scan as on SQLite; ILIKE (case-insensitive, as the index is).
      const any = (text: string) => sql.join(fields.map((f) => sql`${sql.raw(f)} ilike ${`%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`}`), sql` or `);
      const conditions = [...query.include.map((t) => sql`(${any(t.words.join(' '))})`), ...query.exclude.map((t) => sql`not (${any(t.words.join(' '))})`)];
      const like = await measure(async () => (await db.execute(sql`select e.chronology_id, e.id, e.summary from entries e where ${pgVisibleToReader(who, at)} and ${sql.join(conditions, sql` and `)} order by e.date_first collate "C" desc, e.id collate "C" limit 21`)).rows.length);
      const matches = Number(((await db.execute(sql`select count(*)::int as n from entries e where e.search @@ (${pgTsQuery(query)}) and ${pgVisibleToReader(who, at)}`)).rows[0] as { n: number }).n);
      rows.push({ q, fts, like, matches });
    }
    report('PostgreSQL 15 (tsvector + GIN, ts_rank) vs ILIKE scan', rows);
    await pool.end();
  } finally {
    await store?.close();
    await cluster.stop();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'mac-search-bench-'));
try {
  await benchSqlite(dir);
  if (WITH_PG) await benchPg();
  else console.log('\n(PostgreSQL: BENCH_PG=1 pnpm bench:search)');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
