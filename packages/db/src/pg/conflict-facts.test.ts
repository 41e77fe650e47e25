// The conflict check's facts in one statement (update-log.ts conflictFacts) against what the two reads it
// replaced gave (each checked document's head, then every owner of its client ids), on a real PostgreSQL
// 15: for any batch of writes, conflictsOf must give the same documents from either. The batches are
// generated (documents with and without updates and owners, checked or not, claims owned by the writer, by
// someone else or by no one, one document written twice in a batch).
import { randomBytes } from 'node:crypto';
import { drizzle } from 'drizzle-orm/node-postgres';
import { eq, max } from 'drizzle-orm';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { conflictsOf, type CheckedWrite } from '../units.js';
import type { PgExec } from './audit.js';
import { conflictFacts } from './update-log.js';
import { docClients, docUpdates } from './schema.js';
import * as schema from './schema.js';
import { freshDatabaseFrom } from './test-cluster.js';
import './provided.js';

const DOCS = ['chronology:a', 'chronology:b', 'chronology:c', 'chronology:none'];
const PRINCIPALS = ['p1', 'p2', 'p3'];
// Documents' heads and owners as stored: `a` has 3 updates and two owners, `b` one update and an owner,
// `c` owners but no updates, `none` nothing.
const UPDATES: Record<string, number> = { 'chronology:a': 3, 'chronology:b': 1 };
const OWNERS: Array<[string, number, string]> = [
  ['chronology:a', 1, 'p1'],
  ['chronology:a', 2, 'p2'],
  ['chronology:a', 4_294_967_295, 'p3'],
  ['chronology:b', 1, 'p2'],
  ['chronology:c', 5, 'p1'],
];

let pool: pg.Pool;
let db: PgExec;

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: await freshDatabaseFrom(inject('pgAdminUrl')) });
  db = drizzle({ client: pool, schema }) as unknown as PgExec;
  for (const [docName, n] of Object.entries(UPDATES)) {
    for (let i = 1; i <= n; i++) await db.insert(docUpdates).values({ docName, docSeq: i, data: new Uint8Array(randomBytes(4)), createdAt: new Date().toISOString() });
  }
  for (const [docName, clientId, principalId] of OWNERS) await db.insert(docClients).values({ docName, clientId, principalId, claimedAt: new Date().toISOString() });
});
afterAll(async () => {
  await pool?.end();
});

/** The two reads the check made before: every checked document's head, then all its owners. */
async function twoReads(writes: readonly CheckedWrite[]) {
  const heads = new Map<string, number>();
  const owners = new Map<string, Map<number, string>>();
  for (const docName of new Set(writes.filter((w) => w.afterDocSeq !== undefined).map((w) => w.docName))) {
    const [row] = await db.select({ head: max(docUpdates.docSeq) }).from(docUpdates).where(eq(docUpdates.docName, docName));
    if (row?.head != null) heads.set(docName, Number(row.head));
    const rows = await db.select({ clientId: docClients.clientId, principalId: docClients.principalId }).from(docClients).where(eq(docClients.docName, docName));
    owners.set(docName, new Map(rows.map((r) => [r.clientId, r.principalId])));
  }
  return { heads, owners };
}

const answer = (writes: readonly CheckedWrite[], facts: { heads: Map<string, number>; owners: Map<string, Map<number, string>> }) =>
  conflictsOf(writes, (d) => facts.heads.get(d) ?? 0, (d) => facts.owners.get(d) ?? new Map());

const write = fc.record({
  docName: fc.constantFrom(...DOCS),
  afterDocSeq: fc.constantFrom(undefined, 0, 1, 3),
  claims: fc.uniqueArray(fc.constantFrom(1, 2, 3, 5, 4_294_967_295), { maxLength: 3 }),
  writerId: fc.constantFrom(...PRINCIPALS),
});

describe('the conflict check in one statement', () => {
  it('gives the answers of the two reads it replaced, for any batch', async () => {
    let conflicts = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(write, { minLength: 1, maxLength: 5 }), async (writes) => {
        const expected = answer(writes, await twoReads(writes));
        expect(answer(writes, await conflictFacts(db, writes))).toEqual(expected);
        if (expected.length > 0) conflicts += 1;
      }),
      { numRuns: 150, seed: 19 },
    );
    // Not vacuous: many batches conflicted.
    expect(conflicts).toBeGreaterThan(20);
  });

  it('reads each checked head, 0 for none yet, and the owners of the claimed client ids only', async () => {
    const facts = await conflictFacts(db, [
      { docName: 'chronology:a', afterDocSeq: 3, claims: [2, 4_294_967_295, 9], writerId: 'p1' },
      { docName: 'chronology:c', afterDocSeq: 0, claims: [], writerId: 'p1' },
      { docName: 'chronology:b', claims: [1], writerId: 'p1' },
    ]);
    expect(facts.heads).toEqual(new Map([['chronology:a', 3], ['chronology:c', 0]]));
    expect(facts.owners).toEqual(new Map([['chronology:a', new Map([[2, 'p2'], [4_294_967_295, 'p3']])]]));
    expect(await conflictFacts(db, [{ docName: 'chronology:a', claims: [1], writerId: 'p2' }])).toEqual({ heads: new Map(), owners: new Map() });
  });

  it('takes one round trip', async () => {
    const client = await pool.connect();
    try {
      const queries: unknown[] = [];
      const query = client.query.bind(client);
      (client as unknown as { query: (...a: unknown[]) => unknown }).query = (...a: unknown[]) => (queries.push(a[0]), (query as (...b: unknown[]) => unknown)(...a));
      const exec = drizzle({ client, schema }) as unknown as PgExec;
      await conflictFacts(exec, [
        { docName: 'chronology:a', afterDocSeq: 3, claims: [1, 2], writerId: 'p1' },
        { docName: 'chronology:b', afterDocSeq: 1, claims: [1], writerId: 'p1' },
      ]);
      expect(queries).toHaveLength(1);
    } finally {
      client.release();
    }
  });
});
