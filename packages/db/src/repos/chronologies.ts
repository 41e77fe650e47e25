// Chronologies, their child and their member agencies, read and written as one record.
import { randomUUID } from 'node:crypto';
import { and, asc, count, countDistinct, desc, eq, exists, gt, inArray, lte, lt, not, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { breakGlassGrants, children, chronologies, chronologyAgencies } from '../schema.js';
import type { MacDb } from '../open.js';
import type { ChronologyAccess } from '@mac/domain';
import { inListPlaceholder, type RepoContext } from './context.js';
import { directGet, lazySelect } from './direct-select.js';
import { inPageOrder } from '../caseload-page.js';
import { createCaseloadPages } from './caseload.js';

export type ChildRecord = typeof children.$inferSelect;

export interface ChronologyRecord {
  id: string;
  kind: string;
  title: string | null;
  createdAt: string;
  leadUserId: string;
  child: ChildRecord;
  /** Agency slugs, in the order they joined. */
  memberAgencies: string[];
  retentionUntil: string | null;
  legalHold: boolean;
}

export interface NewChild {
  givenName: string;
  familyName: string;
  dateOfBirth?: string | null;
  nhsNumber?: string | null;
  upn?: string | null;
}

export interface NewChronology {
  child: NewChild;
  leadUserId: string;
  memberAgencies: readonly string[];
  /** Who added the member agencies (the creating user's id). */
  addedBy: string;
  kind?: string;
  title?: string | null;
}

type Row = { chronology: typeof chronologies.$inferSelect; child: ChildRecord };

function toRecord({ chronology: c, child }: Row, memberAgencies: string[]): ChronologyRecord {
  return {
    id: c.id,
    kind: c.kind,
    title: c.title,
    createdAt: c.createdAt,
    leadUserId: c.leadUserId,
    child,
    memberAgencies,
    retentionUntil: c.retentionUntil,
    legalHold: c.legalHold,
  };
}

/** Whose caseload a page is: their agency's chronologies, and those their break-glass grants running at `at` open. */
export interface CaseloadViewer {
  agency: string;
  userId: string;
  at: string;
}

/** What `chronologies.access` reads in one go: whom the chronology admits, and its entry version. */
export interface ChronologyAccessRead {
  record: ChronologyRecord;
  readOnlyGrants: string[];
  /**
   * The chronology's entry version read with the record (docs/storage.md, "Pages kept"): passed to
   * `entries.page` as `seenVersion`, a page kept at exactly this version is served without the store
   * asking for the version again (one round trip fewer on PostgreSQL).
   */
  entryVersion: number;
}

/**
 * The chronology with its child and member agencies (in the order they joined) by id, as Drizzle prepares
 * it; `withGrants`: and the users of its break-glass grants running at `at`, in the order granted. The
 * repository runs it through directGet; bench/point-reads.bench.ts through Drizzle's get, for reference.
 */
export function chronologyStatement(db: MacDb, withGrants: boolean) {
  return chronologySelect(db, withGrants).where(eq(chronologies.id, sql.placeholder('id'))).prepare();
}

// [rowid, slug] and [granted at, user] pairs, put in order by `inOrder`: an ORDER BY inside
// json_group_array makes SQLite build a temporary B-tree per aggregate per call, about half the
// statement's time (measured alone, load ~11: 16-28 µs with both, 12-14 µs as pairs), and every
// request about a chronology runs it. The outer chronology is named in full: in a select from one table
// Drizzle leaves its columns unqualified, and "id" would then be the grant's own.
const outerId = sql.raw('"chronologies"."id"');
const memberPairs = () =>
  sql<string>`(select json_group_array(json_array(${chronologyAgencies}.rowid, ${chronologyAgencies.agencySlug})) from ${chronologyAgencies} where ${chronologyAgencies.chronologyId} = ${outerId})`;
/** The grants running at the `at` placeholder. */
const grantPairs = () =>
  sql<string>`(select json_group_array(json_array(${breakGlassGrants.grantedAt}, ${breakGlassGrants.userId})) from ${breakGlassGrants} where ${breakGlassGrants.chronologyId} = ${outerId} and ${breakGlassGrants.expiresAt} > ${sql.placeholder('at')})`;

function chronologySelect({ orm }: MacDb, withGrants: boolean) {
  return orm
    .select({
      chronology: chronologies,
      child: children,
      members: memberPairs(),
      ...(withGrants
        ? {
            grants: grantPairs(),
            // The entry version (drizzle/0017_entry-versions.sql; not in the Drizzle schema) in the same
            // snapshot: the page a request then asks for may be served as kept at it (../kept-pages.ts).
            entryVersion: sql<number>`coalesce((select version from entry_versions where chronology_id = ${chronologies.id}), 0)`,
          }
        : {}),
    })
    .from(chronologies)
    .innerJoin(children, eq(children.id, chronologies.childId));
}

/** The second of each pair, in the order of the first (members by rowid, grants by when granted). */
function inOrder(pairs: string): string[] {
  return (JSON.parse(pairs) as Array<[number | string, string]>).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map((p) => p[1]);
}

export function createChronologiesRepo({ db, now }: RepoContext) {
  const { orm } = db;

  const select = () =>
    orm.select({ chronology: chronologies, child: children }).from(chronologies).innerJoin(children, eq(children.id, chronologies.childId));

  // The caseload's pages read their records and members with these: built once, run directly (direct-select.ts).
  const selectMembers = lazySelect<{ chronologyId: string; agencySlug: string }>(() =>
    orm
      .select({ chronologyId: chronologyAgencies.chronologyId, agencySlug: chronologyAgencies.agencySlug })
      .from(chronologyAgencies)
      .where(inListPlaceholder(chronologyAgencies.chronologyId, 'ids'))
      // rowid: the order of joining, so the lead's agency (added first at creation) comes first.
      .orderBy(sql`${chronologyAgencies}.rowid`)
      .prepare(),
  );
  const selectRecords = lazySelect<Row>(() => select().where(inListPlaceholder(chronologies.id, 'ids')).prepare());
  const selectByIds = lazySelect<Row>(() => select().where(inListPlaceholder(chronologies.id, 'ids')).orderBy(...newestFirst).prepare());

  function membersOf(ids: readonly string[]): Map<string, string[]> {
    const byChronology = new Map<string, string[]>(ids.map((id) => [id, []]));
    if (ids.length === 0) return byChronology;
    for (const row of selectMembers.all({ ids: JSON.stringify(ids) })) byChronology.get(row.chronologyId)?.push(row.agencySlug);
    return byChronology;
  }

  function toRecords(rows: Row[]): ChronologyRecord[] {
    const members = membersOf(rows.map((r) => r.chronology.id));
    return rows.map((row) => toRecord(row, members.get(row.chronology.id) ?? []));
  }

  const newestFirst = [desc(chronologies.createdAt), asc(chronologies.id)] as const;

  // Every request about a chronology reads it (services/access.ts), on the caller's thread (a point read,
  // sqlite/point-reads.ts): ONE statement, prepared once, its members gathered by a subquery in the order
  // they joined (rowid). Two statements (the row, then its members) needed a read transaction around them
  // for one snapshot: BEGIN, two statements and COMMIT, 4% of the event loop under read load (profiled,
  // 6 December); one statement is its own snapshot. Run by better-sqlite3 directly (directGet: Drizzle's
  // get fills and maps the row's ~20 columns by their kinds on each call; bench:point-reads).
  const selectOne = directGet<Row & { members: string }>(chronologyStatement(db, false));

  function get(id: string): ChronologyRecord | null {
    const row = selectOne({ id });
    if (!row) return null;
    return toRecord(row, inOrder(row.members));
  }

  // ... and with the users of its running break-glass grants: what services/access.ts decides on, one
  // statement instead of two point reads for every request about a chronology.
  type AccessRow = Row & { members: string; grants: string; entryVersion: number };
  const selectAccess = directGet<AccessRow>(chronologyStatement(db, true));
  const accessReadOf = (row: AccessRow): ChronologyAccessRead => ({ record: toRecord(row, inOrder(row.members)), readOnlyGrants: inOrder(row.grants), entryVersion: row.entryVersion });

  function access(id: string, at: string): ChronologyAccessRead | null {
    const row = selectAccess({ id, at });
    return row ? accessReadOf(row) : null;
  }

  // Several at once (the access sweep, twice a second): only what access is decided on (port-repos.ts accessOf).
  const selectAccessOf = lazySelect<{ id: string; leadUserId: string; members: string; grants: string }>(() =>
    orm
      .select({ id: chronologies.id, leadUserId: chronologies.leadUserId, members: memberPairs(), grants: grantPairs() })
      .from(chronologies)
      .where(inListPlaceholder(chronologies.id, 'ids'))
      .prepare(),
  );

  /** What access to each named chronology that exists is decided on, in no particular order (`access` for each, cut down). */
  function accessOf(ids: readonly string[], at: string): ChronologyAccess[] {
    if (ids.length === 0) return [];
    return selectAccessOf.all({ ids: JSON.stringify(ids), at }).map((row) => ({ id: row.id, leadUserId: row.leadUserId, memberAgencies: inOrder(row.members), readOnlyGrants: inOrder(row.grants) }));
  }

  /** A page's whole records, in the page's order. */
  function recordsOf(ids: readonly string[]): ChronologyRecord[] {
    return ids.length === 0 ? [] : inPageOrder(ids, toRecords(selectRecords.all({ ids: JSON.stringify(ids) })));
  }
  const pageForViewer = createCaseloadPages(db, recordsOf);

  function insertMember(chronologyId: string, agencySlug: string, addedBy: string, at: string): boolean {
    return orm.insert(chronologyAgencies).values({ chronologyId, agencySlug, addedAt: at, addedBy }).onConflictDoNothing().run().changes > 0;
  }

  return {
    /** Child, chronology and memberships in one transaction: an unknown agency or lead writes nothing. */
    create(input: NewChronology): ChronologyRecord {
      const at = now();
      const childId = randomUUID();
      const id = randomUUID();
      db.tx(() => {
        orm
          .insert(children)
          .values({
            id: childId,
            givenName: input.child.givenName,
            familyName: input.child.familyName,
            dateOfBirth: input.child.dateOfBirth ?? null,
            nhsNumber: input.child.nhsNumber ?? null,
            upn: input.child.upn ?? null,
            createdAt: at,
          })
          .run();
        orm
          .insert(chronologies)
          .values({
            id,
            childId,
            leadUserId: input.leadUserId,
            kind: input.kind ?? 'child-protection',
            title: input.title ?? null,
            createdAt: at,
            retentionUntil: null,
            legalHold: false,
          })
          .run();
        for (const agency of new Set(input.memberAgencies)) insertMember(id, agency, input.addedBy, at);
      });
      return get(id)!;
    },

    get,
    access,
    accessOf,

    /** Every chronology, newest first. */
    list(): ChronologyRecord[] {
      return toRecords(select().orderBy(...newestFirst).all());
    },

    /** The chronologies the agency is a member of, newest first. */
    listForAgency(agencySlug: string): ChronologyRecord[] {
      const membership = orm
        .select({ one: sql`1` })
        .from(chronologyAgencies)
        .where(and(eq(chronologyAgencies.chronologyId, chronologies.id), eq(chronologyAgencies.agencySlug, agencySlug)));
      return toRecords(select().where(exists(membership)).orderBy(...newestFirst).all());
    },

    /** A page of what the viewer may see, newest first (caseload.ts). */
    pageForViewer,

    /** The named chronologies that exist, newest first. */
    listByIds(ids: readonly string[]): ChronologyRecord[] {
      if (ids.length === 0) return [];
      return toRecords(selectByIds.all({ ids: JSON.stringify(ids) }));
    },

    /** Returns false if the agency was already a member. Throws on an unknown chronology or agency. */
    addMember(id: string, agencySlug: string, addedBy: string): boolean {
      return insertMember(id, agencySlug, addedBy, now());
    },

    /** Returns false if the agency was not a member. */
    removeMember(id: string, agencySlug: string): boolean {
      return orm
        .delete(chronologyAgencies)
        .where(and(eq(chronologyAgencies.chronologyId, id), eq(chronologyAgencies.agencySlug, agencySlug)))
        .run().changes > 0;
    },

    setLegalHold(id: string, legalHold: boolean): boolean {
      return orm.update(chronologies).set({ legalHold }).where(eq(chronologies.id, id)).run().changes > 0;
    },

    /** A 'YYYY-MM-DD' day after which the record may be destroyed, or null for none set. */
    setRetentionUntil(id: string, retentionUntil: string | null): boolean {
      return orm.update(chronologies).set({ retentionUntil }).where(eq(chronologies.id, id)).run().changes > 0;
    },

    count(): number {
      return orm.select({ n: count() }).from(chronologies).get()?.n ?? 0;
    },

    /**
     * Destroys a chronology's content at the end of its retention period: its documents' update logs, the
     * entry projection, actions and their history, snapshots, reviews, grants, notifications, imports cut short, memberships, the chronology and the
     * child. One transaction. The audit log is append-only and keeps its records (see docs/security.md).
     * Returns the number of rows removed. Callers must have checked retention and legal hold.
     */
    dispose(id: string): number {
      const { sqlite } = db;
      return db.tx(() => {
        const row = sqlite.prepare('SELECT child_id FROM chronologies WHERE id = ?').get(id) as { child_id: string } | undefined;
        if (!row) return 0;
        let removed = 0;
        const run = (statement: string, ...params: unknown[]) => (removed += sqlite.prepare(statement).run(...params).changes);
        run("DELETE FROM doc_updates WHERE doc_name = ? OR doc_name LIKE ? ESCAPE '\\'", id, `${id}/%`);
        run("DELETE FROM doc_clients WHERE doc_name = ? OR doc_name LIKE ? ESCAPE '\\'", id, `${id}/%`);
        for (const table of ['action_changes', 'actions', 'entries', 'snapshots', 'pattern_reviews', 'break_glass_grants', 'notifications', 'alert_outbox', 'alert_state', 'household_members', 'person_links', 'analysis_versions', 'analysis_views', 'pending_imports', 'chronology_agencies']) {
          run(`DELETE FROM ${table} WHERE chronology_id = ?`, id);
        }
        // People linked to no chronology any more go with the last one (their flags first).
        const orphan = 'SELECT id FROM people p WHERE NOT EXISTS (SELECT 1 FROM person_links l WHERE l.person_id = p.id)';
        run(`DELETE FROM person_flags WHERE person_id IN (${orphan})`);
        run(`DELETE FROM people WHERE id IN (${orphan})`);
        run('DELETE FROM chronologies WHERE id = ?', id);
        run('DELETE FROM children WHERE id = ? AND NOT EXISTS (SELECT 1 FROM chronologies WHERE child_id = ?)', row.child_id, row.child_id);
        return removed;
      });
    },
  };
}

export type ChronologiesRepo = ReturnType<typeof createChronologiesRepo>;
