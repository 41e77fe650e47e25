// The repositories of the storage port (./port.ts): one interface per kind of record, each method a
// promise settled once the work is durable (a write) or read from a consistent state (a read). port.ts
// gathers them into `Repos` beside the units of work and the Store; re-exported there, so callers and
// adapters import everything from the port.
//
// One module: every repository's interface in one place, so an adapter's author reads this file and
// port.ts to know all an adapter must implement.
import type { ChronologyAccess, Entry, PatternEntry, Role } from '@mac/domain';
import type { PatternRowFilters } from './pattern-rows.js';
import type { AgencyInput, AgencyRecord } from './repos/agencies.js';
import type { ApiTokenRecord, NewApiToken } from './repos/api-tokens.js';
import type { AuditInput, AuditListOptions, AuditRecord, AuditVerification } from './repos/audit.js';
import type { BreakGlassGrant, NewBreakGlassGrant } from './repos/break-glass.js';
import type { CaseloadViewer, ChronologyAccessRead, ChronologyRecord, NewChronology } from './repos/chronologies.js';
import type { CaseloadPageOf, CaseloadPageQuery } from './caseload-page.js';
import type { EntryFilters, EntryProjectionInput, EntryRow, HouseholdCopy } from './repos/entries.js';
import type { NewNotification, NotificationRecord } from './repos/notifications.js';
import type { PatternReviewInput, PatternReviewRecord } from './repos/pattern-reviews.js';
import type { NewSession, SessionLiveness, SessionRecord } from './repos/sessions.js';
import type { NewSnapshot, SnapshotRecord, SnapshotSummary } from './repos/snapshots.js';
import type { StoredUpdate, UpdateLogStats } from './repos/update-log.js';
import type { AgencyUsersOptions, NewUser, UserRecord } from './repos/users.js';
import type { AnalysisSave, AnalysisVersionRecord, AnalysisViewRecord, NewAnalysisVersion, NewAnalysisView } from './repos/analysis.js';
import type { AlertDelivery, OutboxRecord } from './repos/alerts.js';
import type { AlertPreferences } from '@mac/domain';
import type { ActionChangeRecord, ActionRecord, ActionUpdate, NewAction } from './repos/actions.js';
import type { ActionPatch } from '@mac/domain';
import type { FlagWithdrawal, MergeResult, NewPersonFlag, NewPersonRecord, PeopleOf, PersonFlagRecord, PersonLinkRecord, PersonRecord, PersonUpdate } from './repos/people.js';
import type { CurrentHousehold, HouseholdEventRecord, HouseholdLinkRecord, HouseholdRecord, HouseholdWrite, NewHousehold, NewHouseholdLink } from './repos/households.js';
import type { EntrySearch, EntrySearchHit } from './repos/search.js';
import type { EntryPage, EntryPageQuery } from './entry-pages.js';

export interface AgenciesRepo {
  list(): Promise<AgencyRecord[]>;
  get(slug: string): Promise<AgencyRecord | null>;
  /** Creates the agency, or corrects the name and kind of an existing one (its created time stays). */
  upsert(input: AgencyInput): Promise<AgencyRecord>;
}

export interface ApiTokensRepo {
  create(input: NewApiToken): Promise<ApiTokenRecord>;
  byHash(tokenHash: string): Promise<ApiTokenRecord | null>;
  /** Approves a token awaiting approval; false if there is none such. */
  approve(id: string, approvedBy: string): Promise<boolean>;
  byId(id: string): Promise<ApiTokenRecord | null>;
  /** Newest first, revoked ones included (the admin page shows them struck through). */
  list(): Promise<ApiTokenRecord[]>;
  /** Returns true if the token was live and is now revoked. */
  revoke(id: string): Promise<boolean>;
  touch(id: string, at?: string): Promise<void>;
}

