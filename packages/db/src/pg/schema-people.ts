// The tables of the people around a child (issue 14 item 3), part of the PostgreSQL schema (./schema.ts,
// which re-exports them), mirroring ../schema-people.ts of the SQLite schema. Same conventions as there.
//
// Only type imports from @mac/domain here: drizzle-kit loads this file on its own.
import { bigint, index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { chronologies } from './schema.js';

/**
 * The adults around a child (issue 14 item 3, @mac/domain people.ts). A person is seen only through the
 * chronologies they are linked to. Nothing is deleted: a merged record stays, pointing at the record it was
 * merged into (`merged_into`, not a foreign key: the survivor may outlive or predate either), and flags are
 * withdrawn, not removed. Records whose every chronology is destroyed at the end of retention go with them.
 */
export const people = pgTable(
  'people',
  {
    id: text('id').primaryKey(),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    /** The normalised name (normalisedPersonName) that merge suggestions compare. */
    nameKey: text('name_key').notNull(),
    /** An exchange-format date (day, month or year), or null when not known. */
    dateOfBirth: text('date_of_birth'),
    /** The household the person was recorded for, when added to a household rather than to one child. */
    householdId: text('household_id'),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    createdAgency: text('created_agency').notNull(),
    updatedAt: text('updated_at').notNull(),
    updatedBy: text('updated_by').notNull(),
    mergedInto: text('merged_into'),
    mergedAt: text('merged_at'),
    mergedBy: text('merged_by'),
  },
  (t) => [index('people_name_key_idx').on(t.nameKey)],
);

/** A person's relationship to one child (one row per person and chronology). */
export const personLinks = pgTable(
  'person_links',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    personId: text('person_id')
      .notNull()
      .references(() => people.id),
    chronologyId: text('chronology_id')
      .notNull()
      .references(() => chronologies.id),
    /** packages/domain PERSON_RELATIONSHIPS. */
    relationship: text('relationship').notNull(),
    fromDate: text('from_date'),
    toDate: text('to_date'),
    addedAt: text('added_at').notNull(),
    addedBy: text('added_by').notNull(),
  },
  (t) => [uniqueIndex('person_links_person_chronology_idx').on(t.personId, t.chronologyId), index('person_links_chronology_idx').on(t.chronologyId)],
);

/** Flags agencies set on a person. Append-only in effect: a withdrawal fills the withdrawn_ columns once. */
export const personFlags = pgTable(
  'person_flags',
  {
    id: text('id').primaryKey(),
    personId: text('person_id')
      .notNull()
      .references(() => people.id),
    /** packages/domain PERSON_FLAG_KINDS. */
    kind: text('kind').notNull(),
    reason: text('reason').notNull(),
    /** 'professionals' or 'agency' (seen only by the flagging agency). */
    sharing: text('sharing').notNull(),
    agency: text('agency').notNull(),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    createdByName: text('created_by_name').notNull(),
    withdrawnAt: text('withdrawn_at'),
    withdrawnBy: text('withdrawn_by'),
    withdrawnByName: text('withdrawn_by_name'),
    withdrawnReason: text('withdrawn_reason'),
  },
  (t) => [index('person_flags_person_idx').on(t.personId)],
);
