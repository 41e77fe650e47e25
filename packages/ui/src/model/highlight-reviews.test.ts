import { describe, expect, it } from 'vitest';
import { buildEntry } from '@mac/domain/testing';
import type { Entry } from '@mac/domain';
import { ReviewBook, reviewNoteError, type ServerReviewRecord } from './highlight-reviews.js';

describe('ReviewBook: reviews applied to the highlights worked out live', () => {
  const a = buildEntry({ summary: 'A' });
  const b = buildEntry({ summary: 'B' });
  const c = buildEntry({ summary: 'C' });
  let entries = new Map<string, Entry>([a, b, c].map((e) => [e.id, e]));
  const lookup = (id: string) => entries.get(id);
  const record = (over: Partial<ServerReviewRecord> = {}): ServerReviewRecord => ({
    id: 'r1',
    ruleId: 'repeat-category',
    status: 'reviewed',
    note: 'Discussed at strategy meeting',
    by: 'u1',
    byName: 'Priya Shah',
    at: '2025-01-01T10:00:00Z',
    entryIds: [a.id, b.id],
    highlightKey: 'h-ab',
    changedEntryIds: [],
    ...over,
  });
  const highlight = (id: string, entryIds: string[], ruleId = 'repeat-category') => ({ id, ruleId, entryIds });

  it('shows a review on the live highlight it covers, and leaves others unreviewed', () => {
    const book = new ReviewBook();
    book.add([record()], lookup);
    const [ab, other] = book.apply([highlight('h-ab', [a.id, b.id]), highlight('h-c', [c.id])], lookup);
    expect(ab).toMatchObject({ review: { byName: 'Priya Shah' }, reopened: false, sinceReview: { joined: 0, left: 0, changed: 0 } });
    expect(other).toMatchObject({ review: null, reopened: false, reviewHistory: [], sinceReview: null });
  });

  it('keeps the review, reopened, when an entry joins the highlight (a new id)', () => {
    const book = new ReviewBook();
    book.add([record()], lookup);
    const [grown] = book.apply([highlight('h-abc', [a.id, b.id, c.id])], lookup);
    expect(grown).toMatchObject({ review: null, reopened: true, sinceReview: { joined: 1, left: 0, changed: 0 } });
    expect(grown!.reviewHistory).toEqual([{ status: 'reviewed', note: 'Discussed at strategy meeting', by: 'u1', byName: 'Priya Shah', at: '2025-01-01T10:00:00Z', entryIds: [a.id, b.id] }]);
  });

  it('reopens a review as soon as one of its entries changes in the live document, or had changed on the server', () => {
    const book = new ReviewBook();
    book.add([record()], lookup);
    entries = new Map(entries).set(b.id, { ...b, detail: 'More detail added' });
    expect(book.apply([highlight('h-ab', [a.id, b.id])], lookup)[0]).toMatchObject({ review: null, reopened: true, sinceReview: { changed: 1 } });
    // A change the server's fingerprint does not cover (the sharing level) does not reopen it.
    entries = new Map(entries).set(b.id, { ...b, sharing: 'professionals', sharingReason: 'x' });
    expect(book.apply([highlight('h-ab', [a.id, b.id])], lookup)[0]).toMatchObject({ reopened: false });
    const stale = new ReviewBook();
    stale.add([record({ changedEntryIds: [a.id] })], lookup);
    expect(stale.apply([highlight('h-ab', [a.id, b.id])], lookup)[0]).toMatchObject({ reopened: true, sinceReview: { changed: 1 } });
  });

  it('learns each review once, whichever way it arrives, and the newest decides', () => {
    const book = new ReviewBook();
    expect(book.add([record()], lookup)).toBe(1);
    expect(book.add([record(), record({ id: 'r2', status: 'dismissed', note: 'Not a concern', at: '2025-02-01T10:00:00Z' })], lookup)).toBe(1);
    expect(book.size).toBe(2);
    const [h] = book.apply([highlight('h-ab', [a.id, b.id])], lookup);
    expect(h!.reviewHistory.map((r) => r.status)).toEqual(['reviewed', 'dismissed']);
    expect(h!.review?.status).toBe('dismissed');
  });

  it('asks for a reason to dismiss and a note to review', () => {
    expect(reviewNoteError('', 'x')).toEqual({ field: 'status', message: 'Select whether you have reviewed the pattern or are dismissing it' });
    expect(reviewNoteError('dismissed', '  ')?.message).toBe('Enter why you are dismissing this pattern');
    expect(reviewNoteError('reviewed', '')?.message).toBe('Enter a note about your review');
    expect(reviewNoteError('reviewed', 'ok')).toBeNull();
  });
});
