// GET …/entries a page at a time (issue 12, item 5): every entry on exactly one page, in timeline order,
// filters and visibility kept, bad paging refused with the field named.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { holdAuditHead } from '@mac/db/pg-testing';
import { DEMO, startTestServer, type TestServer } from './testing.js';

let server: TestServer;
let police: string, hv: string;
let chronologyId: string;

beforeAll(async () => {
  server = await startTestServer();
  police = await server.login(DEMO.police);
  hv = await server.login(DEMO.hv);
  const list = await server.api(hv, 'GET', '/api/chronologies');
  chronologyId = list.body.chronologies.find((c: { memberAgencies: string[] }) => ['thames-valley-police', 'oxford-health-hv'].every((a) => c.memberAgencies.includes(a))).id;
  // Same-day entries too: the order within a day must hold across page boundaries.
  for (let i = 0; i < 7; i++) {
    const res = await server.api(police, 'POST', `/api/chronologies/${chronologyId}/entries`, {
      date: `0${1 + (i % 3)}/02/2024`,
      category: 'police-attendance',
      summary: `Paging marker ${i}`,
      ...(i === 6 ? { restricted: true } : {}),
    });
    expect(res.status).toBe(201);
  }
});
afterAll(async () => {
  await server?.stop();
});

const url = (query: string) => `/api/chronologies/${chronologyId}/entries?${query}`;

async function allPages(cookie: string, query: string): Promise<{ ids: string[]; pages: number[] }> {
  const ids: string[] = [];
  const pages: number[] = [];
  let cursor: string | undefined;
  do {
    const res = await server.api(cookie, 'GET', url(query + (cursor ? `&cursor=${encodeURIComponent(cursor)}` : '')));
    expect(res.status).toBe(200);
    ids.push(...res.body.entries.map((e: { id: string }) => e.id));
    pages.push(res.body.entries.length);
    cursor = res.body.next;
  } while (cursor !== undefined);
  return { ids, pages };
}

