import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER, openDatabase } from '../open.js';
import { openTestDatabase, v1Update, type TestDatabase } from '../testing.js';
import { createRepos } from './index.js';

let t: TestDatabase;
beforeEach(() => {
  t = openTestDatabase();
});
afterEach(() => t.cleanup());

const bytes = (...values: number[]) => new Uint8Array(values);
/** Row n as a valid V1 update (rule S9 reads what compaction replaces), and the state holding rows `ns`. */
const row = (n: number) => v1Update([{ client: n, clock: 0, key: `k${n}` }]);
const stateOf = (...ns: number[]) => v1Update(ns.map((n) => ({ client: n, clock: 0, key: `k${n}` })));
/** A document's rows by their per-document sequence number. */
const docRows = (docName: string) => t.repos.updateLog.load(docName).map((r) => ({ seq: r.docSeq, data: r.data }));

describe('updateLog', () => {
  it('appends updates and loads one document in order, as plain Uint8Arrays, numbered per document', () => {
    const s1 = t.repos.updateLog.append('doc-a', bytes(1));
    const s2 = t.repos.updateLog.append('doc-b', bytes(2));
    const s3 = t.repos.updateLog.append('doc-a', bytes(3, 3));
    expect([s1, s2, s3]).toEqual([1, 1, 2]);
    const loaded = t.repos.updateLog.load('doc-a');
    expect(loaded.map((r) => ({ docSeq: r.docSeq, data: r.data }))).toEqual([
      { docSeq: 1, data: bytes(1) },
      { docSeq: 2, data: bytes(3, 3) },
    ]);
    expect(loaded[0]!.seq).toBeLessThan(loaded[1]!.seq);
    expect(t.repos.updateLog.head('doc-a')).toBe(2);
    expect(t.repos.updateLog.head('missing')).toBe(0);
    expect(t.repos.updateLog.after('doc-a', 1).map((r) => r.docSeq)).toEqual([2]);
    expect(Object.getPrototypeOf(loaded[0]!.data)).toBe(Uint8Array.prototype);
    expect(t.repos.updateLog.load('missing')).toEqual([]);
  });

  it('appends inside the caller transaction: a rollback takes the update with it', () => {
    expect(() =>
      t.db.tx(() => {
        t.repos.updateLog.append('doc-a', bytes(1));
        throw new Error('projection failed');
      }),
    ).toThrow('projection failed');
    expect(docRows('doc-a')).toEqual([]);
  });

  it('stores a subarray exactly, not the buffer around it', () => {
    const big = bytes(9, 1, 2, 3, 9);
    t.repos.updateLog.append('doc-a', big.subarray(1, 4));
    expect(t.repos.updateLog.load('doc-a')[0]!.data).toEqual(bytes(1, 2, 3));
  });

  it('replaceUpTo swaps the rows up to a seq for the merged update, keeping later rows after it', () => {
    const a1 = t.repos.updateLog.append('doc-a', row(1));
    t.repos.updateLog.append('doc-b', row(20));
    const a2 = t.repos.updateLog.append('doc-a', row(2));
    const a3 = t.repos.updateLog.append('doc-a', row(3));
    const a4 = t.repos.updateLog.append('doc-a', row(4));
    expect(a1).toBeLessThan(a2);

    const mergedSeq = t.repos.updateLog.replaceUpTo('doc-a', a3, stateOf(1, 2, 3));
    expect(mergedSeq).toBe(a3);
    expect(docRows('doc-a')).toEqual([
      { seq: a3, data: stateOf(1, 2, 3) },
      { seq: a4, data: row(4) },
    ]);
    // Other documents are untouched, and new appends still go after everything.
    expect(t.repos.updateLog.load('doc-b').map((r) => r.data)).toEqual([row(20)]);
    const a5 = t.repos.updateLog.append('doc-a', row(5));
    expect(a5).toBeGreaterThan(a4);
    expect(t.repos.updateLog.load('doc-a').map((r) => r.docSeq)).toEqual([a3, a4, a5]);
  });

  it('replaceUpTo with Number.MAX_SAFE_INTEGER replaces every row of the document', () => {
    t.repos.updateLog.append('doc-a', row(1));
    const last = t.repos.updateLog.append('doc-a', row(2));
    expect(t.repos.updateLog.replaceUpTo('doc-a', Number.MAX_SAFE_INTEGER, stateOf(1, 2))).toBe(last);
    expect(docRows('doc-a')).toEqual([{ seq: last, data: stateOf(1, 2) }]);
    expect(t.repos.updateLog.append('doc-a', row(3))).toBe(last + 1);
  });

  it('replaceUpTo does nothing when there is nothing at or below the seq', () => {
    const s = t.repos.updateLog.append('doc-a', row(1));
    expect(t.repos.updateLog.replaceUpTo('doc-a', s - 1, row(9))).toBeNull();
    expect(t.repos.updateLog.replaceUpTo('doc-x', s, row(9))).toBeNull();
    expect(docRows('doc-a')).toEqual([{ seq: s, data: row(1) }]);
  });

  it('replaceUpTo is one transaction: a failure keeps the old rows', () => {
    const s = t.repos.updateLog.append('doc-a', row(1));
    expect(() => t.repos.updateLog.replaceUpTo('doc-a', s, null as unknown as Uint8Array)).toThrow();
    expect(docRows('doc-a')).toEqual([{ seq: s, data: row(1) }]);
  });

  it('counts updates and bytes, per document or in all, and names the documents', () => {
    t.repos.updateLog.append('doc-b', bytes(1, 2, 3));
    t.repos.updateLog.append('doc-a', bytes(1));
    t.repos.updateLog.append('doc-a', bytes(1, 2));
    expect(t.repos.updateLog.stats('doc-a')).toEqual({ updates: 2, bytes: 3 });
    expect(t.repos.updateLog.stats()).toEqual({ updates: 3, bytes: 6 });
    expect(t.repos.updateLog.stats('none')).toEqual({ updates: 0, bytes: 0 });
    expect(t.repos.updateLog.docNames()).toEqual(['doc-a', 'doc-b']);
  });
});

