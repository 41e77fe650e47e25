// GET …/entries on SQLite: one page of a chronology's entries read with a statement written for it (not
// built by Drizzle), in raw mode (each row an array), turned into entries and written as JSON here, on the
// read lane's thread (entry-pages.ts says why). Measured under 16 concurrent readers of a 22,000-entry
// chronology: Drizzle building the query and mapping each row, and the worker walking 500 row objects,
// were most of the reader's time; materialising 13,500 column values is most of what is left.
//
// The SQL text depends only on which filters are present (lists are ONE JSON parameter), so there are a
// few dozen texts at most, each prepared once (the connection's statement cache, statement-cache.ts);
// every value, the chronology first, is a bound parameter of each run, never part of the text.
//
// Pages kept: on the read-only connection the last pages written are kept (at most PAGE_CACHE_PAGES, and
// PAGE_CACHE_BYTES in all), keyed by the SQL text and EVERY bound value (chronology, reader's agency,
// filters, cursor, size), with the chronology's entry version (`entry_versions`, moved by triggers on
// every change to its entries: drizzle/0017_entry-versions.sql). A kept page is served again only when the
// version, read in the same read transaction, is still the one it was read at: it is then exactly what
// the query would return. Who may read the chronology at all is decided by the server before it asks.
// The writing connection keeps none: a batch rolled back there could leave a version that a later write
// reaches again with other rows.
import type { MacDb } from '../open.js';
import { positionOf, type EntryPage, type EntryPageQuery } from '../entry-pages.js';
import { entryOfRow, type EntryRow } from '../entry-row.js';
import type { EntryPosition } from './entries.js';
import { likePattern } from './entries.js';
import { PAGE_CACHE_BYTES, PAGE_CACHE_PAGES, pageKey } from '../kept-pages.js';

// The columns read, in this order (raw rows are arrays).
const COLUMNS = [
  'id', 'date', 'time', 'agency', 'category', 'summary', 'detail', 'impact_on_child', 'action_taken', 'source_ref',
  'recorded_by', 'restricted', 'author_id', 'recorded_at', 'status', 'withdrawn_reason', 'sharing', 'sharing_reason',
  'childs_voice', 'seen_alone', 'person_ids', 'risk_level', 'score', 'area_grades', 'household_event_id', 'date_first', 'doc_name',
] as const;

type Raw = EntryRow<number>;

// The text of each combination of filters present, built once: a page's statement is made for every read
// (its key too, ../kept-pages.ts), and one string per text is what lets the key name it cheaply.
const texts = new Map<number, string>();
const TEXT_COLUMNS = ['summary', 'detail', 'impact_on_child', 'action_taken', 'source_ref'];

/** The SQL text for the filters present, and the values to bind, in order. Exported for the plan test. */
export function pageStatement(chronologyId: string, q: EntryPageQuery): { sql: string; params: unknown[] } {
  // Each condition: its bit in `shape` (which conditions are present decides the text), its text, its values.
  let shape = 0;
  const where = ['chronology_id = ?'];
  const params: unknown[] = [chronologyId];
  const add = (bit: number, condition: string, ...values: unknown[]) => {
    shape |= bit;
    where.push(condition);
    params.push(...values);
  };
  if (q.from) add(1, 'date_last >= ?', q.from);
  if (q.to) add(2, 'date_first <= ?', q.to);
  if (q.agencies) {
    if (q.agencies.length === 0) add(4, '0');
    else add(8, 'agency in (select value from json_each(?))', JSON.stringify(q.agencies));
  }
  if (q.categories) {
    if (q.categories.length === 0) add(16, '0');
    else add(32, 'category in (select value from json_each(?))', JSON.stringify(q.categories));
  }
  if (!q.includeWithdrawn) add(64, "status = 'active'");
  add(0, '(restricted = 0 or agency = ?)', q.restrictedVisibleTo);
  if (q.after) {
    const a = q.after;
    add(128, '(date_first, time, recorded_at, id, doc_name) > (?, ?, ?, ?, ?)', a.dateFirst, a.time, a.recordedAt, a.id, a.docName);
  }
  const text = q.text?.trim();
  if (text) {
    // LIKE folds case for ASCII letters only, as `query` (SQLite has no Unicode case tables without ICU).
    const pattern = likePattern(text);
    add(256, `(${TEXT_COLUMNS.map((c) => `${c} like ? escape '\\'`).join(' or ')})`, ...TEXT_COLUMNS.map(() => pattern));
  }
  params.push(q.limit + 1);
  let sql = texts.get(shape);
  if (sql === undefined) {
    sql = `select ${COLUMNS.join(', ')} from entries where ${where.join(' and ')} order by date_first, time, recorded_at, id, doc_name limit ?`;
    texts.set(shape, sql);
  }
  return { sql, params };
}

