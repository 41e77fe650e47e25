import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheStatements } from './statement-cache.js';

describe('cacheStatements', () => {
  let sqlite: Database.Database;
  afterEach(() => sqlite?.close());

  const open = (size?: number) => {
    sqlite = new Database(':memory:');
    cacheStatements(sqlite, size);
    sqlite.exec(`create table t (a integer, b text); insert into t values (1, 'one'), (2, 'two');`);
    return sqlite;
  };

  it('hands out one statement per SQL text', () => {
    const db = open();
    expect(db.prepare('select a from t')).toBe(db.prepare('select a from t'));
    expect(db.prepare('select b from t')).not.toBe(db.prepare('select a from t'));
  });

  it('resets the result mode a previous caller left on the statement', () => {
    const db = open();
    expect(db.prepare('select a, b from t order by a').raw().all()).toEqual([[1, 'one'], [2, 'two']]);
    expect(db.prepare('select a, b from t order by a').all()).toEqual([{ a: 1, b: 'one' }, { a: 2, b: 'two' }]);
    expect(db.prepare('select a, b from t order by a').pluck().all()).toEqual([1, 2]);
    expect(db.prepare('select a, b from t order by a').get()).toEqual({ a: 1, b: 'one' });
  });

  it('gives a fresh statement while the cached one is being iterated', () => {
    const db = open();
    const seen: unknown[] = [];
    for (const row of db.prepare('select a from t order by a').iterate()) {
      // The same text again inside the loop: the cached statement is busy, so this must not reuse it.
      seen.push([row, db.prepare('select a from t order by a').all()]);
    }
    expect(seen).toEqual([
      [{ a: 1 }, [{ a: 1 }, { a: 2 }]],
      [{ a: 2 }, [{ a: 1 }, { a: 2 }]],
    ]);
  });

  it('keeps at most `size` statements, dropping the least recently used', () => {
    const db = open(2);
    const first = db.prepare('select 1');
    db.prepare('select 2');
    expect(db.prepare('select 1')).toBe(first); // now the most recent
    db.prepare('select 3'); // drops "select 2"
    expect(db.prepare('select 1')).toBe(first);
    const second = db.prepare('select 2');
    expect(db.prepare('select 2')).toBe(second);
    expect(db.prepare('select 3')).not.toBe(undefined);
  });

  it('sees a table changed after the statement was prepared', () => {
    const db = open();
    expect(db.prepare('select * from t order by a').get()).toEqual({ a: 1, b: 'one' });
    db.exec(`alter table t add column c text default 'x'`);
    expect(db.prepare('select * from t order by a').get()).toEqual({ a: 1, b: 'one', c: 'x' });
  });
});
