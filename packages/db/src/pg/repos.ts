// Every repository of the storage port (../port.ts) over PostgreSQL, with the behaviour of the SQLite
// repositories (../repos/*.ts) method by method: the same records, orders, filters and answers. Where
// SQLite's SQL has no PostgreSQL spelling, the portable form is used:
// - `IN (select value from json_each(?))` → `= any($1::text[])` (one parameter, any length);
// - rowid order (members in the order they joined) → the explicit `seq` column of chronology_agencies;
// - LIKE (case-folding ASCII only) → ILIKE with the same escaped pattern (folds every letter: a superset);
// - group_concat → array_agg; length(blob) → octet_length; count(*) → numbers, never bigint strings;
// - text is ordered with COLLATE "C" (byte order, as SQLite's BINARY), whatever the database's collation.
// `exec` is the pool or a transaction: units of work build these over their own transaction.
//
// One module: what is left here shares the chronology and entry queries (membership, visibility,
// timeline order); the self-contained repositories have files of their own (accounts.ts, break-glass.ts,
// households.ts, …).
import { randomUUID } from 'node:crypto';
import { and, asc, count, eq, exists, getTableColumns, gte, isNull, lte, max, ne, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { AgencyInput, AgencyRecord } from '../repos/agencies.js';
import type { CaseloadViewer, ChildRecord, ChronologyAccessRead, ChronologyRecord, NewChronology } from '../repos/chronologies.js';
import { inPageOrder } from '../caseload-page.js';
import { createPgCaseloadPages } from './caseload.js';
import { entryRowOf, likePattern, type EntryFilters, type EntryProjectionInput, type EntryRow } from '../repos/entries.js';
import type { NewNotification, NotificationRecord } from '../repos/notifications.js';
import type { PatternReviewInput, PatternReviewRecord } from '../repos/pattern-reviews.js';
import type { NewSnapshot, SnapshotRecord, SnapshotSummary } from '../repos/snapshots.js';
import type { StoredUpdate, UpdateLogStats } from '../repos/update-log.js';
import type { Repos } from '../port.js';
import type { EntryPageQuery } from '../entry-pages.js';
import { createPgEntryPages } from './entry-page.js';
import { createPgPatternRows } from './pattern-rows.js';
import type pg from 'pg';
import { createPgAuditRepo, type PgExec } from './audit.js';
import { createPgAnalysisRepo } from './analysis.js';
import { createPgAlertsRepo } from './alerts.js';
import { createPgHouseholdsRepo } from './households.js';
import { createPgPeopleRepo } from './people.js';
import { createPgActionsRepo } from './actions.js';
import { createPgSearchRepo } from './search.js';
import { createPgAccountRepos } from './accounts.js';
import { createPgBreakGlassRepo } from './break-glass.js';
import { createPgUpdateLogRepos, type StateCheck } from './update-log.js';
export { claimClients, conflictFacts, insertUpdates, lockKeys } from './update-log.js';
import { anyOf, ascC, bytes, changed, descC, INSERT_CHUNK } from './sql.js';
export { INSERT_CHUNK } from './sql.js';
import {
  agencies,
  breakGlassGrants,
  children,
  chronologies,
  chronologyAgencies,
  docClients,
  docUpdates,
  entries,
  notifications,
  patternReviews,
  snapshots,
} from './schema.js';

export interface PgRepoContext {
  /** The pool (each call its own statement or transaction) or the transaction of a unit of work. */
  exec: PgExec;
  /** The pool itself, for the statements read as arrays (entry-page.ts). */
  pool: Pick<pg.Pool, 'query'>;
  now: () => string;
  auditKey: Uint8Array;
  /** Rule S9's check of a compaction (update-log.ts); inline without it. */
  stateCheck?: StateCheck;
}

const entryKey = new Set<AnyColumn>([entries.chronologyId, entries.docName, entries.id]);
const entryUpdateSet = Object.fromEntries(
  Object.entries(getTableColumns(entries))
    .filter(([, column]) => !entryKey.has(column))
    .map(([name, column]) => [name, sql.raw(`excluded.${JSON.stringify(column.name)}`)]),
);

/**
 * Inserts or replaces projection rows, several per statement. Rows of one statement must not share a key
 * (PostgreSQL refuses to update a row twice in one command): the last one of each key is kept, which is
 * the state a row-by-row upsert would leave.
 */
export async function upsertEntries(exec: PgExec, inputs: readonly EntryProjectionInput[], updatedAt: string): Promise<void> {
  const byKey = new Map<string, EntryRow>();
  for (const input of inputs) byKey.set(JSON.stringify([input.chronologyId, input.docName, input.id]), entryRowOf(input, updatedAt));
  const rows = [...byKey.values()];
  // The chronologies' entry versions move by triggers (drizzle-pg/0014), each holding its row locked to the
  // commit. Rows of several chronologies, inserted by one trigger and updated by another, would lock them
  // in an order of their own, and two such transactions in opposite orders deadlock: so they are moved
  // here first, all at once, in one order (the triggers then move rows this transaction already holds).
  const chronologyIds = [...new Set(rows.map((r) => r.chronologyId))];
  if (chronologyIds.length > 1) {
    await exec.execute(
      sql`insert into entry_versions (chronology_id, version) select id, 1 from unnest(${sql.param(chronologyIds)}::text[]) as id order by 1 on conflict (chronology_id) do update set version = entry_versions.version + 1`,
    );
  }
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await exec
      .insert(entries)
      .values(rows.slice(i, i + INSERT_CHUNK))
      .onConflictDoUpdate({ target: [entries.chronologyId, entries.docName, entries.id], set: entryUpdateSet });
  }
}

