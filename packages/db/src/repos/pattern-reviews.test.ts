import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, seedChronology, type TestDatabase } from '../testing.js';

let t: TestDatabase;
let chronologyId: string;
beforeEach(() => {
  t = openTestDatabase({ now: () => new Date('2024-06-01T10:00:00.000Z') });
  chronologyId = seedChronology(t.repos).chronology.id;
});
afterEach(() => t.cleanup());

const review = (overrides = {}) => ({
  chronologyId,
  ruleId: 'repeat-injury',
  highlightKey: 'repeat-injury:abc',
  status: 'reviewed' as const,
  note: 'Discussed at strategy meeting',
  entryFingerprint: 'fp-1',
  reviewedBy: 'u1',
  ...overrides,
});

describe('patternReviews', () => {
  it('records a review and finds it by highlight', () => {
    const saved = t.repos.patternReviews.upsert(review());
    expect(saved).toEqual({ ...review(), id: expect.any(String), reviewedAt: '2024-06-01T10:00:00.000Z' });
    expect(t.repos.patternReviews.get(chronologyId, 'repeat-injury:abc')).toEqual(saved);
    expect(t.repos.patternReviews.get(chronologyId, 'other')).toBeNull();
  });

  it('a new review of the same highlight replaces the last', () => {
    t.repos.patternReviews.upsert(review());
    t.repos.patternReviews.upsert(review({ id: 'new-id', status: 'dismissed', note: 'Explained by a known condition', entryFingerprint: 'fp-2', reviewedAt: '2024-06-02T00:00:00.000Z' }));
    t.repos.patternReviews.upsert(review({ highlightKey: 'other:1' }));
    const list = t.repos.patternReviews.listForChronology(chronologyId);
    expect(list.map((r) => [r.highlightKey, r.status, r.entryFingerprint])).toEqual([
      ['repeat-injury:abc', 'dismissed', 'fp-2'],
      ['other:1', 'reviewed', 'fp-1'],
    ]);
  });

  it('refuses a review of an unknown chronology', () => {
    expect(() => t.repos.patternReviews.upsert(review({ chronologyId: 'ghost' }))).toThrow(/FOREIGN KEY/);
  });
});
