// Search across a caseload (issue 15, item 6) on SQLite: the FTS5 index over the entry projection
// (drizzle/0013_entry-search.sql keeps it in step with every write), joined to the projection, the
// chronologies and their memberships IN THE QUERY, so only entries the reader may see are ever matched,
// ranked or counted. Nothing is fetched to be filtered afterwards.
//
// Who sees what is the entry list's rule (GET …/entries, `decide` in @mac/domain):
// - chronologies the reader's agency is a member of: their active entries, restricted ones of the
//   reader's own agency included, never another agency's restricted entry;
// - chronologies the reader holds a running break-glass grant for: their active, unrestricted entries
//   only (emergency access is to the shared record);
// - withdrawn entries are left out, as the list leaves them out; an amended entry is found by its
//   current text only (the projection holds the current version, and the index follows it).
import { SNIPPET_MARK_END, SNIPPET_MARK_START, type SearchQuery } from '@mac/domain';
import type { RepoContext } from './context.js';

/** A search as the server asks it: the reader's terms, who they are, and which page. */
export interface EntrySearch {
  /** Parsed by `parseSearchQuery` (@mac/domain): words and phrases only, no syntax of the person's. */
  query: SearchQuery;
  /** The reader: their agency's memberships and their own break-glass grants decide what is searched. */
  reader: { userId: string; agency: string };
  /** Now (an ISO instant): grants running at this moment count. */
  at: string;
  limit: number;
  offset: number;
}

/** One entry found, with where it is and a snippet of its text around the matches. */
export interface EntrySearchHit {
  chronologyId: string;
  childGivenName: string;
  childFamilyName: string;
  entryId: string;
  docName: string;
  date: string;
  time: string;
  agency: string;
  category: string;
  summary: string;
  restricted: boolean;
  /** Text around the matches, the matched words between SNIPPET_MARK_START and SNIPPET_MARK_END. */
  snippet: string;
}

/** An FTS5 phrase: the words in double quotes (words hold only letters, digits and marks: nothing to escape). */
function phrase(words: readonly string[]): string {
  return `"${words.map((w) => w.replace(/"/g, '""')).join(' ')}"`;
}

/**
 * The FTS5 MATCH expression for a parsed search: every included term (AND), none of the excluded (NOT).
 * Every term is a quoted phrase, so FTS5 reads no operator, column filter or prefix from the person's text.
 */
export function fts5Match(query: SearchQuery): string {
  const include = query.include.map((t) => phrase(t.words)).join(' AND ');
  const exclude = query.exclude.map((t) => ` NOT ${phrase(t.words)}`).join('');
  return `(${include})${exclude}`;
}

/** bm25 weights per indexed column, in the table's order: summary, detail, impact, action, voice, reference. */
const BM25 = 'bm25(entries_fts, 10.0, 4.0, 2.0, 2.0, 4.0, 1.0)';

/** Visible to the reader (see the header): used by the search and by the benchmark's naive scan alike. */
export const SQLITE_VISIBLE_TO_READER = `e.status = 'active' AND (
    ((e.restricted = 0 OR e.agency = :agency)
      AND EXISTS (SELECT 1 FROM chronology_agencies m WHERE m.chronology_id = e.chronology_id AND m.agency_slug = :agency))
    OR (e.restricted = 0
      AND EXISTS (SELECT 1 FROM break_glass_grants g WHERE g.chronology_id = e.chronology_id AND g.user_id = :userId AND g.expires_at > :at))
  )`;

export function createSearchRepo({ db }: RepoContext) {
  // Two steps in one statement: rank every visible match and keep one page (bm25 reads only the index),
  // then build snippets for that page alone (snippet() re-reads and re-tokenises each entry's text, which
  // for a common word over a county's caseload cost seconds when done for every match before the LIMIT).
  const statement = db.sqlite.prepare(`
    WITH page AS MATERIALIZED (
      SELECT entries_fts.rowid AS rid, ${BM25} AS rank, e.chronology_id AS cid, e.doc_name AS doc, e.id AS eid
      FROM entries_fts
      JOIN entries e ON e.rowid = entries_fts.rowid
      WHERE entries_fts MATCH :match AND ${SQLITE_VISIBLE_TO_READER}
      ORDER BY rank, cid, doc, eid
      LIMIT :limit OFFSET :offset
    )
    SELECT e.chronology_id AS chronologyId, k.given_name AS childGivenName, k.family_name AS childFamilyName,
      e.id AS entryId, e.doc_name AS docName, e.date AS date, e.time AS time, e.agency AS agency,
      e.category AS category, e.summary AS summary, e.restricted AS restricted,
      snippet(entries_fts, -1, :markStart, :markEnd, '…', 24) AS snippet
    FROM page
    JOIN entries_fts ON entries_fts.rowid = page.rid
    JOIN entries e ON e.rowid = page.rid
    JOIN chronologies c ON c.id = e.chronology_id
    JOIN children k ON k.id = c.child_id
    WHERE entries_fts MATCH :match
    ORDER BY page.rank, page.cid, page.doc, page.eid`);

  return {
    /**
     * The entries `reader` may see that match `query`, best first (bm25, summary weighted highest), then in
     * a fixed order (chronology, document, id) so pages do not overlap.
     */
    entries(search: EntrySearch): EntrySearchHit[] {
      const rows = statement.all({
        match: fts5Match(search.query),
        agency: search.reader.agency,
        userId: search.reader.userId,
        at: search.at,
        limit: search.limit,
        offset: search.offset,
        markStart: SNIPPET_MARK_START,
        markEnd: SNIPPET_MARK_END,
      }) as Array<Omit<EntrySearchHit, 'restricted'> & { restricted: number }>;
      return rows.map((r) => ({ ...r, restricted: r.restricted === 1 }));
    },

    /**
     * Rebuilds the index from the projection (operators: `cli.ts rebuild-search-index`). The triggers keep
     * it in step; this is for an index damaged outside MAC. Returns the number of entries indexed.
     */
    rebuildIndex(): number {
      db.sqlite.prepare(`INSERT INTO entries_fts (entries_fts) VALUES ('rebuild')`).run();
      return (db.sqlite.prepare('SELECT count(*) AS n FROM entries').get() as { n: number }).n;
    },
  };
}

export type SqliteSearchRepo = ReturnType<typeof createSearchRepo>;
