import { describe, expect, it } from 'vitest';
import { buildEntry } from '@mac/domain/testing';
import type { Entry } from '@mac/domain';
import { baselineReviews, reviewNoteError, withReviews } from './highlight-reviews.js';

const review = { status: 'reviewed' as const, note: 'Discussed at strategy meeting', by: 'u1', byName: 'Priya Shah', at: '2025-01-01T10:00:00Z' };

describe('highlight reviews', () => {
  const a = buildEntry({ summary: 'A' });
  const b = buildEntry({ summary: 'B' });
  let entries = new Map<string, Entry>([
    [a.id, a],
    [b.id, b],
  ]);
  const lookup = (id: string) => entries.get(id);
  const live = [
    { id: 'h1', entryIds: [a.id, b.id] },
    { id: 'h2', entryIds: [b.id] },
    { id: 'h3', entryIds: [a.id] },
  ];

  it('shows the server’s review on the live highlight with the same id, and keeps unreviewed ones', () => {
    const baselines = baselineReviews(
      [
        { id: 'h1', entryIds: [a.id, b.id], review, reopened: false },
        { id: 'h2', entryIds: [b.id], review: null, reopened: true },
        { id: 'h3', entryIds: [a.id], review: null, reopened: false },
      ],
      lookup,
    );
    const merged = withReviews(live, baselines, lookup);
    expect(merged.map((h) => [h.id, h.review?.byName ?? null, h.reopened])).toEqual([
      ['h1', 'Priya Shah', false],
      ['h2', null, true],
      ['h3', null, false],
    ]);
  });

  it('reopens a review as soon as one of its entries changes in the live document', () => {
    const baselines = baselineReviews([{ id: 'h1', entryIds: [a.id, b.id], review, reopened: false }], lookup);
    entries = new Map(entries).set(b.id, { ...b, detail: 'More detail added' });
    const merged = withReviews(live, baselines, lookup);
    expect(merged[0]).toMatchObject({ review: null, reopened: true });
    // A change the server's fingerprint does not cover (the sharing level) does not reopen it.
    entries = new Map(entries).set(b.id, { ...b, sharing: 'professionals', sharingReason: 'x' });
    expect(withReviews(live, baselines, lookup)[0]).toMatchObject({ review, reopened: false });
  });

  it('asks for a reason to dismiss and a note to review', () => {
    expect(reviewNoteError('', 'x')).toEqual({ field: 'status', message: 'Select whether you have reviewed the pattern or are dismissing it' });
    expect(reviewNoteError('dismissed', '  ')?.message).toBe('Enter why you are dismissing this pattern');
    expect(reviewNoteError('reviewed', '')?.message).toBe('Enter a note about your review');
    expect(reviewNoteError('reviewed', 'ok')).toBeNull();
  });
});
