// Reviews of highlights, merged into the highlights the browser works out live. The server gives the
// reviews this user may see (GET /patterns `reviews`, then each new one over the live review stream),
// each with the entries it covered and which of them have changed since. The browser keeps them in a
// ReviewBook with what each covered entry looked like when it learnt of the review, and applies them
// to its live highlights with the same rule the server uses (@mac/domain reviewStateOf: same rule and
// a shared entry), so a review stays with its highlight as entries join it, and reopens the moment one
// of its entries changes in the live document. Asking the server again would count as the person's
// activity (see apps/web activity.ts) when it is only someone else's edit.
import { reviewStateOf, type CurrentReview, type Entry, type HighlightReviewState, type ReviewRecord } from '@mac/domain';

export type HighlightReview = CurrentReview;

/** A review as the server sends it (apps/server routes/patterns.ts ReviewRecord). */
export interface ServerReviewRecord extends ReviewRecord {
  /** The entries it covered that had changed when the server answered. */
  readonly changedEntryIds: readonly string[];
}

export type ReviewState = Pick<HighlightReviewState, 'review' | 'reopened' | 'reviewHistory' | 'sinceReview'>;

/**
 * What a review vouches for in one entry: the fields the server's fingerprint covers (apps/server
 * services/patterns.ts entryState). Plain text, compared for equality only.
 */
export function entryFingerprint(e: Entry | undefined): string {
  return e ? JSON.stringify([e.id, e.date, e.time, e.agency, e.category, e.summary, e.detail, e.status]) : '';
}

interface Known {
  readonly record: ServerReviewRecord;
  readonly changed: ReadonlySet<string>;
  /** Each covered entry as it was when the browser learnt of the review. */
  readonly seen: ReadonlyMap<string, string>;
}

export class ReviewBook {
  private readonly known = new Map<string, Known>();

  /** Learns reviews (once each: a review arriving again, after a reconnect, changes nothing). Returns how many were new. */
  add(records: readonly ServerReviewRecord[], lookup: (id: string) => Entry | undefined): number {
    let added = 0;
    for (const record of records) {
      if (this.known.has(record.id)) continue;
      this.known.set(record.id, {
        record,
        changed: new Set(record.changedEntryIds),
        seen: new Map(record.entryIds.map((id) => [id, entryFingerprint(lookup(id))])),
      });
      added += 1;
    }
    return added;
  }

  get size(): number {
    return this.known.size;
  }

  /** The review state of each highlight now. */
  apply<H extends { readonly id: string; readonly ruleId: string; readonly entryIds: readonly string[] }>(
    highlights: readonly H[],
    lookup: (id: string) => Entry | undefined,
  ): Array<H & ReviewState> {
    const records = [...this.known.values()].map((k) => k.record);
    const changedSince = (record: ReviewRecord, entryId: string) => {
      const k = this.known.get(record.id);
      if (!k) return false;
      if (k.changed.has(entryId)) return true;
      const then = k.seen.get(entryId);
      return then !== undefined && then !== entryFingerprint(lookup(entryId));
    };
    return highlights.map((h) => ({ ...h, ...reviewStateOf(h, records, changedSince) }));
  }
}

/** GOV.UK wording for the review form. */
export function reviewNoteError(status: 'reviewed' | 'dismissed' | '', note: string): { field: 'status' | 'note'; message: string } | null {
  if (status === '') return { field: 'status', message: 'Select whether you have reviewed the pattern or are dismissing it' };
  if (note.trim() === '') return { field: 'note', message: status === 'dismissed' ? 'Enter why you are dismissing this pattern' : 'Enter a note about your review' };
  if ([...note.trim()].length > 2000) return { field: 'note', message: 'The note must be 2,000 characters or fewer' };
  return null;
}
