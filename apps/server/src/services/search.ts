// Search across the caller's caseload (issue 15, item 6): GET /api/search?q=. The database's full-text index
// finds, ranks and pages the entries (packages/db: SQLite FTS5, PostgreSQL tsvector); who may see what is
// part of that query (memberships, restricted entries, break-glass grants, withdrawn entries: see
// packages/db/src/repos/search.ts), never a filter applied here afterwards.
//
// Audited as a read: one `search` record with the text, whatever was found, and one `entry:search` record
// on every chronology whose entries the answer shows (the text, the entry ids, the count), so the
// chronology's audit trail and access report show the search as a read of it. The text is kept in both;
// audit-visibility.ts shows it only to readers of the searcher's own agency (`q` is not a shared detail),
// entry ids only as far as the reader may see those entries.
import { decideSearch, parseSearchQuery, SEARCH_MAX_LENGTH, SEARCH_MIN_LENGTH, snippetSegments, type Principal, type SnippetSegment, pluralWord } from '@mac/domain';
import type { AppDeps } from '../deps.js';
import { ApiError, invalid, type FieldProblem } from '../http/errors.js';
import { audit } from './audit.js';

export const SEARCH_DEFAULT_LIMIT = 20;
export const SEARCH_MAX_LIMIT = 50;
/** The deepest page: past a thousand results, a person refines the search rather than pages on. */
export const SEARCH_MAX_OFFSET = 1_000;

export interface SearchResult {
  chronologyId: string;
  child: { givenName: string; familyName: string };
  entryId: string;
  date: string;
  time: string;
  category: string;
  agency: string;
  summary: string;
  restricted: boolean;
  /** Text around the matches: plain and matched runs (the browser marks the matched ones). */
  snippet: SnippetSegment[];
}

export interface SearchPage {
  results: SearchResult[];
  limit: number;
  offset: number;
  /** The `offset` of the next page, or null when this is the last (or the deepest allowed). */
  nextOffset: number | null;
}

/** A whole number from the query string, or `fallback` when absent; a problem naming the field otherwise. */
function wholeNumber(raw: string | undefined, field: 'limit' | 'offset', fallback: number, max: number, min: number, problems: FieldProblem[]): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (/^\d{1,7}$/.test(raw) && n >= min && n <= max) return n;
  problems.push({ field, message: `The ${field} must be a whole number from ${min} to ${max}.` });
  return fallback;
}

export async function searchEntries(
  deps: AppDeps,
  principal: Principal,
  raw: { q?: string | undefined; limit?: string | undefined; offset?: string | undefined },
  ip: string | null,
): Promise<SearchPage> {
  const decision = decideSearch(principal);
  if (!decision.allowed) {
    await audit(deps, principal, ip, { action: 'search', outcome: 'refused', details: { reason: decision.reason } });
    throw new ApiError(decision.status, 'forbidden', decision.reason);
  }
  const text = (raw.q ?? '').trim();
  const parsed = parseSearchQuery(text);
  const problems: FieldProblem[] = parsed.ok ? [] : [{ field: 'q', message: `${parsed.message} (${SEARCH_MIN_LENGTH} to ${SEARCH_MAX_LENGTH} characters)` }];
  const limit = wholeNumber(raw.limit, 'limit', SEARCH_DEFAULT_LIMIT, SEARCH_MAX_LIMIT, 1, problems);
  const offset = wholeNumber(raw.offset, 'offset', 0, SEARCH_MAX_OFFSET, 0, problems);
  if (!parsed.ok || problems.length > 0) {
    throw invalid(`The search has ${pluralWord(problems.length, 'a problem', `${problems.length} problems`)}: ${problems.map((p) => p.message).join('; ')}`, problems);
  }

  // One more than asked: whether there is a next page, without counting every match.
  const hits = await deps.repos.search.entries({
    query: parsed.query,
    reader: { userId: principal.id, agency: principal.agency },
    at: deps.now().toISOString(),
    limit: limit + 1,
    offset,
  });
  const more = hits.length > limit;
  const shown = more ? hits.slice(0, limit) : hits;

  // Audited before anything is answered (a read is answered only once its record is durable). The
  // records go in one turn, so the store commits them together.
  const byChronology = new Map<string, string[]>();
  for (const hit of shown) byChronology.set(hit.chronologyId, [...(byChronology.get(hit.chronologyId) ?? []), hit.entryId]);
  await Promise.all([
    audit(deps, principal, ip, { action: 'search', details: { q: text, count: shown.length, offset, chronologies: byChronology.size } }),
    ...[...byChronology].map(([chronologyId, entryIds]) => audit(deps, principal, ip, { action: 'entry:search', chronologyId, details: { q: text, count: entryIds.length, entryIds } })),
  ]);

  return {
    results: shown.map((hit) => ({
      chronologyId: hit.chronologyId,
      child: { givenName: hit.childGivenName, familyName: hit.childFamilyName },
      entryId: hit.entryId,
      date: hit.date,
      time: hit.time,
      category: hit.category,
      agency: hit.agency,
      summary: hit.summary,
      restricted: hit.restricted,
      snippet: snippetSegments(hit.snippet),
    })),
    limit,
    offset,
    nextOffset: more && offset + limit <= SEARCH_MAX_OFFSET ? offset + limit : null,
  };
}
