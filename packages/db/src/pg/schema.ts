// The tables of MAC's PostgreSQL database: the same tables, columns (JS and SQL names), keys and indexes as
// the SQLite schema (../schema.ts), which schema-parity.test.ts checks. Drizzle cannot share one table
// definition between dialects, so this file is kept beside the other one; change both together.
//
// What differs, and why:
// - Timestamps stay TEXT (ISO 8601 UTC instants), not timestamptz: the audit chain hashes the text, and a
//   timestamp type would hand back another spelling of the same instant (and lose nothing but the hash).
// - Integers that can pass 2^31 (log sequence numbers, Yjs client ids: unsigned 32-bit) are bigint, read
//   back as JS numbers (mode 'number'; every value stays below 2^53).
// - `details` of the audit log is TEXT: the canonical JSON is exactly what the hash covers, and jsonb would
//   reorder keys and change spacing. The other JSON columns are `json` (the text kept as written).
// - Blobs are bytea, read back as plain Uint8Array views (like toBytes in ../repos/context.ts).
// - Two things SQLite keeps implicitly are explicit here: the order agencies joined a chronology (rowid in
//   SQLite: the `seq` identity column of chronology_agencies) and the audit chain's head (sqlite_sequence
//   and the last row in SQLite: the one-row table audit_head, locked FOR UPDATE by every append).
//
// Only type imports from @mac/domain here: drizzle-kit loads this file on its own.
//
// One module: it mirrors ../schema.ts table by table so schema-parity.test.ts can compare them side by side
// (the people tables are in ./schema-people.ts, as in ../schema-people.ts there, re-exported below).
import type { ActionSource, ActionStatus, AgencyKindSlug, EntryStatus, Role, SeenAlone, Sharing } from '@mac/domain';
import { sql } from 'drizzle-orm';
import { bigint, boolean, customType, index, integer, json, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';

/** bytea as a plain Uint8Array (a view over the driver's Buffer, not a copy): what Yjs and MAC expect. */
export const bytea = customType<{ data: Uint8Array; driverData: Buffer }>({
  dataType: () => 'bytea',
  toDriver: (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
  fromDriver: (value) => new Uint8Array(value.buffer, value.byteOffset, value.byteLength),
});

export const agencies = pgTable('agencies', {
  slug: text('slug').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind').$type<AgencyKindSlug>().notNull(),
  createdAt: text('created_at').notNull(),
});

export const users = pgTable('users', {
  id: text('id').primaryKey(),
  /** Stored lower-case, so the unique index is case-insensitive in effect. */
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  role: text('role').$type<Role>().notNull(),
  agencySlug: text('agency_slug')
    .notNull()
    .references(() => agencies.slug),
  passwordHash: text('password_hash'),
  disabled: boolean('disabled').notNull().default(false),
  createdAt: text('created_at').notNull(),
  passwordChangedAt: text('password_changed_at'),
  oidcIssuer: text('oidc_issuer'),
  oidcSubject: text('oidc_subject'),
  createdBy: text('created_by'),
  approvedAt: text('approved_at'),
  approvedBy: text('approved_by'),
});

export const sessions = pgTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: text('created_at').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    revokedAt: text('revoked_at'),
    reauthenticatedAt: text('reauthenticated_at'),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

export const apiTokens = pgTable('api_tokens', {
  id: text('id').primaryKey(),
  agencySlug: text('agency_slug')
    .notNull()
    .references(() => agencies.slug),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  createdBy: text('created_by').notNull(),
  createdAt: text('created_at').notNull(),
  revokedAt: text('revoked_at'),
  lastUsedAt: text('last_used_at'),
  approvedAt: text('approved_at'),
  approvedBy: text('approved_by'),
});

export const children = pgTable('children', {
  id: text('id').primaryKey(),
  givenName: text('given_name').notNull(),
  familyName: text('family_name').notNull(),
  dateOfBirth: text('date_of_birth'),
  nhsNumber: text('nhs_number'),
  upn: text('upn'),
  createdAt: text('created_at').notNull(),
});

export const chronologies = pgTable(
  'chronologies',
  {
    id: text('id').primaryKey(),
    childId: text('child_id')
      .notNull()
      .references(() => children.id),
    leadUserId: text('lead_user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind').notNull().default('child-protection'),
    title: text('title'),
    createdAt: text('created_at').notNull(),
    retentionUntil: text('retention_until'),
    legalHold: boolean('legal_hold').notNull().default(false),
  },
  (t) => [index('chronologies_child_idx').on(t.childId)],
);

export const chronologyAgencies = pgTable(
  'chronology_agencies',
  {
    chronologyId: text('chronology_id')
      .notNull()
      .references(() => chronologies.id),
    agencySlug: text('agency_slug')
      .notNull()
      .references(() => agencies.slug),
    addedAt: text('added_at').notNull(),
    addedBy: text('added_by').notNull(),
    /** The order agencies joined (SQLite reads it from rowid): the lead's agency, added first, comes first. */
    seq: bigint('seq', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
  },
  (t) => [primaryKey({ columns: [t.chronologyId, t.agencySlug] }), index('chronology_agencies_agency_idx').on(t.agencySlug)],
);

/**
 * The Yjs update log. Compaction re-inserts a merged row under an old seq, so the identity is BY DEFAULT.
 * The identity does not follow commit order across transactions; `doc_seq` does, per document (assigned
 * under the document's advisory lock in the committing transaction: docs/storage.md).
 */
export const docUpdates = pgTable(
  'doc_updates',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    docName: text('doc_name').notNull(),
    docSeq: bigint('doc_seq', { mode: 'number' }).notNull(),
    data: bytea('data').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('doc_updates_doc_name_doc_seq_uq').on(t.docName, t.docSeq)],
);

export const docClients = pgTable(
  'doc_clients',
  {
    docName: text('doc_name').notNull(),
    /** A Yjs client id: unsigned 32-bit, past PostgreSQL's integer. */
    clientId: bigint('client_id', { mode: 'number' }).notNull(),
    principalId: text('principal_id').notNull(),
    claimedAt: text('claimed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.docName, t.clientId] })],
);

export const entries = pgTable(
  'entries',
  {
    chronologyId: text('chronology_id')
      .notNull()
      .references(() => chronologies.id),
    docName: text('doc_name').notNull(),
    id: text('id').notNull(),
    date: text('date').notNull(),
    dateFirst: text('date_first').notNull(),
    dateLast: text('date_last').notNull(),
    time: text('time').notNull(),
    agency: text('agency').notNull(),
    category: text('category').notNull(),
    summary: text('summary').notNull(),
    detail: text('detail').notNull(),
    impactOnChild: text('impact_on_child').notNull(),
    actionTaken: text('action_taken').notNull(),
    sourceRef: text('source_ref').notNull(),
    recordedBy: text('recorded_by').notNull(),
    restricted: boolean('restricted').notNull(),
    authorId: text('author_id').notNull(),
    recordedAt: text('recorded_at').notNull(),
    status: text('status').$type<EntryStatus>().notNull(),
    withdrawnReason: text('withdrawn_reason').notNull(),
    sharing: text('sharing').$type<Sharing>().notNull(),
    sharingReason: text('sharing_reason').notNull(),
    riskLevel: text('risk_level'),
    score: bigint('score', { mode: 'number' }),
    areaGrades: text('area_grades'),
    /** The child's voice (@mac/domain childs-voice.ts): '' when not recorded. */
    childsVoice: text('childs_voice').notNull().default(''),
    seenAlone: text('seen_alone').$type<SeenAlone>().notNull().default(''),
    /** The people named on the entry (@mac/domain people.ts): person ids, comma-separated; '' when none. */
    personIds: text('person_ids').notNull().default(''),
    /** The household event this entry is a copy of (issue 14), or null: every copy shares it. */
    householdEventId: text('household_event_id'),
    updatedAt: text('updated_at').notNull(),
    updatedBy: text('updated_by').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.chronologyId, t.docName, t.id] }),
    index('entries_chronology_id_idx').on(t.chronologyId, t.id),
    // Timeline order within a chronology (the order every page is read in, and the keyset cursor's columns):
    // a page is one range scan of this index, not a sort of the whole chronology (measured: 14 ms → 5.6 ms
    // for the first 500 of 2,500 entries). Date-range filters use its prefix.
    index('entries_timeline_idx').on(t.chronologyId, t.dateFirst, t.time, t.recordedAt, t.id, t.docName),
    index('entries_doc_idx').on(t.docName),
    // The caseload list's figures per chronology from this index, not the wide rows (../schema.ts says why).
    index('entries_caseload_idx').on(t.chronologyId, t.status, t.restricted, t.agency, t.updatedAt),
    // A household event's copies, to carry an amendment from one to the others (few per event).
    index('entries_household_event_idx').on(t.householdEventId),
  ],
);

/** Append-only (PL/pgSQL triggers in the migrations) and hash-chained; see ../repos/audit.ts and ./audit.ts. */
export const auditLog = pgTable(
  'audit_log',
  {
    /** Given by the appender from audit_head, never by a sequence: one chain, no gaps, in commit order. */
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    at: text('at').notNull(),
    actorId: text('actor_id').notNull(),
    actorLabel: text('actor_label').notNull(),
    actorAgency: text('actor_agency').notNull(),
    action: text('action').notNull(),
    outcome: text('outcome').$type<'allowed' | 'refused'>().notNull(),
    chronologyId: text('chronology_id'),
    entryId: text('entry_id'),
    /** Canonical JSON (sorted keys), exactly the text the hash covers: TEXT, not jsonb. */
    details: text('details').notNull(),
    ip: text('ip'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_log_chronology_idx').on(t.chronologyId, t.seq), index('audit_log_actor_idx').on(t.actorId, t.seq)],
);

/**
 * The head of the audit chain: one row (id 1), the highest seq ever handed out and its hash. Every append
 * locks it FOR UPDATE as the last thing its transaction does, so concurrent transactions append one after
 * the other in commit order, and it plays sqlite_sequence's part in `verify` (removed newest records leave
 * the head ahead of the last row). Triggers keep it to one row that only moves forward.
 */
export const auditHead = pgTable('audit_head', {
  id: integer('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
});

export const patternReviews = pgTable(
  'pattern_reviews',
  {
    id: text('id').primaryKey(),
    chronologyId: text('chronology_id')
      .notNull()
      .references(() => chronologies.id),
    ruleId: text('rule_id').notNull(),
    highlightKey: text('highlight_key').notNull(),
    status: text('status').$type<'reviewed' | 'dismissed'>().notNull(),
    note: text('note').notNull(),
    entryFingerprint: text('entry_fingerprint').notNull(),
    entryIds: json('entry_ids').$type<string[]>().notNull().default([]),
    entryStates: json('entry_states').$type<Record<string, string>>().notNull().default({}),
    reviewedBy: text('reviewed_by').notNull(),
    reviewedAt: text('reviewed_at').notNull(),
  },
  (t) => [index('pattern_reviews_chronology_idx').on(t.chronologyId, t.reviewedAt)],
);

export const breakGlassGrants = pgTable(
  'break_glass_grants',
  {
    id: text('id').primaryKey(),
    chronologyId: text('chronology_id')
      .notNull()
      .references(() => chronologies.id),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    reason: text('reason').notNull(),
    grantedAt: text('granted_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    reviewedBy: text('reviewed_by'),
    reviewedAt: text('reviewed_at'),
    reviewNote: text('review_note'),
  },
  (t) => [index('break_glass_chronology_idx').on(t.chronologyId, t.expiresAt), index('break_glass_user_idx').on(t.userId, t.expiresAt)],
);

export const loginAttempts = pgTable('login_attempts', { key: text('key').notNull(), at: text('at').notNull() }, (t) => [
  index('login_attempts_key_at_idx').on(t.key, t.at),
]);

export const snapshots = pgTable(
  'snapshots',
  {
    id: text('id').primaryKey(),
    chronologyId: text('chronology_id')
      .notNull()
      .references(() => chronologies.id),
    label: text('label').notNull(),
    takenAt: text('taken_at').notNull(),
    takenBy: text('taken_by').notNull(),
    sharedState: bytea('shared_state').notNull(),
    meta: json('meta').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('snapshots_chronology_idx').on(t.chronologyId, t.takenAt)],
);

export const notifications = pgTable(
  'notifications',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    chronologyId: text('chronology_id').references(() => chronologies.id),
    kind: text('kind').notNull(),
    message: text('message').notNull(),
    createdAt: text('created_at').notNull(),
    readAt: text('read_at'),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.createdAt)],
);

/** Households (issue 14): see ../schema.ts. Links are never deleted; removing a child ends its link. */
export const households = pgTable('households', {
  id: text('id').primaryKey(),
  name: text('name'),
  createdAt: text('created_at').notNull(),
  createdBy: text('created_by').notNull(),
});

export const householdMembers = pgTable(
  'household_members',
  {
    /** The order children were linked. */
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    householdId: text('household_id')
      .notNull()
      .references(() => households.id),
    chronologyId: text('chronology_id')
      .notNull()
      .references(() => chronologies.id),
    relationship: text('relationship').notNull(),
    fromDate: text('from_date'),
    toDate: text('to_date'),
    addedAt: text('added_at').notNull(),
    addedBy: text('added_by').notNull(),
    removedAt: text('removed_at'),
    removedBy: text('removed_by'),
  },
  (t) => [
    index('household_members_household_idx').on(t.householdId),
    // A chronology is in at most one household at a time.
    uniqueIndex('household_members_current_idx').on(t.chronologyId).where(sql`${t.removedAt} is null`),
  ],
);

/**
 * Household events (issue 14): one row per event recorded once for a household, written in the same
 * transaction as every child's copy (`Store.recordHouseholdEvent`). The copies themselves are entries
 * (their `household_event_id`); this row says which household, who recorded it, which chronologies got a
 * copy and which were skipped (JSON: chronology ids; [{ chronologyId, reason }]).
 */
export const householdEvents = pgTable('household_events', {
  id: text('id').primaryKey(),
  householdId: text('household_id')
    .notNull()
    .references(() => households.id),
  agency: text('agency').notNull(),
  recordedBy: text('recorded_by').notNull(),
  recordedAt: text('recorded_at').notNull(),
  chronologyIds: text('chronology_ids').notNull(),
  skipped: text('skipped').notNull(),
});

/** The analysis of a chronology: every saved version (append-only; see ../schema.ts). */
export const analysisVersions = pgTable(
  'analysis_versions',
  {
    chronologyId: text('chronology_id')
      .notNull()
      .references(() => chronologies.id),
    version: integer('version').notNull(),
    text: text('text').notNull(),
    familySummary: text('family_summary').notNull().default(''),
    authorId: text('author_id').notNull(),
    authorName: text('author_name').notNull(),
    authorAgency: text('author_agency').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.chronologyId, t.version] })],
);

