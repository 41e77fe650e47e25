// The adults around a child (issue 14 item 3): people records, their links to children's chronologies and
// the flags agencies set on them. Who may see or change what is decided by the caller (packages/domain
// people.ts), never here. Nothing is deleted: a merge points one record at the other, a flag is withdrawn.
import { randomUUID } from 'node:crypto';
import { and, asc, count, countDistinct, eq, isNull, max, sql } from 'drizzle-orm';
import { people, personFlags, personLinks } from '../schema.js';
import type { MacDb } from '../open.js';
import { inListPlaceholder, type RepoContext } from './context.js';
import { lazySelect } from './direct-select.js';

export interface PersonRecord {
  id: string;
  givenName: string;
  familyName: string;
  nameKey: string;
  dateOfBirth: string | null;
  householdId: string | null;
  createdAt: string;
  createdBy: string;
  createdAgency: string;
  updatedAt: string;
  updatedBy: string;
  mergedInto: string | null;
  mergedAt: string | null;
  mergedBy: string | null;
}

/** `relationship` is a packages/domain PERSON_RELATIONSHIPS value. */
export interface PersonLinkRecord {
  personId: string;
  chronologyId: string;
  relationship: string;
  from: string | null;
  to: string | null;
  addedAt: string;
  addedBy: string;
}

export interface PersonFlagRecord {
  id: string;
  personId: string;
  kind: string;
  reason: string;
  sharing: string;
  agency: string;
  createdAt: string;
  createdBy: string;
  createdByName: string;
  withdrawnAt: string | null;
  withdrawnBy: string | null;
  withdrawnByName: string | null;
  withdrawnReason: string | null;
}

export interface NewPersonLink {
  chronologyId: string;
  relationship: string;
  from: string | null;
  to: string | null;
}

export interface NewPersonRecord {
  givenName: string;
  familyName: string;
  nameKey: string;
  dateOfBirth: string | null;
  householdId: string | null;
  createdBy: string;
  createdAgency: string;
  links: readonly NewPersonLink[];
}

export interface PersonUpdate {
  givenName?: string;
  familyName?: string;
  nameKey?: string;
  dateOfBirth?: string | null;
  /** Changed relationships to chronologies the person is already linked to (others are ignored). */
  relationships?: readonly NewPersonLink[];
  updatedBy: string;
}

export interface NewPersonFlag {
  personId: string;
  kind: string;
  reason: string;
  sharing: string;
  agency: string;
  createdBy: string;
  createdByName: string;
}

export interface FlagWithdrawal {
  by: string;
  byName: string;
  reason: string;
}

/** The people of some chronologies: every record linked to one, the records they were merged into, and all their links and flags. */
export interface PeopleOf {
  people: PersonRecord[];
  links: PersonLinkRecord[];
  flags: PersonFlagRecord[];
}

export type MergeResult = { ok: true } | { ok: false; reason: 'missing' | 'already-merged' | 'into-merged' | 'same' };

type LinkRow = typeof personLinks.$inferSelect;

export const toPersonLink = (row: LinkRow): PersonLinkRecord => ({
  personId: row.personId,
  chronologyId: row.chronologyId,
  relationship: row.relationship,
  from: row.fromDate,
  to: row.toDate,
  addedAt: row.addedAt,
  addedBy: row.addedBy,
});

/** How far merges are followed (a survivor merged again): chains longer than this do not happen. */
export const MAX_MERGE_DEPTH = 16;

/** The grouped columns of versionsOf as one string (the same on both backends). */
export function peopleVersion(v: { people: number | string; flags: number | string; updated: string | null; merged: string | null; flagged: string | null; withdrawn: string | null }): string {
  return [Number(v.people), Number(v.flags), v.updated ?? '', v.merged ?? '', v.flagged ?? '', v.withdrawn ?? ''].join('|');
}