export interface AuditRepo {
  /**
   * Appends one record. Reading the chain's head and inserting after it must not interleave with
   * another writer, so this runs in an IMMEDIATE transaction, or in the caller's when there is one (the
   * record then commits or rolls back with the change it describes). A caller's DEFERRED transaction is
   * safe too: if another connection wrote after the head was read, SQLite refuses the insert
   * (SQLITE_BUSY_SNAPSHOT) rather than letting the chain fork.
   */
  append(input: AuditInput): Promise<AuditRecord>;
  /** Newest first. */
  list(opts?: AuditListOptions): Promise<AuditRecord[]>;
  count(): Promise<number>;
  /**
   * (chronology, entry) pairs with more than one recorded creation: one entry id created in two documents
   * of a chronology, possible only in data stored before ids were unique across documents.
   */
  repeatedCreates(): Promise<Array<{
        chronologyId: string;
        entryId: string;
    }>>;
  /**
   * The seq of one actor's earliest allowed record of `actions` for each of `chronologyIds` (chronologies
   * with none left out). Once a record is durable, every record with a lower seq is visible (seq is commit
   * order on both backends), so the earliest found is the earliest there will ever be.
   */
  firstAllowed(actorId: string, chronologyIds: readonly string[], actions: readonly string[]): Promise<Record<string, number>>;
  /** When each actor last did `action` successfully (e.g. the last sign-in per user), by actor id. */
  lastAllowed(action: string): Promise<Map<string, string>>;
  /**
   * Walks the whole chain, oldest first, in one read transaction (a consistent snapshot even while the
   * server writes). Finds: a changed field (hash mismatch), a removed or inserted record (a gap in seq
   * or a previous hash that is not the one before), removed newest records (sqlite_sequence is ahead of
   * the last row) and a key other than the one that wrote the chain (every hash mismatches from the
   * first record on). Streams rows, so memory stays flat however long the log.
   */
  verify(): Promise<AuditVerification>;
}

export interface BreakGlassRepo {
  create(input: NewBreakGlassGrant): Promise<BreakGlassGrant>;
  /**
   * Creates the grant unless the same user already has one running on the chronology at its `grantedAt`,
   * as ONE step: two requests racing through re-authentication cannot both be granted.
   */
  createUnlessRunning(input: NewBreakGlassGrant & { grantedAt: string }): Promise<{ grant: BreakGlassGrant; running: null } | { grant: null; running: BreakGlassGrant }>;
  get(id: string): Promise<BreakGlassGrant | null>;
  /** Grants on the chronology still running at `at` (an ISO instant). */
  activeFor(chronologyId: string, at?: string): Promise<BreakGlassGrant[]>;
  /** The user's grants still running at `at`. */
  activeForUser(userId: string, at?: string): Promise<BreakGlassGrant[]>;
  /** Every grant on the chronology, newest first. */
  listForChronology(chronologyId: string): Promise<BreakGlassGrant[]>;
  /** Grants nobody has reviewed yet, oldest first: the review queue. */
  listUnreviewed(): Promise<BreakGlassGrant[]>;
  /** Records the after-the-event review; false if already reviewed or unknown. */
  review(id: string, input: {
        reviewedBy: string;
        note: string;
        at?: string;
    }): Promise<boolean>;
  /** Ends a grant early (its expiry becomes `at`); false if it had already ended. */
  end(id: string, at?: string): Promise<boolean>;
}

