// The units of work write each kind of row of a batch in one statement (entries.upsertMany,
// updateLog.appendMany, audit.appendMany: docs/storage.md "The write path"). Each must store exactly what
// the one-row call for each row in turn stores: the same rows, numbers, rowids, hashes and search index.
import { randomBytes } from 'node:crypto';
import { dateBounds, type Entry } from '@mac/domain';
import { buildEntry } from '@mac/domain/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestDatabase, seedChronology, type TestDatabase } from '../testing.js';
import type { AuditInput } from './audit.js';
import type { EntryProjectionInput } from './entries.js';

const opened: TestDatabase[] = [];
afterEach(() => opened.splice(0).forEach((t) => t.cleanup()));

/** Two databases with the same clock (one tick per call) and audit key. */
function twoDatabases(): [TestDatabase, TestDatabase] {
  const auditKey = new Uint8Array(randomBytes(32));
  const open = () => {
    let tick = 0;
    const t = openTestDatabase({ auditKey, now: () => new Date(Date.UTC(2024, 4, 1) + tick++ * 1000) });
    opened.push(t);
    return t;
  };
  return [open(), open()];
}

const dump = (t: TestDatabase, query: string) => t.db.sqlite.prepare(query).raw(true).all();

describe('many rows in one statement store what one statement per row stores', () => {
  it('entries.upsertMany: rows, rowids, an entry written twice in one batch, past 32 rows, and the search index', () => {
    const [one, many] = twoDatabases();
    const chronologyIds = [one, many].map((t) => seedChronology(t.repos).chronology.id);
    const rowsFor = (chronologyId: string): EntryProjectionInput[] => {
      const rows: EntryProjectionInput[] = [];
      const add = (entry: Entry) => {
        const { first, last } = dateBounds(entry.date);
        rows.push({ ...entry, chronologyId, docName: chronologyId, dateFirst: first, dateLast: last, updatedBy: 'u1' });
      };
      for (let i = 0; i < 45; i++) add(buildEntry({ id: `e-${i}`, summary: `Visit ${i} marmalade`, detail: i % 2 === 0 ? 'bruised arm' : 'school trip' }));
      // An entry created and amended in the same batch: the amended text is the one found.
      add(buildEntry({ id: 'e-3', summary: 'Visit 3 amended: porridge', detail: 'bruised arm' }));
      add(buildEntry({ id: 'e-40', summary: 'Visit 40 amended: porridge', status: 'withdrawn', withdrawnReason: 'Duplicate' }));
      return rows;
    };
    for (const row of rowsFor(chronologyIds[0]!)) one.repos.entries.upsert(row);
    many.db.tx(() => many.repos.entries.upsertMany(rowsFor(chronologyIds[1]!)));
    const rows = (t: TestDatabase, chronologyId: string) => dump(t, `select rowid, * from entries order by rowid`).map((row) => JSON.stringify(row).replaceAll(chronologyId, 'C'));
    expect(rows(many, chronologyIds[1]!)).toEqual(rows(one, chronologyIds[0]!));
    expect(rows(many, chronologyIds[1]!)).toHaveLength(45);
    for (const t of [one, many]) {
      t.db.sqlite.exec("insert into entries_fts (entries_fts) values ('integrity-check')");
      const found = (term: string) => dump(t, `select rowid from entries_fts where entries_fts match '${term}' order by rowid`).flat();
      expect(found('porridge')).toHaveLength(2);
      expect(found('marmalade')).toHaveLength(43);
      // Even entries, e-3's amendment added, e-40's amendment took it away.
      expect(found('bruise')).toHaveLength(23);
    }
    const versions = (t: TestDatabase) => dump(t, 'select version from entry_versions');
    expect(versions(many)).toEqual(versions(one));
  });

  it('updateLog.appendMany: each document numbered on from its head, in order, past 64 rows', () => {
    const [one, many] = twoDatabases();
    const updates = Array.from({ length: 150 }, (_, i) => ({ docName: `doc-${i % 3 === 0 ? 'a' : i % 3 === 1 ? 'b' : `c${i % 2}`}`, update: new Uint8Array([i % 256, 7]) }));
    for (const t of [one, many]) t.repos.updateLog.append('doc-a', new Uint8Array([1]));
    const seqsOne = updates.map(({ docName, update }) => one.repos.updateLog.append(docName, update));
    const seqsMany = many.db.tx(() => many.repos.updateLog.appendMany(updates));
    expect(seqsMany).toEqual(seqsOne);
    expect(dump(many, 'select * from doc_updates order by seq')).toEqual(dump(one, 'select * from doc_updates order by seq'));
    // A document's numbers are still unique: a second appendMany goes on from the new head.
    expect(many.db.tx(() => many.repos.updateLog.appendMany([{ docName: 'doc-b', update: new Uint8Array([1]) }, { docName: 'doc-b', update: new Uint8Array([2]) }]))).toEqual([51, 52]);
  });

  it('audit.appendMany: the same chain as append in turn, after records already there, past 64 records', () => {
    const [one, many] = twoDatabases();
    const record = (i: number): AuditInput => ({ actorId: `u${i % 4}`, actorLabel: 'Una', actorAgency: 'northway-primary', action: i % 5 === 0 ? 'entry.create' : 'chronology:read', outcome: 'allowed', chronologyId: i % 7 === 0 ? null : 'c1', entryId: i % 5 === 0 ? `e${i}` : null, details: { z: i, a: { y: 'x', b: [1, 2] } }, ip: i % 3 === 0 ? '192.0.2.1' : null });
    for (const t of [one, many]) t.repos.audit.append(record(1_000));
    const records = Array.from({ length: 140 }, (_, i) => record(i));
    for (const r of records) one.repos.audit.append(r);
    many.repos.audit.appendMany(records);
    expect(dump(many, 'select * from audit_log order by seq')).toEqual(dump(one, 'select * from audit_log order by seq'));
    expect(many.repos.audit.verify()).toEqual({ ok: true, count: 141 });
    many.repos.audit.appendMany([record(1), record(2)]);
    expect(many.repos.audit.verify()).toEqual({ ok: true, count: 143 });
  });
});
