// Reviews of highlights, kept with the highlight as it changes. A highlight's id names its window and
// its exact entries, so it changes whenever an entry joins; a review must not vanish then. A review
// belongs to every current highlight of the same rule that shares at least one entry with it: the
// pattern it looked at is still (part of) the pattern on screen. Its history is every such review,
// oldest first; the last one still covers the highlight only if no entry joined, left or changed since.
//
// Pure and shared: the server answers GET /patterns with it, and the browser applies it to the
// highlights it works out live, so both say the same thing.
import { plural } from '../plural.js';

export type ReviewStatus = 'reviewed' | 'dismissed';

/** One review as stored (apps/server: the pattern_reviews table), as the caller may see it. */
export interface ReviewRecord {
  readonly id: string;
  readonly ruleId: string;
  readonly status: ReviewStatus;
  readonly note: string;
  /** The reviewer's user id and display name. */
  readonly by: string;
  readonly byName: string;
  /** ISO 8601 instant. */
  readonly at: string;
  /** The highlight's entries when it was reviewed. Empty only for reviews saved before this was kept. */
  readonly entryIds: readonly string[];
  /** The highlight's id when it was reviewed: how those older reviews are still matched. */
  readonly highlightKey: string;
}

/** What the API and the UI show of each review, oldest first. */
export interface ReviewHistoryItem {
  status: ReviewStatus;
  note: string;
  by: string;
  byName: string;
  at: string;
  entryIds: string[];
}

export interface CurrentReview {
  readonly status: ReviewStatus;
  readonly note: string;
  readonly by: string;
  readonly byName: string;
  readonly at: string;
}

/** How the highlight differs from what its last review looked at. */
export interface SinceReview {
  /** Entries in the highlight now that the review did not cover. */
  readonly joined: number;
  /** Entries the review covered that are no longer in the highlight (withdrawn, or out of its window). */
  readonly left: number;
  /** Entries in both whose content changed after the review. */
  readonly changed: number;
}

export interface HighlightReviewState {
  /** The last review while it still covers the highlight; null when there is none or it is reopened. */
  readonly review: CurrentReview | null;
  /** True when the highlight's entries changed after its last review (including entries joining it). */
  readonly reopened: boolean;
  reviewHistory: ReviewHistoryItem[];
  /** Null when the highlight has never been reviewed. */
  readonly sinceReview: SinceReview | null;
}

interface HighlightKeyParts {
  readonly id: string;
  readonly ruleId: string;
  readonly entryIds: readonly string[];
}

/** The entries a review covered; an older review without them covered exactly its own highlight. */
function coveredBy(record: ReviewRecord, highlight: HighlightKeyParts): readonly string[] {
  if (record.entryIds.length > 0) return record.entryIds;
  return record.highlightKey === highlight.id ? highlight.entryIds : [];
}

function byTime(a: ReviewRecord, b: ReviewRecord): number {
  return a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The reviews that belong to a highlight, oldest first. */
export function reviewsOfHighlight(highlight: HighlightKeyParts, records: readonly ReviewRecord[]): ReviewRecord[] {
  const ofRule = records.filter((r) => r.ruleId === highlight.ruleId);
  // Most highlights have no review of their rule (most chronologies have none at all): no set of their
  // entries is built for them. Every analysis asks this of every highlight, hundreds of entries each in a
  // big chronology: these sets were ~2 % of the server's allocation in the county bench (issue 17).
  if (ofRule.length === 0) return ofRule;
  const ids = new Set(highlight.entryIds);
  return ofRule.filter((r) => coveredBy(r, highlight).some((id) => ids.has(id))).sort(byTime);
}

/**
 * The review state of a highlight now. `changedSince(record, entryId)` says whether an entry the
 * record covered has changed since the record was saved: the server compares stored fingerprints, the
 * browser what it saw when it learnt of the review.
 */
export function reviewStateOf(
  highlight: HighlightKeyParts,
  records: readonly ReviewRecord[],
  changedSince: (record: ReviewRecord, entryId: string) => boolean,
): HighlightReviewState {
  const history = reviewsOfHighlight(highlight, records);
  const last = history.at(-1);
  if (last === undefined) return { review: null, reopened: false, reviewHistory: [], sinceReview: null };
  const before = new Set(coveredBy(last, highlight));
  const now = new Set(highlight.entryIds);
  const sinceReview: SinceReview = {
    joined: highlight.entryIds.filter((id) => !before.has(id)).length,
    left: [...before].filter((id) => !now.has(id)).length,
    changed: highlight.entryIds.filter((id) => before.has(id) && changedSince(last, id)).length,
  };
  const reopened = sinceReview.joined + sinceReview.left + sinceReview.changed > 0;
  return {
    review: reopened ? null : { status: last.status, note: last.note, by: last.by, byName: last.byName, at: last.at },
    reopened,
    reviewHistory: history.map((r) => ({ status: r.status, note: r.note, by: r.by, byName: r.byName, at: r.at, entryIds: [...coveredBy(r, highlight)] })),
    sinceReview,
  };
}

/** "2 entries joined and 1 changed since": why a review was reopened, for the card and the pack. */
export function describeSinceReview(since: SinceReview): string {
  const parts: string[] = [];
  const entries = (n: number) => plural(n, 'entry', 'entries');
  if (since.joined > 0) parts.push(`${entries(since.joined)} joined`);
  if (since.left > 0) parts.push(`${parts.length === 0 ? entries(since.left) : since.left} left`);
  if (since.changed > 0) parts.push(`${parts.length === 0 ? entries(since.changed) : since.changed} changed`);
  if (parts.length === 0) return '';
  const list = parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)!}`;
  return `${list} since`;
}
