import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MIGRATIONS_FOLDER } from '../open.js';
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
  it('adds a review with the entries it covered', () => {
    const saved = t.repos.patternReviews.add(review({ entryIds: ['e1', 'e2'], entryStates: { e1: 'h1', e2: 'h2' } }));
    expect(saved).toEqual({ ...review(), entryIds: ['e1', 'e2'], entryStates: { e1: 'h1', e2: 'h2' }, id: expect.any(String), reviewedAt: '2024-06-01T10:00:00.000Z' });
    expect(t.repos.patternReviews.byId(saved.id)).toEqual(saved);
    expect(t.repos.patternReviews.byId('missing')).toBeNull();
  });

  it('keeps every review of a highlight, oldest first', () => {
    t.repos.patternReviews.add(review({ id: 'second', status: 'dismissed', note: 'Explained by a known condition', entryFingerprint: 'fp-2', reviewedAt: '2024-06-02T00:00:00.000Z' }));
    t.repos.patternReviews.add(review({ id: 'first' }));
    t.repos.patternReviews.add(review({ id: 'third', highlightKey: 'other:1', reviewedAt: '2024-06-03T00:00:00.000Z' }));
    const list = t.repos.patternReviews.listForChronology(chronologyId);
    expect(list.map((r) => [r.id, r.highlightKey, r.status, r.entryFingerprint])).toEqual([
      ['first', 'repeat-injury:abc', 'reviewed', 'fp-1'],
      ['second', 'repeat-injury:abc', 'dismissed', 'fp-2'],
      ['third', 'other:1', 'reviewed', 'fp-1'],
    ]);
  });

  it('counts reviews per chronology in one query (0 for none)', () => {
    const other = seedChronology(t.repos).chronology.id;
    t.repos.patternReviews.add(review());
    t.repos.patternReviews.add(review({ highlightKey: 'other:1' }));
    expect(t.repos.patternReviews.countByChronology([chronologyId, other, 'unknown'])).toEqual({ [chronologyId]: 2, [other]: 0, unknown: 0 });
    expect(t.repos.patternReviews.countByChronology([])).toEqual({});
  });

  it('refuses a review of an unknown chronology', () => {
    expect(() => t.repos.patternReviews.add(review({ chronologyId: 'ghost' }))).toThrow(/FOREIGN KEY/);
  });

  it('the migration gives reviews saved before it their entry ids from the audit record', () => {
    const old = t.repos.patternReviews.add(review());
    const other = t.repos.patternReviews.add(review({ highlightKey: 'never-audited' }));
    const actor = { actorId: 'u1', actorLabel: 'Lead', actorAgency: 'csc', chronologyId };
    t.repos.audit.append({ ...actor, action: 'pattern:reviewed', outcome: 'allowed', details: { highlightId: 'repeat-injury:abc', entryIds: ['old-a'] } });
    t.repos.audit.append({ ...actor, action: 'pattern:dismissed', outcome: 'allowed', details: { highlightId: 'repeat-injury:abc', entryIds: ['e1', 'e2'] } });
    t.repos.audit.append({ ...actor, action: 'pattern:reviewed', outcome: 'refused', details: { highlightId: 'repeat-injury:abc', entryIds: ['refused'] } });
    const sql = readFileSync(join(MIGRATIONS_FOLDER, '0004_review-history.sql'), 'utf8');
    const backfill = sql.split('--> statement-breakpoint').find((s) => s.includes('UPDATE'))!;
    t.db.sqlite.exec(backfill);
    expect(t.repos.patternReviews.byId(old.id)?.entryIds).toEqual(['e1', 'e2']);
    expect(t.repos.patternReviews.byId(other.id)?.entryIds).toEqual([]);
  });
});
