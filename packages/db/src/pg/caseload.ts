// A caseload page on PostgreSQL (chronologies.pageForViewer), with the SQLite repository's behaviour
// (../repos/chronologies.ts) and the same shared rules (../caseload-page.ts): without a search the page in
// SQL, walked down chronologies_newest_idx (drizzle-pg 0017, byte order) and its total from the memberships
// and grants alone; with one, the children who may match narrowed in SQL first, then light rows of those
// the viewer may see, the page decided by ../caseload-page.ts. Full records for the page only. Not one
// snapshot: a chronology disposed of meanwhile is left off (pageRecords).
import { and, count, countDistinct, eq, exists, inArray, not, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { CaseloadViewer, ChronologyRecord } from '../repos/chronologies.js';
import { caseloadPage, pickedPage, searchTerms, type CaseloadPageOf, type CaseloadPageQuery, type SearchTerms } from '../caseload-page.js';
import type { PgExec } from './audit.js';
import { breakGlassGrants as g, children, chronologies, chronologyAgencies } from './schema.js';
import { ascC, bytes, descC } from './sql.js';

const newestFirst = [descC(chronologies.createdAt), ascC(chronologies.id)];

/** `agency` is a member of the chronology in `chronologyId`. */
function memberOf(db: PgExec, agency: string, chronologyId: AnyColumn): SQL {
  return exists(db.select({ one: sql`1` }).from(chronologyAgencies).where(and(eq(chronologyAgencies.chronologyId, chronologyId), eq(chronologyAgencies.agencySlug, agency))));
}

/**
 * The children who may match a search (../caseload-page.ts, "Narrowing a search in SQL"): a name with
 * anything but ASCII (more bytes than characters), or every word in the name folded by lower() under the
 * "C" collation, which folds ASCII letters only (not the database locale's lower(), nor ILIKE); an NHS
 * number that is not ten digits, or the digits in it. Chosen for the cost of the scan of every child
 * (5,000, EXPLAIN ANALYZE): regular expressions and translate() of A-Z cost 20-26 ms, these ~5; the
 * visibility of every chronology (a hashed subplan here) was ~10 before the narrowing.
 */
function mayMatch({ words, digits }: SearchTerms): SQL {
  const name = sql`${children.givenName} || ' ' || ${children.familyName}`;
  const folded = sql`lower((${name}) collate "C")`;
  const notAscii = (column: AnyColumn) => sql`octet_length(${column}) <> char_length(${column})`;
  return or(
    notAscii(children.givenName),
    notAscii(children.familyName),
    and(...words.map((word) => sql`strpos(${folded}, ${word}::text) > 0`)),
    sql`length(${children.nhsNumber}) <> 10`,
    sql`translate(${children.nhsNumber}, '0123456789', '') <> ''`,
    sql`strpos(${children.nhsNumber}, ${digits}::text) > 0`,
  )!;
}

export function createPgCaseloadPages(db: PgExec, pageRecords: (ids: readonly string[]) => Promise<ChronologyRecord[]>) {
  return async function pageForViewer({ agency, userId, at }: CaseloadViewer, query: CaseloadPageQuery): Promise<CaseloadPageOf<ChronologyRecord>> {
    const granted = exists(
      db
        .select({ one: sql`1` })
        .from(g)
        .where(and(eq(g.chronologyId, chronologies.id), eq(g.userId, userId), sql`${g.expiresAt} > ${at}::text`)),
    );
    const visible = or(memberOf(db, agency, chronologies.id), granted);
    const terms = searchTerms(query.q ?? '');
    if (terms === null) {
      const { limit, after } = query;
      // `created_at <= ?` as well: where the page starts in the index (the OR alone is a filter).
      const beyond =
        after &&
        sql`(${bytes(chronologies.createdAt)} <= ${after.createdAt} and (${bytes(chronologies.createdAt)} < ${after.createdAt} or ${bytes(chronologies.id)} > ${after.id}))`;
      // The agency's memberships, and the chronologies the viewer's running grants open that are not
      // among them: index-only, not a probe of every chronology.
      const [[members], [grants], picked] = await Promise.all([
        db.select({ n: count() }).from(chronologyAgencies).where(eq(chronologyAgencies.agencySlug, agency)),
        db
          .select({ n: countDistinct(g.chronologyId) })
          .from(g)
          .where(and(eq(g.userId, userId), sql`${g.expiresAt} > ${at}::text`, not(memberOf(db, agency, g.chronologyId)))),
        db
          .select({ id: chronologies.id, createdAt: chronologies.createdAt })
          .from(chronologies)
          .where(and(visible, beyond))
          .orderBy(...newestFirst)
          .limit(limit + 1),
      ]);
      const { ids, next } = pickedPage(picked, limit);
      return { records: await pageRecords(ids), total: (members?.n ?? 0) + (grants?.n ?? 0), next };
    }
    const candidates = db.select({ id: children.id }).from(children).where(mayMatch(terms));
    const rows = await db
      .select({ id: chronologies.id, createdAt: chronologies.createdAt, givenName: children.givenName, familyName: children.familyName, nhsNumber: children.nhsNumber })
      .from(chronologies)
      .innerJoin(children, eq(children.id, chronologies.childId))
      .where(and(inArray(chronologies.childId, candidates), visible));
    const page = caseloadPage(rows, query);
    return { ...page, records: await pageRecords(page.records) };
  };
}
