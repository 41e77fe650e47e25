import { dateBounds } from '@mac/domain';
import { buildEntry } from '@mac/domain/testing';
import { asc, eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chronologies, chronologyAgencies, children, entries } from '../schema.js';
import { openTestDatabase, seedChronology, type TestDatabase } from '../testing.js';
import { directGet, directSelect, perShape } from './direct-select.js';

let t: TestDatabase;
let chronologyId: string;
beforeEach(() => {
  t = openTestDatabase();
  chronologyId = seedChronology(t.repos).chronology.id;
});
afterEach(() => t.cleanup());

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
    const direct = directGet<typeof drizzle>(query())({ id: chronologyId });
    expect(direct).toEqual(drizzle);
    expect(JSON.stringify(direct)).toBe(JSON.stringify(drizzle));
    expect(direct?.chronology.legalHold).toBe(true);
    expect(direct?.chronology.title).toBeNull();
    expect(typeof direct?.members).toBe('number');
    expect(directGet(query())({ id: 'no-such-chronology' })).toBeUndefined();
    // The statement cache hands the same statement to whoever prepares the same SQL and resets its mode.
    const get = directGet<typeof drizzle>(query());
    t.db.sqlite.prepare(query().getQuery().sql);
    expect(get({ id: chronologyId })).toEqual(drizzle);
  });

  it('refuses a call without a value for a placeholder, and a left join (Drizzle would turn its missing row into null)', () => {
    expect(() => directGet(query())({})).toThrow('No value for placeholder "id"');
    const left = t.db.orm.select({ chronology: chronologies, child: children }).from(chronologies).leftJoin(children, eq(children.id, chronologies.childId)).prepare();
    expect(() => directGet(left)).toThrow(/a left-joined table selected as an object/);
  });
});

describe('directSelect (every row, as Drizzle maps them)', () => {
  beforeEach(() => {
    for (const [id, restricted, riskLevel] of [['a', true, 'high'], ['b', false, undefined], ['c', false, 'low']] as const) {
      const entry = buildEntry({ id, restricted, riskLevel, personIds: id === 'a' ? ['p1', 'p2'] : [] });
      const { first, last } = dateBounds(entry.date);
      t.repos.entries.upsert({ ...entry, chronologyId, docName: chronologyId, dateFirst: first, dateLast: last, updatedBy: 'u1' });
    }
  });
  // A constant built into the statement (a boolean, through its column), a placeholder, and an expression with a decoder.
  const query = () =>
    t.db.orm
      .select({ id: entries.id, restricted: entries.restricted, riskLevel: entries.riskLevel, n: sql<number>`length(${entries.id})`.mapWith(String) })
      .from(entries)
      .where(sql`${entries.chronologyId} = ${sql.placeholder('chronology')} and (${eq(entries.restricted, false)} or ${entries.riskLevel} = 'high')`)
      .orderBy(asc(entries.id))
      .prepare();

  it('gives the rows Drizzle gives, in order, key order, nulls and decoded values included', () => {
    const drizzle = query().all({ chronology: chronologyId });
    const direct = directSelect<(typeof drizzle)[number]>(query()).all({ chronology: chronologyId });
    expect(drizzle.map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(JSON.stringify(direct)).toBe(JSON.stringify(drizzle));
    expect(direct[0]).toEqual({ id: 'a', restricted: true, riskLevel: 'high', n: '1' });
    expect(direct[1]).toEqual({ id: 'b', restricted: false, riskLevel: null, n: '1' });
    // A whole table: every column decoded by its own kind.
    const table = t.db.orm.select().from(entries).where(eq(entries.chronologyId, sql.placeholder('c'))).orderBy(asc(entries.id)).prepare();
    expect(directSelect(table).all({ c: chronologyId })).toEqual(table.all({ c: chronologyId }));
    expect(directSelect(query()).all({ chronology: 'none' })).toEqual([]);
  });

  it('perShape builds one statement per shape, the first time it is asked for', () => {
    const built: number[] = [];
    const of = perShape<{ id: string }>((shape) => {
      built.push(shape);
      const base = t.db.orm.select({ id: entries.id }).from(entries).where(eq(entries.chronologyId, sql.placeholder('c'))).orderBy(asc(entries.id));
      return (shape === 1 ? base.limit(sql.placeholder('limit')) : base).prepare();
    });
    expect(of(0).all({ c: chronologyId }).map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(of(1).all({ c: chronologyId, limit: 2 }).map((r) => r.id)).toEqual(['a', 'b']);
    expect(of(1).all({ c: chronologyId, limit: 1 }).map((r) => r.id)).toEqual(['a']);
    expect(built).toEqual([0, 1]);
  });
});
