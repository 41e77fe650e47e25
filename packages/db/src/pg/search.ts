// Search across a caseload (issue 15, item 6) on PostgreSQL: the generated tsvector column `entries.search`
// and its GIN index (drizzle-pg/0008_entry-search.sql), with the SQLite repository's behaviour
// (../repos/search.ts): the same visibility rule, decided in the query (joined to memberships and grants),
// the same terms, best first.
//
// Every term of the person's search is bound as a parameter of phraseto_tsquery('english', …), combined
// with && and !!: no text of theirs is ever parsed as tsquery syntax, so nothing they type is a syntax
// error. A term made only of English stop words ("the") has no lexemes and constrains nothing; a search of
// only such words finds nothing (SQLite, which keeps stop words, would find them: see docs/storage.md).
import { SNIPPET_MARK_END, SNIPPET_MARK_START, type SearchQuery } from '@mac/domain';
import { sql, type SQL } from 'drizzle-orm';
import type { EntrySearch, EntrySearchHit } from '../repos/search.js';
import type { PgExec } from './audit.js';

/** The tsquery of a parsed search: every included phrase (&&), none of the excluded (&& !!). */
export function pgTsQuery(query: SearchQuery): SQL {
  const phrase = (words: readonly string[]) => sql`phraseto_tsquery('english', ${words.join(' ')})`;
  const parts = [...query.include.map((t) => phrase(t.words)), ...query.exclude.map((t) => sql`!!${phrase(t.words)}`)];
  return sql.join(parts, sql` && `);
}

/** Visible to the reader, as on SQLite (`SQLITE_VISIBLE_TO_READER`); `e` is the entries table. */
export function pgVisibleToReader(reader: { userId: string; agency: string }, at: string): SQL {
  return sql`e.status = 'active' and (
    ((e.restricted = false or e.agency = ${reader.agency})
      and exists (select 1 from chronology_agencies m where m.chronology_id = e.chronology_id and m.agency_slug = ${reader.agency}))
    or (e.restricted = false
      and exists (select 1 from break_glass_grants g where g.chronology_id = e.chronology_id and g.user_id = ${reader.userId} and g.expires_at collate "C" > ${at} collate "C"))
  )`;
}

/** ts_headline's options: the marks, and up to two fragments of about 24 words. */
const HEADLINE = `StartSel=${SNIPPET_MARK_START}, StopSel=${SNIPPET_MARK_END}, MaxWords=24, MinWords=8, MaxFragments=2, FragmentDelimiter=" … "`;

export function createPgSearchRepo(db: PgExec) {
  return {
    async entries(search: EntrySearch): Promise<EntrySearchHit[]> {
      // Ranks every visible match (the GIN index finds them), keeps one page, and only then builds the
      // page's headlines (ts_headline re-reads the text: the expensive part, for `limit` rows only).
      // ts_rank's normalisation 1 divides by 1 + log(length), so a short entry that is about the word ranks
      // above a long one that mentions it, as bm25 does on SQLite.
      const result = await db.execute(sql`
        with q as (select ${pgTsQuery(search.query)} as query),
        page as (
          select e.chronology_id, e.id, e.doc_name, e.date, e.time, e.agency, e.category, e.restricted,
            e.summary, e.detail, e.childs_voice, e.impact_on_child, e.action_taken, e.source_ref,
            ts_rank(e.search, q.query, 1) as rank
          from entries e cross join q
          where e.search @@ q.query and ${pgVisibleToReader(search.reader, search.at)}
          order by rank desc, e.chronology_id collate "C", e.doc_name collate "C", e.id collate "C"
          limit ${search.limit} offset ${search.offset}
        )
        select p.chronology_id as "chronologyId", k.given_name as "childGivenName", k.family_name as "childFamilyName",
          p.id as "entryId", p.doc_name as "docName", p.date, p.time, p.agency, p.category, p.summary, p.restricted,
          ts_headline('english',
            concat_ws(' … ', nullif(p.summary, ''), nullif(p.detail, ''), nullif(p.childs_voice, ''), nullif(p.impact_on_child, ''), nullif(p.action_taken, ''), nullif(p.source_ref, '')),
            q.query, ${HEADLINE}) as snippet
        from page p cross join q
        join chronologies c on c.id = p.chronology_id
        join children k on k.id = c.child_id
        order by p.rank desc, p.chronology_id collate "C", p.doc_name collate "C", p.id collate "C"`);
      return (result.rows as unknown as EntrySearchHit[]).map((r) => ({ ...r, restricted: Boolean(r.restricted) }));
    },

    async rebuildIndex(): Promise<number> {
      // The column is recomputed by PostgreSQL on every write; only the index itself can need rebuilding.
      await db.execute(sql`reindex index entries_search_idx`);
      const result = await db.execute(sql`select count(*)::int as n from entries`);
      return (result.rows[0] as { n: number }).n;
    },
  };
}
