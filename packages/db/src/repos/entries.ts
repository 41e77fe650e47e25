// The entry projection: one row per entry of every chronology document, kept in step with the Yjs
// documents in the same transaction as the update log, and rebuildable from the log. Queries, search,
// exports and pattern rules read it; nothing reads the Yjs documents for that.
import type { Entry } from '@mac/domain';
import { and, asc, count, eq, getTableColumns, gte, inArray, lte, max, ne, or, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteInsertValue } from 'drizzle-orm/sqlite-core';
import { entries } from '../schema.js';
import { inListPlaceholder, type RepoContext } from './context.js';
import { lazySelect, perShape } from './direct-select.js';
import { directMultiStatement, directStatement, rowPlaceholder } from './direct-statement.js';
import { createEntryPage } from './entry-page.js';
import { createPatternRows } from './pattern-rows.js';
import { createKeptFigures } from './kept-figures.js';

export type EntryRow = typeof entries.$inferSelect;

export interface EntryProjectionInput extends Entry {
  chronologyId: string;
  docName: string;
  /** First and last day the date covers (`dateBounds` in @mac/domain), computed by the caller. */
  dateFirst: string;
  dateLast: string;
  updatedBy: string;
}

/** Where one copy of a household event lives. */
export interface HouseholdCopy {
  chronologyId: string;
  docName: string;
  id: string;
  agency: string;
  restricted: boolean;
  status: EntryRow['status'];
}

export interface EntryFilters {
  /** 'YYYY-MM-DD'. An entry matches when the days its date covers overlap [from, to] (see `query`). */
  from?: string | undefined;
  to?: string | undefined;
  agencies?: readonly string[] | undefined;
  categories?: readonly string[] | undefined;
  /** Case-insensitive substring of summary, detail, impact on the child, action taken or source reference. */
  text?: string | undefined;
  includeWithdrawn?: boolean | undefined;
  /**
   * The reader's agency: restricted entries of every other agency are left out. Leave it unset only for
   * work on behalf of the system (rebuilds, exports of one's own agency are still filtered by the caller).
   */
  restrictedVisibleTo?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
  /** Only entries after this one in timeline order (keyset paging: the last row of the previous page). */
  after?: EntryPosition | undefined;
}

/** Where an entry sits in timeline order. */
export interface EntryPosition {
  dateFirst: string;
  time: string;
  recordedAt: string;
  id: string;
  docName: string;
}

/** Escapes LIKE's wildcards so that a search for "50%" or "a_b" means those characters. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

// The filters of `query` present, a bit each: which are present picks its statement.
const Q = {
  from: 1, to: 2, noAgency: 4, agencies: 8, noCategory: 16, categories: 32, activeOnly: 64, visibleTo: 128, after: 256, text: 512, paged: 1024,
} as const;

function visibleTo(agency: string | undefined): SQL | undefined {
  return agency === undefined ? undefined : or(eq(entries.restricted, false), eq(entries.agency, agency));
}

/** The projection row of one entry, as both adapters store it. */
export function entryRowOf(input: EntryProjectionInput, updatedAt: string): EntryRow {
  return {
    chronologyId: input.chronologyId,
    docName: input.docName,
    id: input.id,
    date: input.date,
    dateFirst: input.dateFirst,
    dateLast: input.dateLast,
    time: input.time,
    agency: input.agency,
    category: input.category,
    summary: input.summary,
    detail: input.detail,
    impactOnChild: input.impactOnChild,
    actionTaken: input.actionTaken,
    sourceRef: input.sourceRef,
    recordedBy: input.recordedBy,
    restricted: input.restricted,
    authorId: input.authorId,
    recordedAt: input.recordedAt,
    status: input.status,
    withdrawnReason: input.withdrawnReason,
    sharing: input.sharing,
    sharingReason: input.sharingReason,
    riskLevel: input.riskLevel ?? null,
    score: input.score ?? null,
    areaGrades: input.areaGrades ?? null,
    childsVoice: input.childsVoice ?? '',
    seenAlone: input.seenAlone ?? '',
    personIds: (input.personIds ?? []).join(','),
    householdEventId: input.householdEventId ?? null,
    updatedAt,
    updatedBy: input.updatedBy,
  };
}

