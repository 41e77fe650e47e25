import { dateBounds } from '@mac/domain';
import { buildEntry } from '@mac/domain/testing';
import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chronologies, chronologyAgencies, children, entries } from '../schema.js';
import { openTestDatabase, seedChronology, type TestDatabase } from '../testing.js';
import { directGet, directStatement } from './direct-statement.js';

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

describe('directGet (a Drizzle select run by better-sqlite3, its row built here)', () => {
  // A chronology with its child (nested objects), a boolean column and a SQL expression with a decoder.
  const query = () =>
    t.db.orm
      .select({
        members: sql<number>`(select count(*) from ${chronologyAgencies} where ${chronologyAgencies.chronologyId} = ${chronologies.id})`.mapWith(Number),
        chronology: chronologies,
        child: children,
      })
      .from(chronologies)
      .innerJoin(children, eq(children.id, chronologies.childId))
      .where(eq(chronologies.id, sql.placeholder('id')))
      .prepare();

  it('gives the row Drizzle gives, key order included, with each column decoded as Drizzle does', () => {
    t.db.sqlite.prepare('update chronologies set legal_hold = 1 where id = ?').run(chronologyId);
    const drizzle = query().get({ id: chronologyId });
    const direct = directGet<typeof drizzle>(t.db, query())({ id: chronologyId });
    expect(direct).toEqual(drizzle);
    expect(JSON.stringify(direct)).toBe(JSON.stringify(drizzle));
    expect(direct?.chronology.legalHold).toBe(true);
    expect(direct?.chronology.title).toBeNull();
    expect(typeof direct?.members).toBe('number');
    expect(directGet(t.db, query())({ id: 'no-such-chronology' })).toBeUndefined();
    // The statement cache hands the same statement to whoever prepares the same SQL and resets its mode.
    const get = directGet<typeof drizzle>(t.db, query());
    t.db.sqlite.prepare(query().getQuery().sql);
    expect(get({ id: chronologyId })).toEqual(drizzle);
  });

  it('refuses a call without a value for a placeholder, and a left join (Drizzle would turn its missing row into null)', () => {
    expect(() => directGet(t.db, query())({})).toThrow('No value for placeholder "id"');
    const left = t.db.orm.select({ chronology: chronologies, child: children }).from(chronologies).leftJoin(children, eq(children.id, chronologies.childId)).prepare();
    expect(() => directGet(t.db, left)).toThrow(/inner joins only/);
  });
});
