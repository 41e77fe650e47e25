// Reviews of highlights, merged into the highlights the browser works out live. The server says
// which highlights were reviewed or dismissed, by whom, when and why, and whether the entries behind
// a review have changed since ("reopened"). The browser keeps that answer as a baseline, with what
// the highlight's entries looked like at that moment, and reopens a review itself the moment one of
// them changes: the live document tells it, and asking the server again would count as the person's
// activity (see apps/web activity.ts) when it is only someone else's edit.
import type { Entry } from '@mac/domain';

export interface HighlightReview {
  readonly status: 'reviewed' | 'dismissed';
  readonly note: string;
  readonly by: string;
  readonly byName: string;
  readonly at: string;
}

/** The server's view of one highlight's review (GET /patterns). */
export interface ServerReview {
  readonly id: string;
  readonly entryIds: readonly string[];
  readonly review: HighlightReview | null;
  readonly reopened: boolean;
}

export interface ReviewBaseline {
  readonly review: HighlightReview | null;
  readonly reopened: boolean;
  /** The highlight's entries when the server answered (see reviewFingerprint). */
  readonly fingerprint: string;
}

export interface ReviewState {
  readonly review: HighlightReview | null;
  readonly reopened: boolean;
}

/**
 * What a review vouches for: the highlight's entries, by the fields the server's fingerprint covers
 * (apps/server services/patterns.ts). Plain text, compared for equality only.
 */
export function reviewFingerprint(entryIds: readonly string[], lookup: (id: string) => Entry | undefined): string {
  return JSON.stringify(
    [...entryIds]
      .sort()
      .map((id) => {
        const e = lookup(id);
        return e ? [e.id, e.date, e.time, e.agency, e.category, e.summary, e.detail, e.status] : [id];
      }),
  );
}

export function baselineReviews(server: readonly ServerReview[], lookup: (id: string) => Entry | undefined): Map<string, ReviewBaseline> {
  const out = new Map<string, ReviewBaseline>();
  for (const h of server) {
    if (h.review === null && !h.reopened) continue;
    out.set(h.id, { review: h.review, reopened: h.reopened, fingerprint: reviewFingerprint(h.entryIds, lookup) });
  }
  return out;
}

/** The review state of a live highlight now. */
export function reviewStateOf(
  highlight: { readonly id: string; readonly entryIds: readonly string[] },
  baselines: ReadonlyMap<string, ReviewBaseline>,
  lookup: (id: string) => Entry | undefined,
): ReviewState {
  const base = baselines.get(highlight.id);
  if (!base) return { review: null, reopened: false };
  if (base.reopened) return { review: null, reopened: true };
  if (reviewFingerprint(highlight.entryIds, lookup) !== base.fingerprint) return { review: null, reopened: true };
  return { review: base.review, reopened: false };
}

export function withReviews<H extends { readonly id: string; readonly entryIds: readonly string[] }>(
  highlights: readonly H[],
  baselines: ReadonlyMap<string, ReviewBaseline>,
  lookup: (id: string) => Entry | undefined,
): Array<H & ReviewState> {
  return highlights.map((h) => ({ ...h, ...reviewStateOf(h, baselines, lookup) }));
}

/** GOV.UK wording for the review form. */
export function reviewNoteError(status: 'reviewed' | 'dismissed' | '', note: string): { field: 'status' | 'note'; message: string } | null {
  if (status === '') return { field: 'status', message: 'Select whether you have reviewed the pattern or are dismissing it' };
  if (note.trim() === '') return { field: 'note', message: status === 'dismissed' ? 'Enter why you are dismissing this pattern' : 'Enter a note about your review' };
  if ([...note.trim()].length > 2000) return { field: 'note', message: 'The note must be 2,000 characters or fewer' };
  return null;
}