export interface ChronologiesRepo {
  /** Child, chronology and memberships in one transaction: an unknown agency or lead writes nothing. */
  create(input: NewChronology): Promise<ChronologyRecord>;
  get(id: string): Promise<ChronologyRecord | null>;
  /**
   * What deciding access to a chronology needs, read together (every request about a chronology asks):
   * the record, and the users holding a break-glass grant on it still running at `at` (oldest grant
   * first), as `get` and `breakGlass.activeFor` give them; and the chronology's entry version at that
   * moment (a number every change to its entries moves, 0 before any), for `entries.page`. Null when there
   * is no such chronology.
   */
  access(id: string, at: string): Promise<ChronologyAccessRead | null>;
  /**
   * What access to each named chronology that exists is decided on (`access`'s record's id, lead and member
   * agencies, and the grants running at `at`), in no particular order: the access sweep's one read, twice a
   * second, for every live connection. Not whole records: no child's name or NHS number leaves the store
   * for it.
   */
  accessOf(ids: readonly string[], at: string): Promise<ChronologyAccess[]>;
  /** Every chronology, newest first. */
  list(): Promise<ChronologyRecord[]>;
  /** The chronologies the agency is a member of, newest first. */
  listForAgency(agencySlug: string): Promise<ChronologyRecord[]>;
  /**
   * A page of a viewer's caseload: the chronologies their agency is a member of and those their break-glass
   * grants running at `at` open, newest first, matching `q` (the child's name or NHS number); with how many
   * match on every page and where the next page starts (caseload-page.ts).
   */
  pageForViewer(viewer: CaseloadViewer, query: CaseloadPageQuery): Promise<CaseloadPageOf<ChronologyRecord>>;
  /** The named chronologies that exist, newest first. */
  listByIds(ids: readonly string[]): Promise<ChronologyRecord[]>;
  /** Returns false if the agency was already a member. Throws on an unknown chronology or agency. */
  addMember(id: string, agencySlug: string, addedBy: string): Promise<boolean>;
  /** Returns false if the agency was not a member. */
  removeMember(id: string, agencySlug: string): Promise<boolean>;
  setLegalHold(id: string, legalHold: boolean): Promise<boolean>;
  /** A 'YYYY-MM-DD' day after which the record may be destroyed, or null for none set. */
  setRetentionUntil(id: string, retentionUntil: string | null): Promise<boolean>;
  count(): Promise<number>;
  /**
   * Destroys a chronology's content at the end of its retention period: its documents' update logs, the
   * entry projection, actions and their history, snapshots, reviews, grants, notifications, memberships, the chronology and the
   * child. One transaction. The audit log is append-only and keeps its records (see docs/security.md).
   * Returns the number of rows removed. Callers must have checked retention and legal hold.
   */
  dispose(id: string): Promise<number>;
}

export interface DocClientsRepo {
  /** Every owned client id of the document, with its principal. */
  owners(docName: string): Promise<Map<number, string>>;
  /**
   * Records `principalId` as the owner of each client id that has none yet; an id already owned keeps
   * its owner (the caller has checked it). Within a unit of work it commits with the rest of it.
   */
  claim(docName: string, clientIds: readonly number[], principalId: string): Promise<void>;
}

export interface EntriesRepo {
  /** Inserts or replaces the projection of one entry. */
  upsert(input: EntryProjectionInput): Promise<void>;
  /**
   * The entry `id` of the chronology as a reader of `agency` sees it: in the shared document or that
   * agency's restricted document, never another agency's. (Ids are unique across a chronology's
   * documents; data stored before that rule may hold one id twice, and then the shared entry wins.)
   */
  getVisible(chronologyId: string, id: string, agency: string): Promise<EntryRow | null>;
  /** The entry `id` in one document (system work: rebuilds, checks). */
  getInDoc(chronologyId: string, docName: string, id: string): Promise<EntryRow | null>;
  /** The entries `id` of the chronology: where each lives, whose it is, whether restricted (one, unless stored before ids were unique). */
  holders(chronologyId: string, id: string): Promise<Array<{
        docName: string;
        agency: string;
        restricted: boolean;
    }>>;
  /** The first of `ids` that a document of the chronology other than `exceptDoc` holds, or null (in batches of 500 ids). */
  firstHeldElsewhere(chronologyId: string, ids: readonly string[], exceptDoc: string): Promise<string | null>;
  /** Every entry id of the chronology with the document that holds it (the rooms' uniqueness check). */
  docsOf(chronologyId: string): Promise<Array<{ id: string; docName: string }>>;
  /** The documents of the chronology holding an entry `id` (one, unless stored before ids were unique). */
  docsHolding(chronologyId: string, id: string): Promise<string[]>;
  /** Every copy of a household event, in every chronology (system work: the caller decides what anyone sees). */
  householdCopies(householdEventId: string): Promise<HouseholdCopy[]>;
  /** Entry ids that more than one document of a chronology holds (stored before ids were unique). */
  collisions(): Promise<Array<{
        chronologyId: string;
        id: string;
        docNames: string[];
    }>>;
  /**
   * The chronology's entries that match every given filter, in timeline order (first day, time, time
   * recorded, id). Dates are matched by overlap: an entry dated "2023-04" (1 to 30 April) or
   * "2023-03..2023-05" matches from=2023-04-10 to=2023-04-20, because it may have happened then;
   * a range query never hides an imprecisely dated event.
   */
  query(chronologyId: string, filters?: EntryFilters): Promise<EntryRow[]>;
  /**
   * What the pattern rules read (PatternEntry) of the entries `query` gives with the same filters, in the
   * same order: the counts, alert passes and siblings' histories read this, not the whole rows, whose free
   * text is most of their bytes (pattern-rows.ts).
   */
  patternRows(chronologyId: string, filters?: PatternRowFilters): Promise<PatternEntry[]>;
  /**
   * One page of what `query` gives, as GET …/entries answers it: the page's entries as JSON text (each as
   * `entryFromProjection` makes it), how many, the last one's position and whether more follow. Written
   * as text where the rows are read (on SQLite, the read lane's thread; docs/storage.md S6).
   * `seenVersion`: the chronology's entry version as this request's `chronologies.access` read it; a page
   * the store kept at exactly that version is what the query returned then, and is served as it is.
   * Without it (or when none is kept at it) the store asks for the version or reads the page itself.
   */
  page(chronologyId: string, query: EntryPageQuery, seenVersion?: number): Promise<EntryPage>;
  /** Every entry of the chronology, withdrawn and restricted included, in timeline order. */
  all(chronologyId: string): Promise<EntryRow[]>;
  /** Active entries per chronology (0 for one with none), as the agency would see them if one is given. */
  countByChronology(chronologyIds: readonly string[], restrictedVisibleTo?: string): Promise<Record<string, number>>;
  /**
   * The agency's restricted entries per chronology, withdrawn ones included (0 for none). With none, that
   * agency sees exactly what an agency without restricted entries sees there.
   */
  restrictedCount(chronologyIds: readonly string[], agency: string): Promise<Record<string, number>>;
  /** When each chronology's entries last changed (withdrawals count), or null; visibility as above. */
  lastChange(chronologyIds: readonly string[], restrictedVisibleTo?: string): Promise<Record<string, string | null>>;
  /** Drops the projection of one document, before rebuilding it from the update log. Returns how many rows. */
  deleteForDoc(docName: string): Promise<number>;
}

