/**
 * Rule S9 on the whole server (docs/storage.md), on SQLite and again on PostgreSQL: a compaction whose
 * merged state does not hold the rows it would replace (here, a merge thread that answers with the state of
 * the first half of them, as a truncated or lost merge would) is refused by the store, replaces nothing, and
 * the document opens afterwards with every entry it had. Found 7 December: three big documents' logs were
 * replaced by empty states (state-merger.ts answerOf); S8 refuses an empty state, S9 any state short of the rows.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createStateMerger, readEntries, sharedDocName, type StateMerger } from '@mac/sync';
import { connect } from './sync-testing.js';
import { DEMO, startTestServer, type TestServer } from './testing.js';

let server: TestServer;
let cookie: string;
const real = createStateMerger({ idleMs: 1_000 });
let wrongMerges = 0;
/** A merge thread that drops the second half of what it is given. */
const truncating: StateMerger = {
  async merge(updates) {
    wrongMerges += 1;
    return real.merge(updates.slice(0, Math.ceil(updates.length / 2)));
  },
  mergeConverting: (updates, docName) => real.mergeConverting(updates, docName),
  warmUp: () => real.warmUp(),
  get warm() {
    return real.warm;
  },
  get merges() {
    return real.merges;
  },
  get conversions() {
    return real.conversions;
  },
  close: () => real.close(),
};
const WAIT = { timeout: 30_000, interval: 50 };

beforeAll(async () => {
  // No automatic compaction (the one asked for below is the test's); rooms let go 200 ms after their last use.
  server = await startTestServer({ compaction: false, roomIdleMs: 200 }, { merger: truncating });
  cookie = await server.login(DEMO.dsl);
});

afterAll(async () => {
  await server.stop();
  await real.close();
});

describe('S9: a compaction with a wrong merged state', () => {
  it('is refused by the store: every row stays, and the document opens with every entry', async () => {
    const list = await server.api(cookie, 'GET', '/api/chronologies');
    const chronologyId = list.body.chronologies.find((c: { memberAgencies: string[] }) => c.memberAgencies.includes('northway-primary')).id as string;
    const docName = sharedDocName(chronologyId);
    const base = `/api/chronologies/${chronologyId}/entries`;
    for (let i = 0; i < 6; i++) {
      const made = await server.api(cookie, 'POST', base, { date: `2024-06-0${i + 1}`, category: 'school-absence', summary: `Kept ${i}` });
      expect(made.status).toBe(201);
    }
    const rowsBefore = await server.deps.repos.updateLog.load(docName);
    expect(rowsBefore.length).toBeGreaterThanOrEqual(6);
    const restBefore = (await server.api(cookie, 'GET', `${base}?limit=2000`)).body.entries as Array<{ id: string }>;

    // The CLI's compaction (the automatic one takes the same path, compaction.ts mergeStored).
    await expect(server.deps.rooms.compact(docName)).rejects.toThrow(/does not hold them/);
    expect(wrongMerges).toBe(1);
    const rowsAfter = await server.deps.repos.updateLog.load(docName);
    expect(rowsAfter.map((r) => [r.docSeq, [...r.data]])).toEqual(rowsBefore.map((r) => [r.docSeq, [...r.data]]));

    // The room is let go, then loaded again from the stored rows: every entry is there.
    await vi.waitFor(() => expect(server.deps.rooms.stats().rooms).toBe(0), WAIT);
    const client = connect(server.origin, cookie, docName);
    await vi.waitFor(() => expect(client.provider.synced).toBe(true), WAIT);
    const live = readEntries(client.doc).map((e) => e.id);
    client.destroy();
    for (const entry of restBefore) expect(live).toContain(entry.id);
    expect(readEntries(client.doc).map((e) => e.summary)).toEqual(expect.arrayContaining(['Kept 0', 'Kept 5']));
  });
});
