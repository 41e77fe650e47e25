/**
 * The read path, measured on its own: authenticated, durably audited `GET …/entries?limit=500` on a
 * chronology of READ_ENTRIES entries (22,000 by default, the size `pnpm bench` reaches), 16 callers at
 * once, through Hono (app.request, no socket), SQLite on its worker threads. References in the same run:
 * the same page's body bytes from a route that does no session, access, store or audit work
 * (body-reference.ts: the ceiling for a response of that size here), and GET /api/me with the same session
 * (the session lookup, no chronology, no audit record). Also: the first page of a filtered read (one
 * agency) and a page deep in the chronology (by cursor).
 *
 * The chronology is seeded straight into the projection and the audit log (one unit of work each), not
 * through the write path, so a run takes seconds: the read path only reads those.
 *
 * Run: pnpm --filter @mac/server exec tsx bench/read-path.bench.ts
 * Knobs: READ_ENTRIES=22000, BENCH_READS=1000, READ_CALLERS=16, READ_ROUNDS=5 (the phases run in turn, this
 * many times), READ_BACKEND=postgres (a throwaway
 * PostgreSQL 15 with fsync on, started and stopped here, instead of SQLite), READ_MARKS=1 (print each
 * phase's window on the monotonic clock, to read a --cpu-prof profile phase by phase).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CATEGORIES, dateBounds, type Entry } from '@mac/domain';
import type { EntryProjectionInput } from '@mac/db';
import { sharedDocName } from '@mac/sync';
import { loadConfig } from '../src/config.js';
import { closeDeps, createDeps } from '../src/create-deps.js';
import { createApp } from '../src/app.js';
import { startPgCluster, type PgCluster } from '@mac/db/pg-testing';
import { bodyReference } from './body-reference.js';
import { inTurn, rateOf, ratio, readRate } from './read-rounds.js';
import { cpuByThread, threadCpu } from './thread-cpu.js';

// SQLite's store counts commits, read-thread calls and point reads; PostgreSQL's, page and version reads.
type Stats = { batches: number; reads: number; pointReads: number; keptPageHits: number; pageReads: number; versionReads: number };

const ENTRIES = Number(process.env.READ_ENTRIES ?? 22_000);
const READ_N = Number(process.env.BENCH_READS ?? 1_000);
const CALLERS = Number(process.env.READ_CALLERS ?? 16);
const ROUNDS = Number(process.env.READ_ROUNDS ?? 5);
const AGENCIES = ['oxfordshire-csc', 'thames-valley-police'] as const;

function entryFor(i: number, chronologyId: string, authorId: string): EntryProjectionInput {
  const date = new Date(Date.UTC(2015, 0, 1) + i * 6 * 3_600_000).toISOString().slice(0, 10);
  const agency = AGENCIES[i % AGENCIES.length]!;
  const entry: Entry = {
    id: crypto.randomUUID(),
    date,
    time: '',
    agency,
    category: CATEGORIES[i % CATEGORIES.length]!.slug,
    summary: `Entry ${i}: home visit completed; child seen and spoken to alone`,
    detail: 'Practitioner visited the family home. Mother present. The home was warm and tidy; food in the cupboards.',
    impactOnChild: 'The child said they felt safe at home and was looking forward to the school trip.',
    actionTaken: 'Next visit booked; information shared with the school DSL.',
    sourceRef: `LCS-${100000 + i}`,
    recordedBy: 'Bench Lead, social worker',
    restricted: false,
    authorId,
    recordedAt: new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString(),
    status: 'active',
    withdrawnReason: '',
    sharing: 'family',
    sharingReason: '',
    childsVoice: '',
    seenAlone: '',
  } as Entry;
  const bounds = dateBounds(date);
  return { ...entry, chronologyId, docName: sharedDocName(chronologyId), dateFirst: bounds.first, dateLast: bounds.last, updatedBy: authorId };
}

const dir = mkdtempSync(join(tmpdir(), 'mac-read-bench-'));
let cluster: PgCluster | null = null;
try {
  cluster = process.env.READ_BACKEND === 'postgres' ? await startPgCluster({ durable: true }) : null;
  const databaseUrl = cluster === null ? {} : { DATABASE_URL: await cluster.freshDatabase('mac_read_bench') };
  const config = loadConfig({ MAC_DATA_DIR: dir, PORT: '0', ...databaseUrl } as NodeJS.ProcessEnv, null);
  const deps = await createDeps(config);
  for (const slug of AGENCIES) await deps.repos.agencies.upsert({ slug, name: slug, kind: slug.endsWith('police') ? 'police' : 'childrens-social-care' });
  const user = await deps.repos.users.create({ email: 'bench@example.org', name: 'Bench Lead', role: 'lead', agency: AGENCIES[0], passwordHash: null });
  const chronology = await deps.repos.chronologies.create({ child: { givenName: 'Bench', familyName: 'Child', dateOfBirth: '2014-06-01', nhsNumber: null, upn: null }, leadUserId: user.id, memberAgencies: [...AGENCIES], addedBy: user.id });
  const rows = Array.from({ length: ENTRIES }, (_, i) => entryFor(i, chronology.id, user.id));
  await deps.store.rebuildDoc(sharedDocName(chronology.id), rows);
  // An audit log of the size the write path leaves (one record per entry written).
  for (let i = 0; i < ENTRIES; i += 2_000) {
    await deps.store.appendAudit(
      rows.slice(i, i + 2_000).map((r) => ({ actorId: user.id, actorLabel: user.name, actorAgency: AGENCIES[0], action: 'entry.create', outcome: 'allowed' as const, chronologyId: chronology.id, entryId: r.id, details: { docName: r.docName }, ip: null })),
    );
  }

  const app = createApp(deps);
  const { secret } = await (await import('../src/services/auth/sessions.js')).startSession(deps, user.id, { ip: null, userAgent: 'bench' });
  const get = async (path: string) => {
    const res = await app.request(path, { headers: { cookie: `mac_session=${secret}` } });
    if (res.status !== 200) throw new Error(`HTTP read ${path} failed: ${res.status} ${await res.text()}`);
    return res;
  };
  const warm = (path: string, n: number, request: (path: string) => Promise<Response> = get) => readRate(request, path, n, CALLERS);
  const base = `/api/chronologies/${chronology.id}/entries`;
  // A cursor about two thirds of the way through the chronology.
  let deep = (await (await get(`${base}?limit=2000`)).json()) as { next?: string };
  for (let i = 0; i < 6 && deep.next; i++) deep = (await (await get(`${base}?limit=2000&cursor=${deep.next}`)).json()) as { next?: string };

  const reference = bodyReference(new Uint8Array(await (await get(`${base}?limit=500`)).arrayBuffer()));
  await warm('/api/me', 200);
  await warm(reference.path, 200, reference.request);
  await warm(`${base}?limit=500`, 100);
  const auditsBefore = await deps.repos.audit.count();
  // What one read costs in trips to the SQLite threads (counts, which do not vary with the load).
  const storeStats = (): Stats => ({ batches: 0, reads: 0, pointReads: 0, keptPageHits: 0, pageReads: 0, versionReads: 0, ...(deps.store as unknown as { stats(): Partial<Stats> }).stats() });
  // The phases in turn (read-rounds.ts), with the store's trips counted around the audited first pages.
  let trips: Stats = { batches: 0, reads: 0, pointReads: 0, keptPageHits: 0, pageReads: 0, versionReads: 0 };
  let before: Stats | null = null;
  // CPU of each thread over the audited first pages (µs, summed over the rounds): what a read costs, which
  // moves less with the machine's load than the rate does.
  let cpuBefore = threadCpu();
  const cpu = new Map<string, number>();
  const done = await inTurn(
    {
      first: { path: `${base}?limit=500`, n: READ_N, request: get },
      filtered: { path: `${base}?limit=500&agency=${AGENCIES[1]}`, n: READ_N / 2, request: get },
      deep: { path: `${base}?limit=500&cursor=${deep.next}`, n: READ_N / 2, request: get },
      me: { path: '/api/me', n: READ_N * 4, request: get },
      ceiling: { path: reference.path, n: READ_N * 2, request: reference.request },
    },
    {
      rounds: ROUNDS,
      callers: CALLERS,
      around: (phase, when) => {
        if (phase !== 'first') return;
        if (when === 'before') cpuBefore = threadCpu();
        else for (const [name, us] of cpuByThread(cpuBefore, threadCpu())) cpu.set(name, (cpu.get(name) ?? 0) + us);
        const now = storeStats();
        if (when === 'before' || before === null) return void (before = now);
        const was = before;
        trips = Object.fromEntries(Object.entries(trips).map(([k, v]) => [k, v + now[k as keyof Stats] - was[k as keyof Stats]])) as Stats;
      },
    },
  );
  const firstN = done.first.n;
  const perRead = (k: keyof Stats, digits = 2) => (trips[k] / firstN).toFixed(digits);
  const tripsText =
    deps.store.backend !== 'sqlite'
      ? `per read: ${perRead('pageReads')} pages read from PostgreSQL, ${perRead('versionReads')} versions asked, ${perRead('keptPageHits')} kept pages`
      : `per read: ${perRead('batches', 3)} commits, ${perRead('reads')} read-thread calls, ${perRead('pointReads')} point reads, ${perRead('keptPageHits')} kept pages`;
  const audited = (await deps.repos.audit.count()) - auditsBefore;
  const pageReads = done.first.n + done.filtered.n + done.deep.n;
  await closeDeps(deps);

  const toCeiling = (p: 'first' | 'filtered' | 'deep') => {
    const c = ratio(done[p], done.ceiling);
    return `${c.median.toFixed(2)}x the ceiling (rounds ${c.min.toFixed(2)}-${c.max.toFixed(2)}), /api/me ${ratio(done.me, done[p]).median.toFixed(1)}x faster`;
  };
  const rowsOut = [
    [`GET …/entries?limit=500, ${CALLERS} callers, audited`, `${Math.round(rateOf(done.first))} reads/s`, `${toCeiling('first')}; ${audited} audit records for ${pageReads} page reads`],
    ['', '', tripsText],
    ['', '', `CPU per read: ${[...cpu].map(([name, us]) => `${name} ${Math.round(us / firstN)} µs`).join(', ')}`],
    ['GET …/entries?limit=500&agency=…', `${Math.round(rateOf(done.filtered))} reads/s`, toCeiling('filtered')],
    ['GET …/entries?limit=500&cursor=… (deep page)', `${Math.round(rateOf(done.deep))} reads/s`, toCeiling('deep')],
    [`  reference: the same ${Math.round(reference.bytes / 1024)} KB body, no session/access/store/audit`, `${Math.round(rateOf(done.ceiling))} reads/s`, 'the ceiling for this response here'],
    ['  reference: GET /api/me, same session, no audit', `${Math.round(rateOf(done.me))} reads/s`, ''],
  ];
  const backend = deps.store.backend === 'sqlite' ? `SQLite on its ${config.sqliteThread === 'worker' ? 'worker threads' : 'event loop'}` : 'PostgreSQL (fsync on)';
  console.log(`\nMAC read-path benchmark: a chronology of ${ENTRIES} entries, ${backend}, phases in turn ${ROUNDS} times\n`);
  for (const [a, b, c] of rowsOut) console.log(`${a!.padEnd(62)} ${b!.padEnd(16)} ${c}`);
} finally {
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
}
