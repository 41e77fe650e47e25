import { dateBounds } from '@mac/domain';
import { buildEntry } from '@mac/domain/testing';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { entries } from '../schema.js';
import { openTestDatabase, seedChronology, type TestDatabase } from '../testing.js';
import { directStatement } from './direct-statement.js';

let t: TestDatabase;
let chronologyId: string;
beforeEach(() => {
  t = openTestDatabase();
  chronologyId = seedChronology(t.repos).chronology.id;
});
afterEach(() => t.cleanup());

describe('directStatement (a Drizzle statement run by better-sqlite3)', () => {
  it('binds each named value through its column, as Drizzle does: a boolean is stored as 1 or 0, a null as null', () => {
    for (const [id, restricted] of [['r', true], ['s', false]] as const) {
      const entry = buildEntry({ id, restricted, riskLevel: undefined });
      const { first, last } = dateBounds(entry.date);
      t.repos.entries.upsert({ ...entry, chronologyId, docName: chronologyId, dateFirst: first, dateLast: last, updatedBy: 'u1' });
    }
    const stored = t.db.sqlite.prepare('select id, restricted, risk_level as riskLevel, typeof(restricted) as kind from entries order by id').all();
    expect(stored).toEqual([
      { id: 'r', restricted: 1, riskLevel: null, kind: 'integer' },
      { id: 's', restricted: 0, riskLevel: null, kind: 'integer' },
    ]);
    // Read back through Drizzle, the columns map the other way: what was written is what is read.
    expect(t.repos.entries.getInDoc(chronologyId, chronologyId, 'r')?.restricted).toBe(true);
    expect(t.repos.entries.getInDoc(chronologyId, chronologyId, 's')?.restricted).toBe(false);
  });

  it('refuses a call without a value for one of its placeholders, and a statement with a value that is not a placeholder', () => {
    const statement = directStatement(t.db, t.db.orm.select({ n: sql<number>`count(*)`.as('n') }).from(entries).where(sql`${entries.chronologyId} = ${sql.placeholder('chronology')}`));
    expect(statement.get<{ n: number }>({ chronology: chronologyId })).toEqual({ n: 0 });
    expect(() => statement.get({})).toThrow('No value for placeholder "chronology"');
    expect(() => directStatement(t.db, t.db.orm.select({ n: sql<number>`count(*)` }).from(entries).where(sql`${entries.chronologyId} = ${chronologyId}`))).toThrow(/every parameter must be a placeholder/);
  });
});
