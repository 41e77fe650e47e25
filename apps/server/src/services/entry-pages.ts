// Pages of a chronology's entries for GET …/entries: keyset paging in timeline order. The cursor is the
// position of the last entry of the page (opaque to callers: base64url of a JSON array), so a page is one
// index range scan however deep, every entry appears on exactly one page, and entries written between
// pages are neither repeated nor skipped unless they sort before the cursor.
import type { EntryFilters, EntryPage, EntryPosition } from '@mac/db';
import type { Principal } from '@mac/domain';
import type { AppDeps } from '../deps.js';
import { invalid } from '../http/errors.js';
import { cursorOf, cursorParts } from './cursors.js';
import { restrictedReader, type ChronologyMembers } from './access.js';

export const DEFAULT_PAGE = 500;
export const MAX_PAGE = 2_000;

export function encodeCursor(row: EntryPosition): string {
  return cursorOf([row.dateFirst, row.time, row.recordedAt, row.id, row.docName]);
}

/** The position a cursor names; 422 naming `cursor` for anything that is not one of ours. */
export function decodeCursor(cursor: string): EntryPosition {
  const parts = cursorParts(cursor, 5);
  if (parts === null) throw invalid('The page cursor is not valid.', [{ field: 'cursor', message: 'Pass back the `next` value of the previous page unchanged.' }]);
  const [dateFirst, time, recordedAt, id, docName] = parts as [string, string, string, string, string];
  return { dateFirst, time, recordedAt, id, docName };
}

/** `limit` from the query: default 500, 1 to 2,000; 422 naming `limit` otherwise. */
export function pageLimit(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_PAGE;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE) throw invalid('The page size is not valid.', [{ field: 'limit', message: `A whole number from 1 to ${MAX_PAGE}.` }]);
  return n;
}

// The body written for a page, kept as long as the page itself: the store (SQLite or PostgreSQL) hands back
// the same page object while its chronology's entries are unchanged (packages/db kept-pages.ts), and the body is
// a function of the page alone (its entries and the cursor after its last one), so a repeated read does
// not copy ~300 KB again. Nothing else is kept here: the store decides whether a page is still current.
const bodies = new WeakMap<EntryPage, Uint8Array<ArrayBuffer>>();

/**
 * One page of the entries `principal` may see, as the body of GET …/entries (`{"entries":[…],"next":"…"}`)
 * with the cursor of the next page when there is one. The store writes the entries' JSON where it reads
 * the rows (docs/storage.md S6). `chronology.entryVersion`, read with the chronology's access in this
 * request: a page the store kept at that version is served without asking the database again.
 */
export async function entriesPage(
  deps: AppDeps,
  principal: Principal,
  chronology: ChronologyMembers & { entryVersion?: number },
  filters: Omit<EntryFilters, 'limit' | 'offset' | 'after' | 'restrictedVisibleTo'>,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ body: Uint8Array<ArrayBuffer>; count: number }> {
  const after = page.cursor === undefined ? undefined : decodeCursor(page.cursor);
  const query = { ...filters, restrictedVisibleTo: restrictedReader(principal, chronology), limit: page.limit, after };
  const read = await deps.repos.entries.page(chronology.id, query, chronology.entryVersion);
  let body = bodies.get(read);
  if (body === undefined) {
    body = entriesPageBody({ json: read.json, next: read.more && read.last !== null ? encodeCursor(read.last) : null });
    bodies.set(read, body);
  }
  return { body, count: read.count };
}

const BODY_START = Buffer.from('{"entries":');

/** The body of GET …/entries, `{"entries":[…],"next":"…"}`, with the entries' bytes spliced in as they came. */
function entriesPageBody(page: { json: Uint8Array; next: string | null }): Uint8Array<ArrayBuffer> {
  const end = Buffer.from(page.next === null ? '}' : `,"next":${JSON.stringify(page.next)}}`);
  // A Buffer is a Uint8Array over an ArrayBuffer (never a shared one): what a response body takes.
  return Buffer.concat([BODY_START, page.json, end]) as Uint8Array<ArrayBuffer>;
}
