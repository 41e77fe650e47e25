// The contract of the storage port (port.ts): one set of tests that every adapter must pass, run against
// each of them (the PostgreSQL adapter in pg/store.test.ts; SQLite in store-contract.test.ts). Only the
// port is used here, never SQL, so a test that fails names a difference of behaviour, not of dialect.
//
// `open` must give a store on an EMPTY database that takes its clock from `options.now` (tests move it to
// tell records apart in time). The store is opened once per suite; tests keep apart by their own ids and
// count by differences, so they also hold for a store other suites have written to.
//
// One module: one contract suite run against every adapter, its rules S1-S6 in the order docs/storage.md
// states them, then S8 and S9 with compaction (S7, imports in slices, in import-journal-contract.ts; actions
// and alerts in actions-alerts-contract.ts).
import { randomUUID } from 'node:crypto';
import { dateBounds, type Entry } from '@mac/domain';
import { buildEntry } from '@mac/domain/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersistWrite, Store } from './port.js';
import { storageFailure } from './storage-errors.js';
import { describeImportJournalContract } from './import-journal-contract.js';
import { describeCaseloadPageContract } from './caseload-page-contract.js';
import { describeActionsAndAlertsContract } from './actions-alerts-contract.js';
import { describeUsersContract } from './users-contract.js';
import { describePatternRowsContract } from './pattern-rows-contract.js';
import { describeAccessSweepContract } from './access-sweep-contract.js';
import { v1Update } from './testing.js';

/** Row n of a document as the contract writes it (a valid V1 update: S9 reads them), and the state of rows `ns`. */
const rowOf = (n: number) => v1Update([{ client: 1000 + n, clock: 0, key: `w${n}` }]);
const stateOfSets = (ns: readonly number[]) => ns.map((n) => ({ client: 1000 + n, clock: 0, key: `w${n}` }));
const stateOf = (ns: readonly number[]) => v1Update(stateOfSets(ns));

export interface ContractOptions {
  /** The clock the store must use for every timestamp it writes. */
  now: () => Date;
}

const actor = { actorId: 'u1', actorLabel: 'Una', actorAgency: 'northway-primary', outcome: 'allowed' as const };