/** Each member agency's view of the analysis (append-only; see ../schema.ts). */
export const analysisViews = pgTable(
  'analysis_views',
  {
    /** The order views were recorded. */
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    chronologyId: text('chronology_id')
      .notNull()
      .references(() => chronologies.id),
    agency: text('agency')
      .notNull()
      .references(() => agencies.slug),
    position: text('position').$type<'agree' | 'differ'>().notNull(),
    text: text('text').notNull(),
    onVersion: integer('on_version').notNull(),
    authorId: text('author_id').notNull(),
    authorName: text('author_name').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('analysis_views_chronology_idx').on(t.chronologyId, t.id)],
);

/** Alerts (issue 15): see ../schema.ts. */
export const alertPreferences = pgTable('alert_preferences', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id),
  episodesFollow: boolean('episodes_follow').notNull(),
  episodesFrequency: text('episodes_frequency').notNull(),
  entryCategories: json('entry_categories').$type<string[]>().notNull(),
  entriesFrequency: text('entries_frequency').notNull(),
  actionsFollow: boolean('actions_follow').notNull(),
  actionsFrequency: text('actions_frequency').notNull(),
  updatedAt: text('updated_at').notNull(),
});

export const alertOutbox = pgTable(
  'alert_outbox',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    toAddress: text('to_address').notNull(),
    chronologyId: text('chronology_id').references(() => chronologies.id),
    delivery: text('delivery').$type<'immediate' | 'digest'>().notNull(),
    line: json('line').$type<Record<string, unknown>>().notNull(),
    createdAt: text('created_at').notNull(),
    dueAt: text('due_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at').notNull(),
    sentAt: text('sent_at'),
    lastError: text('last_error'),
  },
  (t) => [index('alert_outbox_due_idx').on(t.sentAt, t.dueAt)],
);

