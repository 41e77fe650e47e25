// The storage port: everything MAC keeps, as ONE declared, asynchronous interface. The server, the rooms
// and the tools speak only this; the adapters (SQLite in a worker thread by default, PostgreSQL for
// several nodes) implement it, each with its own transactions inside. Nothing outside packages/db names
// better-sqlite3, node-postgres or a SQL dialect. docs/storage.md states the rules every adapter keeps,
// and the contract suite (store-contract.ts) checks them against each one.
//
// Every method returns a promise that settles once the work is durable (a write) or read from a
// consistent state (a read). A rejection means nothing of that call was stored.
//
// Each repository's interface is in port-repos.ts, re-exported here by name: this file gathers them into `Repos`
// and declares the units of work and the Store, so an adapter's author reads the two to know all it must
// implement.
import type { Entry } from '@mac/domain';
import type { AuditInput } from './repos/audit.js';
import type { EntryProjectionInput } from './repos/entries.js';
import type { NewNotification } from './repos/notifications.js';
import type { HouseholdEventRecord } from './repos/households.js';
import type { AgenciesRepo, ApiTokensRepo, AuditRepo, BreakGlassRepo, ChronologiesRepo, DocClientsRepo, EntriesRepo, LoginAttemptsRepo, NotificationsRepo, PatternReviewsRepo, SessionsRepo, SnapshotsRepo, UpdateLogRepo, UsersRepo, HouseholdsRepo, PeopleRepo, AnalysisRepo, AlertsRepo, ActionsRepo, SearchRepo } from './port-repos.js';

export type { AgenciesRepo, ApiTokensRepo, AuditRepo, BreakGlassRepo, ChronologiesRepo, DocClientsRepo, EntriesRepo, LoginAttemptsRepo, NotificationsRepo, PatternReviewsRepo, SessionsRepo, SnapshotsRepo, UpdateLogRepo, UsersRepo, HouseholdsRepo, PeopleRepo, AnalysisRepo, AlertsRepo, ActionsRepo, SearchRepo } from './port-repos.js';

/** Every repository, one per kind of record. */
export interface Repos {
  agencies: AgenciesRepo;
  users: UsersRepo;
  sessions: SessionsRepo;
  apiTokens: ApiTokensRepo;
  chronologies: ChronologiesRepo;
  updateLog: UpdateLogRepo;
  docClients: DocClientsRepo;
  entries: EntriesRepo;
  audit: AuditRepo;
  patternReviews: PatternReviewsRepo;
  breakGlass: BreakGlassRepo;
  loginAttempts: LoginAttemptsRepo;
  snapshots: SnapshotsRepo;
  notifications: NotificationsRepo;
  households: HouseholdsRepo;
  people: PeopleRepo;
  analysis: AnalysisRepo;
  alerts: AlertsRepo;
  actions: ActionsRepo;
  search: SearchRepo;
}

/** Who wrote an update, as its audit records name them. */
export interface WriteActor {
  id: string;
  name: string;
  agency: string;
}

/** One entry an update changed, as the update inspector found it. */
export interface PersistedChange {
  entryId: string;
  kind: 'create' | 'amend' | 'withdraw';
  before: Entry | null;
  after: Entry;
  /** Every field for a creation; the fields whose value changed otherwise. */
  fields: string[];
}

/** One accepted Yjs update with everything stored beside it (see `Store.persistBatch`). */
export interface PersistWrite {
  docName: string;
  chronologyId: string;
  update: Uint8Array;
  /** Yjs client ids the writer claimed with this update. */
  claims: readonly number[];
  actor: WriteActor;
  /** The channel (`websocket`, `rest`, `import`, …), the caller's address and, for imports, the import's id. */
  meta: { via: string; ip: string | null; importId?: string | undefined; householdEventId?: string | undefined; propagated?: boolean | undefined };
  changes: readonly PersistedChange[];
  /**
   * Several nodes (issue 19): the document's last sequence number the writer had applied when it inspected
   * this write (every write of one document in a call gives the same value: they build on each other).
   * If the document has moved on since, or another principal owns a client id the write claims, the
   * call rejects with a WriteConflictError (`isWriteConflict`) and stores nothing. Left out: not checked
   * (one node, the only writer).
   */
  afterDocSeq?: number | undefined;
}

/** What `Store.recordHouseholdEvent` stores together. */
export interface HouseholdEventUnit {
  event: HouseholdEventRecord;
  /** One write per child's copy (each in that child's document). */
  writes: readonly PersistWrite[];
  /** In-app notifications (the leads of the children left out), never the event's content. */
  notifications: readonly NewNotification[];
}

/**
 * An import being written in slices (issue 17): stored by `beginImport` before its first slice, removed by
 * `finishImport` with the import's audit record. Its entries carry their ids, so that an import cut short
 * is finished by writing the ones its document does not hold yet: never twice, never lost.
 */
