/**
 * The write path, measured: 10,000 entries written through the same code a REST POST uses (validation,
 * permission check, shadow-document inspection, one SQLite transaction with the update log, the
 * projection and the audit record, then the live document) into a fresh database file. In the same run,
 * references: the same entries put into a bare Y.Doc (no validation, no storage) and the same Yjs updates
 * appended to SQLite on their own. Then the log's size and the time to load the document by replaying it,
 * before and after compaction.
 *
 * Run: pnpm bench   (N=10000 by default; BENCH_N to change)
 *      BENCH_PG=1 pnpm bench   the same again on PostgreSQL 15 (a throwaway cluster, fsync on) after SQLite,
 *                              then PostgreSQL's figures as a ratio of SQLite's from the same run
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { CATEGORIES, type Principal } from '@mac/domain';
import { openDatabase } from '@mac/db';
import { startPgCluster, type PgCluster } from '@mac/db/pg-testing';
import { sharedDocName, writeNewEntry } from '@mac/sync';
import { loadConfig } from '../src/config.js';
import { closeDeps, createDeps } from '../src/create-deps.js';
import { createApp } from '../src/app.js';
import { createEntry } from '../src/services/entries.js';
import { newEntry } from '@mac/domain';
import { bodyReference } from './body-reference.js';
import { inTurn, rateOf, ratio, readRate } from './read-rounds.js';
import { cpuByThread, cpuPerEntry, threadCpu } from './thread-cpu.js';

const N = Number(process.env.BENCH_N ?? 10_000);
const HTTP_N = Math.min(2_000, N);
const READ_N = Number(process.env.BENCH_READS ?? 1_000);

function inputFor(i: number) {
  const category = CATEGORIES[i % CATEGORIES.length]!.slug;
  const day = new Date(Date.UTC(2015, 0, 1) + i * 6 * 3_600_000).toISOString().slice(0, 10);
  return {
    date: day,
    category,
    summary: `Entry ${i}: home visit completed; child seen and spoken to alone`,
    detail: 'Practitioner visited the family home. Mother present. The home was warm and tidy; food in the cupboards.',
    impactOnChild: 'The child said they felt safe at home and was looking forward to the school trip.',
    actionTaken: 'Next visit booked; information shared with the school DSL.',
    sourceRef: `LCS-${100000 + i}`,
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function timeLoad(updates: Uint8Array[], runs = 5): number {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    const doc = new Y.Doc();
    for (const u of updates) Y.applyUpdate(doc, u);
    doc.getMap('entries').size;
    times.push(performance.now() - t);
    doc.destroy();
  }
  return median(times);
}

/** The figures compared across backends (per second). */
interface Figures {
  oneCaller: number;
  callers: number;
  http: number;
  reads: number;
  /** Event-loop CPU per audited page read, µs. */
  readCpu: number;
}

