// Households (issue 14) and the links of children's chronologies to them. A chronology is in at most one
// household at a time (a partial unique index says so too); removing a child ends its link, which stays
// on record. Who may link is decided by the caller (packages/domain household.ts), not here.
import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { householdEvents, householdMembers, households } from '../schema.js';
import { inList, inListPlaceholder, type RepoContext } from './context.js';
import { lazySelect } from './direct-select.js';

export interface HouseholdRecord {
  id: string;
  name: string | null;
  createdAt: string;
  createdBy: string;
}

/** One child's current link. `relationship` is a packages/domain HOUSEHOLD_RELATIONSHIPS value. */
export interface HouseholdLinkRecord {
  householdId: string;
  chronologyId: string;
  relationship: string;
  from: string | null;
  to: string | null;
  addedAt: string;
  addedBy: string;
}

export interface NewHouseholdLink {
  chronologyId: string;
  relationship: string;
  from: string | null;
  to: string | null;
}

export interface NewHousehold {
  name: string | null;
  createdBy: string;
  children: readonly NewHouseholdLink[];
}

/** `linked`: chronologies already in a (current) household; nothing was written. */
export type HouseholdWrite = { ok: true; household: HouseholdRecord } | { ok: false; reason: 'linked'; linked: string[] } | { ok: false; reason: 'no-household' };

export interface CurrentHousehold {
  household: HouseholdRecord;
  /** Every child currently linked, the one asked about included, in the order they were linked. */
  links: HouseholdLinkRecord[];
}

type LinkRow = typeof householdMembers.$inferSelect;

/** A household event (issue 14): recorded once, a copy on each child's chronology (`Store.recordHouseholdEvent`). */
export interface HouseholdEventRecord {
  id: string;
  householdId: string;
  /** The recording agency, which holds every copy. */
  agency: string;
  recordedBy: string;
  recordedAt: string;
  /** The chronologies that got a copy. */
  chronologyIds: string[];
  /** The children left out, and why (the author's agency is not a member of their chronology). */
  skipped: Array<{ chronologyId: string; reason: string }>;
}

export type HouseholdEventRow = typeof householdEvents.$inferSelect;

/** The row of a household event as stored (lists as JSON text: the same in both dialects). */
export function householdEventRow(event: HouseholdEventRecord): HouseholdEventRow {
  return { ...event, chronologyIds: JSON.stringify(event.chronologyIds), skipped: JSON.stringify(event.skipped) };
}

export function householdEventOf(row: HouseholdEventRow): HouseholdEventRecord {
  return { ...row, chronologyIds: JSON.parse(row.chronologyIds) as string[], skipped: JSON.parse(row.skipped) as HouseholdEventRecord['skipped'] };
}

const toLink = (row: LinkRow): HouseholdLinkRecord => ({
  householdId: row.householdId,
  chronologyId: row.chronologyId,
  relationship: row.relationship,
  from: row.fromDate,
  to: row.toDate,
  addedAt: row.addedAt,
  addedBy: row.addedBy,
});

/** Rows of (chronology, sibling) as each chronology's list of siblings, in the rows' order. */
export function groupSiblings(rows: ReadonlyArray<{ chronologyId: string; sibling: string }>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const { chronologyId, sibling } of rows) (out[chronologyId] ??= []).push(sibling);
  return out;
}