export interface LoginAttemptsRepo {
  record(key: string, at?: string): Promise<void>;
  countSince(key: string, since: string): Promise<number>;
  /** The key's events since `since`, oldest first (ISO instants). */
  timesSince(key: string, since: string): Promise<string[]>;
  /** Forgets the key's failures (after a successful sign-in or a password reset). */
  clear(key: string): Promise<void>;
  /** Deletes attempts older than `before`, which no window looks at any more; returns how many. */
  purgeBefore(before: string): Promise<number>;
}

export interface NotificationsRepo {
  create(input: NewNotification): Promise<NotificationRecord>;
  get(id: string): Promise<NotificationRecord | null>;
  /** Newest first. */
  listForUser(userId: string, opts?: {
        unreadOnly?: boolean;
        limit?: number;
    }): Promise<NotificationRecord[]>;
  unreadCount(userId: string): Promise<number>;
  /** Marks one of the user's notifications read; the user id keeps one user from touching another's. */
  markRead(id: string, userId: string): Promise<boolean>;
  markAllRead(userId: string): Promise<number>;
}

export interface PatternReviewsRepo {
  /** Adds a review to the chronology's history; earlier reviews stay. */
  add(input: PatternReviewInput): Promise<PatternReviewRecord>;
  byId(id: string): Promise<PatternReviewRecord | null>;
  /** Oldest first. */
  listForChronology(chronologyId: string): Promise<PatternReviewRecord[]>;
  /** How many reviews each chronology has (0 for none): reviews are append-only, so a new one changes it. */
  countByChronology(chronologyIds: readonly string[]): Promise<Record<string, number>>;
}

