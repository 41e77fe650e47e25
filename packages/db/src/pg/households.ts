// Households (issue 14) on PostgreSQL, with the SQLite repository's behaviour (../repos/households.ts):
// a chronology is in at most one household at a time (the partial unique index says so too), removing a
// child ends its link, which stays on record. Not yet part of the declared port (port.ts): the store
// offers it as `repos.households` so the port can take it as it is.
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { groupSiblings, householdEventOf, type CurrentHousehold, type HouseholdEventRecord, type HouseholdLinkRecord, type HouseholdRecord, type HouseholdWrite, type NewHousehold, type NewHouseholdLink } from '../repos/households.js';
import type { PgExec } from './audit.js';
import { householdEvents, householdMembers, households } from './schema.js';

type LinkRow = typeof householdMembers.$inferSelect;

const toLink = (row: LinkRow): HouseholdLinkRecord => ({
  householdId: row.householdId,
  chronologyId: row.chronologyId,
  relationship: row.relationship,
  from: row.fromDate,
  to: row.toDate,
  addedAt: row.addedAt,
  addedBy: row.addedBy,
});

/** Serialises the link checks of these chronologies until the transaction ends (check, then insert). */
async function lockChronologies(tx: PgExec, chronologyIds: readonly string[]): Promise<void> {
  for (const id of [...new Set(chronologyIds)].sort()) await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`household:${id}`}, 0))`);
}

export function createPgHouseholdsRepo(db: PgExec, now: () => string) {
  const current = isNull(householdMembers.removedAt);

  async function get(id: string, exec: PgExec = db): Promise<HouseholdRecord | null> {
    return (await exec.select().from(households).where(eq(households.id, id)))[0] ?? null;
  }

  async function currentLinks(householdId: string, exec: PgExec = db): Promise<HouseholdLinkRecord[]> {
    const rows = await exec
      .select()
      .from(householdMembers)
      .where(and(eq(householdMembers.householdId, householdId), current))
      .orderBy(asc(householdMembers.id));
    return rows.map(toLink);
  }

  async function alreadyLinked(tx: PgExec, chronologyIds: readonly string[]): Promise<string[]> {
    if (chronologyIds.length === 0) return [];
    const rows = await tx
      .select({ chronologyId: householdMembers.chronologyId })
      .from(householdMembers)
      .where(and(sql`${householdMembers.chronologyId} = any(${sql.param([...chronologyIds])}::text[])`, current));
    return rows.map((r) => r.chronologyId);
  }

  async function insertLink(tx: PgExec, householdId: string, link: NewHouseholdLink, addedBy: string, at: string): Promise<void> {
    await tx.insert(householdMembers).values({ householdId, chronologyId: link.chronologyId, relationship: link.relationship, fromDate: link.from, toDate: link.to, addedAt: at, addedBy });
  }

  return {
    /** The household and every child's link in ONE transaction; nothing written if a child is already linked. */
    async create(input: NewHousehold): Promise<HouseholdWrite> {
      const at = now();
      const household: HouseholdRecord = { id: randomUUID(), name: input.name, createdAt: at, createdBy: input.createdBy };
      return db.transaction(async (tx): Promise<HouseholdWrite> => {
        await lockChronologies(tx, input.children.map((c) => c.chronologyId));
        const linked = await alreadyLinked(tx, input.children.map((c) => c.chronologyId));
        if (linked.length > 0) return { ok: false, reason: 'linked', linked };
        await tx.insert(households).values(household);
        // One at a time, in the order given: the order of linking is the order of `id`.
        for (const child of input.children) await insertLink(tx, household.id, child, input.createdBy, at);
        return { ok: true, household };
      });
    },

    get: (id: string) => get(id),

    currentLinks: (householdId: string) => currentLinks(householdId),

    async event(id: string): Promise<HouseholdEventRecord | null> {
      const [row] = await db.select().from(householdEvents).where(eq(householdEvents.id, id));
      return row ? householdEventOf(row) : null;
    },

    async currentFor(chronologyId: string): Promise<CurrentHousehold | null> {
      return db.transaction(
        async (tx) => {
          const [row] = await tx.select({ householdId: householdMembers.householdId }).from(householdMembers).where(and(eq(householdMembers.chronologyId, chronologyId), current));
          if (!row) return null;
          return { household: (await get(row.householdId, tx))!, links: await currentLinks(row.householdId, tx) };
        },
        { isolationLevel: 'repeatable read', accessMode: 'read only' },
      );
    },

    async siblingsOf(chronologyIds: readonly string[]): Promise<Record<string, string[]>> {
      if (chronologyIds.length === 0) return {};
      const other = alias(householdMembers, 'other');
      const rows = await db
        .select({ chronologyId: householdMembers.chronologyId, sibling: other.chronologyId })
        .from(householdMembers)
        .innerJoin(other, and(eq(other.householdId, householdMembers.householdId), isNull(other.removedAt), ne(other.chronologyId, householdMembers.chronologyId)))
        .where(and(inArray(householdMembers.chronologyId, [...chronologyIds]), current))
        .orderBy(asc(other.id));
      return groupSiblings(rows);
    },

    async addChild(householdId: string, link: NewHouseholdLink, addedBy: string): Promise<HouseholdWrite> {
      return db.transaction(async (tx): Promise<HouseholdWrite> => {
        await lockChronologies(tx, [link.chronologyId]);
        const household = await get(householdId, tx);
        if (!household) return { ok: false, reason: 'no-household' };
        const linked = await alreadyLinked(tx, [link.chronologyId]);
        if (linked.length > 0) return { ok: false, reason: 'linked', linked };
        await insertLink(tx, householdId, link, addedBy, now());
        return { ok: true, household };
      });
    },

    async removeChild(householdId: string, chronologyId: string, removedBy: string): Promise<boolean> {
      const result = await db
        .update(householdMembers)
        .set({ removedAt: now(), removedBy })
        .where(and(eq(householdMembers.householdId, householdId), eq(householdMembers.chronologyId, chronologyId), current));
      return (result.rowCount ?? 0) > 0;
    },
  };
}