/** versionsOf's select, its conditions to come (exported for bench/raw-reads.bench.ts's reference). */
export function versionsSelect({ orm }: MacDb) {
  return orm
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
    .leftJoin(personFlags, eq(personFlags.personId, personLinks.personId));
}

export function createPeopleRepo({ db, now }: RepoContext) {
  const { orm } = db;
  // The caseload's figures and every chronology view read these: built once, run directly (direct-select.ts).
  const selectByIds = lazySelect<PersonRecord>(() => orm.select().from(people).where(inListPlaceholder(people.id, 'ids')).orderBy(asc(people.createdAt), asc(people.id)).prepare());
  const selectLinkedIds = lazySelect<{ personId: string }>(() => orm.select({ personId: personLinks.personId }).from(personLinks).where(inListPlaceholder(personLinks.chronologyId, 'ids')).prepare());
  const selectLinks = lazySelect<LinkRow>(() => orm.select().from(personLinks).where(inListPlaceholder(personLinks.personId, 'ids')).orderBy(asc(personLinks.id)).prepare());
  const selectFlags = lazySelect<PersonFlagRecord>(() =>
    orm.select().from(personFlags).where(inListPlaceholder(personFlags.personId, 'ids')).orderBy(asc(personFlags.createdAt), asc(personFlags.id)).prepare(),
  );
  const selectMergedInto = lazySelect<{ id: string }>(() => orm.select({ id: people.id }).from(people).where(inListPlaceholder(people.mergedInto, 'ids')).prepare());
  const selectVersions = lazySelect<{ chronologyId: string } & Parameters<typeof peopleVersion>[0]>(() =>
    versionsSelect(db).where(inListPlaceholder(personLinks.chronologyId, 'ids')).groupBy(personLinks.chronologyId).prepare(),
  );

  function get(id: string): PersonRecord | null {
    return orm.select().from(people).where(eq(people.id, id)).get() ?? null;
  }

  function byIds(ids: readonly string[]): PersonRecord[] {
    if (ids.length === 0) return [];
    return selectByIds.all({ ids: JSON.stringify(ids) });
  }

  function links(personIds: readonly string[]): PersonLinkRecord[] {
    if (personIds.length === 0) return [];
    return selectLinks.all({ ids: JSON.stringify(personIds) }).map(toPersonLink);
  }

  function flags(personIds: readonly string[]): PersonFlagRecord[] {
    if (personIds.length === 0) return [];
    return selectFlags.all({ ids: JSON.stringify(personIds) });
  }

  /** The records linked to these chronologies and, following merges both ways, the records of the same people. */
  function linkedPeople(chronologyIds: readonly string[]): PersonRecord[] {
    if (chronologyIds.length === 0) return [];
    const direct = selectLinkedIds.all({ ids: JSON.stringify(chronologyIds) });
    const found = new Map<string, PersonRecord>();
    let wanted = [...new Set(direct.map((r) => r.personId))];
    for (let depth = 0; wanted.length > 0 && depth <= MAX_MERGE_DEPTH; depth++) {
      const rows = byIds(wanted);
      for (const row of rows) found.set(row.id, row);
      // Both ways: the records these were merged into, and the records merged into these.
      const mergedHere = selectMergedInto.all({ ids: JSON.stringify(rows.map((r) => r.id)) }).map((r) => r.id);
      wanted = [...new Set([...rows.map((r) => r.mergedInto), ...mergedHere].filter((id): id is string => id !== null && !found.has(id)))];
    }
    return [...found.values()].sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1));
  }

  return {
    /** The person and every link in ONE transaction (an unknown chronology throws and writes nothing). */
    create(input: NewPersonRecord): PersonRecord {
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
      return db.tx(() => {
        orm.insert(people).values(record).run();
        for (const link of input.links) {
          orm
            .insert(personLinks)
            .values({ personId: record.id, chronologyId: link.chronologyId, relationship: link.relationship, fromDate: link.from, toDate: link.to, addedAt: at, addedBy: input.createdBy })
            .run();
        }
        return record;
      });
    },

    get,

    links,

    flags,

    getFlag(id: string): PersonFlagRecord | null {
      return orm.select().from(personFlags).where(eq(personFlags.id, id)).get() ?? null;
    },

    /** The people of these chronologies (one read transaction: records, links and flags agree). */
    peopleOf(chronologyIds: readonly string[]): PeopleOf {
      return db.tx(() => {
        const found = linkedPeople(chronologyIds);
        const ids = found.map((p) => p.id);
        return { people: found, links: links(ids), flags: flags(ids) };
      });
    },

    /** The ids an entry of this chronology may name: people linked to it and the records they were merged into. */
    idsForChronology(chronologyId: string): string[] {
      return linkedPeople([chronologyId]).map((p) => p.id);
    },

    /** See the port (PeopleRepo.versionsOf). */
    versionsOf(chronologyIds: readonly string[]): Record<string, string> {
      if (chronologyIds.length === 0) return {};
      const rows = selectVersions.all({ ids: JSON.stringify(chronologyIds) });
      return Object.fromEntries(rows.map(({ chronologyId, ...v }) => [chronologyId, peopleVersion(v)]));
    },

    /** Changes names, date of birth and relationships in ONE transaction; null when there is no such person. */
    update(id: string, change: PersonUpdate): PersonRecord | null {
      return db.tx(() => {
        if (!get(id)) return null;
        const set: Partial<typeof people.$inferInsert> = { updatedAt: now(), updatedBy: change.updatedBy };
        if (change.givenName !== undefined) set.givenName = change.givenName;
        if (change.familyName !== undefined) set.familyName = change.familyName;
        if (change.nameKey !== undefined) set.nameKey = change.nameKey;
        if (change.dateOfBirth !== undefined) set.dateOfBirth = change.dateOfBirth;
        orm.update(people).set(set).where(eq(people.id, id)).run();
        for (const link of change.relationships ?? []) {
          orm
            .update(personLinks)
            .set({ relationship: link.relationship, fromDate: link.from, toDate: link.to })
            .where(and(eq(personLinks.personId, id), eq(personLinks.chronologyId, link.chronologyId)))
            .run();
        }
        return get(id);
      });
    },

    addFlag(input: NewPersonFlag): PersonFlagRecord {
      const record: PersonFlagRecord = { id: randomUUID(), ...input, createdAt: now(), withdrawnAt: null, withdrawnBy: null, withdrawnByName: null, withdrawnReason: null };
      orm.insert(personFlags).values(record).run();
      return record;
    },

    /** Withdraws a flag once; false when it is unknown or already withdrawn (the first withdrawal stands). */
    withdrawFlag(id: string, withdrawal: FlagWithdrawal): boolean {
      return (
        orm
          .update(personFlags)
          .set({ withdrawnAt: now(), withdrawnBy: withdrawal.by, withdrawnByName: withdrawal.byName, withdrawnReason: withdrawal.reason })
          .where(and(eq(personFlags.id, id), isNull(personFlags.withdrawnAt)))
          .run().changes > 0
      );
    },

    /** Points `fromId` at `intoId` (ONE transaction: both exist, neither merged already, not the same). */
    merge(fromId: string, intoId: string, by: string): MergeResult {
      if (fromId === intoId) return { ok: false, reason: 'same' };
      return db.tx((): MergeResult => {
        const from = get(fromId);
        const into = get(intoId);
        if (!from || !into) return { ok: false, reason: 'missing' };
        if (from.mergedInto !== null) return { ok: false, reason: 'already-merged' };
        if (into.mergedInto !== null) return { ok: false, reason: 'into-merged' };
        const at = now();
        orm.update(people).set({ mergedInto: intoId, mergedAt: at, mergedBy: by, updatedAt: at, updatedBy: by }).where(eq(people.id, fromId)).run();
        return { ok: true };
      });
    },
  };
}

export type PeopleRepo = ReturnType<typeof createPeopleRepo>;
