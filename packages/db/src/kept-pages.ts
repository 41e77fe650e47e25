// Pages of entries kept on the event loop (GET …/entries, issue 12: audited reads), for either backend.
// SQLite: the read lane's thread writes a page as JSON and keeps it against its chronology's entry version
// (repos/entry-page.ts), but every read still went there and back: two thread wake-ups (milliseconds on a
// loaded machine) and a copy of the page's bytes (~300 KB for 500 entries) each way. So the store's client
// keeps the pages it received, with the version the reader read them at, and serves one again when the
// chronology's version, a point read on the caller's thread (sqlite/point-reads.ts: one row by key,
// microseconds), is still that version. PostgreSQL: the same, the version one small query against the
// database (pg/entry-page.ts). The version moves with every insert, update and delete of the chronology's
// entries, in the writing transaction (drizzle/0017_entry-versions.sql, drizzle-pg/0014_entry-versions.sql),
// and is never removed, so it never comes back to a number a page was read at: an equal version means the
// query would return exactly this page.
//
// The key is the page's SQL text and every bound value (chronology, the reader's agency for restricted
// entries, filters, cursor, size), as on the reader: one chronology's, agency's or filter's page never
// answers another's question. Who may read the chronology at all is decided by the server, per request,
// before it asks (and it audits every read: a kept page saves the reading, not the record).
import type { EntryPage, EntryPageQuery } from './entry-pages.js';

/** Pages kept (on SQLite's read-only connection, and on each store's client), and their bytes in all. */
export const PAGE_CACHE_PAGES = 32;
export const PAGE_CACHE_BYTES = 32 * 1024 * 1024;

// Each SQL text is named by a small number, given the first time it is seen: there are a few dozen texts at
// most (one per combination of filters present), and each statement builder hands back ONE string per text
// (cached by the filters present), whose hash V8 keeps, so finding its number hashes nothing per request.
// A key holding the ~700-character text itself was built and hashed for every read (profiled under the
// load bench's audited page: ~3% of the event loop with the text's rebuilding).
const sqlNumbers = new Map<string, number>();

/** The key of a page: its statement's SQL text (by number) and every value bound to it. */
export const pageKey = ({ sql, params }: { sql: string; params: readonly unknown[] }): string => {
  let n = sqlNumbers.get(sql);
  if (n === undefined) sqlNumbers.set(sql, (n = sqlNumbers.size));
  return `${n}\u0000${JSON.stringify(params)}`;
};

export interface KeptPagesSource {
  /** The page's statement (SQL text and bound values, in order): the key it is kept under. */
  statement(chronologyId: string, q: EntryPageQuery): { sql: string; params: readonly unknown[] };
  /** The chronology's entry version now, or null when it cannot be read at once (a busy database). */
  version(chronologyId: string): Promise<number> | null;
  /**
   * The page read afresh (or from the reader's own), with the version it was read at (in the same
   * snapshot as its rows), or null when that is not known (the page is then not kept).
   */
  pageAt(chronologyId: string, q: EntryPageQuery): Promise<{ page: EntryPage; version: number | null }>;
}

export function keptPages(source: KeptPagesSource, limits = { pages: PAGE_CACHE_PAGES, bytes: PAGE_CACHE_BYTES }) {
  const kept = new Map<string, { version: number; page: EntryPage }>();
  let keptBytes = 0;
  let hits = 0;
  let versionReads = 0;

  const keep = (key: string, version: number, page: EntryPage) => {
    if (page.json.byteLength > limits.bytes / 4) return;
    const old = kept.get(key);
    // Versions only grow: a slow read that returns after a newer one must not replace it.
    if (old !== undefined && old.version > version) return;
    if (old !== undefined) keptBytes -= old.page.json.byteLength, kept.delete(key);
    kept.set(key, { version, page });
    keptBytes += page.json.byteLength;
    // Least recently used first (a Map keeps insertion order; a hit re-inserts).
    for (const [k, v] of kept) {
      if (kept.size <= limits.pages && keptBytes <= limits.bytes) break;
      kept.delete(k);
      keptBytes -= v.page.json.byteLength;
    }
  };

  return {
    /**
     * `seen`: the version the caller read with the chronology's access (chronologies.access, this request).
     * A page kept at exactly that version is what the query returned at that moment: served with nothing
     * asked. Any other version (older or newer than the page) says nothing about now, and asking would cost
     * the round trip `seen` saves: the page is read afresh, with its version in the same snapshot.
     */
    async page(chronologyId: string, q: EntryPageQuery, seen?: number): Promise<EntryPage> {
      const key = pageKey(source.statement(chronologyId, q));
      const hit = kept.get(key);
      if (hit !== undefined) {
        let now: number | null = seen ?? null;
        if (seen === undefined) {
          versionReads += 1;
          const asked = source.version(chronologyId);
          now = asked === null ? null : await asked;
        }
        if (now === hit.version) {
          // Still the most recently used (unless a newer page replaced it while the version was read).
          if (kept.get(key) === hit) kept.delete(key), kept.set(key, hit);
          hits += 1;
          return hit.page;
        }
      }
      const { page, version } = await source.pageAt(chronologyId, q);
      if (version !== null) keep(key, version, page);
      return page;
    },
    /** Pages served from those kept here, versions asked of the source, pages kept (tests and benchmarks). */
    stats: () => ({ hits, versionReads, pages: kept.size, bytes: keptBytes }),
  };
}
