// Rule S7 of the storage port (docs/storage.md; batch-order.ts): a persistBatch ordered after an earlier
// one still in flight is stored only if that one was, and after it. Part of the contract suite, in a
// module of its own (store-contract.ts is near the size limit); run against every adapter: SQLite inline
// (store-contract.test.ts), SQLite on its worker thread, where two batches really are in flight at once
// (sqlite/store.test.ts), and PostgreSQL (pg/store.test.ts).
import { randomUUID } from 'node:crypto';
import { buildEntry } from '@mac/domain/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAfterFailed } from './batch-order.js';
import type { PersistWrite, Store } from './port.js';

export function describeOrderContract(name: string, open: () => Promise<Store>): void {
  describe(`storage port contract, S7 batches in order: ${name}`, () => {
    let store: Store;
    // A worker's start-up loads the code: seconds on a loaded machine.
    beforeAll(async () => {
      store = await open();
    }, 60_000);
    afterAll(async () => {
      await store?.close();
    });

    async function chronology() {
      const r = store.repos;
      await r.agencies.upsert({ slug: 'northway-primary', name: 'Northway Primary School', kind: 'education' });
      const lead = await r.users.create({ email: `lead-${randomUUID()}@northway.example`, name: 'Lena Lead', role: 'lead', agency: 'northway-primary', passwordHash: null });
      const created = await r.chronologies.create({ child: { givenName: 'Ada', familyName: 'Example', dateOfBirth: '2015-03-27' }, leadUserId: lead.id, memberAgencies: ['northway-primary'], addedBy: lead.id });
      return created.id;
    }

    function write(chronologyId: string, n: number, docName = chronologyId): PersistWrite {
      const entry = buildEntry({ id: `o-${randomUUID()}` });
      return {
        docName,
        chronologyId,
        update: new Uint8Array([n % 256, 7]),
        claims: [],
        actor: { id: `actor-${n}`, name: `Actor ${n}`, agency: 'northway-primary' },
        meta: { via: 'rest', ip: null },
        changes: [{ entryId: entry.id, kind: 'create', before: null, after: entry, fields: ['summary'] }],
      };
    }

    const logOf = async (docName: string) => (await store.repos.updateLog.load(docName)).map((u) => [u.docSeq, u.data[0]]);

    it('S7: a batch sent while the one it is ordered after is in flight is stored after it', async () => {
      const a = await chronology();
      const [ka, kb] = [{}, {}];
      // Both called in one synchronous run: neither has settled when the other is sent.
      const first = store.persistBatch([write(a, 1), write(a, 2)], { key: ka });
      const second = store.persistBatch([write(a, 3)], { key: kb, after: ka });
      expect(await Promise.all([first, second])).toEqual([[1, 2], [3]]);
      // Ordered after a batch that has settled (stored): simply stored.
      expect(await store.persistBatch([write(a, 4)], { key: {}, after: kb })).toEqual([4]);
      expect(await logOf(a)).toEqual([
        [1, 1],
        [2, 2],
        [3, 3],
        [4, 4],
      ]);
    });

    it('S7: a batch ordered after one that fails stores nothing and rejects as AfterFailed, and so does one after it; others are stored', async () => {
      const a = await chronology();
      const b = `${a}/restricted/northway-primary`;
      const auditBefore = await store.repos.audit.count();
      const [ka, kb, kc] = [{}, {}, {}];
      // The first batch fails (its second write names a chronology that does not exist); the two after it
      // are in flight behind it, each ordered after the one before; a fourth is not ordered.
      const results = await Promise.allSettled([
        store.persistBatch([write(a, 1), write(`missing-${randomUUID()}`, 2)], { key: ka }),
        store.persistBatch([write(a, 3), write(a, 4, b)], { key: kb, after: ka }),
        store.persistBatch([write(a, 5, b)], { key: kc, after: kb }),
        store.persistBatch([write(a, 6, b)]),
      ]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected', 'fulfilled']);
      const reasons = results.slice(0, 3).map((r) => (r as PromiseRejectedResult).reason as unknown);
      expect(reasons.map(isAfterFailed)).toEqual([false, true, true]);
      expect(await logOf(a)).toEqual([]);
      expect(await logOf(b)).toEqual([[1, 6]]);
      expect(await store.repos.entries.all(a)).toHaveLength(1);
      expect(await store.repos.audit.count()).toBe(auditBefore + 1);
      // Ordered after a batch already known to have failed: refused at once, nothing stored.
      await expect(store.persistBatch([write(a, 7)], { key: {}, after: kc })).rejects.toSatisfy(isAfterFailed);
      expect(await logOf(a)).toEqual([]);
      expect(await store.repos.audit.verify()).toMatchObject({ ok: true });
    });
  });
}