export const alertState = pgTable(
  'alert_state',
  {
    chronologyId: text('chronology_id')
      .notNull()
      .references(() => chronologies.id),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    subject: text('subject').notNull(),
    state: json('state').$type<unknown>().notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.chronologyId, t.userId, t.subject] })],
);

/** Actions (issue 15): see ../schema.ts. The row is the action now; `action_changes` keeps every change. */
export const actions = pgTable(
  'actions',
  {
    id: text('id').primaryKey(),
    chronologyId: text('chronology_id')
      .notNull()
      .references(() => chronologies.id),
    title: text('title').notNull(),
    notes: text('notes').notNull().default(''),
    ownerAgency: text('owner_agency')
      .notNull()
      .references(() => agencies.slug),
    ownerUserId: text('owner_user_id')
      .notNull()
      .references(() => users.id),
    dueDate: text('due_date').notNull(),
    status: text('status').$type<ActionStatus>().notNull(),
    outcome: text('outcome'),
    reason: text('reason'),
    source: text('source').$type<ActionSource>().notNull(),
    sourceRef: text('source_ref').notNull().default(''),
    entryIds: json('entry_ids').$type<string[]>().notNull().default([]),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    updatedAt: text('updated_at').notNull(),
    updatedBy: text('updated_by').notNull(),
  },
  (t) => [index('actions_chronology_idx').on(t.chronologyId, t.dueDate), index('actions_open_due_idx').on(t.status, t.dueDate, t.chronologyId)],
);

export const actionChanges = pgTable(
  'action_changes',
  {
    /** The order of changes. */
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    actionId: text('action_id')
      .notNull()
      .references(() => actions.id),
    chronologyId: text('chronology_id')
      .notNull()
      .references(() => chronologies.id),
    at: text('at').notNull(),
    by: text('by').notNull(),
    kind: text('kind').$type<'create' | 'update'>().notNull(),
    changes: json('changes').$type<Record<string, { from: unknown; to: unknown }>>().notNull(),
  },
  (t) => [index('action_changes_action_idx').on(t.actionId, t.id), index('action_changes_chronology_idx').on(t.chronologyId)],
);

// The people around a child live in schema-people.ts, as in the SQLite schema (this file had reached 600
// lines); re-exported here, where drizzle-kit and the repositories find every table.
export { people, personFlags, personLinks } from './schema-people.js';
