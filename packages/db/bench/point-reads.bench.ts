// The point reads every request makes on the event loop (sqlite/point-reads.ts): the session with its
// user, and the chronology with its members and running grants (the repositories' two statements), run as
// the repositories now run them (directGet: better-sqlite3 directly, the row built with Drizzle's decoders
// worked out once) against the same prepared statements through Drizzle's own `get` (the reference, what
// they ran until 7 December), on ONE read-only connection, alternately, in the same run.
//
// Each round first commits a write on the writer's connection: under WAL a reader whose database changed
// drops its whole page cache at its next read (SQLite's pager reset), so the first read after a commit
// ("after a commit") costs more than the ones after it ("warm"). Which of the two goes first alternates.
// Prints µs per pair of reads and the ratio to the reference. Asserts nothing.
//   pnpm --filter @mac/db bench:point-reads   (BENCH_ROUNDS)
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase, openReadOnlyDatabase } from '../src/open.js';
import { createRepos } from '../src/repos/index.js';
import { directGet } from '../src/repos/direct-select.js';
import { chronologyStatement } from '../src/repos/chronologies.js';
import { sessionWithUserStatement } from '../src/repos/sessions.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4_000);
const dir = mkdtempSync(join(tmpdir(), 'mac-bench-point-'));
try {
  const auditKey = new Uint8Array(randomBytes(32));
  const file = join(dir, 'mac.sqlite');
  const writer = openDatabase({ file });
  const w = createRepos(writer, { auditKey });
  w.agencies.upsert({ slug: 'oxfordshire-csc', name: "Oxfordshire Children's Social Care", kind: 'childrens-social-care' });
  const user = w.users.create({ email: 'bench@example.org', name: 'Bench Lead', role: 'lead', agency: 'oxfordshire-csc', passwordHash: null });
  const chronology = w.chronologies.create({ child: { givenName: 'Bench', familyName: 'Child', dateOfBirth: '2014-06-01', nhsNumber: null, upn: null }, leadUserId: user.id, memberAgencies: ['oxfordshire-csc'], addedBy: user.id });
  const idHash = 'a'.repeat(64);
  w.sessions.create({ idHash, userId: user.id, expiresAt: '2999-01-01T00:00:00.000Z', ip: null, userAgent: 'bench' });

  const reader = openReadOnlyDatabase({ file });
  const withUser = sessionWithUserStatement(reader);
  const access = chronologyStatement(reader, true);
  const direct = { withUser: directGet(withUser), access: directGet(access) };
  const ways = {
    direct: (at: string) => [direct.withUser({ idHash }), direct.access({ id: chronology.id, at })],
    drizzle: (at: string) => [withUser.get({ idHash }), access.get({ id: chronology.id, at })],
  };
  const t = { direct: { cold: 0, warm: 0 }, drizzle: { cold: 0, warm: 0 } };
  for (let round = 0; round < ROUNDS; round++) {
    // A commit on the writer: the reader's next read finds the database changed.
    w.audit.append({ actorId: user.id, actorLabel: 'Bench Lead', actorAgency: 'oxfordshire-csc', action: 'entry:read', outcome: 'allowed', chronologyId: chronology.id, entryId: null, details: { count: 500 }, ip: null });
    const at = new Date().toISOString();
    const order = round % 2 === 0 ? (['direct', 'drizzle'] as const) : (['drizzle', 'direct'] as const);
    for (const [i, way] of [...order, ...order].entries()) {
      const t0 = performance.now();
      const [session, found] = ways[way](at);
      const ms = performance.now() - t0;
      if (session === undefined || found === undefined) throw new Error('nothing read');
      // The first round warms up (JIT); the first read of each round pays the cache reset.
      if (round > 0) t[way][i === 0 ? 'cold' : 'warm'] += ms;
    }
  }
  const n = ROUNDS - 1;
  const us = (ms: number, count: number) => `${((ms / count) * 1000).toFixed(1)} µs`;
  console.log(`Point reads on one read-only connection, session with user + chronology access, ${n} rounds (µs per pair)`);
  console.log(`  ${'directGet (as the repositories run them)'.padEnd(46)} after a commit ${us(t.direct.cold, n / 2).padStart(9)}  warm ${us(t.direct.warm, (n * 3) / 2).padStart(9)}`);
  console.log(`  ${"reference: Drizzle's prepared get".padEnd(46)} after a commit ${us(t.drizzle.cold, n / 2).padStart(9)}  warm ${us(t.drizzle.warm, (n * 3) / 2).padStart(9)}`);
  console.log(`  ratio ${''.padEnd(40)} after a commit ${(t.direct.cold / t.drizzle.cold).toFixed(2).padStart(9)}x warm ${(t.direct.warm / t.drizzle.warm).toFixed(2).padStart(9)}x`);
  reader.close();
  writer.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
