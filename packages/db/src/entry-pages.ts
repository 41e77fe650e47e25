// A page of entries as the API answers it (GET …/entries): the projection rows turned into entries and
// written as JSON where the rows are read. On SQLite that is the read lane's thread: the event loop
// receives the bytes of one page instead of 500 objects of 31 fields to deserialise, map and serialise
// again (measured: that, with Drizzle's per-row mapping, was most of a read's cost; docs/storage.md).
import type { Entry } from '@mac/domain';
import type { EntryFilters, EntryPosition } from './repos/entries.js';

/** What a page is asked for: the filters of `query`, a page size, and whose restricted entries show. */
export interface EntryPageQuery extends Omit<EntryFilters, 'limit' | 'offset' | 'restrictedVisibleTo'> {
  /** Entries on the page (the adapter reads one more to know whether any follow). */
  limit: number;
  /** The reader's agency ('' for none): restricted entries of every other agency are left out. Required. */
  restrictedVisibleTo: string;
}

export interface EntryPage {
  /**
   * A JSON array of the page's entries, each as `entryFromProjection` makes it, in timeline order, as
   * UTF-8 bytes: what the response sends, so the event loop neither parses nor encodes it.
   */
  json: Uint8Array;
  /** How many entries the page holds. */
  count: number;
  /** Where the page's last entry sits (null for an empty page): the next page starts after it. */
  last: EntryPosition | null;
  /** Whether entries follow this page. */
  more: boolean;
}

/** A projection row, or anything shaped like one (rows of either dialect). */
export type ProjectionLike = Omit<Entry, 'riskLevel' | 'score' | 'areaGrades' | 'personIds' | 'householdEventId'> & {
  personIds?: string | readonly string[] | undefined;
  riskLevel?: string | null;
  score?: number | null;
  areaGrades?: string | null;
  householdEventId?: string | null;
} & Record<string, unknown>;

/** The entry a projection row holds, without its bookkeeping columns (what the API shows). */
export function entryFromProjection(row: ProjectionLike): Entry {
  return {
    id: row.id,
    date: row.date,
    time: row.time,
    agency: row.agency,
    category: row.category,
    summary: row.summary,
    detail: row.detail,
    impactOnChild: row.impactOnChild,
    actionTaken: row.actionTaken,
    sourceRef: row.sourceRef,
    recordedBy: row.recordedBy,
    restricted: Boolean(row.restricted),
    authorId: row.authorId,
    recordedAt: row.recordedAt,
    status: row.status,
    withdrawnReason: row.withdrawnReason,
    sharing: row.sharing,
    sharingReason: row.sharingReason,
    childsVoice: row.childsVoice,
    seenAlone: row.seenAlone,
    // The people named (comma-separated in the projection; absent in JSON when none).
    ...(typeof row.personIds === 'string' && row.personIds !== '' ? { personIds: row.personIds.split(',') } : {}),
    // Screening results (null in the projection when the entry has none; absent in JSON).
    ...(typeof row.riskLevel === 'string' && row.riskLevel !== '' ? { riskLevel: row.riskLevel } : {}),
    ...(typeof row.score === 'number' ? { score: row.score } : {}),
    ...(typeof row.areaGrades === 'string' && row.areaGrades !== '' ? { areaGrades: row.areaGrades } : {}),
    // A household event's copy (issue 14); absent on every other entry.
    ...(typeof row.householdEventId === 'string' && row.householdEventId !== '' ? { householdEventId: row.householdEventId } : {}),
  };
}

const utf8 = new TextEncoder();

/** A page from the rows `query` gave for `limit + 1` (any adapter that reads rows as objects). */
export function pageOfRows(rows: ReadonlyArray<ProjectionLike & EntryPosition>, limit: number): EntryPage {
  const more = rows.length > limit;
  const shown = more ? rows.slice(0, limit) : rows;
  const lastRow = shown[shown.length - 1];
  return {
    json: utf8.encode(JSON.stringify(shown.map(entryFromProjection))),
    count: shown.length,
    last: lastRow === undefined ? null : positionOf(lastRow),
    more,
  };
}

export function positionOf(row: EntryPosition): EntryPosition {
  return { dateFirst: row.dateFirst, time: row.time, recordedAt: row.recordedAt, id: row.id, docName: row.docName };
}
