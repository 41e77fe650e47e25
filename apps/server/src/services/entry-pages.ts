// Pages of a chronology's entries for GET …/entries: keyset paging in timeline order. The cursor is the
// position of the last entry of the page (opaque to callers: base64url of a JSON array), so a page is one
// index range scan however deep, every entry appears on exactly one page, and entries written between
// pages are neither repeated nor skipped unless they sort before the cursor.
import type { EntryFilters, EntryPosition, EntryRow } from '@mac/db';
import type { Entry, Principal } from '@mac/domain';
import type { AppDeps } from '../deps.js';
import { invalid } from '../http/errors.js';
import { toEntry } from './entries.js';
import { restrictedReader, type ChronologyMembers } from './access.js';

export const DEFAULT_PAGE = 500;
export const MAX_PAGE = 2_000;

export function encodeCursor(row: EntryPosition): string {
  return Buffer.from(JSON.stringify([row.dateFirst, row.time, row.recordedAt, row.id, row.docName]), 'utf8').toString('base64url');
}

/** The position a cursor names; 422 naming `cursor` for anything that is not one of ours. */
export function decodeCursor(cursor: string): EntryPosition {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parts = null;
  }
  if (!Array.isArray(parts) || parts.length !== 5 || !parts.every((p) => typeof p === 'string' && p.length <= 200)) {
    throw invalid('The page cursor is not valid.', [{ field: 'cursor', message: 'Pass back the `next` value of the previous page unchanged.' }]);
  }
  const [dateFirst, time, recordedAt, id, docName] = parts as string[];
  return { dateFirst: dateFirst!, time: time!, recordedAt: recordedAt!, id: id!, docName: docName! };
}

/** `limit` from the query: default 500, 1 to 2,000; 422 naming `limit` otherwise. */
export function pageLimit(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_PAGE;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE) throw invalid('The page size is not valid.', [{ field: 'limit', message: `A whole number from 1 to ${MAX_PAGE}.` }]);
  return n;
}

/** One page of the entries `principal` may see, and the cursor of the next page when there is one. */
export async function entriesPage(
  deps: AppDeps,
  principal: Principal,
  chronology: ChronologyMembers,
  filters: Omit<EntryFilters, 'limit' | 'offset' | 'after' | 'restrictedVisibleTo'>,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ entries: Entry[]; next: string | null }> {
  const after = page.cursor === undefined ? undefined : decodeCursor(page.cursor);
  // One more than asked: whether there is a next page, without counting.
  const rows: EntryRow[] = await deps.repos.entries.query(chronology.id, { ...filters, restrictedVisibleTo: restrictedReader(principal, chronology), limit: page.limit + 1, after });
  const more = rows.length > page.limit;
  const shown = more ? rows.slice(0, page.limit) : rows;
  return { entries: shown.map(toEntry), next: more ? encodeCursor(shown[shown.length - 1]!) : null };
}