export function createHouseholdsRepo({ db, now }: RepoContext) {
  const { orm } = db;
  const current = isNull(householdMembers.removedAt);
  // The caseload and every chronology's page ask for siblings: built once, run directly (direct-select.ts).
  const other = alias(householdMembers, 'other');
  const selectSiblings = lazySelect<{ chronologyId: string; sibling: string }>(() =>
    orm
      .select({ chronologyId: householdMembers.chronologyId, sibling: other.chronologyId })
      .from(householdMembers)
      .innerJoin(other, and(eq(other.householdId, householdMembers.householdId), isNull(other.removedAt), ne(other.chronologyId, householdMembers.chronologyId)))
      .where(and(inListPlaceholder(householdMembers.chronologyId, 'ids'), current))
      .orderBy(asc(other.id))
      .prepare(),
  );

  function get(id: string): HouseholdRecord | null {
    return orm.select().from(households).where(eq(households.id, id)).get() ?? null;
  }

  function currentLinks(householdId: string): HouseholdLinkRecord[] {
    return orm
      .select()
      .from(householdMembers)
      .where(and(eq(householdMembers.householdId, householdId), current))
      .orderBy(asc(householdMembers.id))
      .all()
      .map(toLink);
  }

  function alreadyLinked(chronologyIds: readonly string[]): string[] {
    if (chronologyIds.length === 0) return [];
    return orm
      .select({ chronologyId: householdMembers.chronologyId })
      .from(householdMembers)
      .where(and(inList(householdMembers.chronologyId, chronologyIds), current))
      .all()
      .map((r) => r.chronologyId);
  }

  function insertLink(householdId: string, link: NewHouseholdLink, addedBy: string, at: string): void {
    orm
      .insert(householdMembers)
      .values({ householdId, chronologyId: link.chronologyId, relationship: link.relationship, fromDate: link.from, toDate: link.to, addedAt: at, addedBy })
      .run();
  }

  return {
    /**
     * The household and every child's link in ONE transaction. If any chronology is already in a household,
     * nothing is written and those chronologies are named; an unknown chronology throws (foreign key) and
     * writes nothing either.
     */
    create(input: NewHousehold): HouseholdWrite {
      const at = now();
      const household: HouseholdRecord = { id: randomUUID(), name: input.name, createdAt: at, createdBy: input.createdBy };
      return db.tx((): HouseholdWrite => {
        const linked = alreadyLinked(input.children.map((c) => c.chronologyId));
        if (linked.length > 0) return { ok: false, reason: 'linked', linked };
        orm.insert(households).values(household).run();
        for (const child of input.children) insertLink(household.id, child, input.createdBy, at);
        return { ok: true, household };
      });
    },

    get,

    currentLinks,

    /** A household event's record, or null. */
    event(id: string): HouseholdEventRecord | null {
      const row = orm.select().from(householdEvents).where(eq(householdEvents.id, id)).get();
      return row ? householdEventOf(row) : null;
    },

    /** Inserts a household event's row (inside `Store.recordHouseholdEvent`'s transaction). */
    insertEvent(event: HouseholdEventRecord): void {
      orm.insert(householdEvents).values(householdEventRow(event)).run();
    },

    /** The household a chronology is in now, with all its current links; null when it is in none. */
    currentFor(chronologyId: string): CurrentHousehold | null {
      const row = orm.select({ householdId: householdMembers.householdId }).from(householdMembers).where(and(eq(householdMembers.chronologyId, chronologyId), current)).get();
      if (!row) return null;
      return { household: get(row.householdId)!, links: currentLinks(row.householdId) };
    },

    siblingsOf(chronologyIds: readonly string[]): Record<string, string[]> {
      if (chronologyIds.length === 0) return {};
      return groupSiblings(selectSiblings.all({ ids: JSON.stringify(chronologyIds) }));
    },

    /** Links one more child (one transaction: the check and the insert). */
    addChild(householdId: string, link: NewHouseholdLink, addedBy: string): HouseholdWrite {
      return db.tx((): HouseholdWrite => {
        const household = get(householdId);
        if (!household) return { ok: false, reason: 'no-household' };
        const linked = alreadyLinked([link.chronologyId]);
        if (linked.length > 0) return { ok: false, reason: 'linked', linked };
        insertLink(householdId, link, addedBy, now());
        return { ok: true, household };
      });
    },

    /** Ends a child's current link to this household; false when it had none. */
    removeChild(householdId: string, chronologyId: string, removedBy: string): boolean {
      return (
        orm
          .update(householdMembers)
          .set({ removedAt: now(), removedBy })
          .where(and(eq(householdMembers.householdId, householdId), eq(householdMembers.chronologyId, chronologyId), current))
          .run().changes > 0
      );
    },
  };
}

export type HouseholdsRepo = ReturnType<typeof createHouseholdsRepo>;