export function describeStoreContract(name: string, open: (options: ContractOptions) => Promise<Store>): void {
  describe(`storage port contract: ${name}`, () => {
    let store: Store;
    let clock = new Date('2024-05-01T12:00:00.000Z');
    const tick = (ms = 1000) => (clock = new Date(clock.getTime() + ms));

    beforeAll(async () => {
      store = await open({ now: () => clock });
    });
    afterAll(async () => {
      await store?.close();
    });

    async function seed() {
      const r = store.repos;
      await r.agencies.upsert({ slug: 'thames-valley-police', name: 'Thames Valley Police', kind: 'police' });
      await r.agencies.upsert({ slug: 'northway-primary', name: 'Northway Primary School', kind: 'education' });
      const lead = await r.users.create({ email: `lead-${randomUUID()}@northway.example`, name: 'Lena Lead', role: 'lead', agency: 'northway-primary', passwordHash: null });
      const chronology = await r.chronologies.create({
        child: { givenName: 'Ada', familyName: 'Example', dateOfBirth: '2015-03-27' },
        leadUserId: lead.id,
        memberAgencies: ['northway-primary', 'thames-valley-police'],
        addedBy: lead.id,
      });
      return { lead, chronology };
    }

    const projection = (chronologyId: string, entry: Entry, docName = chronologyId) => ({ ...entry, chronologyId, docName, dateFirst: dateBounds(entry.date).first, dateLast: dateBounds(entry.date).last, updatedBy: 'u1' });

    function write(chronologyId: string, n: number, overrides: Partial<PersistWrite> = {}): PersistWrite {
      const entry = buildEntry({ id: `w-${randomUUID()}` });
      return {
        docName: chronologyId,
        chronologyId,
        update: rowOf(n),
        claims: [1000 + n],
        actor: { id: `actor-${n}`, name: `Actor ${n}`, agency: 'thames-valley-police' },
        meta: { via: n % 2 === 0 ? 'websocket' : 'rest', ip: '10.0.0.9' },
        changes: [{ entryId: entry.id, kind: 'create', before: null, after: entry, fields: ['summary'] }],
        ...overrides,
      };
    }

    it('is one of the declared backends, and says where its data lives without a password', () => {
      expect(['sqlite', 'postgres']).toContain(store.backend);
      expect(store.location.length).toBeGreaterThan(0);
      expect(store.location).not.toMatch(/:[^:@/]+@/);
    });

    it('answers a ping (the health route’s probe)', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('grants break-glass once when two requests race for it (createUnlessRunning)', async () => {
      const { lead, chronology } = await seed();
      const at = clock.toISOString();
      const ask = (reason: string) => store.repos.breakGlass.createUnlessRunning({ chronologyId: chronology.id, userId: lead.id, reason, grantedAt: at, expiresAt: new Date(clock.getTime() + 3_600_000).toISOString() });
      const raced = await Promise.all([ask('first'), ask('second'), ask('third')]);
      const granted = raced.filter((r) => r.grant !== null);
      expect(granted).toHaveLength(1);
      for (const r of raced) if (r.grant === null) expect(r.running.id).toBe(granted[0]!.grant!.id);
      expect((await store.repos.breakGlass.activeFor(chronology.id, at)).map((g) => g.userId)).toEqual([lead.id]);
    });

    describe('units of work', () => {
      it('persistBatch stores every write (log, claims, projection, one audit record per changed entry) with each write’s own actor and channel', async () => {
        const { chronology } = await seed();
        const id = chronology.id;
        const auditBefore = await store.repos.audit.count();
        const entry = buildEntry({ id: `amended-${randomUUID()}` });
        const amended = { ...entry, summary: 'Corrected' };
        const writes = [
          write(id, 1),
          write(id, 2),
          write(id, 3, { changes: [{ entryId: entry.id, kind: 'create', before: null, after: entry, fields: [] }] }),
          write(id, 4, { meta: { via: 'import', ip: null, importId: 'imp-1' }, changes: [{ entryId: entry.id, kind: 'amend', before: entry, after: amended, fields: ['summary'] }] }),
          write(id, 5, { changes: [], claims: [] }),
        ];
        const seqs = await store.persistBatch(writes);
        expect(seqs).toHaveLength(5);
        expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
        expect(new Set(seqs).size).toBe(5);
        // Per-document sequence numbers: the document's first five, in the order given.
        expect(seqs).toEqual([1, 2, 3, 4, 5]);
        expect((await store.repos.updateLog.load(id)).map((u) => [u.docSeq, [...u.data]])).toEqual(seqs.map((seq, i) => [seq, [...rowOf(i + 1)]]));
        const owners = await store.repos.docClients.owners(id);
        expect([owners.get(1001), owners.get(1002), owners.get(1004)]).toEqual(['actor-1', 'actor-2', 'actor-4']);
        // Two writes of one entry in one batch: the projection holds the later.
        expect(await store.repos.entries.getInDoc(id, id, entry.id)).toMatchObject({ summary: 'Corrected', updatedBy: 'actor-4' });
        const records = (await store.repos.audit.list({ chronologyId: id })).reverse();
        expect(await store.repos.audit.count()).toBe(auditBefore + 4);
        expect(records.map((r) => [r.actorId, r.action, r.details.via, r.ip])).toEqual([
          ['actor-1', 'entry.create', 'rest', '10.0.0.9'],
          ['actor-2', 'entry.create', 'websocket', '10.0.0.9'],
          ['actor-3', 'entry.create', 'rest', '10.0.0.9'],
          ['actor-4', 'entry.amend', 'import', null],
        ]);
        expect(records[3]!.details).toEqual({ via: 'import', docName: id, importId: 'imp-1', changes: { summary: { from: entry.summary, to: 'Corrected' } } });
        expect(await store.persistBatch([])).toEqual([]);
        expect(await store.repos.audit.verify()).toMatchObject({ ok: true });
      });

      it('persistBatch is atomic: a write that fails mid-batch leaves nothing of any write', async () => {
        const { chronology } = await seed();
        const id = chronology.id;
        const auditBefore = await store.repos.audit.count();
        const logBefore = await store.repos.updateLog.stats();
        // The third write's projection names a chronology that does not exist (a foreign key), after the
        // first two writes' rows went in.
        await expect(store.persistBatch([write(id, 1), write(id, 2), write(`missing-${randomUUID()}`, 3)])).rejects.toThrow();
        expect(await store.repos.updateLog.stats()).toEqual(logBefore);
        expect(await store.repos.docClients.owners(id)).toEqual(new Map());
        expect(await store.repos.entries.all(id)).toEqual([]);
        expect(await store.repos.audit.count()).toBe(auditBefore);
        expect(await store.repos.audit.verify()).toMatchObject({ ok: true });
      });

      it('recordHouseholdEvent stores every copy, the event and the notifications together; one failing copy leaves nothing', async () => {
        const a = await seed();
        const b = await seed();
        const household = await store.repos.households.create({ name: null, createdBy: a.lead.id, children: [a.chronology.id, b.chronology.id].map((chronologyId) => ({ chronologyId, relationship: 'sibling', from: null, to: null })) });
        if (!household.ok) throw new Error('household not created');
        const householdEventId = randomUUID();
        const copy = (chronologyId: string, n: number): PersistWrite => {
          const entry = buildEntry({ id: randomUUID(), householdEventId });
          return write(chronologyId, n, { meta: { via: 'rest', ip: null, householdEventId }, changes: [{ entryId: entry.id, kind: 'create', before: null, after: entry, fields: ['summary'] }] });
        };
        const event = { id: householdEventId, householdId: household.household.id, agency: 'thames-valley-police', recordedBy: 'actor-1', recordedAt: clock.toISOString(), chronologyIds: [a.chronology.id, b.chronology.id], skipped: [{ chronologyId: 'c-3', reason: 'not a member' }] };
        const notice = { userId: b.lead.id, chronologyId: b.chronology.id, kind: 'household-event-elsewhere', message: 'an event exists' };
        const auditBefore = await store.repos.audit.count();

        // A copy for a chronology that does not exist (a foreign key) fails the whole unit.
        await expect(store.recordHouseholdEvent({ event, writes: [copy(a.chronology.id, 1), copy(`missing-${randomUUID()}`, 2)], notifications: [notice] })).rejects.toThrow();
        expect(await store.repos.households.event(householdEventId)).toBeNull();
        expect(await store.repos.entries.all(a.chronology.id)).toEqual([]);
        expect(await store.repos.notifications.listForUser(b.lead.id)).toEqual([]);
        expect(await store.repos.audit.count()).toBe(auditBefore);

        const seqs = await store.recordHouseholdEvent({ event, writes: [copy(a.chronology.id, 1), copy(b.chronology.id, 2)], notifications: [notice] });
        expect(seqs).toHaveLength(2);
        expect(await store.repos.households.event(householdEventId)).toEqual(event);
        const copies = await store.repos.entries.householdCopies(householdEventId);
        expect(copies.map((c) => c.chronologyId).sort()).toEqual([a.chronology.id, b.chronology.id].sort());
        expect((await store.repos.entries.all(a.chronology.id))[0]!.householdEventId).toBe(householdEventId);
        expect((await store.repos.notifications.listForUser(b.lead.id)).map((n) => n.kind)).toEqual(['household-event-elsewhere']);
        const records = await store.repos.audit.list({ chronologyId: a.chronology.id });
        expect(records.find((r) => r.action === 'entry.create')!.details).toMatchObject({ householdEventId });
        expect(await store.repos.audit.verify()).toMatchObject({ ok: true });
      });

      it('rebuildDoc replaces one document’s projection, nothing else; a failing rebuild changes nothing', async () => {
        const { chronology } = await seed();
        const id = chronology.id;
        const restrictedDoc = `${id}/restricted/thames-valley-police`;
        await store.repos.entries.upsert(projection(id, buildEntry({ id: 'stale' })));
        await store.repos.entries.upsert(projection(id, buildEntry({ id: 'other', restricted: true }), restrictedDoc));
        await store.rebuildDoc(id, [projection(id, buildEntry({ id: 'fresh-1' })), projection(id, buildEntry({ id: 'fresh-2' }))]);
        expect((await store.repos.entries.all(id)).map((e) => e.id).sort()).toEqual(['fresh-1', 'fresh-2', 'other']);
        await expect(store.rebuildDoc(id, [projection(`missing-${randomUUID()}`, buildEntry({ id: 'x' }), id)])).rejects.toThrow();
        expect((await store.repos.entries.all(id)).map((e) => e.id).sort()).toEqual(['fresh-1', 'fresh-2', 'other']);
      });

      it('appendUpdates stores updates and their claims, no projection and no audit; seqs in order', async () => {
        const doc = `doc-${randomUUID()}`;
        const auditBefore = await store.repos.audit.count();
        const seqs = await store.appendUpdates([
          { docName: doc, update: new Uint8Array([1]), claims: [11, 12], principalId: 'alice' },
          { docName: doc, update: new Uint8Array([2]), claims: [12, 13], principalId: 'bob' },
        ]);
        expect(seqs).toEqual([1, 2]);
        expect((await store.repos.updateLog.load(doc)).map((u) => [u.docSeq, [...u.data]])).toEqual([
          [seqs[0], [1]],
          [seqs[1], [2]],
        ]);
        expect(await store.repos.docClients.owners(doc)).toEqual(
          new Map([
            [11, 'alice'],
            [12, 'alice'],
            [13, 'bob'],
          ]),
        );
        expect(await store.repos.audit.count()).toBe(auditBefore);
        expect(await store.appendUpdates([])).toEqual([]);
      });

      it('per-document sequence numbers: 1, 2, 3… per document without gaps, whoever appends; `after` and `head` read them', async () => {
        const a = (await seed()).chronology.id;
        const b = `${a}/restricted/thames-valley-police`;
        expect(await store.repos.updateLog.head(a)).toBe(0);
        expect(await store.persistBatch([write(a, 1), write(a, 2, { docName: b }), write(a, 3)])).toEqual([1, 1, 2]);
        expect(await store.appendUpdates([{ docName: b, update: new Uint8Array([4]), claims: [], principalId: 'p' }])).toEqual([2]);
        expect(await store.repos.updateLog.append(a, new Uint8Array([5]))).toBe(3);
        // Concurrent callers: each document's numbers still run 1..n with no gap and no repeat.
        const more = await Promise.all(Array.from({ length: 12 }, (_, i) => store.persistBatch([write(a, 10 + i, { claims: [], docName: i % 2 === 0 ? a : b })])));
        expect(more.flat()).toHaveLength(12);
        for (const [doc, count] of [[a, 9], [b, 8]] as const) {
          expect((await store.repos.updateLog.load(doc)).map((u) => u.docSeq)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
          expect(await store.repos.updateLog.head(doc)).toBe(count);
        }
        expect((await store.repos.updateLog.after(a, 6)).map((u) => u.docSeq)).toEqual([7, 8, 9]);
        expect(await store.repos.updateLog.after(a, 9)).toEqual([]);
      });

      it('compaction: the merged row takes the highest doc_seq it replaces; later rows and their numbers stay; a reader behind gets the merged row first', async () => {
        const a = (await seed()).chronology.id;
        await store.persistBatch([write(a, 1, { claims: [] }), write(a, 2, { claims: [] }), write(a, 3, { claims: [] }), write(a, 4, { claims: [] })]);
        expect(await store.repos.updateLog.replaceUpTo(a, 3, stateOf([1, 2, 3]))).toBe(3);
        expect((await store.repos.updateLog.load(a)).map((u) => [u.docSeq, [...u.data]])).toEqual([
          [3, [...stateOf([1, 2, 3])]],
          [4, [...rowOf(4)]],
        ]);
        // The next append continues after the head; a reader that had applied 1 gets the merged row, then 4, 5.
        expect(await store.persistBatch([write(a, 5, { claims: [] })])).toEqual([5]);
        expect((await store.repos.updateLog.after(a, 1)).map((u) => u.docSeq)).toEqual([3, 4, 5]);
        expect(await store.repos.updateLog.replaceUpTo(a, 0, new Uint8Array([1]))).toBeNull();
      });

      it('S8: a compaction with an empty state is refused and replaces nothing', async () => {
        const a = (await seed()).chronology.id;
        await store.persistBatch([write(a, 1, { claims: [] }), write(a, 2, { claims: [] })]);
        const before = (await store.repos.updateLog.load(a)).map((u) => [u.docSeq, [...u.data]]);
        await expect(store.repos.updateLog.replaceUpTo(a, 2, new Uint8Array(0))).rejects.toThrow(/empty state/);
        // A view whose buffer was moved away (transferred to a thread) reads as empty too.
        const moved = new Uint8Array([5, 5]);
        structuredClone(moved.buffer, { transfer: [moved.buffer] });
        await expect(store.repos.updateLog.replaceUpTo(a, 2, moved)).rejects.toThrow(/empty state/);
        expect((await store.repos.updateLog.load(a)).map((u) => [u.docSeq, [...u.data]])).toEqual(before);
      });

      it('S9: a compaction with a state that does not hold every row it replaces is refused and replaces nothing', async () => {
        const a = (await seed()).chronology.id;
        await store.persistBatch([1, 2, 3, 4].map((n) => write(a, n, { claims: [] })));
        await store.repos.updateLog.append(a, v1Update([], [{ client: 1001, clock: 0, len: 1 }]));
        const log = store.repos.updateLog;
        const before = (await log.load(a)).map((u) => [u.docSeq, [...u.data]]);
        const refused = /does not hold them/;
        // Truncated but not empty: the state of the first half of the rows (what a lost merge would give).
        await expect(log.replaceUpTo(a, 5, stateOf([1, 2]))).rejects.toThrow(refused);
        // Every struct but not the last row's deletion; another document's state; bytes that are no update.
        await expect(log.replaceUpTo(a, 5, stateOf([1, 2, 3, 4]))).rejects.toThrow(refused);
        await expect(log.replaceUpTo(a, 5, stateOf([7, 8, 9, 10]))).rejects.toThrow(refused);
        await expect(log.replaceUpTo(a, 5, new Uint8Array([1, 2, 3]))).rejects.toThrow(refused);
        expect((await log.load(a)).map((u) => [u.docSeq, [...u.data]])).toEqual(before);
        // The state that holds them is taken; a conversion (rebuilt under its own client) need only be whole.
        const whole = v1Update(stateOfSets([1, 2, 3, 4]), [{ client: 1001, clock: 0, len: 1 }]);
        expect(await log.replaceUpTo(a, 5, whole)).toBe(5);
        await expect(log.replaceUpTo(a, 5, v1Update([{ client: 5, clock: 3, key: 'x' }]), { converted: true })).rejects.toThrow(refused);
        expect(await log.replaceUpTo(a, 5, v1Update([{ client: 5, clock: 0, key: 'x' }]), { converted: true })).toBe(5);
      });

      it('a write inspected at an older sequence (another node committed first) or claiming another principal’s client id is refused whole, storing nothing', async () => {
        const a = (await seed()).chronology.id;
        const b = (await seed()).chronology.id;
        expect(await store.persistBatch([write(a, 1, { afterDocSeq: 0 }), write(a, 2, { afterDocSeq: 0 })])).toEqual([1, 2]);
        const auditBefore = await store.repos.audit.count();
        const entry = buildEntry({ id: randomUUID() });
        const creating = { changes: [{ entryId: entry.id, kind: 'create' as const, before: null, after: entry, fields: [] }] };
        // Inspected at 1, but 2 is stored: refused, and the other document's write in the same call with it.
        const stale = store.persistBatch([write(b, 3, { afterDocSeq: 0, ...creating }), write(a, 4, { afterDocSeq: 1, claims: [] })]);
        await expect(stale).rejects.toMatchObject({ code: 'MAC_WRITE_CONFLICT' });
        expect(await store.repos.updateLog.head(b)).toBe(0);
        expect(await store.repos.entries.all(b)).toEqual([]);
        expect(await store.repos.audit.count()).toBe(auditBefore);
        // Client id 1001 belongs to actor-1 (claimed with the first write): actor-9 claiming it is refused.
        const claim = write(a, 5, { afterDocSeq: 2, claims: [1001] });
        await expect(store.persistBatch([{ ...claim, actor: { ...claim.actor, id: 'actor-9' } }])).rejects.toMatchObject({ code: 'MAC_WRITE_CONFLICT' });
        expect(await store.repos.docClients.owners(a)).toEqual(new Map([[1001, 'actor-1'], [1002, 'actor-2']]));
        // Up to date: stored. Its owner claiming again, or a write without afterDocSeq: not checked against others.
        const again = write(a, 6, { afterDocSeq: 2, claims: [1001] });
        expect(await store.persistBatch([{ ...again, actor: { ...again.actor, id: 'actor-1' } }])).toEqual([3]);
        expect(await store.persistBatch([write(a, 7, { claims: [] })])).toEqual([4]);
        expect(await store.persistBatch([write(b, 8, { afterDocSeq: 0, ...creating })])).toEqual([1]);
        expect(await store.repos.audit.verify()).toMatchObject({ ok: true });
      });

      it('appendAudit appends in order, chained, keeping the times given', async () => {
        const before = await store.repos.audit.count();
        await store.appendAudit([
          { ...actor, action: 'held.1', at: '2024-04-30T10:00:00.000Z' },
          { ...actor, action: 'held.2', at: '2024-04-30T10:00:01.000Z' },
        ]);
        const [second, first] = await store.repos.audit.list({ limit: 2 });
        expect([first!.action, first!.at, second!.action, second!.at]).toEqual(['held.1', '2024-04-30T10:00:00.000Z', 'held.2', '2024-04-30T10:00:01.000Z']);
        expect(second!.seq).toBe(first!.seq + 1);
        expect(second!.prevHash).toBe(first!.hash);
        expect(await store.repos.audit.count()).toBe(before + 2);
        await store.appendAudit([]);
        expect(await store.repos.audit.count()).toBe(before + 2);
      });
    });

    describe('the audit chain', () => {
      it('stays one verifiable chain under concurrent appends, batches and units of work', async () => {
        const { chronology } = await seed();
        const before = await store.repos.audit.count();
        const jobs: Promise<unknown>[] = [];
        for (let i = 0; i < 20; i += 1) {
          jobs.push(store.repos.audit.append({ ...actor, action: `a.${i}` }));
          if (i % 5 === 0) jobs.push(store.persistBatch([write(chronology.id, 500 + i), write(chronology.id, 600 + i)]));
          if (i % 5 === 1) jobs.push(store.appendAudit([{ ...actor, action: `c.${i}.1` }, { ...actor, action: `c.${i}.2` }]));
        }
        await Promise.all(jobs);
        expect(await store.repos.audit.count()).toBe(before + 20 + 4 * 2 + 4 * 2);
        expect(await store.repos.audit.verify()).toEqual({ ok: true, count: before + 36 });
      });

      it('records keep their fields: seq a number, details with its keys, the time as given', async () => {
        const chronologyId = `c-${randomUUID()}`;
        const a = await store.repos.audit.append({ ...actor, action: 'x.read', chronologyId, entryId: 'e1', details: { z: 1, a: { y: 2, b: 3 } }, ip: '10.1.1.1', at: '2024-05-01T12:00:00.123Z' });
        const b = await store.repos.audit.append({ ...actor, actorId: `u-${chronologyId}`, action: 'x.read', chronologyId });
        expect(typeof a.seq).toBe('number');
        expect(b.seq).toBe(a.seq + 1);
        expect(b.at).toBe(clock.toISOString());
        expect((await store.repos.audit.list({ chronologyId })).map((x) => x.seq)).toEqual([b.seq, a.seq]);
        expect((await store.repos.audit.list({ chronologyId, actorId: b.actorId })).map((x) => x.seq)).toEqual([b.seq]);
        expect((await store.repos.audit.list({ chronologyId, beforeSeq: b.seq })).map((x) => x.seq)).toEqual([a.seq]);
        expect((await store.repos.audit.list({ chronologyId, entryId: 'e1' }))[0]).toEqual(a);
        expect(a.details).toEqual({ z: 1, a: { y: 2, b: 3 } });
        expect((await store.repos.audit.lastAllowed('x.read')).get(b.actorId)).toBe(b.at);
      });

      it("finds one actor's earliest allowed record of given actions per chronology (firstAllowed)", async () => {
        const [c1, c2, c3] = [`c-${randomUUID()}`, `c-${randomUUID()}`, `c-${randomUUID()}`];
        const actorId = `u-${randomUUID()}`;
        const me = { ...actor, actorId };
        // Not the earliest: a refused read, another action, another actor (all before the ones that count).
        await store.repos.audit.append({ ...me, action: 'x.read', outcome: 'refused', chronologyId: c1 });
        await store.repos.audit.append({ ...me, action: 'x.write', chronologyId: c2 });
        await store.repos.audit.append({ ...actor, actorId: `u-${randomUUID()}`, action: 'y.read', chronologyId: c2 });
        const one = await store.repos.audit.append({ ...me, action: 'x.read', chronologyId: c1 });
        await store.repos.audit.append({ ...me, action: 'x.read', chronologyId: c1 });
        const two = await store.repos.audit.append({ ...me, action: 'y.read', chronologyId: c2 });
        const later = await store.repos.audit.append({ ...me, action: 'x.read', chronologyId: c2 });
        // Never found: a refused read, another action, another actor, an unlisted chronology.
        await store.repos.audit.append({ ...me, action: 'x.read', outcome: 'refused', chronologyId: c3 });
        await store.repos.audit.append({ ...me, action: 'x.write', chronologyId: c3 });
        await store.repos.audit.append({ ...actor, actorId: `u-${randomUUID()}`, action: 'x.read', chronologyId: c3 });
        await store.repos.audit.append({ ...me, action: 'x.read', chronologyId: `c-${randomUUID()}` });
        expect(await store.repos.audit.firstAllowed(actorId, [c1, c2, c3], ['x.read', 'y.read'])).toEqual({ [c1]: one.seq, [c2]: two.seq });
        expect(await store.repos.audit.firstAllowed(actorId, [c1, c2, c3], ['x.read'])).toEqual({ [c1]: one.seq, [c2]: later.seq });
        expect(await store.repos.audit.firstAllowed(actorId, [], ['x.read'])).toEqual({});
      });

      it('finds entries created twice', async () => {
        const chronologyId = `c-${randomUUID()}`;
        await store.repos.audit.append({ ...actor, action: 'entry.create', chronologyId, entryId: 'dup' });
        await store.repos.audit.append({ ...actor, action: 'entry.create', chronologyId, entryId: 'dup' });
        await store.repos.audit.append({ ...actor, action: 'entry.create', chronologyId, entryId: 'once' });
        const repeated = await store.repos.audit.repeatedCreates();
        expect(repeated).toContainEqual({ chronologyId, entryId: 'dup' });
        expect(repeated).not.toContainEqual({ chronologyId, entryId: 'once' });
      });
    });

    describe('orders and filters', () => {
      it('members in the order they joined; chronologies newest first', async () => {
        tick();
        const { chronology: older, lead } = await seed();
        tick();
        const { chronology: newer } = await seed();
        expect(older.memberAgencies).toEqual(['northway-primary', 'thames-valley-police']);
        await store.repos.agencies.upsert({ slug: 'aaa-first-by-name', name: 'AAA', kind: 'police' });
        expect(await store.repos.chronologies.addMember(older.id, 'aaa-first-by-name', lead.id)).toBe(true);
        expect(await store.repos.chronologies.addMember(older.id, 'aaa-first-by-name', lead.id)).toBe(false);
        expect((await store.repos.chronologies.get(older.id))!.memberAgencies).toEqual(['northway-primary', 'thames-valley-police', 'aaa-first-by-name']);
        expect((await store.repos.chronologies.listByIds([older.id, newer.id, 'missing'])).map((c) => c.id)).toEqual([newer.id, older.id]);
        const all = (await store.repos.chronologies.list()).map((c) => c.id);
        expect(all.indexOf(newer.id)).toBeLessThan(all.indexOf(older.id));
        expect((await store.repos.chronologies.listForAgency('aaa-first-by-name')).map((c) => c.id)).toEqual([older.id]);
      });

      it('chronologies.access: members as they joined, running grants as granted, the entries’ version moving with every change', async () => {
        const { chronology, lead } = await seed();
        const r = store.repos;
        await r.agencies.upsert({ slug: 'aaa-first-by-name', name: 'AAA', kind: 'police' });
        await r.chronologies.addMember(chronology.id, 'aaa-first-by-name', lead.id);
        const users = [];
        for (const name of ['Zed', 'Amy', 'Max']) users.push(await r.users.create({ email: `${name}-${randomUUID()}@x.example`, name, role: 'practitioner', agency: 'thames-valley-police', passwordHash: null }));
        for (const u of users) {
          tick();
          await r.breakGlass.create({ chronologyId: chronology.id, userId: u.id, reason: 'r', expiresAt: new Date(clock.getTime() + 3_600_000).toISOString() });
        }
        const at = clock.toISOString();
        const before = (await r.chronologies.access(chronology.id, at))!;
        expect(before).toEqual({ record: await r.chronologies.get(chronology.id), readOnlyGrants: users.map((u) => u.id), entryVersion: 0 });
        expect(before.record.memberAgencies).toEqual(['northway-primary', 'thames-valley-police', 'aaa-first-by-name']);
        await store.rebuildDoc(chronology.id, [projection(chronology.id, buildEntry({ id: 'v-1' }))]);
        const once = (await r.chronologies.access(chronology.id, at))!.entryVersion;
        expect(once).toBeGreaterThan(0);
        expect((await r.chronologies.access(chronology.id, at))!.entryVersion).toBe(once);
        await store.persistBatch([write(chronology.id, 901)]);
        expect((await r.chronologies.access(chronology.id, at))!.entryVersion).toBeGreaterThan(once);
      });

      it('entries: timeline order, date overlap, agencies, categories, visibility, withdrawn, paging', async () => {
        const { chronology } = await seed();
        const id = chronology.id;
        const put = (entry: Partial<Entry>, doc = id) => store.repos.entries.upsert(projection(id, buildEntry({ agency: 'thames-valley-police', ...entry }), doc));
        await put({ id: 'e-01', date: '2023-04', category: 'missed-appointment', agency: 'northway-primary' });
        await put({ id: 'e-02', date: '2023-04-10', time: '09:00', agency: 'northway-primary' });
        await put({ id: 'e-03', date: '2023-04-10', time: '08:00' });
        await put({ id: 'e-04', date: '2023-03..2023-05' });
        await put({ id: 'e-05', date: '2023-06-01', status: 'withdrawn', withdrawnReason: 'wrong child' });
        await put({ id: 'e-06', date: '2023-04-12', restricted: true }, `${id}/restricted/thames-valley-police`);
        await put({ id: 'E-07', date: '2023-04-10', time: '09:00' });
        const ids = async (f: Parameters<Store['repos']['entries']['query']>[1] = {}) => (await store.repos.entries.query(id, f)).map((e) => e.id);
        // First day, then time, time recorded and id (byte order: 'E' before 'e').
        expect(await ids()).toEqual(['e-04', 'e-01', 'e-03', 'E-07', 'e-02', 'e-06']);
        expect(await ids({ includeWithdrawn: true })).toEqual(['e-04', 'e-01', 'e-03', 'E-07', 'e-02', 'e-06', 'e-05']);
        expect(await ids({ from: '2023-04-11', to: '2023-04-20' })).toEqual(['e-04', 'e-01', 'e-06']);
        expect(await ids({ agencies: ['northway-primary'] })).toEqual(['e-01', 'e-02']);
        expect(await ids({ agencies: [] })).toEqual([]);
        expect(await ids({ categories: ['missed-appointment'] })).toEqual(['e-01']);
        expect(await ids({ restrictedVisibleTo: 'northway-primary' })).toEqual(['e-04', 'e-01', 'e-03', 'E-07', 'e-02']);
        expect(await ids({ limit: 2, offset: 1 })).toEqual(['e-01', 'e-03']);
        expect(await ids({ offset: 4 })).toEqual(['e-02', 'e-06']);
        expect((await store.repos.entries.all(id)).map((e) => e.id)).toEqual(['e-04', 'e-01', 'e-03', 'E-07', 'e-02', 'e-06', 'e-05']);
        expect(await store.repos.entries.countByChronology([id, 'none'])).toEqual({ [id]: 6, none: 0 });
        expect(await store.repos.entries.countByChronology([id], 'northway-primary')).toEqual({ [id]: 5 });
        expect(await store.repos.entries.lastChange([id, 'none'])).toEqual({ [id]: clock.toISOString(), none: null });
        expect(await store.repos.entries.getVisible(id, 'e-06', 'northway-primary')).toBeNull();
        expect(await store.repos.entries.firstHeldElsewhere(id, ['zzz', 'e-06'], id)).toBe('e-06');
        const docs = await store.repos.entries.docsOf(id);
        expect(docs.find((d) => d.id === 'e-06')?.docName).toBe(`${id}/restricted/thames-valley-police`);
        expect(docs.map((d) => d.id).sort()).toEqual(['E-07', 'e-01', 'e-02', 'e-03', 'e-04', 'e-05', 'e-06']);
      });

      it('search: case-insensitive substring, wildcards mean themselves', async () => {
        const { chronology } = await seed();
        const id = chronology.id;
        const put = (entryId: string, summary: string, more: Partial<Entry> = {}) => store.repos.entries.upsert(projection(id, buildEntry({ id: entryId, summary, ...more })));
        await put('s-1', 'Half: 50% of visits missed');
        await put('s-2', 'Five hundred visits');
        await put('s-3', 'A bruise was seen', { detail: 'a_b' });
        await put('s-4', 'aXb nothing special', { sourceRef: 'REF-9' });
        const ids = async (text: string) => (await store.repos.entries.query(id, { text })).map((e) => e.id).sort();
        expect(await ids('50%')).toEqual(['s-1']);
        expect(await ids('a_b')).toEqual(['s-3']);
        expect(await ids('BRUISE')).toEqual(['s-3']);
        expect(await ids('ref-9')).toEqual(['s-4']);
        expect(await ids('  ')).toEqual(['s-1', 's-2', 's-3', 's-4']);
      });
    });

    describe('values round-trip', () => {
      it('the update log: Uint8Array out, compaction keeps later rows after the merged one', async () => {
        const doc = `doc-${randomUUID()}`;
        const r = store.repos.updateLog;
        const s1 = await r.append(doc, rowOf(1));
        const s2 = await r.append(doc, rowOf(2));
        const s3 = await r.append(doc, rowOf(3));
        expect(typeof s1).toBe('number');
        expect(s1 < s2 && s2 < s3).toBe(true);
        const loaded = await r.load(doc);
        expect(loaded[2]!.data).toBeInstanceOf(Uint8Array);
        expect(Buffer.isBuffer(loaded[2]!.data)).toBe(false);
        expect(await r.replaceUpTo(doc, s2, stateOf([1, 2]))).toBe(s2);
        expect((await r.load(doc)).map((u) => [u.docSeq, [...u.data]])).toEqual([
          [s2, [...stateOf([1, 2])]],
          [s3, [...rowOf(3)]],
        ]);
        expect(await r.replaceUpTo(`none-${randomUUID()}`, 99, new Uint8Array([1]))).toBeNull();
        expect(await r.stats(doc)).toEqual({ updates: 2, bytes: stateOf([1, 2]).length + rowOf(3).length });
        expect(await r.docNames()).toContain(doc);
      });

      it('client ids past 2^31, first claim wins', async () => {
        const doc = `doc-${randomUUID()}`;
        await store.repos.docClients.claim(doc, [1, 4_294_967_295, 1], 'alice');
        await store.repos.docClients.claim(doc, [1, 2], 'bob');
        expect(await store.repos.docClients.owners(doc)).toEqual(
          new Map([
            [1, 'alice'],
            [4_294_967_295, 'alice'],
            [2, 'bob'],
          ]),
        );
      });

      it('booleans, JSON shapes, blobs and counts keep their JS types', async () => {
        const { chronology, lead } = await seed();
        expect(typeof (await store.repos.users.byId(lead.id))!.disabled).toBe('boolean');
        expect(await store.repos.chronologies.setLegalHold(chronology.id, true)).toBe(true);
        expect((await store.repos.chronologies.get(chronology.id))!.legalHold).toBe(true);
        const review = await store.repos.patternReviews.add({ chronologyId: chronology.id, ruleId: 'r', highlightKey: 'k', status: 'reviewed', note: '', entryFingerprint: 'f', reviewedBy: lead.id, entryIds: ['b', 'a'], entryStates: { b: '2', a: '1' } });
        expect(await store.repos.patternReviews.byId(review.id)).toEqual(review);
        const snap = await store.repos.snapshots.create({ chronologyId: chronology.id, label: 'one', takenBy: lead.id, sharedState: new Uint8Array([1, 2, 3]), meta: { z: 1, a: [2] } });
        const got = await store.repos.snapshots.get(snap.id);
        expect(got?.sharedState).toBeInstanceOf(Uint8Array);
        expect(Buffer.isBuffer(got?.sharedState)).toBe(false);
        expect(got).toEqual({ ...snap, sharedState: new Uint8Array([1, 2, 3]) });
        expect((await store.repos.snapshots.listForChronology(chronology.id))[0]).toMatchObject({ id: snap.id, bytes: 3, meta: { z: 1, a: [2] } });
        expect(typeof (await store.repos.chronologies.count())).toBe('number');
        expect(typeof (await store.repos.audit.count())).toBe('number');
        expect(typeof (await store.repos.notifications.unreadCount(lead.id))).toBe('number');
      });
    });

    describe('actions and alerts (issue 15, actions-alerts-contract.ts)', () => describeActionsAndAlertsContract({ store: () => store, seed, tick, clock: () => clock }));

    describe('imports in slices (S7, import-journal-contract.ts)', () => describeImportJournalContract(() => store, seed, { now: () => clock, tick }));

    describe('caseload pages (issue 17, caseload-page-contract.ts)', () => describeCaseloadPageContract({ store: () => store, tick, clock: () => clock }));

    describe('a chronology’s people (issue 17, users-contract.ts)', () => describeUsersContract(() => store));
    describe("what the pattern rules read of a chronology's entries (issue 17, pattern-rows-contract.ts)", () => describePatternRowsContract({ store: () => store, seed, projection }));

    describe('what the access sweep reads (issue 17, access-sweep-contract.ts)', () => describeAccessSweepContract({ store: () => store, seed, clock: () => clock }));

    describe('refusals', () => {
      it('a taken email or an unknown agency is refused and writes nothing', async () => {
        const { lead } = await seed();
        await expect(store.repos.users.create({ email: lead.email.toUpperCase(), name: 'Other', role: 'practitioner', agency: 'northway-primary', passwordHash: null })).rejects.toThrow();
        const count = await store.repos.chronologies.count();
        await expect(
          store.repos.chronologies.create({ child: { givenName: 'B', familyName: 'C' }, leadUserId: lead.id, memberAgencies: ['northway-primary', 'nowhere'], addedBy: lead.id }),
        ).rejects.toThrow();
        expect(await store.repos.chronologies.count()).toBe(count);
      });

      it('an ordinary refusal is not a storage failure (a 4xx or a bug, never a retryable 503)', async () => {
        const { lead } = await seed();
        const err = await store.repos.users.create({ email: lead.email, name: 'Again', role: 'practitioner', agency: 'northway-primary', passwordHash: null }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(Error);
        expect(storageFailure(err)).toBeNull();
      });
    });
  });
}
