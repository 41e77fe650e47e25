// Prepared statements kept for reuse. Drizzle prepares a new better-sqlite3 statement for every query it
// runs (`prepareOneTimeQuery`), and compiling SQL is a large share of what a read costs: profiling the
// SQLite worker under `GET …/entries` load put ~7% of its time in `prepare` alone. The SQL text Drizzle
// builds for a query shape is the same every time (values are bound parameters), so one statement per
// text serves them all.
//
// A statement is stateful in three ways, each handled here:
// - its result mode (raw / pluck / expand), which a caller sets and keeps: reset on every hand-out, so a
//   statement last used with `.raw()` does not hand arrays to a caller expecting objects;
// - an open `.iterate()`: a busy statement cannot run again until its iterator ends, so a busy cached
//   statement is not handed out (the caller gets a fresh, uncached one);
// - the schema it was compiled against: SQLite recompiles a statement whose tables changed on its next
//   run (sqlite3_prepare_v2), so migrations do not leave stale statements behind.
import type Database from 'better-sqlite3';

/** How many distinct SQL texts are kept; the least recently used is dropped beyond it. */
export const STATEMENT_CACHE_SIZE = 500;

export function cacheStatements(sqlite: Database.Database, size = STATEMENT_CACHE_SIZE): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    const cached = cache.get(source);
    if (cached && !cached.busy) {
      // Most recently used last: Map keeps insertion order, so the first key is the one to drop.
      cache.delete(source);
      cache.set(source, cached);
      if (cached.reader) cached.raw(false).pluck(false).expand(false);
      return cached;
    }
    const stmt = prepare(source);
    if (cached) return stmt;
    cache.set(source, stmt);
    if (cache.size > size) cache.delete(cache.keys().next().value!);
    return stmt;
  }) as typeof sqlite.prepare;
}