export interface SessionsRepo {
  /** Sessions not revoked and not past their absolute expiry, counted per user id. */
  liveCounts(at?: string): Promise<Map<string, number>>;
  create(input: NewSession): Promise<SessionRecord>;
  get(idHash: string): Promise<SessionRecord | null>;
  /**
   * The session and its user together (one statement: every authenticated request asks for both), or
   * null when either is missing. The same rows as `get` and then `users.byId`, read in one snapshot.
   */
  getWithUser(idHash: string): Promise<{ session: SessionRecord; user: UserRecord } | null>;
  /**
   * For each named session that exists, in no particular order, only what decides whether it is still live
   * (the server's sessionLive), as `getWithUser` gives it: the access sweep's one read, twice a second for
   * every live connection. Not whole rows: no account's password hash or second factor leaves the store
   * for it, and a county's sweep read ~140 KB a time where ~30 KB is what it decides on.
   */
  livenessOf(idHashes: readonly string[]): Promise<SessionLiveness[]>;
  touch(idHash: string, at?: string): Promise<void>;
  /** Returns true if the session was live and is now revoked. */
  revoke(idHash: string): Promise<boolean>;
  /** Revokes every live session of the user (password change, account disabled); returns how many. */
  revokeAllForUser(userId: string): Promise<number>;
  /** For actions that ask for the password again (step-up). */
  markReauthenticated(idHash: string, at?: string): Promise<void>;
  /** Deletes sessions past their absolute end (revoked ones included once they get there); returns how many. */
  purgeExpired(at?: string): Promise<number>;
}

export interface SnapshotsRepo {
  create(input: NewSnapshot): Promise<SnapshotRecord>;
  get(id: string): Promise<SnapshotRecord | null>;
  /** Newest first, without the (large) state. */
  listForChronology(chronologyId: string): Promise<SnapshotSummary[]>;
}

export interface UpdateLogRepo {
  /**
   * Stores one update and returns its per-document sequence number (docs/storage.md "Per-document
   * sequences"). A single INSERT is atomic on its own; called within a unit of work it commits with it.
   */
  append(docName: string, update: Uint8Array): Promise<number>;
  /** The document's last per-document sequence number, 0 when it has none. */
  head(docName: string): Promise<number>;
  /** The document's updates, oldest first (by per-document sequence). */
  load(docName: string): Promise<StoredUpdate[]>;
  /**
   * The document's updates with a per-document sequence number above `afterDocSeq`, oldest first: what a
   * node that has applied up to `afterDocSeq` lacks (gap-filling, catch-up). After a compaction the first
   * row may be the merged one, holding everything up to its number.
   */
  after(docName: string, afterDocSeq: number): Promise<StoredUpdate[]>;
  /**
   * Compaction: replaces the document's updates with doc_seq <= `uptoDocSeq` by `merged` (which must
   * contain them all), in one transaction, under the document's lock on PostgreSQL. Later rows (another
   * node's, or written after the merge was taken) stay after it. The merged row takes the highest `seq`
   * and `doc_seq` it replaces. Returns the merged row's doc_seq, or null when there was nothing to replace.
   * An empty `merged` is refused (rule S8), replacing nothing: no document's state is zero bytes. So is
   * one that does not hold every row it would replace (rule S9, checked against those rows in the same
   * transaction: its clocks exactly theirs, their deletions among its own); `converted` (an older
   * document rebuilt in today's shape, under a client id of its own) need only be a whole state.
   */
  replaceUpTo(docName: string, uptoDocSeq: number, merged: Uint8Array, opts?: { converted?: boolean }): Promise<number | null>;
  /** How many updates and bytes the log holds, for one document or all. */
  stats(docName?: string): Promise<UpdateLogStats>;
  /** Every document that has updates, sorted by name. */
  docNames(): Promise<string[]>;
}

export interface UsersRepo {
  /** Throws (a unique or foreign-key violation of the backend) if the email is taken or the agency unknown. */
  create(input: NewUser): Promise<UserRecord>;
  byEmail(email: string): Promise<UserRecord | null>;
  byId(id: string): Promise<UserRecord | null>;
  /** Everyone, by name then email (byte order): the administrators' pages. One chronology's people: `inAgencies`. */
  list(): Promise<UserRecord[]>;
  /**
   * The users of any of `agencySlugs` (only those holding one of `opts.roles`, when given) and the users
   * `opts.alsoIds` wherever they belong, each once, in `list`'s order: what `list` filtered so would give.
   * For the views that need one chronology's people (its member agencies' and its lead), not a county's.
   */
  inAgencies(agencySlugs: readonly string[], opts?: AgencyUsersOptions): Promise<UserRecord[]>;
  /** Approves an account awaiting approval; false if there is none such (or it was approved already). */
  approve(id: string, approvedBy: string): Promise<boolean>;
  /** Returns false if there is no such user. */
  setPassword(id: string, passwordHash: string | null): Promise<boolean>;
  setDisabled(id: string, disabled: boolean): Promise<boolean>;
  setRole(id: string, role: Role): Promise<boolean>;
  /** Binds the single sign-on identity, or unbinds it (null). Returns false if there is no such user. */
  setOidcIdentity(id: string, identity: {
        issuer: string;
        subject: string;
    } | null): Promise<boolean>;
}


