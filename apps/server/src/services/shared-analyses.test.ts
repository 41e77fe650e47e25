import { describe, expect, it } from 'vitest';
import type { HighlightCountInputs } from './highlight-counts.js';
import { createSharedAnalyses } from './shared-analyses.js';

const inputs = (over: Partial<HighlightCountInputs> = {}): HighlightCountInputs => ({
  chronologyId: 'c1',
  viewing: '*',
  day: '2026-12-07',
  entryCount: 80,
  lastChangeAt: '2026-12-07T10:00:00.000Z',
  reviewCount: 0,
  overdueActions: 0,
  dateOfBirth: '2015-03-01',
  agencies: 'k',
  family: '',
  ...over,
});

describe('shared analyses', () => {
  it('are found under exactly the key they were kept under, by every view alike in it', () => {
    const kept = createSharedAnalyses<string>();
    kept.keep(inputs(), 'a');
    expect(kept.find(inputs())).toBe('a');
    expect(kept.find(inputs())).toBe('a');
    // Any part of the key changed: a later state, another view, another day.
    for (const over of [{ lastChangeAt: '2026-12-07T10:00:01.000Z' }, { entryCount: 81 }, { viewing: 'thames-valley-police' }, { day: '2026-12-08' }, { reviewCount: 1 }, { family: 'x' }]) {
      expect(kept.find(inputs(over)), JSON.stringify(over)).toBeUndefined();
    }
    expect(kept.holds('c1')).toBe(true);
    expect(kept.holds('c2')).toBe(false);
  });

  it('are kept a short while, and at most so many, the oldest dropped first', () => {
    let t = 0;
    const kept = createSharedAnalyses<string>({ kept: 2, forMs: 1_000, now: () => t });
    kept.keep(inputs({ chronologyId: 'a' }), 'a');
    kept.keep(inputs({ chronologyId: 'b' }), 'b');
    kept.keep(inputs({ chronologyId: 'c' }), 'c');
    expect(kept.find(inputs({ chronologyId: 'a' }))).toBeUndefined();
    expect(kept.find(inputs({ chronologyId: 'b' }))).toBe('b');
    t = 999;
    expect(kept.holds('c')).toBe(true);
    t = 1_000;
    expect(kept.holds('c')).toBe(false);
    expect(kept.find(inputs({ chronologyId: 'b' }))).toBeUndefined();
    expect(kept.size).toBe(0);
  });

  it('keep nothing when told to keep none (the bench’s reference)', () => {
    const kept = createSharedAnalyses<string>({ kept: 0 });
    kept.keep(inputs(), 'a');
    expect(kept.find(inputs())).toBeUndefined();
    expect(kept.holds('c1')).toBe(false);
  });
});
