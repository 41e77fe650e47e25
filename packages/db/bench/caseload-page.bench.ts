// A caseload page (chronologies.pageForViewer) at county size, as the repositories now make it, against
// the way they made it until 7 December (the reference, run inline here on the same connection): without a
// search, every chronology probed for visibility and the visible ones sorted for the page's ids, the total
// counted the same way; with one, light rows of everything visible matched in JavaScript.
//
// 5,000 chronologies (BENCH_CHRONOLOGIES) in the county bench's membership shares: every one in social
// care, 80% at the GP, 2% with the LADO (the smallest). Each call first commits a write on the writer's
// connection: under WAL a reader whose database changed drops its page cache at its next read, and on a
// busy server almost every read follows a commit. Ways alternate call by call on ONE read-only connection.
// Prints ms of CPU per call and the ratio to the reference. Asserts nothing.
//   pnpm --filter @mac/db bench:caseload   (BENCH_CHRONOLOGIES, BENCH_ROUNDS)
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, openReadOnlyDatabase } from '../src/open.js';
import { createRepos } from '../src/repos/index.js';
import { caseloadPage, pickedPage, type CaseloadPageQuery, type CaseloadRow } from '../src/caseload-page.js';
import type { CaseloadViewer } from '../src/repos/chronologies.js';

const CHRONOLOGIES = Number(process.env.BENCH_CHRONOLOGIES ?? 5_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 60);
const AGENCIES = [
  { slug: 'oxfordshire-csc', share: 1 },
  { slug: 'east-oxford-gp', share: 0.8 },
  { slug: 'oxfordshire-lado', share: 0.02 },
];
const FAMILY_NAMES = ['Green', 'Smith', 'Nowak', 'Patel', 'Jones', 'Brown', 'Khan', 'Taylor', 'Wilson', 'Evans', 'Łukowski', 'Öztürk', 'Ahmed', 'Clarke', 'Wright', 'Hughes', 'Roberts', 'Walker', 'Hall', 'Lewis', 'Young', 'King', 'Scott', 'Baker', 'Adams', 'Hill', 'Moore', 'Wood', 'Ward', 'Cox', 'Gray', 'Reid', 'Bell'];

const dir = mkdtempSync(join(tmpdir(), 'mac-bench-caseload-'));
try {
  const file = join(dir, 'mac.sqlite');
  const writer = openDatabase({ file });
  const w = createRepos(writer, { auditKey: new Uint8Array(randomBytes(32)) });
  for (const { slug } of AGENCIES) w.agencies.upsert({ slug, name: slug, kind: 'childrens-social-care' });
  const lead = w.users.create({ email: 'bench@example.org', name: 'Bench Lead', role: 'lead', agency: 'oxfordshire-csc', passwordHash: null });
  let seed = 1;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648), seed / 2_147_483_648);
  writer.tx(() => {
    for (let i = 0; i < CHRONOLOGIES; i++) {
      const members = AGENCIES.filter((a) => random() < a.share).map((a) => a.slug);
      const family = FAMILY_NAMES[Math.floor(random() * FAMILY_NAMES.length)]!;
      w.chronologies.create({ child: { givenName: `Child${i}`, familyName: family, nhsNumber: String(4_000_000_000 + i) }, leadUserId: lead.id, memberAgencies: members, addedBy: lead.id });
    }
  });
  const reader = openReadOnlyDatabase({ file });
  const r = createRepos(reader, { auditKey: new Uint8Array(32) });
  const touch = writer.sqlite.prepare('UPDATE chronologies SET title = title WHERE rowid = 1');

  const visible = `(EXISTS (SELECT 1 FROM chronology_agencies a WHERE a.chronology_id = ch.id AND a.agency_slug = @agency) OR EXISTS (SELECT 1 FROM break_glass_grants g WHERE g.chronology_id = ch.id AND g.user_id = @userId AND g.expires_at > @at))`;
  const oldCount = reader.sqlite.prepare(`SELECT count(*) AS n FROM chronologies ch WHERE ${visible}`);
  const oldFirst = reader.sqlite.prepare(`SELECT ch.id, ch.created_at AS createdAt FROM chronologies ch WHERE ${visible} ORDER BY ch.created_at DESC, ch.id LIMIT @n`);
  const oldLight = reader.sqlite.prepare(
    `SELECT ch.id, ch.created_at AS createdAt, c.given_name AS givenName, c.family_name AS familyName, c.nhs_number AS nhsNumber FROM chronologies ch JOIN children c ON c.id = ch.child_id WHERE ${visible}`,
  );
  // The reference: the page's ids and total the old way, then its records as the repositories read them.
  const reference = (viewer: CaseloadViewer, query: CaseloadPageQuery) =>
    reader.tx(() => {
      const { ids, total } = query.q
        ? ((page) => ({ ids: page.records, total: page.total }))(caseloadPage(oldLight.all(viewer) as CaseloadRow[], query))
        : { ids: pickedPage(oldFirst.all({ ...viewer, n: query.limit + 1 }) as CaseloadRow[], query.limit).ids, total: (oldCount.get(viewer) as { n: number }).n };
      const records = new Map(r.chronologies.listByIds(ids).map((c) => [c.id, c]));
      return { ids: ids.filter((id) => records.has(id)), total };
    });
  const now = (viewer: CaseloadViewer, query: CaseloadPageQuery) => {
    const page = r.chronologies.pageForViewer(viewer, query);
    return { ids: page.records.map((c) => c.id), total: page.total };
  };

  console.log(`caseload page, ${CHRONOLOGIES.toLocaleString('en-GB')} chronologies, a commit before each call, ${ROUNDS} calls a way: ms of CPU per call`);
  console.log(`${'viewer and page'.padEnd(44)} ${'reference'.padStart(10)} ${'now'.padStart(8)} ${'ratio'.padStart(7)}`);
  for (const { slug } of AGENCIES) {
    const viewer: CaseloadViewer = { agency: slug, userId: lead.id, at: new Date().toISOString() };
    for (const [label, query] of [
      ['first page (50)', { limit: 50 }],
      ['search, a family name', { limit: 50, q: 'green' }],
      ['search, two words', { limit: 50, q: 'child12 smith' }],
    ] as Array<[string, CaseloadPageQuery]>) {
      // The same answer both ways, or the figures mean nothing.
      const [a, b] = [reference(viewer, query), now(viewer, query)];
      if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`${slug} ${label}: the two ways disagree`);
      const cpu = { reference: 0, now: 0 };
      for (let i = 0; i < ROUNDS * 2; i++) {
        const way = (i + Math.floor(i / 2)) % 2 === 0 ? 'reference' : 'now';
        touch.run();
        const start = process.cpuUsage();
        (way === 'reference' ? reference : now)(viewer, query);
        const used = process.cpuUsage(start);
        cpu[way] += (used.user + used.system) / 1000;
      }
      const [ref, cur] = [cpu.reference / ROUNDS, cpu.now / ROUNDS];
      console.log(`${`${slug}: ${label}`.padEnd(44)} ${ref.toFixed(2).padStart(10)} ${cur.toFixed(2).padStart(8)} ${(ref / cur).toFixed(1).padStart(6)}×`);
    }
  }
  reader.close();
  writer.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