async function run(backend: 'sqlite' | 'postgres'): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'mac-bench-'));
  let cluster: PgCluster | null = null;
  try {
    cluster = backend === 'postgres' ? await startPgCluster({ durable: true }) : null;
    const databaseUrl = cluster === null ? {} : { DATABASE_URL: await cluster.freshDatabase('mac_write_bench') };
    const config = loadConfig({ MAC_DATA_DIR: dir, PORT: '0', ...databaseUrl } as NodeJS.ProcessEnv, null);
    const deps = await createDeps(config);
    await deps.repos.agencies.upsert({ slug: 'oxfordshire-csc', name: "Oxfordshire Children's Social Care", kind: 'childrens-social-care' });
    const user = await deps.repos.users.create({ email: 'bench@example.org', name: 'Bench Lead', role: 'lead', agency: 'oxfordshire-csc', passwordHash: null });
    const principal: Principal = { id: user.id, kind: 'user', role: 'lead', agency: 'oxfordshire-csc', name: user.name };
    const chronology = await deps.repos.chronologies.create({ child: { givenName: 'Bench', familyName: 'Child', dateOfBirth: '2014-06-01', nhsNumber: null, upn: null }, leadUserId: user.id, memberAgencies: ['oxfordshire-csc'], addedBy: user.id });

    // What one write costs in trips to the SQLite threads (not in time: counts do not vary with the load).
    const storeStats = () => (deps.store.backend === 'sqlite' ? (deps.store as unknown as { stats(): { batches: number; calls: number; reads: number; pointReads: number } }).stats() : null);
    const perEntry = (before: ReturnType<typeof storeStats>, n: number) => {
      const after = storeStats();
      if (before === null || after === null) return '';
      const each = (k: 'batches' | 'reads' | 'pointReads') => ((after[k] - before[k]) / n).toFixed(2);
      return `per entry: ${each('batches')} commits, ${each('reads')} read-thread calls, ${each('pointReads')} point reads`;
    };

    // Ours: the real write path.
    const s0 = storeStats();
    const t0 = performance.now();
    for (let i = 0; i < N; i++) await createEntry(deps, principal, chronology.id, inputFor(i), null);
    const oursMs = performance.now() - t0;
    const oursTrips = perEntry(s0, N);

    // Ours again with 16 callers at once (requests from many people): the writes that arrive while a batch
    // is committed share the next commit (group commit), so this is the rate the service can sustain.
    const CALLERS = 16;
    let next = 0;
    const sc = storeStats();
    const cpuBefore = threadCpu();
    const tc = performance.now();
    await Promise.all(
      Array.from({ length: CALLERS }, async () => {
        while (next < N) {
          const i = next++;
          await createEntry(deps, principal, chronology.id, inputFor(3 * N + i), null);
        }
      }),
    );
    const concurrentMs = performance.now() - tc;
    const concurrentTrips = perEntry(sc, N);
    // CPU time, not wall time: less moved by the load than the rate (the two threads take turns here).
    const concurrentCpu = cpuPerEntry(cpuBefore, threadCpu(), N);

    // Reference 1: a bare Y.Doc, one transaction per entry, nothing checked or stored.
    const bare = new Y.Doc();
    const bareUpdates: Uint8Array[] = [];
    bare.on('update', (u: Uint8Array) => bareUpdates.push(u));
    const t1 = performance.now();
    for (let i = 0; i < N; i++) {
      const entry = newEntry(inputFor(i) as never, { id: crypto.randomUUID(), agency: 'oxfordshire-csc', authorId: user.id, recordedAt: new Date().toISOString() });
      writeNewEntry(bare, entry);
    }
    const bareMs = performance.now() - t1;

    // Reference 2: the same updates appended to SQLite (synchronous=FULL), one transaction each.
    const refDb = openDatabase({ file: join(dir, 'reference.sqlite') });
    // Each row numbered within its document (doc_seq, unique per document since issue 19), as the store does.
    const insert = refDb.sqlite.prepare('INSERT INTO doc_updates (doc_name, doc_seq, data, created_at) VALUES (?, ?, ?, ?)');
    const t2 = performance.now();
    bareUpdates.forEach((u, i) => refDb.sqlite.transaction(() => insert.run('reference', i + 1, Buffer.from(u), new Date().toISOString()))());
    const sqliteMs = performance.now() - t2;
    refDb.close();

    // HTTP: the same path behind Hono (app.request, no socket), for HTTP_N entries.
    const app = createApp(deps);
    const { secret } = await (await import('../src/services/auth/sessions.js')).startSession(deps, user.id, { ip: null, userAgent: 'bench' });
    const s3 = storeStats();
    const t3 = performance.now();
    for (let i = 0; i < HTTP_N; i++) {
      const res = await app.request(`/api/chronologies/${chronology.id}/entries`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: `mac_session=${secret}`, origin: 'http://localhost' },
        body: JSON.stringify(inputFor(N + i)),
      });
      if (res.status !== 201) throw new Error(`HTTP write failed: ${res.status} ${await res.text()}`);
    }
    const httpMs = performance.now() - t3;
    const httpTrips = perEntry(s3, HTTP_N);

    // Reads: authenticated, audited GET …/entries?limit=500 (a page of this 22,000-entry chronology), 16
    // callers at once, each read answered only once its audit record is durable. References in the same
    // run: the same body bytes from a route with no session, access, store or audit work (the ceiling for a
    // response of that size through app.request here: body-reference.ts), and GET /api/me with the same
    // session (the session lookup, no chronology, no audit record).
    // The three in turn, five rounds (read-rounds.ts): the load on a shared machine moves within seconds.
    const asBench = async (path: string) => await app.request(path, { headers: { cookie: `mac_session=${secret}` } });
    const pagePath = `/api/chronologies/${chronology.id}/entries?limit=500`;
    const reference = bodyReference(new Uint8Array(await (await asBench(pagePath)).arrayBuffer()));
    await readRate(reference.request, reference.path, 200, CALLERS);
    const auditsBeforeReads = await deps.repos.audit.count();
    let sr = storeStats();
    let readTripsTotal = { batches: 0, reads: 0, pointReads: 0 };
    // Event-loop CPU of the page phases (less moved by the load than their rate), and on PostgreSQL what
    // the kept pages asked of the database (versions, pages) per read.
    const pgStats = () => (deps.store.backend === 'sqlite' ? null : (deps.store as unknown as { stats(): { pageReads: number; versionReads: number } }).stats());
    let loopCpuBefore = 0;
    let loopCpu = 0;
    let pgBefore = pgStats();
    const pgTotal = { pageReads: 0, versionReads: 0 };
    const loopNow = () => cpuByThread(new Map(), threadCpu()).get('event loop') ?? 0;
    const reads = await inTurn(
      { page: { path: pagePath, n: READ_N, request: asBench }, me: { path: '/api/me', n: READ_N * 4, request: asBench }, ceiling: { path: reference.path, n: READ_N * 2, request: reference.request } },
      {
        rounds: 5,
        callers: CALLERS,
        around: (phase, when) => {
          if (phase !== 'page') return;
          if (when === 'before') loopCpuBefore = loopNow(), (pgBefore = pgStats());
          else {
            loopCpu += loopNow() - loopCpuBefore;
            const pgNow = pgStats();
            if (pgNow !== null && pgBefore !== null) pgTotal.pageReads += pgNow.pageReads - pgBefore.pageReads, (pgTotal.versionReads += pgNow.versionReads - pgBefore.versionReads);
          }
          const now = storeStats();
          if (when === 'before' || sr === null || now === null) return void (sr = now);
          readTripsTotal = { batches: readTripsTotal.batches + now.batches - sr.batches, reads: readTripsTotal.reads + now.reads - sr.reads, pointReads: readTripsTotal.pointReads + now.pointReads - sr.pointReads };
        },
      },
    );
    const loopPerRead = `event-loop CPU per read ${Math.round(loopCpu / reads.page.n)} µs`;
    const readTrips =
      sr === null
        ? `per read: ${loopPerRead}, ${(pgTotal.pageReads / reads.page.n).toFixed(2)} pages and ${(pgTotal.versionReads / reads.page.n).toFixed(2)} versions asked of PostgreSQL`
        : `per read: ${loopPerRead}, ${(readTripsTotal.batches / reads.page.n).toFixed(3)} commits, ${(readTripsTotal.reads / reads.page.n).toFixed(2)} read-thread calls, ${(readTripsTotal.pointReads / reads.page.n).toFixed(2)} point reads`;
    const auditedReads = (await deps.repos.audit.count()) - auditsBeforeReads;
    const toCeiling = ratio(reads.page, reads.ceiling);

    const docName = sharedDocName(chronology.id);
    const before = (await deps.repos.updateLog.load(docName)).map((r) => r.data);
    const bytesBefore = before.reduce((s, u) => s + u.byteLength, 0);
    const loadBefore = timeLoad(before);
    await deps.rooms.compact(docName);
    const after = (await deps.repos.updateLog.load(docName)).map((r) => r.data);
    const bytesAfter = after.reduce((s, u) => s + u.byteLength, 0);
    const loadAfter = timeLoad(after);
    const auditCount = (await deps.repos.audit.list({ chronologyId: chronology.id, limit: 1_000_000 })).length;
    const verifyStart = performance.now();
    const verified = await deps.repos.audit.verify();
    const verifyMs = performance.now() - verifyStart;
    await closeDeps(deps);
    const fileMb = backend === 'sqlite' ? statSync(join(dir, 'mac.sqlite')).size / 1024 / 1024 : Number.NaN;

    const rate = (n: number, ms: number) => Math.round((n / ms) * 1000);
    const rows = [
      ['write path (ours: validate, inspect, persist+audit, broadcast)', `${rate(N, oursMs)} entries/s`, `${(oursMs / N).toFixed(3)} ms/entry`],
      ['', '', oursTrips],
      [`write path, ${CALLERS} callers at once (group commit)`, `${rate(N, concurrentMs)} entries/s`, `${(oursMs / concurrentMs).toFixed(2)}x one caller's rate, ${(concurrentMs / sqliteMs).toFixed(2)}x the append-only reference's time`],
      ['', '', concurrentTrips],
      ...(concurrentCpu === '' ? [] : [['', '', concurrentCpu]]),
      ['  reference: bare Y.Doc, nothing checked or stored', `${rate(N, bareMs)} entries/s`, `ours is ${(oursMs / bareMs).toFixed(1)}x slower`],
      ['  reference: SQLite append only (synchronous=FULL)', `${rate(N, sqliteMs)} entries/s`, `ours is ${(oursMs / sqliteMs).toFixed(1)}x slower`],
      [`HTTP POST via Hono (${HTTP_N} entries)`, `${rate(HTTP_N, httpMs)} entries/s`, `${(httpMs / HTTP_N / (oursMs / N)).toFixed(2)}x the service-level cost`],
      ['', '', httpTrips],
      [`HTTP GET …/entries?limit=500, ${CALLERS} callers, audited`, `${Math.round(rateOf(reads.page))} reads/s`, `${toCeiling.median.toFixed(2)}x the ceiling (rounds ${toCeiling.min.toFixed(2)}-${toCeiling.max.toFixed(2)}); ${auditedReads} audit records for ${reads.page.n} reads`],
      ['', '', readTrips],
      [`  reference: the same ${Math.round(reference.bytes / 1024)} KB body, no session/access/store/audit`, `${Math.round(rateOf(reads.ceiling))} reads/s`, 'the ceiling for this response here'],
      ['  reference: HTTP GET /api/me, same session, no audit', `${Math.round(rateOf(reads.me))} reads/s`, `ours is ${ratio(reads.me, reads.page).median.toFixed(1)}x slower`],
      ['update log before compaction', `${before.length} updates`, `${(bytesBefore / 1024 / 1024).toFixed(2)} MB`],
      ['load by replaying the log', `${loadBefore.toFixed(1)} ms`, ''],
      ['update log after compaction', `${after.length} update`, `${(bytesAfter / 1024 / 1024).toFixed(2)} MB (${(bytesAfter / bytesBefore).toFixed(2)}x)`],
      ['load after compaction', `${loadAfter.toFixed(1)} ms`, `${(loadAfter / loadBefore).toFixed(2)}x the uncompacted load`],
      ['audit records / chain verify', `${auditCount} records`, `${verifyMs.toFixed(0)} ms, ${verified.ok ? 'intact' : 'BROKEN'}`],
      ...(backend === 'sqlite' ? [['database file', `${fileMb.toFixed(1)} MB`, '']] : []),
    ];
    console.log(`\nMAC write-path benchmark: ${2 * N + HTTP_N} entries into a fresh database (${dir}), ${deps.store.backend === 'sqlite' ? `SQLite on its ${config.sqliteThread === 'worker' ? 'worker thread' : 'event loop'}` : 'PostgreSQL'}\n`);
    for (const [a, b, c] of rows) console.log(`${a!.padEnd(64)} ${b!.padEnd(22)} ${c}`);
    return { oneCaller: rate(N, oursMs), callers: rate(N, concurrentMs), http: rate(HTTP_N, httpMs), reads: rateOf(reads.page), readCpu: loopCpu / reads.page.n };
  } finally {
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const sqlite = await run('sqlite');
if (process.env.BENCH_PG === '1') {
  const pg = await run('postgres');
  console.log('\nPostgreSQL / SQLite, same run (durable writes and audited reads per second; the append-only reference above stays SQLite):');
  const line = (what: string, k: keyof Figures) => console.log(`  ${what.padEnd(50)} ${String(Math.round(pg[k])).padStart(6)} / ${String(Math.round(sqlite[k])).padStart(6)}  = ${(pg[k] / sqlite[k]).toFixed(2)}`);
  line('write path, one caller', 'oneCaller');
  line('write path, 16 callers at once', 'callers');
  line('HTTP POST via Hono', 'http');
  line('HTTP GET …/entries?limit=500, 16 callers, audited', 'reads');
  line('  event-loop CPU per audited read, µs', 'readCpu');
}