const utf8 = new TextEncoder();

export function createEntryPage(db: MacDb) {
  const kept = db.sqlite.readonly ? new Map<string, { version: number; page: EntryPage }>() : null;
  let keptBytes = 0;
  let hits = 0;
  const keep = (key: string, version: number, page: EntryPage) => {
    if (kept === null || page.json.byteLength > PAGE_CACHE_BYTES / 4) return;
    const old = kept.get(key);
    if (old) keptBytes -= old.page.json.byteLength, kept.delete(key);
    kept.set(key, { version, page });
    keptBytes += page.json.byteLength;
    // Least recently used first (a Map keeps insertion order; a hit re-inserts).
    for (const [k, v] of kept) {
      if (kept.size <= PAGE_CACHE_PAGES && keptBytes <= PAGE_CACHE_BYTES) break;
      kept.delete(k);
      keptBytes -= v.page.json.byteLength;
    }
  };

  const versionOf = (chronologyId: string): number =>
    (db.sqlite.prepare('select version from entry_versions where chronology_id = ?').pluck().get(chronologyId) as number | undefined) ?? 0;

  /**
   * The page and the chronology's entry version it was read at, both in one read transaction (the read
   * lane runs each call as one): the store's client keeps pages on the event loop against that version
   * (../kept-pages.ts).
   */
  function pageAt(chronologyId: string, q: EntryPageQuery): { page: EntryPage; version: number } {
    if (!Number.isInteger(q.limit) || q.limit < 1) throw new RangeError(`a page holds at least one entry (limit ${q.limit})`);
    const { sql, params } = pageStatement(chronologyId, q);
    // Read first, in the same transaction as the rows below.
    const version = versionOf(chronologyId);
    const key = kept === null ? '' : pageKey({ sql, params });
    const hit = kept?.get(key);
    if (hit !== undefined && hit.version === version) {
      kept!.delete(key);
      kept!.set(key, hit);
      hits += 1;
      return { page: hit.page, version };
    }
    const rows = db.sqlite.prepare(sql).raw(true).all(...params) as Raw[];
    const more = rows.length > q.limit;
    if (more) rows.length = q.limit;
    const last = rows[rows.length - 1];
    const out: EntryPage = {
      json: utf8.encode(JSON.stringify(rows.map(entryOfRow))),
      count: rows.length,
      last: last === undefined ? null : positionOf({ dateFirst: last[25], time: last[2], recordedAt: last[13], id: last[0], docName: last[26] } satisfies EntryPosition),
      more,
    };
    keep(key, version, out);
    return { page: out, version };
  }
  const page = (chronologyId: string, q: EntryPageQuery): EntryPage => pageAt(chronologyId, q).page;
  /** Pages served from those kept, and how many are kept now (for tests and benchmarks). */
  const pageCacheStats = () => ({ hits, pages: kept?.size ?? 0, bytes: keptBytes });
  return { page, pageAt, version: versionOf, pageCacheStats };
}
