// A page of a viewer's caseload (GET /api/chronologies): the chronologies the viewer may see, newest first,
// filtered by the child's name or NHS number, `limit` at a time. At county size (issue 17: one social-care
// account sees 5,008 chronologies) the whole caseload with its figures per row was ~0.75 s of the server's
// time on an idle machine and tens of seconds under load; now the full records and figures are read for one
// page only. Without a search both stores pick the page in SQL in the order `newestFirst` below (byte order).
// With one, both read light rows (id, when made, the child's names and NHS number) of everything the viewer
// may see and this module decides the page, so the two backends match exactly alike: the match is
// JavaScript's, not SQL's, since SQLite's lower() folds ASCII only ("łukasz" would not find "Łukasz" there
// while PostgreSQL's would). The browser's caseload used exactly this rule before it moved here.

/** What deciding a caseload page needs to know of one visible chronology. */
export interface CaseloadRow {
  id: string;
  createdAt: string;
  givenName: string;
  familyName: string;
  nhsNumber: string | null;
}

/** Where a page ends: the last chronology on it (newest first: createdAt descending, then id ascending). */
export interface CaseloadPosition {
  createdAt: string;
  id: string;
}

export interface CaseloadPageQuery {
  limit: number;
  /** The page starts after this chronology (the previous page's `next`). */
  after?: CaseloadPosition | undefined;
  /** The child's name (every word of it, in any order) or NHS number (spaces ignored); case-insensitive. */
  q?: string | undefined;
}

export interface CaseloadPageOf<T> {
  records: T[];
  /** How many chronologies the viewer may see that match `q`, on every page. */
  total: number;
  /** Where the next page starts; null on the last page. */
  next: CaseloadPosition | null;
}

/** A search as the match reads it: its words (folded as JavaScript folds case) and its digits without spaces. */
export interface SearchTerms {
  words: string[];
  digits: string;
}

/** The search's terms, or null for a blank search (everything matches). */
export function searchTerms(q: string): SearchTerms | null {
  const query = q.trim().toLowerCase();
  if (query === '') return null;
  return { words: query.split(/\s+/), digits: query.replace(/\s/g, '') };
}

/** Whether the child matches the search: every word of `q` in "given family", or `q` in the NHS number. */
export function matchesChild(q: string, row: Pick<CaseloadRow, 'givenName' | 'familyName' | 'nhsNumber'>): boolean {
  const terms = searchTerms(q);
  if (terms === null) return true;
  const name = `${row.givenName} ${row.familyName}`.toLowerCase();
  if (terms.words.every((word) => name.includes(word))) return true;
  const nhs = (row.nhsNumber ?? '').replace(/\s/g, '');
  return nhs !== '' && nhs.includes(terms.digits);
}

// Narrowing a search in SQL. Both stores first pick the children who MAY match in SQL, then this module's
// match decides on those alone: the visibility check and the light rows are only for them (a social-care
// search read light rows of all 5,004 chronologies at county size). The SQL must never leave out a child
// who matches, so it is exact only where it can be and keeps every other child for this module to decide:
// - a name of ASCII alone is matched exactly (ASCII letters fold alike everywhere: SQLite's LIKE folds
//   nothing else, and on PostgreSQL lower() under the "C" collation, not the locale's lower() or ILIKE); a name
//   with any other character is kept ("Łukasz", or a Kelvin sign that JavaScript folds to an ASCII "k");
// - an NHS number of ten digits (as the server stores them: services/chronologies.ts) is matched exactly;
//   any other (with spaces, say) is kept.

/** Newest first: createdAt descending, then id ascending (the stores' `newestFirst`). */
export function newestFirst(a: CaseloadPosition, b: CaseloadPosition): number {
  if (a.createdAt !== b.createdAt) return a.createdAt > b.createdAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The ids on the page, from the light rows of everything the viewer may see (in any order), the total
 * matching, and where the next page starts. A chronology made between two pages sorts before the cursor
 * and is not on the following ones (it is on the first page); none is repeated or skipped otherwise.
 */
export function caseloadPage(rows: readonly CaseloadRow[], query: CaseloadPageQuery): CaseloadPageOf<string> {
  const q = query.q?.trim() ?? '';
  const matching = (q === '' ? [...rows] : rows.filter((row) => matchesChild(q, row))).sort(newestFirst);
  const after = query.after;
  const start = after === undefined ? 0 : firstAfter(matching, after);
  const { ids, next } = pickedPage(matching.slice(start, start + query.limit + 1), query.limit);
  return { records: ids, total: matching.length, next };
}

/** The index of the first row after `position` in newest-first order (binary search: the rows are sorted). */
function firstAfter(sorted: readonly CaseloadRow[], position: CaseloadPosition): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (newestFirst(sorted[mid]!, position) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A page picked in SQL (without a search): the stores ask for `limit` + 1 positions in newest-first order,
 * so one more than the page says there is a next one, starting after the page's last.
 */
export function pickedPage(picked: readonly CaseloadPosition[], limit: number): { ids: string[]; next: CaseloadPosition | null } {
  const onPage = picked.slice(0, limit);
  const last = onPage.at(-1);
  return { ids: onPage.map((p) => p.id), next: picked.length > limit && last ? { createdAt: last.createdAt, id: last.id } : null };
}

/** The records of the page's ids in the page's order; one gone meanwhile (disposed of) is left off. */
export function inPageOrder<T extends { id: string }>(ids: readonly string[], records: readonly T[]): T[] {
  const byId = new Map(records.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
