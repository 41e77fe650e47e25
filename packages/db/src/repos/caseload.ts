// A caseload page on SQLite (chronologies.pageForViewer), with the shared rules of ../caseload-page.ts: what
// the viewer may see (their agency a member, or a break-glass grant of theirs running), newest first,
// `limit` at a time; the PostgreSQL twin is ../pg/caseload.ts. The page's records are read by the
// chronologies repository (`recordsOf`), in the same read transaction (one snapshot).
import { and, asc, count, countDistinct, desc, eq, exists, gt, inArray, lt, lte, not, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { breakGlassGrants, children, chronologies, chronologyAgencies } from '../schema.js';
import type { MacDb } from '../open.js';
import { caseloadPage, pickedPage, searchTerms, type CaseloadPageOf, type CaseloadPageQuery, type CaseloadRow, type SearchTerms } from '../caseload-page.js';
import type { CaseloadViewer, ChronologyRecord } from './chronologies.js';
import { likePattern } from './entries.js';
import { lazySelect, perShape } from './direct-select.js';

/** The most words of a search that narrow its children in SQL (`lightRows`). */
const SQL_WORDS = 6;

/** Newest first, as ../caseload-page.ts orders (byte order: SQLite's BINARY). */
const newestFirst = [desc(chronologies.createdAt), asc(chronologies.id)] as const;

export function createCaseloadPages(db: MacDb, recordsOf: (ids: readonly string[]) => ChronologyRecord[]) {
  const { orm } = db;
  // Each statement is built once (per number of search words, or with or without a cursor) with the
  // viewer as placeholders, and run directly (direct-select.ts): every caseload page makes three or four.
  const p = sql.placeholder;

  /** The viewer's agency (placeholder `agency`) is a member of the chronology in `chronologyId`. */
  const memberOf = (chronologyId: AnyColumn) =>
    exists(orm.select({ one: sql`1` }).from(chronologyAgencies).where(and(eq(chronologyAgencies.chronologyId, chronologyId), eq(chronologyAgencies.agencySlug, p('agency')))));

  /** What the viewer may see: their agency is a member, or a break-glass grant of theirs (`userId`) runs at `at`. */
  function visibleTo() {
    const granted = orm
      .select({ one: sql`1` })
      .from(breakGlassGrants)
      .where(and(eq(breakGlassGrants.chronologyId, chronologies.id), eq(breakGlassGrants.userId, p('userId')), gt(breakGlassGrants.expiresAt, p('at'))));
    return or(memberOf(chronologies.id), exists(granted));
  }

  const selectMemberCount = lazySelect<{ n: number }>(() => orm.select({ n: count() }).from(chronologyAgencies).where(eq(chronologyAgencies.agencySlug, p('agency'))).prepare());
  const selectGrantedCount = lazySelect<{ n: number }>(() =>
    orm
      .select({ n: countDistinct(breakGlassGrants.chronologyId) })
      .from(breakGlassGrants)
      .where(and(eq(breakGlassGrants.userId, p('userId')), gt(breakGlassGrants.expiresAt, p('at')), not(memberOf(breakGlassGrants.chronologyId))))
      .prepare(),
  );
  // Shape: 1 with a cursor (`after`), 0 for the first page.
  const selectNewest = perShape<{ id: string; createdAt: string }>((shape) => {
    // `created_at <= ?` as well: the range of the index the page starts in (the OR alone is a filter).
    const beyond = shape === 1 ? and(lte(chronologies.createdAt, p('afterCreatedAt')), or(lt(chronologies.createdAt, p('afterCreatedAt')), gt(chronologies.id, p('afterId')))) : undefined;
    return orm
      .select({ id: chronologies.id, createdAt: chronologies.createdAt })
      .from(chronologies)
      .where(and(visibleTo(), beyond))
      .orderBy(...newestFirst)
      .limit(p('limit'))
      .prepare();
  });
  // Shape: the number of words searched for (placeholders w0, w1, ...).
  const selectLightRows = perShape<CaseloadRow>((words) => {
    // The children first (one scan, no visibility probes), then their chronologies by chronologies_child_idx.
    const candidates = orm.select({ id: children.id }).from(children).where(mayMatch(words));
    return orm
      .select({ id: chronologies.id, createdAt: chronologies.createdAt, givenName: children.givenName, familyName: children.familyName, nhsNumber: children.nhsNumber })
      .from(chronologies)
      .innerJoin(children, eq(children.id, chronologies.childId))
      .where(and(inArray(chronologies.childId, candidates), visibleTo()))
      .prepare();
  });

  /**
   * How many the viewer may see, from the memberships and grants alone (index-only): the agency's
   * memberships, and the chronologies the viewer's running grants open that are not among them. Counting
   * `visibleTo` over every chronology was two probes a chronology, ~3.5 ms at county size; this is ~0.2.
   */
  function visibleCount({ agency, userId, at }: CaseloadViewer): number {
    const members = selectMemberCount.get({ agency })?.n ?? 0;
    const granted = selectGrantedCount.get({ agency, userId, at })?.n ?? 0;
    return members + granted;
  }

  /**
   * The children who may match a search, in SQL (../caseload-page.ts, "Narrowing a search in SQL"): a name
   * with anything but ASCII (more bytes than characters), or every word in it by LIKE (which folds ASCII
   * only); an NHS number that is not ten digits, or the digits in it. Chosen for the cost of the scan of
   * every child (5,000, after a commit): the first form (a blob cast of name and NHS number joined, six
   * replace() calls on the NHS number) cost 3.0 ms a scan, these 1.8.
   */
  function mayMatch(words: number): SQL {
    const name = sql`${children.givenName} || ' ' || ${children.familyName}`;
    const notAscii = (column: AnyColumn) => sql`length(cast(${column} as blob)) <> length(${column})`;
    return or(
      notAscii(children.givenName),
      notAscii(children.familyName),
      and(...Array.from({ length: words }, (_, i) => sql`${name} like ${p(`w${i}`)} escape '\\'`)),
      sql`${children.nhsNumber} not glob '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'`,
      sql`instr(${children.nhsNumber}, ${p('digits')}) > 0`,
    )!;
  }

  /** What the viewer may see whose child may match the search, as light rows (../caseload-page.ts decides). */
  function lightRows(viewer: CaseloadViewer, { words, digits }: SearchTerms): CaseloadRow[] {
    // At most SQL_WORDS words narrow in SQL (one statement per count): the rows are only those that MAY
    // match, ../caseload-page.ts decides with every word.
    const narrowing = words.slice(0, SQL_WORDS);
    return selectLightRows(narrowing.length).all({ ...viewer, digits, ...Object.fromEntries(narrowing.map((word, i) => [`w${i}`, likePattern(word)])) });
  }

  /**
   * A page without a search, in SQL: the same order as ../caseload-page.ts (byte order, as JavaScript
   * compares these ASCII keys), walked down chronologies_newest_idx and stopped after `limit` + 1 visible,
   * so a page costs its own rows' probes, not every chronology's (county size, a social-care page: 6.3 ms
   * of CPU for the ids with a sort of all 5,004 visible, 0.2 with the index). Only the page's records are
   * then joined with their children: under WAL a reader drops its page cache at every commit elsewhere, so
   * each row joined is a page read again.
   */
  function newestPage(viewer: CaseloadViewer, { limit, after }: CaseloadPageQuery): CaseloadPageOf<ChronologyRecord> {
    const picked = selectNewest(after ? 1 : 0).all({ ...viewer, afterCreatedAt: after?.createdAt, afterId: after?.id, limit: limit + 1 });
    const { ids, next } = pickedPage(picked, limit);
    return { records: recordsOf(ids), total: visibleCount(viewer), next };
  }

  /**
   * A page of what the viewer may see, newest first: without a search picked in SQL (`newestPage`), with
   * one decided by ../caseload-page.ts from the light rows of the children who may match; the full
   * records are read for the page only, in the same read transaction (one snapshot).
   */
  return function pageForViewer(viewer: CaseloadViewer, query: CaseloadPageQuery): CaseloadPageOf<ChronologyRecord> {
    return db.tx(() => {
      const terms = searchTerms(query.q ?? '');
      if (terms === null) return newestPage(viewer, query);
      const page = caseloadPage(lightRows(viewer, terms), query);
      return { ...page, records: recordsOf(page.records) };
    });
  };
}
