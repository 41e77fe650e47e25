// The tables of MAC's SQLite database. Column names are snake_case in SQL and camelCase in TypeScript.
// Every timestamp is an ISO 8601 UTC instant in a text column, so it sorts and compares as text; calendar
// days are 'YYYY-MM-DD'. drizzle-kit reads this file to generate the SQL migrations in ../drizzle.
//
// Only type imports from @mac/domain here: drizzle-kit loads this file on its own, outside Vite and tsx.
//
// One module: drizzle-kit reads the schema from this one file (the people tables are re-exported from
// schema-people.ts), and the foreign keys between tables read best together.
import type { ActionSource, ActionStatus, AgencyKindSlug, EntryStatus, Role, SeenAlone, Sharing } from '@mac/domain';
import { sql } from 'drizzle-orm';
import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const agencies = sqliteTable('agencies', {
  slug: text('slug').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind').$type<AgencyKindSlug>().notNull(),
  createdAt: text('created_at').notNull(),
});

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  /** Stored lower-case, so the unique index is case-insensitive in effect. */
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  role: text('role').$type<Role>().notNull(),
  agencySlug: text('agency_slug')
    .notNull()
    .references(() => agencies.slug),
  /** Null for users who sign in through OIDC only. */
  passwordHash: text('password_hash'),
  disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
  createdAt: text('created_at').notNull(),
  passwordChangedAt: text('password_changed_at'),
  /**
   * The single sign-on identity bound to this account at its first SSO sign-in (issuer and `sub`): later
   * sign-ins must present the same one, so a directory change that gives this email address to someone
   * else does not hand them the account. An administrator can unbind it.
   */
  oidcIssuer: text('oidc_issuer'),
  oidcSubject: text('oidc_subject'),
  /** The administrator who created the account; null for accounts made by the system (seed, CLI). */
  createdBy: text('created_by'),
  /**
   * Two-person rule: an account an administrator creates takes effect only when a second administrator
   * (or, for a content role, a lead of the same agency) approves it. Null while awaiting approval.
   */
  approvedAt: text('approved_at'),
  approvedBy: text('approved_by'),
});