export function createEntriesRepo({ db, now }: RepoContext) {
  const { orm } = db;
  const pages = createEntryPage(db);
  // The caseload's figures, kept on the read-only connection while a chronology's entries do not change.
  const kept = createKeptFigures(db);

  // Ends with the document: an id is unique per chronology, except in data stored before that rule, and a
  // page cursor needs a total order.
  const timelineOrder = [asc(entries.dateFirst), asc(entries.time), asc(entries.recordedAt), asc(entries.id), asc(entries.docName)] as const;

  // The write path upserts every changed entry, so the statement is built and prepared once: each column
  // is a placeholder named after its property (the row itself is the placeholder values), and a conflict
  // sets every column but the key to the value just offered (`excluded`), which is the row again.
  // Run by better-sqlite3 directly (direct-statement.ts): Drizzle's filling of 31 parameters per call cost
  // more than the row's own work in JavaScript.
  const columns = Object.entries(getTableColumns(entries));
  const upsertValues = (name: (column: string) => string) => Object.fromEntries(columns.map(([column]) => [column, sql.placeholder(name(column))])) as SQLiteInsertValue<typeof entries>;
  const onConflict = {
    target: [entries.chronologyId, entries.docName, entries.id],
    set: Object.fromEntries(
      columns.filter(([, column]) => column !== entries.chronologyId && column !== entries.docName && column !== entries.id).map(([name, column]) => [name, sql`excluded.${sql.identifier(column.name)}`]),
    ),
  };
  const upsertRow = directStatement(db, orm.insert(entries).values(upsertValues((column) => column)).onConflictDoUpdate(onConflict));
  // A write's (or a batch's) rows in ONE statement: the search index's triggers then tokenise them all
  // before it flushes once, where one statement per row flushed (a segment) per row (directMultiStatement).
  // SQLite applies the rows in order, so a later row of the same entry updates the earlier one, as two
  // statements would. 32 rows of 31 columns: 992 bound values, far under SQLite's limit.
  const upsertRows = directMultiStatement(
    db,
    (n) => orm.insert(entries).values(Array.from({ length: n }, (_, i) => upsertValues((column) => rowPlaceholder(i, column)))).onConflictDoUpdate(onConflict),
    32,
  );
  const rowOf = (input: EntryProjectionInput): EntryRow => entryRowOf(input, now());

  // `query`'s statement for each combination of filters present (a bit each, Q), built by Drizzle once and
  // run by better-sqlite3 directly (direct-select.ts): building it per call and mapping its rows through
  // Drizzle was most of its time (bench:raw-reads). Lists are ONE JSON parameter, whatever their length.
  const queryStatement = perShape<EntryRow>((shape) => {
    const p = sql.placeholder;
    const conditions: (SQL | undefined)[] = [eq(entries.chronologyId, p('chronologyId'))];
    if (shape & Q.from) conditions.push(gte(entries.dateLast, p('from')));
    if (shape & Q.to) conditions.push(lte(entries.dateFirst, p('to')));
    if (shape & Q.noAgency) conditions.push(sql`0`);
    if (shape & Q.agencies) conditions.push(inListPlaceholder(entries.agency, 'agencies'));
    if (shape & Q.noCategory) conditions.push(sql`0`);
    if (shape & Q.categories) conditions.push(inListPlaceholder(entries.category, 'categories'));
    if (shape & Q.activeOnly) conditions.push(eq(entries.status, 'active'));
    if (shape & Q.visibleTo) conditions.push(or(eq(entries.restricted, false), eq(entries.agency, p('visibleTo'))));
    if (shape & Q.after) {
      // Keyset paging: the rows after the last one of the previous page, in timeline order (a row value
      // comparison, which SQLite and PostgreSQL both have).
      conditions.push(
        sql`(${entries.dateFirst}, ${entries.time}, ${entries.recordedAt}, ${entries.id}, ${entries.docName}) > (${p('afterDateFirst')}, ${p('afterTime')}, ${p('afterRecordedAt')}, ${p('afterId')}, ${p('afterDocName')})`,
      );
    }
    if (shape & Q.text) {
      // LIKE folds case for ASCII letters only (SQLite has no Unicode case tables without ICU).
      const like = (column: SQLiteColumn) => sql`${column} like ${p('pattern')} escape '\\'`;
      conditions.push(or(like(entries.summary), like(entries.detail), like(entries.impactOnChild), like(entries.actionTaken), like(entries.sourceRef)));
    }
    const base = orm
      .select()
      .from(entries)
      .where(and(...conditions))
      .orderBy(...timelineOrder);
    return (shape & Q.paged ? base.limit(p('limit')).offset(p('offset')) : base).prepare();
  });
  // The caseload's figures (for chronologies not kept, kept-figures.ts) and the rooms' uniqueness check:
  // built once, run directly too. Shape 1: as one agency sees them (a reader's), 0: all entries.
  const byChronology = (n: SQL<number> | SQL<string | null>, where: (shape: number) => SQL | undefined) =>
    perShape<{ chronologyId: string; n: number | string | null }>((shape) =>
      orm.select({ chronologyId: entries.chronologyId, n }).from(entries).where(and(inListPlaceholder(entries.chronologyId, 'ids'), where(shape))).groupBy(entries.chronologyId).prepare(),
    );
  const visibleToPlaceholder = (shape: number) => (shape === 1 ? or(eq(entries.restricted, false), eq(entries.agency, sql.placeholder('agency'))) : undefined);
  const selectCounts = byChronology(count(), (shape) => and(eq(entries.status, 'active'), visibleToPlaceholder(shape)));
  const selectLastChanges = byChronology(max(entries.updatedAt), visibleToPlaceholder);
  const selectRestrictedCounts = byChronology(count(), () => and(eq(entries.restricted, true), eq(entries.agency, sql.placeholder('agency'))));
  const selectDocsOf = lazySelect<{ id: string; docName: string }>(() => orm.select({ id: entries.id, docName: entries.docName }).from(entries).where(eq(entries.chronologyId, sql.placeholder('chronologyId'))).prepare());

  return {
    /** Inserts or replaces the projection of one entry. */
    upsert(input: EntryProjectionInput): void {
      upsertRow.run(rowOf(input));
    },

    /** `upsert` of each row in order, as one statement per 32 rows (the write path's units of work). */
    upsertMany(inputs: readonly EntryProjectionInput[]): void {
      if (inputs.length === 1) upsertRow.run(rowOf(inputs[0]!));
      else if (inputs.length > 0) upsertRows.run(inputs.map(rowOf));
    },

    /**
     * The entry `id` of the chronology as a reader of `agency` sees it: in the shared document or that
     * agency's restricted document, never another agency's. (Ids are unique across a chronology's
     * documents; data stored before that rule may hold one id twice, and then the shared entry wins.)
     */
    getVisible(chronologyId: string, id: string, agency: string): EntryRow | null {
      return (
        orm
          .select()
          .from(entries)
          .where(and(eq(entries.chronologyId, chronologyId), eq(entries.id, id), visibleTo(agency)))
          .orderBy(asc(entries.restricted))
          .get() ?? null
      );
    },

    /** The entry `id` in one document (system work: rebuilds, checks). */
    getInDoc(chronologyId: string, docName: string, id: string): EntryRow | null {
      return orm.select().from(entries).where(and(eq(entries.chronologyId, chronologyId), eq(entries.docName, docName), eq(entries.id, id))).get() ?? null;
    },

    /** The entries `id` of the chronology: where each lives, whose it is, whether restricted (one, unless stored before ids were unique). */
    holders(chronologyId: string, id: string): Array<{ docName: string; agency: string; restricted: boolean }> {
      return orm
        .select({ docName: entries.docName, agency: entries.agency, restricted: entries.restricted })
        .from(entries)
        .where(and(eq(entries.chronologyId, chronologyId), eq(entries.id, id)))
        .all();
    },

    /** Every copy of a household event, in every chronology (system work: the caller decides who sees which). */
    householdCopies(householdEventId: string): HouseholdCopy[] {
      return orm
        .select({ chronologyId: entries.chronologyId, docName: entries.docName, id: entries.id, agency: entries.agency, restricted: entries.restricted, status: entries.status })
        .from(entries)
        .where(eq(entries.householdEventId, householdEventId))
        .orderBy(asc(entries.chronologyId), asc(entries.id))
        .all();
    },

    /** The first of `ids` that a document of the chronology other than `exceptDoc` holds, or null (in batches of 500 ids). */
    firstHeldElsewhere(chronologyId: string, ids: readonly string[], exceptDoc: string): string | null {
      for (let i = 0; i < ids.length; i += 500) {
        const row = orm
          .select({ id: entries.id })
          .from(entries)
          .where(and(eq(entries.chronologyId, chronologyId), inArray(entries.id, ids.slice(i, i + 500) as string[]), ne(entries.docName, exceptDoc)))
          .limit(1)
          .get();
        if (row) return row.id;
      }
      return null;
    },

    /** Every entry id of the chronology with the document that holds it (the rooms' uniqueness check). */
    docsOf(chronologyId: string): Array<{ id: string; docName: string }> {
      return selectDocsOf.all({ chronologyId });
    },

    /** The documents of the chronology holding an entry `id` (one, unless stored before ids were unique). */
    docsHolding(chronologyId: string, id: string): string[] {
      return this.holders(chronologyId, id).map((row) => row.docName);
    },

    /** Entry ids that more than one document of a chronology holds (stored before ids were unique). */
    collisions(): Array<{ chronologyId: string; id: string; docNames: string[] }> {
      const rows = orm
        .select({ chronologyId: entries.chronologyId, id: entries.id, docs: sql<string>`group_concat(${entries.docName}, char(10))`, n: count() })
        .from(entries)
        .groupBy(entries.chronologyId, entries.id)
        .having(sql`count(*) > 1`)
        .all();
      return rows.map((r) => ({ chronologyId: r.chronologyId, id: r.id, docNames: r.docs.split('\n').sort() }));
    },

    /**
     * The chronology's entries that match every given filter, in timeline order (first day, time, time
     * recorded, id). Dates are matched by overlap: an entry dated "2023-04" (1 to 30 April) or
     * "2023-03..2023-05" matches from=2023-04-10 to=2023-04-20, because it may have happened then;
     * a range query never hides an imprecisely dated event.
     */
    query(chronologyId: string, filters: EntryFilters = {}): EntryRow[] {
      // Which filters are present picks the statement (built once each, queryStatement); their values are its parameters.
      const text = filters.text?.trim();
      const paged = filters.limit !== undefined || !!filters.offset;
      const a = filters.after;
      let shape = 0;
      if (filters.from) shape |= Q.from;
      if (filters.to) shape |= Q.to;
      if (filters.agencies) shape |= filters.agencies.length === 0 ? Q.noAgency : Q.agencies;
      if (filters.categories) shape |= filters.categories.length === 0 ? Q.noCategory : Q.categories;
      if (!filters.includeWithdrawn) shape |= Q.activeOnly;
      if (filters.restrictedVisibleTo !== undefined) shape |= Q.visibleTo;
      if (a) shape |= Q.after;
      if (text) shape |= Q.text;
      if (paged) shape |= Q.paged;
      return queryStatement(shape).all({
        chronologyId,
        from: filters.from,
        to: filters.to,
        agencies: filters.agencies && JSON.stringify(filters.agencies),
        categories: filters.categories && JSON.stringify(filters.categories),
        visibleTo: filters.restrictedVisibleTo,
        afterDateFirst: a?.dateFirst,
        afterTime: a?.time,
        afterRecordedAt: a?.recordedAt,
        afterId: a?.id,
        afterDocName: a?.docName,
        pattern: text ? likePattern(text) : undefined,
        // SQLite has no OFFSET without LIMIT, and Drizzle drops a negative limit: "no limit" is the largest.
        limit: filters.limit ?? Number.MAX_SAFE_INTEGER,
        offset: filters.offset ?? 0,
      });
    },

    /** What the pattern rules read of `query`'s entries (../pattern-rows.ts): visibility, withdrawn and categories as `query` takes them. */
    patternRows: createPatternRows(db),

    /**
     * One page of `query` as the API answers it: the entries as JSON text, their count, the last one's
     * position and whether more follow (repos/entry-page.ts: a statement of its own, rows read raw).
     */
    page: pages.page,
    /** SQLite only, not in the port: pages served from those the read connection keeps (tests, benchmarks). */
    pageCacheStats: pages.pageCacheStats,
    /** SQLite only, not in the port: `page` with the chronology's entry version it was read at (../kept-pages.ts). */
    pageAt: pages.pageAt,
    /** SQLite only, not in the port: the chronology's entry version (entry_versions; 0 before any entry). */
    version: pages.version,

    /** Every entry of the chronology, withdrawn and restricted included, in timeline order. */
    all(chronologyId: string): EntryRow[] {
      return orm.select().from(entries).where(eq(entries.chronologyId, chronologyId)).orderBy(...timelineOrder).all();
    },

    /** SQLite only, not in the port: the caseload figures served from those the read connection keeps (tests). */
    keptFigureStats: kept.stats,

    restrictedCount(chronologyIds: readonly string[], agency: string): Record<string, number> {
      return kept.figures('restricted', chronologyIds, agency, (ids) => restrictedCount(ids, agency));
    },

    /** Active entries per chronology (0 for one with none), as the agency would see them if one is given. */
    countByChronology(chronologyIds: readonly string[], restrictedVisibleTo?: string): Record<string, number> {
      return kept.figures('count', chronologyIds, restrictedVisibleTo, (ids) => countByChronology(ids, restrictedVisibleTo));
    },

    /** When each chronology's entries last changed (withdrawals count), or null; visibility as above. */
    lastChange(chronologyIds: readonly string[], restrictedVisibleTo?: string): Record<string, string | null> {
      return kept.figures('lastChange', chronologyIds, restrictedVisibleTo, (ids) => lastChange(ids, restrictedVisibleTo));
    },

    /** Drops the projection of one document, before rebuilding it from the update log. Returns how many rows. */
    deleteForDoc(docName: string): number {
      return orm.delete(entries).where(eq(entries.docName, docName)).run().changes;
    },
  };

  function restrictedCount(chronologyIds: readonly string[], agency: string): Record<string, number> {
    const out: Record<string, number> = Object.fromEntries(chronologyIds.map((id) => [id, 0]));
    if (chronologyIds.length === 0) return out;
    for (const row of selectRestrictedCounts(0).all({ ids: JSON.stringify(chronologyIds), agency })) out[row.chronologyId] = row.n as number;
    return out;
  }

  function countByChronology(chronologyIds: readonly string[], restrictedVisibleTo?: string): Record<string, number> {
    const out: Record<string, number> = Object.fromEntries(chronologyIds.map((id) => [id, 0]));
    if (chronologyIds.length === 0) return out;
    const rows = selectCounts(restrictedVisibleTo === undefined ? 0 : 1).all({ ids: JSON.stringify(chronologyIds), agency: restrictedVisibleTo });
    for (const row of rows) out[row.chronologyId] = row.n as number;
    return out;
  }

  function lastChange(chronologyIds: readonly string[], restrictedVisibleTo?: string): Record<string, string | null> {
    const out: Record<string, string | null> = Object.fromEntries(chronologyIds.map((id) => [id, null]));
    if (chronologyIds.length === 0) return out;
    const rows = selectLastChanges(restrictedVisibleTo === undefined ? 0 : 1).all({ ids: JSON.stringify(chronologyIds), agency: restrictedVisibleTo });
    for (const row of rows) out[row.chronologyId] = row.n as string | null;
    return out;
  }
}

export type EntriesRepo = ReturnType<typeof createEntriesRepo>;