describe('the doc_seq migration', () => {
  it('numbers the rows of a log written before it per document, in log order, and appends continue after them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mac-docseq-'));
    try {
      // The migrations as they were before this one: a copy of the folder whose journal ends before it.
      const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: Array<{ tag: string }> };
      const mine = journal.entries.findIndex((e) => e.tag.endsWith('_doc-seq'));
      expect(mine).toBeGreaterThan(0);
      const older = join(dir, 'migrations');
      cpSync(MIGRATIONS_FOLDER, older, { recursive: true });
      writeFileSync(join(older, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, mine) }));
      const file = join(dir, 'mac.sqlite');
      const sqlite = new Database(file);
      migrate(drizzle(sqlite), { migrationsFolder: older });
      const insert = sqlite.prepare('INSERT INTO doc_updates (doc_name, data, created_at) VALUES (?, ?, ?)');
      for (const [doc, byte] of [['a', 1], ['b', 2], ['a', 3], ['a', 4], ['b', 5]] as const) insert.run(doc, Buffer.from([byte]), '2025-01-01T00:00:00.000Z');
      sqlite.close();

      const reopened = openDatabase({ file });
      const repos = createRepos(reopened, { auditKey: new Uint8Array(randomBytes(32)) });
      expect(repos.updateLog.load('a').map((r) => [r.docSeq, [...r.data]])).toEqual([[1, [1]], [2, [3]], [3, [4]]]);
      expect(repos.updateLog.load('b').map((r) => [r.docSeq, [...r.data]])).toEqual([[1, [2]], [2, [5]]]);
      expect(repos.updateLog.append('a', bytes(6))).toBe(4);
      // The append-only trigger is back.
      let refused: unknown = null;
      try {
        reopened.orm.run(sql`UPDATE doc_updates SET data = x'00'`);
      } catch (err) {
        refused = err;
      }
      expect(String((refused as { cause?: unknown } | null)?.cause)).toMatch(/immutable/);
      reopened.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
