import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, seedChronology, type TestDatabase } from '../testing.js';

let t: TestDatabase;
let chronologyId: string;
let userId: string;
beforeEach(() => {
  t = openTestDatabase({ now: () => new Date('2024-06-01T10:00:00.000Z') });
  const seeded = seedChronology(t.repos);
  chronologyId = seeded.chronology.id;
  userId = seeded.lead.id;
});
afterEach(() => t.cleanup());

describe('breakGlass', () => {
  it('creates a grant that is active until it expires', () => {
    const grant = t.repos.breakGlass.create({ chronologyId, userId, reason: 'Out-of-hours strategy discussion', expiresAt: '2024-06-01T14:00:00.000Z' });
    expect(grant).toEqual({
      id: expect.any(String),
      chronologyId,
      userId,
      reason: 'Out-of-hours strategy discussion',
      grantedAt: '2024-06-01T10:00:00.000Z',
      expiresAt: '2024-06-01T14:00:00.000Z',
      reviewedBy: null,
      reviewedAt: null,
      reviewNote: null,
    });
    expect(t.repos.breakGlass.get(grant.id)).toEqual(grant);
    expect(t.repos.breakGlass.activeFor(chronologyId, '2024-06-01T13:59:59.999Z')).toEqual([grant]);
    expect(t.repos.breakGlass.activeFor(chronologyId, '2024-06-01T14:00:00.000Z')).toEqual([]);
    expect(t.repos.breakGlass.activeForUser(userId, '2024-06-01T12:00:00.000Z')).toEqual([grant]);
    expect(t.repos.breakGlass.activeForUser('someone-else', '2024-06-01T12:00:00.000Z')).toEqual([]);
  });

  it('ends a grant early, once', () => {
    const grant = t.repos.breakGlass.create({ chronologyId, userId, reason: 'r', expiresAt: '2024-06-01T14:00:00.000Z' });
    expect(t.repos.breakGlass.end(grant.id, '2024-06-01T11:00:00.000Z')).toBe(true);
    expect(t.repos.breakGlass.end(grant.id, '2024-06-01T12:00:00.000Z')).toBe(false);
    expect(t.repos.breakGlass.activeFor(chronologyId, '2024-06-01T11:30:00.000Z')).toEqual([]);
  });

  it('records one review and keeps a queue of unreviewed grants', () => {
    const a = t.repos.breakGlass.create({ chronologyId, userId, reason: 'a', expiresAt: '2024-06-01T14:00:00.000Z', grantedAt: '2024-06-01T09:00:00.000Z' });
    const b = t.repos.breakGlass.create({ chronologyId, userId, reason: 'b', expiresAt: '2024-06-01T14:00:00.000Z' });
    expect(t.repos.breakGlass.listUnreviewed().map((g) => g.id)).toEqual([a.id, b.id]);
    expect(t.repos.breakGlass.review(a.id, { reviewedBy: 'dsl-1', note: 'Justified' })).toBe(true);
    expect(t.repos.breakGlass.review(a.id, { reviewedBy: 'dsl-2', note: 'again' })).toBe(false);
    expect(t.repos.breakGlass.get(a.id)).toMatchObject({ reviewedBy: 'dsl-1', reviewNote: 'Justified', reviewedAt: '2024-06-01T10:00:00.000Z' });
    expect(t.repos.breakGlass.listUnreviewed().map((g) => g.id)).toEqual([b.id]);
    expect(t.repos.breakGlass.listForChronology(chronologyId).map((g) => g.id)).toEqual([b.id, a.id]);
  });

  it('refuses a grant for an unknown user or chronology', () => {
    expect(() => t.repos.breakGlass.create({ chronologyId, userId: 'ghost', reason: 'r', expiresAt: 'x' })).toThrow(/FOREIGN KEY/);
    expect(() => t.repos.breakGlass.create({ chronologyId: 'ghost', userId, reason: 'r', expiresAt: 'x' })).toThrow(/FOREIGN KEY/);
  });
});
