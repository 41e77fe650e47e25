import { describe, expect, it } from 'vitest';
import { describeSinceReview, reviewStateOf, reviewsOfHighlight, type ReviewRecord } from './review-history.js';

const record = (over: Partial<ReviewRecord> = {}): ReviewRecord => ({
  id: 'r1',
  ruleId: 'repeated-concern',
  status: 'reviewed',
  note: 'Discussed at the strategy meeting',
  by: 'u-lead',
  byName: 'Priya Shah',
  at: '2024-06-01T10:00:00.000Z',
  entryIds: ['a', 'b', 'c'],
  highlightKey: 'repeated-concern:2024-01-01..2024-03-01:x',
  ...over,
});
const unchanged = () => false;
const highlight = (entryIds: string[], over: { id?: string; ruleId?: string } = {}) => ({ id: over.id ?? `h:${entryIds.join()}`, ruleId: over.ruleId ?? 'repeated-concern', entryIds });

describe('reviewStateOf: a review stays with its highlight as it changes', () => {
  it('covers the highlight it was made of', () => {
    const state = reviewStateOf(highlight(['a', 'b', 'c']), [record()], unchanged);
    expect(state).toEqual({
      review: { status: 'reviewed', note: 'Discussed at the strategy meeting', by: 'u-lead', byName: 'Priya Shah', at: '2024-06-01T10:00:00.000Z' },
      reopened: false,
      reviewHistory: [{ status: 'reviewed', note: 'Discussed at the strategy meeting', by: 'u-lead', byName: 'Priya Shah', at: '2024-06-01T10:00:00.000Z', entryIds: ['a', 'b', 'c'] }],
      sinceReview: { joined: 0, left: 0, changed: 0 },
    });
  });

  it.each([
    ['an entry joins (new window, new id)', ['a', 'b', 'c', 'd'], unchanged, { joined: 1, left: 0, changed: 0 }],
    ['two entries join', ['a', 'b', 'c', 'd', 'e'], unchanged, { joined: 2, left: 0, changed: 0 }],
    ['an entry leaves (withdrawn)', ['a', 'b'], unchanged, { joined: 0, left: 1, changed: 0 }],
    ['an entry changes', ['a', 'b', 'c'], (_r: ReviewRecord, id: string) => id === 'b', { joined: 0, left: 0, changed: 1 }],
    ['the window slides', ['c', 'd', 'e'], unchanged, { joined: 2, left: 2, changed: 0 }],
  ])('reopens, keeping the history, when %s', (_what, entryIds, changed, since) => {
    const state = reviewStateOf(highlight(entryIds), [record()], changed);
    expect(state.reopened).toBe(true);
    expect(state.review).toBeNull();
    expect(state.reviewHistory).toHaveLength(1);
    expect(state.reviewHistory[0]!.note).toBe('Discussed at the strategy meeting');
    expect(state.sinceReview).toEqual(since);
  });

  it('keeps every review oldest first, and the latest decides', () => {
    const records = [
      record({ id: 'r2', at: '2024-07-01T10:00:00.000Z', status: 'dismissed', note: 'Explained', entryIds: ['a', 'b', 'c', 'd'] }),
      record(),
    ];
    const state = reviewStateOf(highlight(['a', 'b', 'c', 'd']), records, unchanged);
    expect(state.reviewHistory.map((r) => r.note)).toEqual(['Discussed at the strategy meeting', 'Explained']);
    expect(state.reopened).toBe(false);
    expect(state.review?.status).toBe('dismissed');
  });

  it.each([
    ['another rule', highlight(['a', 'b', 'c'], { ruleId: 'not-brought' })],
    ['no shared entry', highlight(['x', 'y', 'z'])],
  ])('does not belong to a highlight of %s', (_what, h) => {
    expect(reviewStateOf(h, [record()], unchanged)).toEqual({ review: null, reopened: false, reviewHistory: [], sinceReview: null });
  });

  it('matches a review saved before entry ids were kept by its highlight key only', () => {
    const legacy = record({ entryIds: [], highlightKey: 'h-old' });
    expect(reviewStateOf(highlight(['a', 'b'], { id: 'h-old' }), [legacy], unchanged)).toMatchObject({ reopened: false, reviewHistory: [{ entryIds: ['a', 'b'] }] });
    expect(reviewsOfHighlight(highlight(['a', 'b'], { id: 'h-new' }), [legacy])).toEqual([]);
  });

  it('says why a review was reopened', () => {
    expect(describeSinceReview({ joined: 1, left: 0, changed: 0 })).toBe('1 entry joined since');
    expect(describeSinceReview({ joined: 3, left: 0, changed: 0 })).toBe('3 entries joined since');
    expect(describeSinceReview({ joined: 2, left: 1, changed: 1 })).toBe('2 entries joined, 1 left and 1 changed since');
    expect(describeSinceReview({ joined: 0, left: 0, changed: 2 })).toBe('2 entries changed since');
    expect(describeSinceReview({ joined: 0, left: 0, changed: 0 })).toBe('');
  });
});
