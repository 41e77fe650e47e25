// GET …/entries on PostgreSQL: one page of a chronology's entries read with a statement written for it
// (not built by Drizzle), its rows as arrays (`rowMode: 'array'`: no object per row, no mapping through
// Drizzle's column objects), turned into entries and written as JSON on the event loop (the node-postgres
// client's thread); and the chronology's entry version (`entry_versions`, moved by triggers in every writing
// transaction: drizzle-pg/0014_entry-versions.sql) read IN THE SAME STATEMENT, so the page and its version
// come from one snapshot. The store's client keeps pages against that version (../kept-pages.ts) and asks
// the database for the version alone (one row by key) before serving one again: several nodes write the
// same database, so only the database can say whether a page is still current.
//
// Profiled before (docs/storage.md): a page read parsed 501 rows off the wire, mapped them through Drizzle
// (~8% of the event loop), wrote the JSON (~9%) and collected the garbage of it all (12%), every time.
//
// The SQL text depends only on which filters are present (lists are ONE array parameter), so there are a
// few dozen texts at most, each a named prepared statement per connection; every value, the chronology
// first, is a bound parameter, never part of the text. Same rows, order and bytes as `entries.query` and
// SQLite's page (pg/store.test.ts compares them byte for byte): text in byte order (COLLATE "C"), ILIKE
// for the text filter (as `query` here).
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { positionOf, type EntryPage, type EntryPageQuery } from '../entry-pages.js';
import { entryOfRow, type EntryRow } from '../entry-row.js';
import { likePattern, type EntryPosition } from '../repos/entries.js';

// The columns read, in this order (rows are arrays); the version last, the same on every row.
const COLUMNS = [
  'id', 'date', 'time', 'agency', 'category', 'summary', 'detail', 'impact_on_child', 'action_taken', 'source_ref',
  'recorded_by', 'restricted', 'author_id', 'recorded_at', 'status', 'withdrawn_reason', 'sharing', 'sharing_reason',
  'childs_voice', 'seen_alone', 'person_ids', 'risk_level',
  // bigint arrives as a string; as double precision it arrives as a number (scores are small integers).
  'score::double precision', 'area_grades', 'household_event_id', 'date_first', 'doc_name',
] as const;

type Raw = [...EntryRow<boolean>, version: string | null];

const C = 'collate "C"';
const ORDER = ['date_first', 'time', 'recorded_at', 'id', 'doc_name'];

// The text of each combination of filters present, built once (one string per text: the page's key names it
// by number, ../kept-pages.ts); the conditions below are still written for every read, their values bound.
const texts = new Map<number, string>();

/** The SQL text for the filters present, and the values to bind, in order: the page's key too. */
export function pgPageStatement(chronologyId: string, q: EntryPageQuery): { sql: string; params: unknown[] } {
  const params: unknown[] = [chronologyId];
  const p = (value: unknown) => `$${params.push(value)}`;
  const where = ['chronology_id = $1'];
  // Which conditions are present (one bit each) decides the text.
  let shape = 0;
  if (q.from) (shape |= 1), where.push(`date_last >= ${p(q.from)}`);
  if (q.to) (shape |= 2), where.push(`date_first <= ${p(q.to)}`);
  if (q.agencies) (shape |= q.agencies.length === 0 ? 4 : 8), where.push(q.agencies.length === 0 ? 'false' : `agency = any(${p([...q.agencies])}::text[])`);
  if (q.categories) (shape |= q.categories.length === 0 ? 16 : 32), where.push(q.categories.length === 0 ? 'false' : `category = any(${p([...q.categories])}::text[])`);
  if (!q.includeWithdrawn) (shape |= 64), where.push("status = 'active'");
  where.push(`(restricted = false or agency = ${p(q.restrictedVisibleTo)})`);
  if (q.after) {
    const a = q.after;
    shape |= 128;
    // Keyset paging in the same byte order as the ORDER BY (SQLite's).
    const after = [a.dateFirst, a.time, a.recordedAt, a.id, a.docName].map((v) => `${p(v)} ${C}`);
    where.push(`(${ORDER.map((c) => `${c} ${C}`).join(', ')}) > (${after.join(', ')})`);
  }
  const text = q.text?.trim();
  if (text) {
    shape |= 256;
    const pattern = p(likePattern(text));
    const columns = ['summary', 'detail', 'impact_on_child', 'action_taken', 'source_ref'];
    where.push(`(${columns.map((c) => `${c} ilike ${pattern} escape '\\'`).join(' or ')})`);
  }
  const limit = p(q.limit + 1);
  let sql = texts.get(shape);
  if (sql === undefined) {
    sql =
      `select ${COLUMNS.join(', ')}, (select version from entry_versions where chronology_id = $1) from entries` +
      ` where ${where.join(' and ')} order by ${ORDER.map((c) => `${c} ${C}`).join(', ')} limit ${limit}`;
    texts.set(shape, sql);
  }
  return { sql, params };
}

const VERSION_SQL = 'select version from entry_versions where chronology_id = $1';

/** node-postgres prepares a named statement once per connection: a name per SQL text. */
const nameOf = (sql: string) => `mac-page-${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`;

const utf8 = new TextEncoder();

/** What the kept pages need of PostgreSQL (../kept-pages.ts: KeptPagesSource), and counts for tests. */
export function createPgEntryPages(pool: Pick<pg.Pool, 'query'>) {
  let pageReads = 0;
  let versionReads = 0;
  return {
    statement: pgPageStatement,

    /** The chronology's entry version now (0 before its first entry): one row by key. */
    async version(chronologyId: string): Promise<number> {
      versionReads += 1;
      const { rows } = await pool.query<[string]>({ name: 'mac-entry-version', text: VERSION_SQL, values: [chronologyId], rowMode: 'array' });
      return rows.length === 0 ? 0 : Number(rows[0]![0]);
    },

    /**
     * The page and the version it was read at, from one statement (one snapshot). The version comes on
     * every row, so an empty page does not know it: null, and such a page is not kept (it was cheap).
     */
    async pageAt(chronologyId: string, q: EntryPageQuery): Promise<{ page: EntryPage; version: number | null }> {
      if (!Number.isInteger(q.limit) || q.limit < 1) throw new RangeError(`a page holds at least one entry (limit ${q.limit})`);
      const { sql, params } = pgPageStatement(chronologyId, q);
      pageReads += 1;
      const { rows } = await pool.query<Raw>({ name: nameOf(sql), text: sql, values: params, rowMode: 'array' });
      const version = rows.length === 0 ? null : Number(rows[0]![27] ?? 0);
      const more = rows.length > q.limit;
      if (more) rows.length = q.limit;
      const last = rows[rows.length - 1];
      const page: EntryPage = {
        json: utf8.encode(JSON.stringify(rows.map(entryOfRow))),
        count: rows.length,
        last: last === undefined ? null : positionOf({ dateFirst: last[25], time: last[2], recordedAt: last[13], id: last[0], docName: last[26] } satisfies EntryPosition),
        more,
      };
      return { page, version };
    },

    /** Pages read from the database and versions asked for, since opening (tests and benchmarks). */
    stats: () => ({ pageReads, versionReads }),
  };
}
