import type { RuleId, Severity } from './config.js';
import type { CategoryGroup } from '../taxonomy.js';

export type { RuleId, Severity };

/** One pattern the engine found, with everything a reader needs to check it against the timeline. */
export interface Highlight {
  /**
   * Stable key: the rule, the window and a hash of the sorted entry ids. The same pattern in the same
   * entries gets the same id on every run; a new entry joining the cluster gives a new id. Reviews are
   * not matched by this id but by rule and shared entries (review-history.ts), so a review stays with a
   * highlight whose window grows.
   */
  id: string;
  ruleId: RuleId;
  severity: Severity;
  title: string;
  explanation: string;
  /** In timeline order. */
  entryIds: string[];
  /** Agency slugs, in order of their first entry in the highlight. */
  agencies: string[];
  /** ISO days, inclusive. */
  window: { from: string; to: string };
  /** The thresholds in force when the rule ran (configured or default). */
  thresholds: Record<string, number>;
  /** Entries whose date is not a single exact day (month, year, approximate or period): a reader should judge them. */
  coarseEntryIds: string[];
  /** Expected-event checks only (expected-events.ts): what should have followed the trigger entry, and by when. */
  expected?: ExpectedEventFacts;
  /** `closed-then-re-referred` only: each closure and the referral or concern that reopened it, in order. */
  cycles?: CycleFacts[];
  /** `action-overdue` only: the action that is overdue. */
  actionId?: string;
  /** `sibling-previously-on-plan` only: the linked sibling and the entries of theirs it rests on (entries the reader may see). */
  sibling?: SiblingFacts;
  /** `known-adult-returns` only: the person who came back (their surviving record, when two were merged). */
  personId?: string;
}

export interface SiblingFacts {
  chronologyId: string;
  name: string;
  /** The sibling's plan, care or serious-harm entries, in date order. */
  events: Array<{ entryId: string; category: string; date: string }>;
}

export interface ExpectedEventFacts {
  triggerEntryId: string;
  /** Category slugs any one of which would have met the expectation. */
  expectedCategories: string[];
  /** ISO day: the last day on which the expected entry is in time. */
  deadline: string;
  /** Agency kinds (taxonomy) that usually record the expected entry. */
  usuallyRecordedBy: string[];
  /** due: not yet recorded, deadline not passed; overdue: not recorded by the deadline; late: recorded after it. */
  status: 'due' | 'overdue' | 'late';
  /** For a late one: the entry that arrived, and its day. */
  arrivedEntryId?: string;
  arrivedOn?: string;
}

export interface CycleFacts {
  closedEntryId: string;
  closedOn: string;
  reopenedEntryId: string;
  reopenedOn: string;
}

/** The fields of an Entry the engine reads; any Entry fits. */
export interface PatternEntry {
  id: string;
  date: string;
  agency: string;
  category: string;
  status: string;
  /** Screening results (screening.ts), read by the rules about assessments; absent on most entries. */
  riskLevel?: string | undefined;
  areaGrades?: string | undefined;
  /** Set on each copy of an event recorded once for a whole household (read by the family rules). */
  householdEventId?: string | undefined;
  /** The people records (adults around the child) the entry names (read by the family rules). */
  personIds?: readonly string[] | undefined;
}

/**
 * The family around the child, as the caller may see it (Think Family). Siblings are the linked
 * children whose entries the caller may read under each sibling's own membership rules, with those
 * entries; a sibling the caller may not open is simply not here. People are the adults linked to
 * this child, with the flags the caller may see.
 */
export interface FamilyInput {
  siblings?: readonly PatternSibling[];
  people?: readonly PatternPerson[];
}

export interface PatternSibling {
  chronologyId: string;
  /** How explanations name the sibling: the given name is enough within a family. */
  name: string;
  entries: readonly PatternEntry[];
}

export interface PatternPerson {
  id: string;
  name: string;
  /** Set when this record was merged into another (the same person): entries naming it count for that one. */
  mergedInto?: string | null | undefined;
  /** Agency-set flags the caller may see, e.g. 'poses-risk-to-children'. */
  flags: ReadonlyArray<{ kind: string; createdAt: string; withdrawnAt?: string | null | undefined }>;
}

/** The fields of an action (actions.ts) the `action-overdue` rule reads; any ActionItem fits. */
export interface PatternAction {
  id: string;
  title: string;
  status: string;
  /** YYYY-MM-DD. */
  dueDate: string;
  ownerAgency: string;
  /** Linked entries; those not among the entries given to the engine are left out of the highlight. */
  entryIds: readonly string[];
}

/** An agency's display name for explanations; only slug and name are read. */
export interface AgencyName {
  slug: string;
  name: string;
}

/** An entry as the rules see it: its date reduced to one day number, the start of its interval. */
export interface Point {
  readonly id: string;
  /** Days since 1970-01-01 of the first day of the entry's date. */
  readonly day: number;
  /** Not a single exact day: month or year precision, approximate, or a period. */
  readonly coarse: boolean;
  readonly agency: string;
  readonly category: string;
  readonly group: CategoryGroup | null;
  readonly concern: boolean;
  /** The screening level recorded ('' when none) and the Graded Care Profile's area grades ('' when none). */
  readonly riskLevel: string;
  readonly areaGrades: string;
  /** Position in the timeline order, for merging lists back into that order. */
  readonly seq: number;
  /**
   * The timeline's cache of id hashes (highlight.ts idHashes), shared by all its points and filled in
   * by seq the first time a highlight needs a point's hash: most points are in no highlight, and
   * hashing every id up front was a tenth of an evaluation.
   */
  readonly hashes: IdHashCache;
}

/** Two hash lanes per point, by seq, and whether each has been computed yet. */
export interface IdHashCache {
  readonly a: Uint32Array;
  readonly b: Uint32Array;
  readonly done: Uint8Array;
  /**
   * Each highlight made from this timeline's points, by id: its points' seqs. Episodes (episodes.ts)
   * group highlights sharing an entry through these, by position, rather than by comparing entry
   * ids in a map (a tenth of an evaluation on a large history).
   */
  readonly highlightSeqs: Map<string, Int32Array>;
}

export interface RuleContext {
  readonly asOfDay: number;
  /** Null when the date of birth is unknown or not known to the day. */
  readonly dateOfBirth: string | null;
  readonly dobDay: number | null;
  readonly agencyName: (slug: string) => string;
  readonly enabled: (rule: RuleId) => boolean;
  /** The chronology's actions (read by `action-overdue` only; empty when none were given). */
  readonly actions: readonly PatternAction[];
  /** The family around the child (read by the family rules only; family.ts). */
  readonly family: FamilyContext;
}

/** What the family rules read, prepared once per evaluation (family.ts). */
export interface FamilyContext {
  readonly siblings: readonly PatternSibling[];
  /** Every person by id, merged records included (resolve with `personOf`). */
  readonly people: ReadonlyMap<string, PatternPerson>;
  /** The household event an entry is a copy of, by entry id (only entries that are one). */
  readonly householdEventOf: ReadonlyMap<string, string>;
  /** The people an entry names, by entry id, each resolved to its surviving record (only entries naming someone). */
  readonly peopleOf: ReadonlyMap<string, readonly string[]>;
}