export interface ImportJournal {
  /** The import's id (the `importId` its writes' audit records carry). */
  id: string;
  chronologyId: string;
  docName: string;
  /** The importer (a Principal), as JSON: whoever finishes the import writes as them. */
  principal: unknown;
  /** What the import's audit record says besides the entries (file name, duplicates skipped, address). */
  details: Record<string, unknown>;
  entries: readonly Entry[];
  createdAt: string;
  /**
   * Its last progress: when it was begun (as given to `beginImport`), then when a slice of it was stored
   * (`persistBatch` sets it in the slice's own transaction, for every write naming the import's id) or it
   * was taken over (`claimImport`). Another node finishes only an import whose progress stopped.
   */
  touchedAt: string;
  /** Whoever writes it now (a random id per attempt): only they may finish it (`finishImport`). */
  writer: string;
}

/** An update stored on its own, without projection or audit (tools and tests of the sync core). */
export interface UpdateAppend {
  docName: string;
  update: Uint8Array;
  claims: readonly number[];
  principalId: string;
  /** As PersistWrite.afterDocSeq: checked against other writers when given. */
  afterDocSeq?: number | undefined;
}

/**
 * The storage port. `repos` are the single-purpose reads and writes; the named units of work below are
 * the writes that must commit together, each ONE transaction inside the adapter.
 */
export interface Store {
  readonly backend: 'sqlite' | 'postgres';
  /** Where the data lives, for operators' messages (a file path; a URL without its password). */
  readonly location: string;
  readonly repos: Repos;
  /**
   * Appends each write's update to its document's log, records its client-id claims, brings the entry
   * projection up to date and appends one audit record per changed entry (the write's own actor and
   * channel), all in ONE transaction: every write of the batch is stored, or none. Resolves with each
   * write's per-document sequence number, in order.
   */
  persistBatch(writes: readonly PersistWrite[]): Promise<number[]>;
  /**
   * A household event (issue 14), recorded once: every child's copy stored as `persistBatch` stores a write
   * (update log, client ids, projection, audit), the event's row, and the notifications of the leads of the
   * children left out, all in ONE transaction: every copy or none. Resolves with each write's log
   * sequence number, in order.
   */
  recordHouseholdEvent(unit: HouseholdEventUnit): Promise<number[]>;
  /** Appends updates (and their client-id claims) to their documents' logs in one transaction; their seqs. */
  appendUpdates(writes: readonly UpdateAppend[]): Promise<number[]>;
  /** Replaces a document's projection rows by `entries` (rebuilt from its log) in one transaction. */
  rebuildDoc(docName: string, entries: readonly EntryProjectionInput[]): Promise<void>;
  /** Appends the records in order, in one transaction (records that waited while storage was failing). */
  appendAudit(records: readonly AuditInput[]): Promise<void>;
  /**
   * Stores an import about to be written in slices, in ONE small transaction (S7). Rejects, storing
   * nothing, when an import of that id is already stored.
   */
  beginImport(journal: ImportJournal): Promise<void>;
  /**
   * Takes a pending import over for `writer`, in ONE statement: only if its last progress (touchedAt) is
   * before `idleBefore` (null: whatever it is), and then its progress is now. True when taken; false when
   * it is not pending, or is still progressing (a slice stored since the caller looked).
   */
  claimImport(importId: string, writer: string, idleBefore: string | null): Promise<boolean>;
  /**
   * Removes the import's journal and appends its audit record in ONE transaction (S7): true; false, with
   * nothing written, when no such import is pending (already finished: finishing is idempotent) or
   * another writer has taken it over (only its writer finishes it).
   */
  finishImport(importId: string, writer: string, record: AuditInput): Promise<boolean>;
  /** The imports begun and not finished (of one chronology, or all), oldest first. */
  pendingImports(chronologyId?: string): Promise<ImportJournal[]>;
  /** An online, consistent copy of everything into `target` (a file for SQLite). */
  backup(target: string): Promise<void>;
  /**
   * Runs `work` while holding the lock named `name` across every server sharing this store (on PostgreSQL
   * a session-level advisory lock on its own connection; SQLite has one server per file, so there it is
   * only run). For start-up work that must happen once however many nodes start together: seeding an
   * empty database (the migrations take their own lock).
   */
  exclusively<T>(name: string, work: () => Promise<T>): Promise<T>;
  /**
   * One trivial query (`SELECT 1`) on the storage, for the health route: resolves when the database
   * answers, rejects as any storage call would when it does not.
   */
  ping(): Promise<void>;
  /** Waits for work in flight, then closes. Calls after it reject. */
  close(): Promise<void>;
}
