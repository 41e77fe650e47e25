// People (issue 14 item 3) on PostgreSQL, with the SQLite repository's behaviour (../repos/people.ts):
// records, their links to chronologies and agencies' flags; a merge points one record at another, a flag is
// withdrawn once, nothing is deleted.
import { randomUUID } from 'node:crypto';
import { and, asc, count, countDistinct, eq, inArray, isNull, max, sql } from 'drizzle-orm';
import {
  MAX_MERGE_DEPTH,
  peopleVersion,
  toPersonLink,
  type FlagWithdrawal,
  type MergeResult,
  type NewPersonFlag,
  type NewPersonRecord,
  type PeopleOf,
  type PersonFlagRecord,
  type PersonLinkRecord,
  type PersonRecord,
  type PersonUpdate,
} from '../repos/people.js';
import type { PgExec } from './audit.js';
import { people, personFlags, personLinks } from './schema.js';

const anyOf = (column: typeof people.id | typeof people.mergedInto | typeof personLinks.personId | typeof personLinks.chronologyId | typeof personFlags.personId, ids: readonly string[]) =>
  sql`${column} = any(${sql.param([...ids])}::text[])`;

export function createPgPeopleRepo(db: PgExec, now: () => string) {
  async function get(id: string, exec: PgExec = db): Promise<PersonRecord | null> {
    return (await exec.select().from(people).where(eq(people.id, id)))[0] ?? null;
  }

  async function byIds(ids: readonly string[], exec: PgExec): Promise<PersonRecord[]> {
    if (ids.length === 0) return [];
    return exec.select().from(people).where(anyOf(people.id, ids)).orderBy(asc(people.createdAt), asc(people.id));
  }

  async function links(personIds: readonly string[], exec: PgExec = db): Promise<PersonLinkRecord[]> {
    if (personIds.length === 0) return [];
    return (await exec.select().from(personLinks).where(anyOf(personLinks.personId, personIds)).orderBy(asc(personLinks.id))).map(toPersonLink);
  }

  async function flags(personIds: readonly string[], exec: PgExec = db): Promise<PersonFlagRecord[]> {
    if (personIds.length === 0) return [];
    return exec.select().from(personFlags).where(anyOf(personFlags.personId, personIds)).orderBy(asc(personFlags.createdAt), asc(personFlags.id));
  }

  async function linkedPeople(chronologyIds: readonly string[], exec: PgExec): Promise<PersonRecord[]> {
    if (chronologyIds.length === 0) return [];
    const direct = await exec.select({ personId: personLinks.personId }).from(personLinks).where(anyOf(personLinks.chronologyId, chronologyIds));
    const found = new Map<string, PersonRecord>();
    let wanted = [...new Set(direct.map((r) => r.personId))];
    for (let depth = 0; wanted.length > 0 && depth <= MAX_MERGE_DEPTH; depth++) {
      const rows = await byIds(wanted, exec);
      for (const row of rows) found.set(row.id, row);
      // Both ways: the records these were merged into, and the records merged into these.
      const mergedHere = rows.length === 0 ? [] : (await exec.select({ id: people.id }).from(people).where(anyOf(people.mergedInto, rows.map((r) => r.id)))).map((r) => r.id);
      wanted = [...new Set([...rows.map((r) => r.mergedInto), ...mergedHere].filter((id): id is string => id !== null && !found.has(id)))];
    }
    return [...found.values()].sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1));
  }

  const readOnly = { isolationLevel: 'repeatable read', accessMode: 'read only' } as const;

  return {
    async create(input: NewPersonRecord): Promise<PersonRecord> {
      const at = now();
      const record: PersonRecord = {
        id: randomUUID(),
        givenName: input.givenName,
        familyName: input.familyName,
        nameKey: input.nameKey,
        dateOfBirth: input.dateOfBirth,
        householdId: input.householdId,
        createdAt: at,
        createdBy: input.createdBy,
        createdAgency: input.createdAgency,
        updatedAt: at,
        updatedBy: input.createdBy,
        mergedInto: null,
        mergedAt: null,
        mergedBy: null,
      };
      return db.transaction(async (tx) => {
        await tx.insert(people).values(record);
        // One at a time, in the order given: the order of linking is the order of `id`.
        for (const link of input.links) {
          await tx.insert(personLinks).values({ personId: record.id, chronologyId: link.chronologyId, relationship: link.relationship, fromDate: link.from, toDate: link.to, addedAt: at, addedBy: input.createdBy });
        }
        return record;
      });
    },

    get: (id: string) => get(id),

    links: (personIds: readonly string[]) => links(personIds),

    flags: (personIds: readonly string[]) => flags(personIds),

    async getFlag(id: string): Promise<PersonFlagRecord | null> {
      return (await db.select().from(personFlags).where(eq(personFlags.id, id)))[0] ?? null;
    },

    async peopleOf(chronologyIds: readonly string[]): Promise<PeopleOf> {
      return db.transaction(async (tx) => {
        const found = await linkedPeople(chronologyIds, tx);
        const ids = found.map((p) => p.id);
        return { people: found, links: await links(ids, tx), flags: await flags(ids, tx) };
      }, readOnly);
    },

    async idsForChronology(chronologyId: string): Promise<string[]> {
      return db.transaction(async (tx) => (await linkedPeople([chronologyId], tx)).map((p) => p.id), readOnly);
    },

    /** See the port (PeopleRepo.versionsOf). */
    async versionsOf(chronologyIds: readonly string[]): Promise<Record<string, string>> {
      if (chronologyIds.length === 0) return {};
      const rows = await db
        .select({
          chronologyId: personLinks.chronologyId,
          people: countDistinct(personLinks.personId),
          flags: count(personFlags.id),
          updated: max(people.updatedAt),
          merged: max(sql<string>`coalesce(${people.mergedAt}, '')`),
          flagged: max(personFlags.createdAt),
          withdrawn: max(sql<string>`coalesce(${personFlags.withdrawnAt}, '')`),
        })
        .from(personLinks)
        .innerJoin(people, eq(people.id, personLinks.personId))
        .leftJoin(personFlags, eq(personFlags.personId, personLinks.personId))
        .where(inArray(personLinks.chronologyId, [...chronologyIds]))
        .groupBy(personLinks.chronologyId);
      return Object.fromEntries(rows.map(({ chronologyId, ...v }) => [chronologyId, peopleVersion(v)]));
    },

    async update(id: string, change: PersonUpdate): Promise<PersonRecord | null> {
      return db.transaction(async (tx) => {
        if (!(await get(id, tx))) return null;
        const set: Partial<typeof people.$inferInsert> = { updatedAt: now(), updatedBy: change.updatedBy };
        if (change.givenName !== undefined) set.givenName = change.givenName;
        if (change.familyName !== undefined) set.familyName = change.familyName;
        if (change.nameKey !== undefined) set.nameKey = change.nameKey;
        if (change.dateOfBirth !== undefined) set.dateOfBirth = change.dateOfBirth;
        await tx.update(people).set(set).where(eq(people.id, id));
        for (const link of change.relationships ?? []) {
          await tx
            .update(personLinks)
            .set({ relationship: link.relationship, fromDate: link.from, toDate: link.to })
            .where(and(eq(personLinks.personId, id), eq(personLinks.chronologyId, link.chronologyId)));
        }
        return get(id, tx);
      });
    },

    async addFlag(input: NewPersonFlag): Promise<PersonFlagRecord> {
      const record: PersonFlagRecord = { id: randomUUID(), ...input, createdAt: now(), withdrawnAt: null, withdrawnBy: null, withdrawnByName: null, withdrawnReason: null };
      await db.insert(personFlags).values(record);
      return record;
    },

    async withdrawFlag(id: string, withdrawal: FlagWithdrawal): Promise<boolean> {
      const result = await db
        .update(personFlags)
        .set({ withdrawnAt: now(), withdrawnBy: withdrawal.by, withdrawnByName: withdrawal.byName, withdrawnReason: withdrawal.reason })
        .where(and(eq(personFlags.id, id), isNull(personFlags.withdrawnAt)));
      return (result.rowCount ?? 0) > 0;
    },

    async merge(fromId: string, intoId: string, by: string): Promise<MergeResult> {
      if (fromId === intoId) return { ok: false, reason: 'same' };
      return db.transaction(async (tx): Promise<MergeResult> => {
        // Both rows locked, in a fixed order: two merges of the same pair cannot both pass the checks.
        await tx.execute(sql`select id from people where id = any(${sql.param([fromId, intoId].sort())}::text[]) order by id for update`);
        const from = await get(fromId, tx);
        const into = await get(intoId, tx);
        if (!from || !into) return { ok: false, reason: 'missing' };
        if (from.mergedInto !== null) return { ok: false, reason: 'already-merged' };
        if (into.mergedInto !== null) return { ok: false, reason: 'into-merged' };
        const at = now();
        await tx.update(people).set({ mergedInto: intoId, mergedAt: at, mergedBy: by, updatedAt: at, updatedBy: by }).where(eq(people.id, fromId));
        return { ok: true };
      });
    },
  };
}