export interface HouseholdsRepo {
  /**
   * The household and every child's link in ONE transaction. If any chronology is already in a household,
   * nothing is written and those chronologies are named; an unknown chronology throws (foreign key) and
   * writes nothing either.
   */
  create(input: NewHousehold): Promise<HouseholdWrite>;
  get(id: string): Promise<HouseholdRecord | null>;
  currentLinks(householdId: string): Promise<HouseholdLinkRecord[]>;
  /** The household a chronology is in now, with all its current links; null when it is in none. */
  currentFor(chronologyId: string): Promise<CurrentHousehold | null>;
  /**
   * For each of `chronologyIds` in a household now, the other children currently linked to it, in ONE
   * query (the caseload asks for its whole list). Chronologies in no household are absent.
   */
  siblingsOf(chronologyIds: readonly string[]): Promise<Record<string, string[]>>;
  /** Links one more child (one transaction: the check and the insert). */
  addChild(householdId: string, link: NewHouseholdLink, addedBy: string): Promise<HouseholdWrite>;
  /** Ends a child's current link to this household; false when it had none. */
  removeChild(householdId: string, chronologyId: string, removedBy: string): Promise<boolean>;
  /** A household event's record (`Store.recordHouseholdEvent` writes it), or null. */
  event(id: string): Promise<HouseholdEventRecord | null>;
}

/** The adults around a child (issue 14 item 3): people, their links to chronologies, agencies' flags. */
export interface PeopleRepo {
  /** The person and every link in ONE transaction (an unknown chronology throws and writes nothing). */
  create(input: NewPersonRecord): Promise<PersonRecord>;
  get(id: string): Promise<PersonRecord | null>;
  links(personIds: readonly string[]): Promise<PersonLinkRecord[]>;
  flags(personIds: readonly string[]): Promise<PersonFlagRecord[]>;
  getFlag(id: string): Promise<PersonFlagRecord | null>;
  /** Every record linked to one of these chronologies, the records they were merged into, and all their links and flags (one consistent read). */
  peopleOf(chronologyIds: readonly string[]): Promise<PeopleOf>;
  /** The person ids an entry of this chronology may name: people linked to it and the records they were merged into. */
  idsForChronology(chronologyId: string): Promise<string[]>;
  /**
   * A fingerprint, per chronology, of its people, their merges and flags (changes when any is added, merged,
   * withdrawn or edited), in ONE grouped query: the caseload's kept highlight counts depend on them
   * (`known-adult-returns`). Chronologies with nobody linked are absent.
   */
  versionsOf(chronologyIds: readonly string[]): Promise<Record<string, string>>;
  /** Names, date of birth and relationships in ONE transaction; null when there is no such person. */
  update(id: string, change: PersonUpdate): Promise<PersonRecord | null>;
  addFlag(input: NewPersonFlag): Promise<PersonFlagRecord>;
  /** Withdraws a flag once; false when unknown or already withdrawn. */
  withdrawFlag(id: string, withdrawal: FlagWithdrawal): Promise<boolean>;
  /** Points `fromId` at `intoId` in ONE transaction (both exist, neither merged already). */
  merge(fromId: string, intoId: string, by: string): Promise<MergeResult>;
}

/** The analysis of a chronology (issue 15): summary versions and agencies' views, both append-only. */
export interface AnalysisRepo {
  /** The analysis now: its newest version, or null when none has been saved. */
  latest(chronologyId: string): Promise<AnalysisVersionRecord | null>;
  /** Every version, oldest first. */
  versions(chronologyId: string): Promise<AnalysisVersionRecord[]>;
  /**
   * Inserts the next version in ONE transaction with the check of `expectedVersion` (another save since:
   * `conflict`, nothing written). A missing `familySummary` keeps the one of the version before.
   */
  save(input: NewAnalysisVersion): Promise<AnalysisSave>;
  /** Records an agency's view as a new row (earlier ones stay), on the summary version of now. */
  addView(input: NewAnalysisView): Promise<AnalysisViewRecord>;
  /** Every view recorded on the chronology (or by one agency), oldest first. */
  views(chronologyId: string, agency?: string): Promise<AnalysisViewRecord[]>;
}