describe('entries, a page at a time', () => {
  it('gives every entry exactly once, in the order of the whole list, and no `next` on the last page', async () => {
    const whole = await server.api(hv, 'GET', url('limit=2000'));
    expect(whole.body.next).toBeUndefined();
    const { ids, pages } = await allPages(hv, 'limit=3');
    expect(ids).toEqual(whole.body.entries.map((e: { id: string }) => e.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(pages.slice(0, -1).every((n) => n === 3)).toBe(true);
    expect(pages.at(-1)).toBeGreaterThan(0);
  });

  it('keeps the filters on every page, and another agency’s restricted entry off all of them', async () => {
    const { ids } = await allPages(hv, 'limit=2&text=Paging%20marker');
    const police6 = await allPages(police, 'limit=2&text=Paging%20marker');
    // The health visitor sees six of the seven markers: the seventh is police-restricted.
    expect(ids).toHaveLength(6);
    expect(police6.ids).toHaveLength(7);
    const entries = (await server.api(hv, 'GET', url('limit=2000&text=Paging%20marker'))).body.entries;
    expect(entries.map((e: { id: string }) => e.id)).toEqual(ids);
  });

  it('defaults to 500 a page', async () => {
    const res = await server.api(hv, 'GET', url(''));
    expect(res.status).toBe(200);
    expect(res.body.entries.length).toBeLessThanOrEqual(500);
  });

  it('refuses a page size outside 1 to 2,000 and a cursor it did not make, naming the field', async () => {
    for (const limit of ['0', '2001', 'ten', '1.5']) {
      const res = await server.api(hv, 'GET', url(`limit=${limit}`));
      expect(res.status).toBe(422);
      expect(res.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['limit']);
    }
    for (const cursor of ['nonsense', Buffer.from('[1,2]').toString('base64url'), Buffer.from('{"a":1}').toString('base64url')]) {
      const res = await server.api(hv, 'GET', url(`cursor=${cursor}`));
      expect(res.status).toBe(422);
      expect(res.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['cursor']);
    }
  });

  it('shows a write at the next read of the same page (a kept page is read again once the chronology changes)', async () => {
    const query = url('limit=2000&text=Kept%20page');
    const before = await server.api(hv, 'GET', query);
    expect(before.status).toBe(200);
    expect(before.headers.get('content-type')).toMatch(/^application\/json/);
    expect(before.body).toEqual({ entries: [] });
    const added = await server.api(police, 'POST', `/api/chronologies/${chronologyId}/entries`, { date: '04/02/2024', category: 'police-attendance', summary: 'Kept page 1' });
    expect(added.status).toBe(201);
    expect((await server.api(hv, 'GET', query)).body.entries.map((e: { summary: string }) => e.summary)).toEqual(['Kept page 1']);
    const amended = await server.api(police, 'PATCH', `/api/chronologies/${chronologyId}/entries/${added.body.entry.id}`, { summary: 'Kept page 1, amended' });
    expect(amended.status).toBe(200);
    expect((await server.api(hv, 'GET', query)).body.entries).toEqual([amended.body.entry]);
  });

  it('serves a repeated page only to the question it answers, only while current, and audits every read', async () => {
    // Alternating readers of two agencies and an outsider ask the same page again and again: on both
    // backends the page is kept on the store's client (packages/db kept-pages.ts) and must never cross
    // agencies, outlive a change, or save a read its audit record.
    const deps = server.deps;
    const stats = () => (deps.store as unknown as { stats(): { keptPageHits: number; versionReads: number } }).stats();
    const hits = () => stats().keptPageHits;
    const query = url('limit=2000&text=Read%20twice');
    const post = async (summary: string, restricted: boolean) => {
      const res = await server.api(police, 'POST', `/api/chronologies/${chronologyId}/entries`, { date: '05/02/2024', category: 'police-attendance', summary, ...(restricted ? { restricted: true } : {}) });
      expect(res.status).toBe(201);
      return res.body.entry as { id: string };
    };
    await post('Read twice, open', false);
    const secret = await post('Read twice, police only', true);
    const outsider = await server.login(DEMO.outsider);
    const hitsBefore = hits();
    const versionReadsBefore = stats().versionReads;
    const readsOf = async (actorId: string) => (await deps.repos.audit.list({ chronologyId, actorId, action: 'entry:read', limit: 1_000 })).length;
    const policeId = (await server.api(police, 'GET', '/api/me')).body.id as string;
    const hvId = (await server.api(hv, 'GET', '/api/me')).body.id as string;
    const [policeReads, hvReads] = [await readsOf(policeId), await readsOf(hvId)];
    const summaries = async (cookie: string) => {
      const res = await server.api(cookie, 'GET', query);
      expect(res.status).toBe(200);
      return res.body.entries.map((e: { summary: string }) => e.summary);
    };
    for (let round = 0; round < 3; round++) {
      expect(await summaries(police)).toEqual(['Read twice, open', 'Read twice, police only']);
      expect(await summaries(hv)).toEqual(['Read twice, open']);
      const refused = await server.api(outsider, 'GET', query);
      expect([403, 404]).toContain(refused.status);
      expect(JSON.stringify(refused.body)).not.toContain('Read twice');
    }
    // The repeats came from kept pages (else this test proves nothing about them).
    expect(hits() - hitsBefore).toBeGreaterThanOrEqual(4);
    // Checked against the version read with the chronology's access, not asked for again (one round trip
    // fewer on PostgreSQL).
    expect(stats().versionReads).toBe(versionReadsBefore);
    // Every read has its own record, kept page or not.
    expect(await readsOf(policeId)).toBe(policeReads + 3);
    expect(await readsOf(hvId)).toBe(hvReads + 3);
    // A change to the restricted entry shows at once to its agency, and still to no one else.
    const amended = await server.api(police, 'PATCH', `/api/chronologies/${chronologyId}/entries/${secret.id}`, { summary: 'Read twice, police only, amended' });
    expect(amended.status).toBe(200);
    expect(await summaries(police)).toEqual(['Read twice, open', 'Read twice, police only, amended']);
    expect(await summaries(hv)).toEqual(['Read twice, open']);
    const withdrawn = await server.api(police, 'POST', `/api/chronologies/${chronologyId}/entries/${secret.id}/withdraw`, { reason: 'Entered in error' });
    expect(withdrawn.status).toBe(200);
    expect(await summaries(police)).toEqual(['Read twice, open']);
  });

  it('gives an outsider nothing, cursor or not', async () => {
    const outsider = await server.login(DEMO.outsider);
    const first = await server.api(police, 'GET', url('limit=1'));
    const res = await server.api(outsider, 'GET', url(`limit=1&cursor=${first.body.next}`));
    expect([403, 404]).toContain(res.status);
    expect(JSON.stringify(res.body)).not.toContain('Paging marker');
  });
});

describe('a read and its audit record', () => {
  it('is not answered until its audit record is durable: a lock that holds the record up holds the answer', async () => {
    // SQLite on its worker threads (inline, the held lock would stop this very thread): another connection
    // holds the write lock, as a backup or a second process would. PostgreSQL: another connection holds
    // the audit chain's head row, as a long transaction of another node would. Reads are not held by
    // either, so only the audit record can keep the answer back.
    const held = await startTestServer({ sqliteThread: 'worker' });
    try {
      const cookie = await held.login(DEMO.hv);
      const list = await held.api(cookie, 'GET', '/api/chronologies');
      const id = list.body.chronologies[0].id as string;
      const userId = (await held.api(cookie, 'GET', '/api/me')).body.id as string;
      const page = `/api/chronologies/${id}/entries?limit=5`;
      // Read once: on SQLite the page is now kept, so the next read needs its point reads and its record.
      expect((await held.api(cookie, 'GET', page)).status).toBe(200);
      const records = async () => (await held.deps.repos.audit.list({ chronologyId: id, actorId: userId, action: 'entry:read', limit: 1_000 })).length;
      const before = await records();
      const lock = await holdLock(held);
      let answered = false;
      const read = held.api(cookie, 'GET', page).then((res) => {
        answered = true;
        return res;
      });
      try {
        await new Promise((r) => setTimeout(r, 1_500));
        expect(answered).toBe(false);
        expect(await records()).toBe(before);
      } finally {
        await lock.release();
      }
      const res = await read;
      expect(res.status).toBe(200);
      expect(res.body.entries.length).toBeGreaterThan(0);
      expect(await records()).toBe(before + 1);
    } finally {
      await held.stop();
    }
  });
});

/** Holds up every audit append of `server`'s store from another connection until `release`. */
async function holdLock(server: TestServer): Promise<{ release(): Promise<void> }> {
  if (server.deps.store.backend !== 'sqlite') return holdAuditHead(server.deps.config.databaseUrl!);
  // The writer waits up to its busy timeout (5 s) for the lock; this holds it for less.
  const other = new Database(server.deps.store.location);
  other.exec('BEGIN IMMEDIATE');
  return {
    async release() {
      other.exec('ROLLBACK');
      other.close();
    },
  };
}