export const sessions = sqliteTable(
  'sessions',
  {
    /** SHA-256 of the cookie value: a copy of the database does not hand out live sessions. */
    idHash: text('id_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: text('created_at').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
    /** The absolute end, however active the session is. */
    expiresAt: text('expires_at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    revokedAt: text('revoked_at'),
    reauthenticatedAt: text('reauthenticated_at'),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

export const apiTokens = sqliteTable('api_tokens', {
  id: text('id').primaryKey(),
  agencySlug: text('agency_slug')
    .notNull()
    .references(() => agencies.slug),
  name: text('name').notNull(),
  /** SHA-256 of the bearer token; the token itself is shown once and never stored. */
  tokenHash: text('token_hash').notNull().unique(),
  createdBy: text('created_by').notNull(),
  createdAt: text('created_at').notNull(),
  revokedAt: text('revoked_at'),
  lastUsedAt: text('last_used_at'),
  /** Two-person rule, as for users: a token works only once a second administrator or the agency's lead approved it. */
  approvedAt: text('approved_at'),
  approvedBy: text('approved_by'),
});

export const children = sqliteTable('children', {
  id: text('id').primaryKey(),
  givenName: text('given_name').notNull(),
  familyName: text('family_name').notNull(),
  dateOfBirth: text('date_of_birth'),
  nhsNumber: text('nhs_number'),
  upn: text('upn'),
  createdAt: text('created_at').notNull(),
});

export const chronologies = sqliteTable(
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
    legalHold: integer('legal_hold', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('chronologies_child_idx').on(t.childId)],
);

export const chronologyAgencies = sqliteTable(
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
  },
  (t) => [primaryKey({ columns: [t.chronologyId, t.agencySlug] }), index('chronology_agencies_agency_idx').on(t.agencySlug)],
);

/**
 * The Yjs update log: the source of truth for chronology content. No foreign key: a document name is not a row.
 * `seq` numbers rows across the whole log; `doc_seq` numbers a document's updates 1, 2, 3… without gaps,
 * in commit order (assigned in the committing transaction: docs/storage.md "Per-document sequences").
 */
export const docUpdates = sqliteTable(
  'doc_updates',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    docName: text('doc_name').notNull(),
    docSeq: integer('doc_seq').notNull(),
    data: blob('data', { mode: 'buffer' }).notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('doc_updates_doc_name_doc_seq_uq').on(t.docName, t.docSeq)],
);

/**
 * Who writes under each Yjs client id of a document. Yjs trusts (client, clock) pairs: whoever stores
 * clock n of a client first makes every replica ignore any other struct with that id. So a client id
 * belongs to the first principal that wrote with it or showed presence under it, for good (not only
 * while the room is in memory), and nobody else may write under it.
 */
export const docClients = sqliteTable(
  'doc_clients',
  {
    docName: text('doc_name').notNull(),
    clientId: integer('client_id').notNull(),
    principalId: text('principal_id').notNull(),
    claimedAt: text('claimed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.docName, t.clientId] })],
);

/** A projection of every entry, rebuilt from the update log at will; queries, search and exports read it. */
export const entries = sqliteTable(
  'entries',
  {
    chronologyId: text('chronology_id')
      .notNull()
      .references(() => chronologies.id),
    docName: text('doc_name').notNull(),
    id: text('id').notNull(),
    date: text('date').notNull(),
    /** The first and last calendar day the (possibly imprecise) date covers: what range queries use. */
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
    restricted: integer('restricted', { mode: 'boolean' }).notNull(),
    authorId: text('author_id').notNull(),
    recordedAt: text('recorded_at').notNull(),
    status: text('status').$type<EntryStatus>().notNull(),
    withdrawnReason: text('withdrawn_reason').notNull(),
    sharing: text('sharing').$type<Sharing>().notNull(),
    sharingReason: text('sharing_reason').notNull(),
    /** Screening results (@mac/domain screening.ts): null when the entry has none. */
    riskLevel: text('risk_level'),
    score: integer('score'),
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
    // Keyed by document as well: entry ids are unique across a chronology's documents (the rooms refuse a
    // reused id), but data stored before that rule may hold one id in two documents, and both must survive.
    primaryKey({ columns: [t.chronologyId, t.docName, t.id] }),
    index('entries_chronology_id_idx').on(t.chronologyId, t.id),
    // Timeline order within a chronology (the order every page is read in, and the keyset cursor's columns):
    // a page is one range scan of this index, not a sort of the whole chronology (measured: 14 ms → 5.6 ms
    // for the first 500 of 2,500 entries). Date-range filters use its prefix.
    index('entries_timeline_idx').on(t.chronologyId, t.dateFirst, t.time, t.recordedAt, t.id, t.docName),
    index('entries_doc_idx').on(t.docName),
    // The caseload list's figures per chronology (countByChronology, lastChange, restrictedCount) from this
    // index alone instead of the wide rows: three scans of every listed chronology's entries per list were
    // the read lane's largest cost in the county bench (issue 17; 250 chronologies: ~0.2 s → ~0.04 s each).
    index('entries_caseload_idx').on(t.chronologyId, t.status, t.restricted, t.agency, t.updatedAt),
    // A household event's copies, to carry an amendment from one to the others (few per event).
    index('entries_household_event_idx').on(t.householdEventId),
  ],
);

/** Append-only (triggers in the migrations) and hash-chained; see repos/audit.ts. No foreign keys: a record outlives what it names. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    actorId: text('actor_id').notNull(),
    actorLabel: text('actor_label').notNull(),
    actorAgency: text('actor_agency').notNull(),
    action: text('action').notNull(),
    outcome: text('outcome').$type<'allowed' | 'refused'>().notNull(),
    chronologyId: text('chronology_id'),
    entryId: text('entry_id'),
    /** Canonical JSON (sorted keys), exactly the text the hash covers. */
    details: text('details').notNull(),
    ip: text('ip'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_log_chronology_idx').on(t.chronologyId, t.seq), index('audit_log_actor_idx').on(t.actorId, t.seq)],
);

export const patternReviews = sqliteTable(
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
    /** What the review vouched for: a change to the highlight's entries reopens it. */
    entryFingerprint: text('entry_fingerprint').notNull(),
    /** The highlight's entries when reviewed: later highlights of the same rule sharing one keep the review. */
    entryIds: text('entry_ids', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    /** A fingerprint of each of those entries then (id → hash), so the one that changed can be told. */
    entryStates: text('entry_states', { mode: 'json' }).$type<Record<string, string>>().notNull().default(sql`'{}'`),
    reviewedBy: text('reviewed_by').notNull(),
    reviewedAt: text('reviewed_at').notNull(),
  },
  // Every review is kept (a history per highlight, oldest first); the highlight key is the highlight's
  // id when reviewed, which changes as entries join, so it is an index, not a unique key.
  (t) => [index('pattern_reviews_chronology_idx').on(t.chronologyId, t.reviewedAt)],
);

export const breakGlassGrants = sqliteTable(
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

/** Failed sign-ins, for throttling. `key` is 'email:<address>' or 'ip:<address>'. */
export const loginAttempts = sqliteTable('login_attempts', { key: text('key').notNull(), at: text('at').notNull() }, (t) => [
  index('login_attempts_key_at_idx').on(t.key, t.at),
]);

export const snapshots = sqliteTable(
  'snapshots',
  {
    id: text('id').primaryKey(),
    chronologyId: text('chronology_id')
      .notNull()
      .references(() => chronologies.id),
    label: text('label').notNull(),
    takenAt: text('taken_at').notNull(),
    takenBy: text('taken_by').notNull(),
    /** Y.encodeStateAsUpdate of the shared document at the time. */
    sharedState: blob('shared_state', { mode: 'buffer' }).notNull(),
    meta: text('meta', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default(sql`'{}'`),
  },
  (t) => [index('snapshots_chronology_idx').on(t.chronologyId, t.takenAt)],
);

export const notifications = sqliteTable(
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

/**
 * Households (issue 14): children who live together, their chronologies linked by their lead professionals.
 * A link shares only that the children exist, their names, dates of birth and leads: no chronology
 * content. Links are never deleted: removing a child ends its link (`removed_at`), so who linked whom, and
 * when, stays on record.
 */
export const households = sqliteTable('households', {
  id: text('id').primaryKey(),
  name: text('name'),
  createdAt: text('created_at').notNull(),
  createdBy: text('created_by').notNull(),
});

export const householdMembers = sqliteTable(
  'household_members',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    householdId: text('household_id')
      .notNull()
      .references(() => households.id),
    chronologyId: text('chronology_id')
      .notNull()
      .references(() => chronologies.id),
    /** packages/domain HOUSEHOLD_RELATIONSHIPS. */
    relationship: text('relationship').notNull(),
    /** Exchange-format dates (day, month or year), as the lead knows them: since when, until when the child lived there. */
    fromDate: text('from_date'),
    toDate: text('to_date'),
    addedAt: text('added_at').notNull(),
    addedBy: text('added_by').notNull(),
    removedAt: text('removed_at'),
    removedBy: text('removed_by'),
  },
  (t) => [
    index('household_members_household_idx').on(t.householdId),
    // A chronology is in at most one household at a time: the household a child's page shows is never ambiguous.
    uniqueIndex('household_members_current_idx').on(t.chronologyId).where(sql`${t.removedAt} is null`),
  ],
);

/**
 * Household events (issue 14): one row per event recorded once for a household, written in the same
 * transaction as every child's copy (`Store.recordHouseholdEvent`). The copies themselves are entries
 * (their `household_event_id`); this row says which household, who recorded it, which chronologies got a
 * copy and which were skipped (JSON: chronology ids; [{ chronologyId, reason }]).
 */
export const householdEvents = sqliteTable('household_events', {
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

/**
 * The analysis of a chronology (issue 15, the "so what?"): every saved version of the lead's summary and of
 * the summary written for the family. Append-only: a save inserts the next version; the newest is the
 * analysis. (chronology, version) is unique, so two saves from the same version cannot both land.
 */
export const analysisVersions = sqliteTable(
  'analysis_versions',
  {
    chronologyId: text('chronology_id')
      .notNull()
      .references(() => chronologies.id),
    /** 1, 2, 3… per chronology. */
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

/**
 * Each member agency's view of the analysis: agree, or differ with reasons. Append-only: a change of view is
 * a new row, so a dissent once recorded is never overwritten. The current view of an agency is its newest row.
 */
export const analysisViews = sqliteTable(
  'analysis_views',
  {
    /** The order views were recorded. */
    id: integer('id').primaryKey({ autoIncrement: true }),
    chronologyId: text('chronology_id')
      .notNull()
      .references(() => chronologies.id),
    agency: text('agency')
      .notNull()
      .references(() => agencies.slug),
    /** packages/domain ANALYSIS_POSITIONS. */
    position: text('position').$type<'agree' | 'differ'>().notNull(),
    text: text('text').notNull(),
    /** The summary version the view was given on (0: none written yet). */
    onVersion: integer('on_version').notNull(),
    authorId: text('author_id').notNull(),
    authorName: text('author_name').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('analysis_views_chronology_idx').on(t.chronologyId, t.id)],
);

/**
 * Alerts (issue 15): what each person follows and how often (one row per person who has chosen; no row:
 * the defaults of @mac/domain's DEFAULT_ALERT_PREFERENCES).
 */
export const alertPreferences = sqliteTable('alert_preferences', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id),
  episodesFollow: integer('episodes_follow', { mode: 'boolean' }).notNull(),
  episodesFrequency: text('episodes_frequency').notNull(),
  entryCategories: text('entry_categories', { mode: 'json' }).$type<string[]>().notNull(),
  entriesFrequency: text('entries_frequency').notNull(),
  actionsFollow: integer('actions_follow', { mode: 'boolean' }).notNull(),
  actionsFrequency: text('actions_frequency').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/**
 * The alert emails to send (the outbox): written in the same transaction as the in-app notification, so
 * an alert is never told in the app and lost for email, or the reverse. The sender marks a row sent once
 * the mail server has taken it; a failure counts an attempt and sets when to try again. `line` is what
 * the email says (initials and a link, never more: @mac/domain alerts.ts); `due_at` is now for an
 * immediate alert and the next digest hour for a digest.
 */
export const alertOutbox = sqliteTable(
  'alert_outbox',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    toAddress: text('to_address').notNull(),
    chronologyId: text('chronology_id').references(() => chronologies.id),
    delivery: text('delivery').$type<'immediate' | 'digest'>().notNull(),
    line: text('line', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    createdAt: text('created_at').notNull(),
    dueAt: text('due_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at').notNull(),
    sentAt: text('sent_at'),
    lastError: text('last_error'),
  },
  (t) => [index('alert_outbox_due_idx').on(t.sentAt, t.dueAt)],
);

/**
 * What each person was last told about a chronology, per subject ('episodes': the high-severity episodes
 * they were alerted to, with their entries; 'actions': the overdue actions). Alerts compare against it,
 * so an episode that only stays the same says nothing twice.
 */
export const alertState = sqliteTable(
  'alert_state',
  {
    chronologyId: text('chronology_id')
      .notNull()
      .references(() => chronologies.id),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    subject: text('subject').notNull(),
    state: text('state', { mode: 'json' }).$type<unknown>().notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.chronologyId, t.userId, t.subject] })],
);

/**
 * Actions (issue 15): what someone agreed to do about the child, with an owner agency and person, a due
 * date (a calendar day) and the entries it is about. The row is the action as it stands now; every change,
 * its creation included, is kept in `action_changes` (appended, never changed: the repository has no
 * statement that updates or deletes one, except when a chronology is disposed of at the end of retention).
 */
export const actions = sqliteTable(
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
    /** 'YYYY-MM-DD': compared as text with today's day for "overdue". */
    dueDate: text('due_date').notNull(),
    status: text('status').$type<ActionStatus>().notNull(),
    outcome: text('outcome'),
    reason: text('reason'),
    source: text('source').$type<ActionSource>().notNull(),
    sourceRef: text('source_ref').notNull().default(''),
    entryIds: text('entry_ids', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    updatedAt: text('updated_at').notNull(),
    updatedBy: text('updated_by').notNull(),
  },
  (t) => [
    index('actions_chronology_idx').on(t.chronologyId, t.dueDate),
    // The caseload's overdue counts: open actions by due date, per chronology.
    index('actions_open_due_idx').on(t.status, t.dueDate, t.chronologyId),
  ],
);

/** Every change of an action, oldest first: who, when, and each field's value before and after. */
export const actionChanges = sqliteTable(
  'action_changes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    actionId: text('action_id')
      .notNull()
      .references(() => actions.id),
    chronologyId: text('chronology_id')
      .notNull()
      .references(() => chronologies.id),
    at: text('at').notNull(),
    by: text('by').notNull(),
    kind: text('kind').$type<'create' | 'update'>().notNull(),
    changes: text('changes', { mode: 'json' }).$type<Record<string, { from: unknown; to: unknown }>>().notNull(),
  },
  (t) => [index('action_changes_action_idx').on(t.actionId, t.id), index('action_changes_chronology_idx').on(t.chronologyId)],
);

// The people around a child live in schema-people.ts (this file had grown past 600 lines); they are
// tables of this schema like the rest, re-exported here so drizzle-kit and every import see one schema.
export { people, personFlags, personLinks } from './schema-people.js';

/**
 * Imports being written (issue 17: an import is committed in slices, so that it never holds the write
 * lane for long). The validated import, its entries with their ids already assigned, is stored here in
 * one small commit before its first slice; each slice's entries then land through `persistBatch`, and the
 * row goes in the same transaction as the import's audit record (`finishImport`). A row still here at
 * start-up is an import cut short: the server writes the entries the document does not hold yet and
 * finishes it (apps/server services/import-journal.ts). JSON: the importer (a Principal), the details
 * its audit record carries, the entries. `touched_at`: its last progress (begun, or a slice stored, in
 * that slice's transaction); `writer`: whoever writes it now (a random id per attempt), the only one that
 * may finish it. On several nodes an import whose progress stopped is taken over by another node.
 */
export const pendingImports = sqliteTable(
  'pending_imports',
  {
    id: text('id').primaryKey(),
    chronologyId: text('chronology_id').notNull(),
    docName: text('doc_name').notNull(),
    principal: text('principal').notNull(),
    details: text('details').notNull(),
    entries: text('entries').notNull(),
    createdAt: text('created_at').notNull(),
    touchedAt: text('touched_at').notNull(),
    writer: text('writer').notNull(),
  },
  (t) => [index('pending_imports_chronology_idx').on(t.chronologyId)],
);