/**
 * Alerts (issue 15): preferences, the email outbox and what each person was last told per chronology.
 * `deliver` is ONE transaction: every notification, its outbox email and the new states, or nothing.
 */
export interface AlertsRepo {
  preferences(userId: string): Promise<AlertPreferences | null>;
  /** The chosen preferences of these people, by user id (no entry: they chose nothing). */
  preferencesOf(userIds: readonly string[]): Promise<Map<string, AlertPreferences>>;
  setPreferences(userId: string, preferences: AlertPreferences): Promise<AlertPreferences>;
  /** What the person was last told about the chronology on this subject, or null when never. */
  state(chronologyId: string, userId: string, subject: string): Promise<unknown>;
  /** Notifications, outbox emails and states in ONE transaction; how many alerts were written. */
  deliver(batch: AlertDelivery): Promise<number>;
  /** Unsent emails due at `at` and not waiting for a retry, oldest first. */
  dueEmails(at: string, limit?: number): Promise<OutboxRecord[]>;
  /** Every email of one person, oldest first (operators and tests). */
  emailsFor(userId: string): Promise<OutboxRecord[]>;
  markSent(ids: readonly string[], at: string): Promise<number>;
  /** One more failed attempt: the rows stay, to be tried again at `retryAt`. */
  markFailed(ids: readonly string[], error: string, retryAt: string): Promise<number>;
  /**
   * As `state`, for each of these people at once (an alert pass's recipients), as the JSON text stored (its
   * spacing is the backend's: parse it, never compare texts): by user id; no entry when never told. Texts,
   * not values: most recipients were told the same thing, and the caller parses each distinct text once,
   * where values crossing from the read lane were built once per person (issue 17).
   */
  stateTextsOf(chronologyId: string, userIds: readonly string[], subject: string): Promise<Map<string, string>>;
}

/** Actions (issue 15): tracked, owned, due; every change kept (repos/actions.ts). */
export interface ActionsRepo {
  /** The action (open) and its first history record, in one transaction. */
  create(input: NewAction): Promise<ActionRecord>;
  get(id: string): Promise<ActionRecord | null>;
  /** The chronology's actions, soonest due first (then created, then id). */
  listForChronology(chronologyId: string): Promise<ActionRecord[]>;
  /**
   * Applies the patch to the action as it is at that moment and appends the change (who, when, each
   * field before and after), in one transaction; null for an unknown action; nothing written when nothing changes.
   */
  update(id: string, patch: ActionPatch, by: string): Promise<ActionUpdate | null>;
  /** Every change of the action, oldest first, its creation first. */
  history(actionId: string): Promise<ActionChangeRecord[]>;
  /** Every change of every action of the chronology, by action id, each oldest first (one query). */
  historyForChronology(chronologyId: string): Promise<Map<string, ActionChangeRecord[]>>;
  /** Open actions due before `today` (YYYY-MM-DD) per chronology (0 for none), in ONE grouped query. */
  overdueCounts(chronologyIds: readonly string[], today: string): Promise<Record<string, number>>;
  /** Open actions due before `today`, longest overdue first, of the given chronologies or of all. */
  listOverdue(today: string, chronologyIds?: readonly string[]): Promise<ActionRecord[]>;
}

/**
 * Full-text search over the entry projection (issue 15, item 6): SQLite FTS5, PostgreSQL tsvector + GIN.
 * The index follows every write to the projection in the same transaction (amendments replace the old
 * text, rebuilt documents take theirs along); who may see what is decided in the query itself.
 */
export interface SearchRepo {
  /**
   * The active entries the reader may see that match the query, best first: entries of chronologies the
   * reader's agency is a member of (another agency's restricted entries never), and the unrestricted
   * entries of chronologies the reader holds a running break-glass grant for. `limit` rows from `offset`.
   */
  entries(search: EntrySearch): Promise<EntrySearchHit[]>;
  /** Rebuilds the index from the projection (an operator's repair); resolves with the entries indexed. */
  rebuildIndex(): Promise<number>;
}