function visibleTo(agency: string | undefined): SQL | undefined {
  return agency === undefined ? undefined : or(eq(entries.restricted, false), eq(entries.agency, agency));
}

/** The port's repositories, and households (issue 14), which the declared port does not list yet. */
export type PgRepos = Repos & { households: ReturnType<typeof createPgHouseholdsRepo> };

export function createPgRepos({ exec: db, pool, now, auditKey, stateCheck }: PgRepoContext): PgRepos {
  const unkeptPages = createPgEntryPages(pool);
  const timelineOrder = [ascC(entries.dateFirst), ascC(entries.time), ascC(entries.recordedAt), ascC(entries.id), ascC(entries.docName)];

  // ---- chronologies -------------------------------------------------------------------------------
  const selectChronologies = () => db.select({ chronology: chronologies, child: children }).from(chronologies).innerJoin(children, eq(children.id, chronologies.childId));
  type ChronologyRow = { chronology: typeof chronologies.$inferSelect; child: ChildRecord };

  async function membersOf(ids: readonly string[]): Promise<Map<string, string[]>> {
    const byChronology = new Map<string, string[]>(ids.map((id) => [id, []]));
    if (ids.length === 0) return byChronology;
    const rows = await db
      .select({ chronologyId: chronologyAgencies.chronologyId, agencySlug: chronologyAgencies.agencySlug })
      .from(chronologyAgencies)
      .where(anyOf(chronologyAgencies.chronologyId, ids))
      // The order of joining, so the lead's agency (added first at creation) comes first.
      .orderBy(asc(chronologyAgencies.seq));
    for (const row of rows) byChronology.get(row.chronologyId)?.push(row.agencySlug);
    return byChronology;
  }

  async function toChronologies(rows: ChronologyRow[]): Promise<ChronologyRecord[]> {
    const members = await membersOf(rows.map((r) => r.chronology.id));
    return rows.map(({ chronology: c, child }) => ({
      id: c.id,
      kind: c.kind,
      title: c.title,
      createdAt: c.createdAt,
      leadUserId: c.leadUserId,
      child,
      memberAgencies: members.get(c.id) ?? [],
      retentionUntil: c.retentionUntil,
      legalHold: c.legalHold,
    }));
  }

  const newestFirst = [descC(chronologies.createdAt), ascC(chronologies.id)];

  /** A caseload page's whole records, in the page's order (../caseload-page.ts). */
  async function pageRecords(ids: readonly string[]): Promise<ChronologyRecord[]> {
    return ids.length === 0 ? [] : inPageOrder(ids, await toChronologies(await selectChronologies().where(anyOf(chronologies.id, ids))));
  }

  // A chronology's member agencies in the order they joined, and the users of its grants running at the `at`
  // placeholder, as subqueries of a select from chronologies (every read of its access). The outer
  // chronology is named in full: in a select from one table Drizzle leaves its columns unqualified, and
  // "id" inside the subqueries would be the grant's own.
  const g = breakGlassGrants;
  const memberArray = () =>
    sql<string[]>`coalesce((select array_agg(${chronologyAgencies.agencySlug} order by ${chronologyAgencies.seq}) from ${chronologyAgencies} where ${chronologyAgencies.chronologyId} = "chronologies"."id"), '{}')`;
  const grantArray = () =>
    sql<string[]>`coalesce((select array_agg(${g.userId} order by ${g.grantedAt} collate "C") from ${g} where ${g.chronologyId} = "chronologies"."id" and ${g.expiresAt} > ${sql.placeholder('at')}::text), '{}')`;

  // Every request about a chronology reads it (services/access.ts): the row with its members gathered by a
  // subquery in the order they joined, ONE round trip (and one snapshot) instead of two in a row. Prepared
  // once: Drizzle building the query's text anew was most of its event-loop cost (417 µs of CPU a read, 126
  // for a bare round trip), and a named statement is parsed by PostgreSQL once per connection.
  const chronologyById = db
    .select({
      chronology: chronologies,
      child: children,
      members: memberArray(),
    })
    .from(chronologies)
    .innerJoin(children, eq(children.id, chronologies.childId))
    .where(eq(chronologies.id, sql.placeholder('id')))
    .prepare('mac_chronology_by_id');
  async function getChronology(id: string): Promise<ChronologyRecord | null> {
    const [row] = await chronologyById.execute({ id });
    if (row === undefined) return null;
    const { chronology: c, child, members } = row;
    return { id: c.id, kind: c.kind, title: c.title, createdAt: c.createdAt, leadUserId: c.leadUserId, child, memberAgencies: members, retentionUntil: c.retentionUntil, legalHold: c.legalHold };
  }

  // The record, the users of its running break-glass grants and the chronology's entry version in one
  // round trip (services/access.ts): the version lets the page that follows be served as kept without a
  // query of its own (../kept-pages.ts; entry_versions is not in the Drizzle schema, as on SQLite).
  // Prepared once, as chronologyById: every request about a chronology runs it.
  const accessSelect = () =>
    db
      .select({
      chronology: chronologies,
      child: children,
      members: memberArray(),
      grants: grantArray(),
      // bigint arrives as a string; as double precision, a number (versions stay far below 2^53).
      entryVersion: sql<number>`coalesce((select version from entry_versions where chronology_id = ${chronologies.id}), 0)::double precision`,
      })
      .from(chronologies)
      .innerJoin(children, eq(children.id, chronologies.childId));
  const chronologyAccessById = accessSelect().where(eq(chronologies.id, sql.placeholder('id'))).prepare('mac_chronology_access');
  // Several at once (the access sweep, twice a second): one array parameter, one round trip, and only what
  // access is decided on (port-repos.ts accessOf).
  const chronologyAccessOf = db
    .select({
      id: chronologies.id,
      leadUserId: chronologies.leadUserId,
      memberAgencies: memberArray(),
      readOnlyGrants: grantArray(),
    })
    .from(chronologies)
    .where(sql`${chronologies.id} = any(${sql.placeholder('ids')}::text[])`)
    .prepare('mac_chronology_access_of');
  type AccessRow = Awaited<ReturnType<typeof chronologyAccessById.execute>>[number];
  const accessRead = ({ chronology: c, child, members, grants, entryVersion }: AccessRow): ChronologyAccessRead => ({
    record: { id: c.id, kind: c.kind, title: c.title, createdAt: c.createdAt, leadUserId: c.leadUserId, child, memberAgencies: members, retentionUntil: c.retentionUntil, legalHold: c.legalHold },
    readOnlyGrants: grants,
    entryVersion,
  });
  async function chronologyAccess(id: string, at: string): Promise<ChronologyAccessRead | null> {
    const [row] = await chronologyAccessById.execute({ id, at });
    return row === undefined ? null : accessRead(row);
  }

  async function insertMember(exec: PgExec, chronologyId: string, agencySlug: string, addedBy: string, at: string): Promise<boolean> {
    return changed(await exec.insert(chronologyAgencies).values({ chronologyId, agencySlug, addedAt: at, addedBy }).onConflictDoNothing()) > 0;
  }

  // ---- entries ------------------------------------------------------------------------------------
  async function holders(chronologyId: string, id: string): Promise<Array<{ docName: string; agency: string; restricted: boolean }>> {
    return db
      .select({ docName: entries.docName, agency: entries.agency, restricted: entries.restricted })
      .from(entries)
      .where(and(eq(entries.chronologyId, chronologyId), eq(entries.id, id)));
  }

  return {
    ...createPgUpdateLogRepos(db, now, stateCheck),
    households: createPgHouseholdsRepo(db, now),
    people: createPgPeopleRepo(db, now),
    analysis: createPgAnalysisRepo(db, now),
    alerts: createPgAlertsRepo(db, now),
    actions: createPgActionsRepo(db, now),
    search: createPgSearchRepo(db),
    ...createPgAccountRepos(db, now),
    breakGlass: createPgBreakGlassRepo(db, now),

    agencies: {
      async list(): Promise<AgencyRecord[]> {
        return db.select().from(agencies).orderBy(ascC(agencies.name), ascC(agencies.slug));
      },
      async get(slug: string) {
        return (await db.select().from(agencies).where(eq(agencies.slug, slug)))[0] ?? null;
      },
      async upsert(input: AgencyInput) {
        const [row] = await db
          .insert(agencies)
          .values({ slug: input.slug, name: input.name, kind: input.kind, createdAt: now() })
          .onConflictDoUpdate({ target: agencies.slug, set: { name: input.name, kind: input.kind } })
          .returning();
        return row!;
      },
    },




    chronologies: {
      async create(input: NewChronology): Promise<ChronologyRecord> {
        const at = now();
        const childId = randomUUID();
        const id = randomUUID();
        await db.transaction(async (tx) => {
          await tx.insert(children).values({
            id: childId,
            givenName: input.child.givenName,
            familyName: input.child.familyName,
            dateOfBirth: input.child.dateOfBirth ?? null,
            nhsNumber: input.child.nhsNumber ?? null,
            upn: input.child.upn ?? null,
            createdAt: at,
          });
          await tx.insert(chronologies).values({
            id,
            childId,
            leadUserId: input.leadUserId,
            kind: input.kind ?? 'child-protection',
            title: input.title ?? null,
            createdAt: at,
            retentionUntil: null,
            legalHold: false,
          });
          // One at a time, in the order given: the order of joining is the order of `seq`.
          for (const agency of new Set(input.memberAgencies)) await insertMember(tx, id, agency, input.addedBy, at);
        });
        return (await getChronology(id))!;
      },
      get: getChronology,
      access: chronologyAccess,
      async accessOf(ids: readonly string[], at: string) {
        return ids.length === 0 ? [] : chronologyAccessOf.execute({ ids: [...ids], at });
      },
      async list() {
        return toChronologies(await selectChronologies().orderBy(...newestFirst));
      },
      async listForAgency(agencySlug: string) {
        const membership = db
          .select({ one: sql`1` })
          .from(chronologyAgencies)
          .where(and(eq(chronologyAgencies.chronologyId, chronologies.id), eq(chronologyAgencies.agencySlug, agencySlug)));
        return toChronologies(await selectChronologies().where(exists(membership)).orderBy(...newestFirst));
      },
      pageForViewer: createPgCaseloadPages(db, pageRecords),
      async listByIds(ids: readonly string[]) {
        if (ids.length === 0) return [];
        return toChronologies(await selectChronologies().where(anyOf(chronologies.id, ids)).orderBy(...newestFirst));
      },
      async addMember(id: string, agencySlug: string, addedBy: string) {
        return insertMember(db, id, agencySlug, addedBy, now());
      },
      async removeMember(id: string, agencySlug: string) {
        return changed(await db.delete(chronologyAgencies).where(and(eq(chronologyAgencies.chronologyId, id), eq(chronologyAgencies.agencySlug, agencySlug)))) > 0;
      },
      async setLegalHold(id: string, legalHold: boolean) {
        return changed(await db.update(chronologies).set({ legalHold }).where(eq(chronologies.id, id))) > 0;
      },
      async setRetentionUntil(id: string, retentionUntil: string | null) {
        return changed(await db.update(chronologies).set({ retentionUntil }).where(eq(chronologies.id, id))) > 0;
      },
      async count() {
        const [row] = await db.select({ n: count() }).from(chronologies);
        return row?.n ?? 0;
      },
      async dispose(id: string) {
        return db.transaction(async (tx) => {
          const [row] = await tx.select({ childId: chronologies.childId }).from(chronologies).where(eq(chronologies.id, id)).for('update');
          if (!row) return 0;
          let removed = 0;
          const run = async (statement: SQL) => {
            removed += changed(await tx.execute(statement));
          };
          const docPrefix = `${id}/%`;
          await run(sql`delete from doc_updates where doc_name = ${id} or doc_name like ${docPrefix} escape '\\'`);
          await run(sql`delete from doc_clients where doc_name = ${id} or doc_name like ${docPrefix} escape '\\'`);
          // household_members exists once the households migration has run (issue 14).
          for (const table of ['action_changes', 'actions', 'entries', 'snapshots', 'pattern_reviews', 'break_glass_grants', 'notifications', 'alert_outbox', 'alert_state', 'household_members', 'person_links', 'analysis_versions', 'analysis_views', 'pending_imports', 'chronology_agencies']) {
            await run(sql`delete from ${sql.identifier(table)} where chronology_id = ${id}`);
          }
          // People linked to no chronology any more go with the last one (their flags first).
          const orphan = sql`select id from people p where not exists (select 1 from person_links l where l.person_id = p.id)`;
          await run(sql`delete from person_flags where person_id in (${orphan})`);
          await run(sql`delete from people where id in (${orphan})`);
          await run(sql`delete from chronologies where id = ${id}`);
          await run(sql`delete from children where id = ${row.childId} and not exists (select 1 from chronologies where child_id = ${row.childId})`);
          return removed;
        });
      },
    },

    entries: {
      async upsert(input: EntryProjectionInput) {
        await upsertEntries(db, [input], now());
      },
      async getVisible(chronologyId: string, id: string, agency: string) {
        const rows = await db
          .select()
          .from(entries)
          .where(and(eq(entries.chronologyId, chronologyId), eq(entries.id, id), visibleTo(agency)))
          .orderBy(asc(entries.restricted))
          .limit(1);
        return rows[0] ?? null;
      },
      async getInDoc(chronologyId: string, docName: string, id: string) {
        return (await db.select().from(entries).where(and(eq(entries.chronologyId, chronologyId), eq(entries.docName, docName), eq(entries.id, id))))[0] ?? null;
      },
      holders,
      async firstHeldElsewhere(chronologyId: string, ids: readonly string[], exceptDoc: string) {
        for (let i = 0; i < ids.length; i += 500) {
          const [row] = await db
            .select({ id: entries.id })
            .from(entries)
            .where(and(eq(entries.chronologyId, chronologyId), anyOf(entries.id, ids.slice(i, i + 500)), ne(entries.docName, exceptDoc)))
            .limit(1);
          if (row) return row.id;
        }
        return null;
      },
      async docsOf(chronologyId: string) {
        return db.select({ id: entries.id, docName: entries.docName }).from(entries).where(eq(entries.chronologyId, chronologyId));
      },
      async householdCopies(householdEventId: string) {
        return db
          .select({ chronologyId: entries.chronologyId, docName: entries.docName, id: entries.id, agency: entries.agency, restricted: entries.restricted, status: entries.status })
          .from(entries)
          .where(eq(entries.householdEventId, householdEventId))
          .orderBy(ascC(entries.chronologyId), ascC(entries.id));
      },
      async docsHolding(chronologyId: string, id: string) {
        return (await holders(chronologyId, id)).map((row) => row.docName);
      },
      async collisions() {
        const rows = await db
          .select({ chronologyId: entries.chronologyId, id: entries.id, docs: sql<string[]>`array_agg(${entries.docName})` })
          .from(entries)
          .groupBy(entries.chronologyId, entries.id)
          .having(sql`count(*) > 1`);
        return rows.map((r) => ({ chronologyId: r.chronologyId, id: r.id, docNames: [...r.docs].sort() }));
      },
      async query(chronologyId: string, filters: EntryFilters = {}) {
        const conditions: (SQL | undefined)[] = [eq(entries.chronologyId, chronologyId)];
        if (filters.from) conditions.push(gte(entries.dateLast, filters.from));
        if (filters.to) conditions.push(lte(entries.dateFirst, filters.to));
        if (filters.agencies) conditions.push(filters.agencies.length === 0 ? sql`false` : anyOf(entries.agency, filters.agencies));
        if (filters.categories) conditions.push(filters.categories.length === 0 ? sql`false` : anyOf(entries.category, filters.categories));
        if (!filters.includeWithdrawn) conditions.push(eq(entries.status, 'active'));
        conditions.push(visibleTo(filters.restrictedVisibleTo));
        if (filters.after) {
          const a = filters.after;
          // Keyset paging in the same byte order as timelineOrder (SQLite's).
          conditions.push(sql`(${bytes(entries.dateFirst)}, ${bytes(entries.time)}, ${bytes(entries.recordedAt)}, ${bytes(entries.id)}, ${bytes(entries.docName)}) > (${a.dateFirst} collate "C", ${a.time} collate "C", ${a.recordedAt} collate "C", ${a.id} collate "C", ${a.docName} collate "C")`);
        }
        const text = filters.text?.trim();
        if (text) {
          const pattern = likePattern(text);
          const like = (column: AnyColumn) => sql`${column} ilike ${pattern} escape '\\'`;
          conditions.push(or(like(entries.summary), like(entries.detail), like(entries.impactOnChild), like(entries.actionTaken), like(entries.sourceRef)));
        }
        const base = db
          .select()
          .from(entries)
          .where(and(...conditions))
          .orderBy(...timelineOrder);
        if (filters.limit === undefined && !filters.offset) return base;
        const limited = filters.limit === undefined ? base : base.limit(filters.limit);
        return filters.offset ? limited.offset(filters.offset) : limited;
      },
      patternRows: createPgPatternRows(pool),
      // Replaced by the store with pages kept against the chronology's entry version (store.ts, entry-page.ts).
      async page(chronologyId: string, q: EntryPageQuery) {
        return (await unkeptPages.pageAt(chronologyId, q)).page;
      },
      async all(chronologyId: string) {
        return db.select().from(entries).where(eq(entries.chronologyId, chronologyId)).orderBy(...timelineOrder);
      },
      async restrictedCount(chronologyIds: readonly string[], agency: string) {
        const out: Record<string, number> = Object.fromEntries(chronologyIds.map((id) => [id, 0]));
        if (chronologyIds.length === 0) return out;
        const rows = await db
          .select({ chronologyId: entries.chronologyId, n: count() })
          .from(entries)
          .where(and(anyOf(entries.chronologyId, chronologyIds), eq(entries.restricted, true), eq(entries.agency, agency)))
          .groupBy(entries.chronologyId);
        for (const row of rows) out[row.chronologyId] = row.n;
        return out;
      },
      async countByChronology(chronologyIds: readonly string[], restrictedVisibleTo?: string) {
        const out: Record<string, number> = Object.fromEntries(chronologyIds.map((id) => [id, 0]));
        if (chronologyIds.length === 0) return out;
        const rows = await db
          .select({ chronologyId: entries.chronologyId, n: count() })
          .from(entries)
          .where(and(anyOf(entries.chronologyId, chronologyIds), eq(entries.status, 'active'), visibleTo(restrictedVisibleTo)))
          .groupBy(entries.chronologyId);
        for (const row of rows) out[row.chronologyId] = row.n;
        return out;
      },
      async lastChange(chronologyIds: readonly string[], restrictedVisibleTo?: string) {
        const out: Record<string, string | null> = Object.fromEntries(chronologyIds.map((id) => [id, null]));
        if (chronologyIds.length === 0) return out;
        const rows = await db
          .select({ chronologyId: entries.chronologyId, at: sql<string>`max(${bytes(entries.updatedAt)})` })
          .from(entries)
          .where(and(anyOf(entries.chronologyId, chronologyIds), visibleTo(restrictedVisibleTo)))
          .groupBy(entries.chronologyId);
        for (const row of rows) out[row.chronologyId] = row.at;
        return out;
      },
      async deleteForDoc(docName: string) {
        return changed(await db.delete(entries).where(eq(entries.docName, docName)));
      },
    },

    audit: createPgAuditRepo(db, auditKey, now),

    patternReviews: {
      async add(input: PatternReviewInput): Promise<PatternReviewRecord> {
        const row: PatternReviewRecord = { entryIds: [], entryStates: {}, ...input, id: input.id ?? randomUUID(), reviewedAt: input.reviewedAt ?? now() };
        const [stored] = await db.insert(patternReviews).values(row).returning();
        return stored!;
      },
      async byId(id: string) {
        return (await db.select().from(patternReviews).where(eq(patternReviews.id, id)))[0] ?? null;
      },
      async listForChronology(chronologyId: string) {
        return db
          .select()
          .from(patternReviews)
          .where(eq(patternReviews.chronologyId, chronologyId))
          .orderBy(ascC(patternReviews.reviewedAt), ascC(patternReviews.id));
      },
      async countByChronology(chronologyIds: readonly string[]) {
        const out: Record<string, number> = Object.fromEntries(chronologyIds.map((id) => [id, 0]));
        if (chronologyIds.length === 0) return out;
        const rows = await db
          .select({ chronologyId: patternReviews.chronologyId, n: count() })
          .from(patternReviews)
          .where(anyOf(patternReviews.chronologyId, chronologyIds))
          .groupBy(patternReviews.chronologyId);
        for (const row of rows) out[row.chronologyId] = row.n;
        return out;
      },
    },



    snapshots: {
      async create(input: NewSnapshot): Promise<SnapshotRecord> {
        const row = { id: randomUUID(), chronologyId: input.chronologyId, label: input.label, takenAt: now(), takenBy: input.takenBy, meta: input.meta ?? {} };
        await db.insert(snapshots).values({ ...row, sharedState: input.sharedState });
        return { ...row, sharedState: input.sharedState };
      },
      async get(id: string) {
        return (await db.select().from(snapshots).where(eq(snapshots.id, id)))[0] ?? null;
      },
      async listForChronology(chronologyId: string): Promise<SnapshotSummary[]> {
        return db
          .select({
            id: snapshots.id,
            chronologyId: snapshots.chronologyId,
            label: snapshots.label,
            takenAt: snapshots.takenAt,
            takenBy: snapshots.takenBy,
            meta: snapshots.meta,
            bytes: sql<number>`octet_length(${snapshots.sharedState})`.mapWith(Number),
          })
          .from(snapshots)
          .where(eq(snapshots.chronologyId, chronologyId))
          .orderBy(descC(snapshots.takenAt), descC(snapshots.id));
      },
    },

    notifications: {
      async create(input: NewNotification): Promise<NotificationRecord> {
        const [row] = await db
          .insert(notifications)
          .values({ id: randomUUID(), userId: input.userId, chronologyId: input.chronologyId ?? null, kind: input.kind, message: input.message, createdAt: now(), readAt: null })
          .returning();
        return row!;
      },
      async get(id: string) {
        return (await db.select().from(notifications).where(eq(notifications.id, id)))[0] ?? null;
      },
      async listForUser(userId: string, opts: { unreadOnly?: boolean; limit?: number } = {}) {
        return db
          .select()
          .from(notifications)
          .where(and(eq(notifications.userId, userId), opts.unreadOnly ? isNull(notifications.readAt) : undefined))
          .orderBy(descC(notifications.createdAt), descC(notifications.id))
          .limit(opts.limit ?? 100);
      },
      async unreadCount(userId: string) {
        const [row] = await db.select({ c: count() }).from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
        return row?.c ?? 0;
      },
      async markRead(id: string, userId: string) {
        return changed(await db.update(notifications).set({ readAt: now() }).where(and(eq(notifications.id, id), eq(notifications.userId, userId), isNull(notifications.readAt)))) > 0;
      },
      async markAllRead(userId: string) {
        return changed(await db.update(notifications).set({ readAt: now() }).where(and(eq(notifications.userId, userId), isNull(notifications.readAt))));
      },
    },
  };
}
