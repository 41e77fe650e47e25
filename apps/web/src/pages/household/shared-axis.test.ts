import { describe, expect, it } from 'vitest';
import type { Entry } from '@mac/domain';
import { toView } from '@mac/ui';
import { sameRange, sharedRange } from './shared-axis.js';

const view = (id: string, date: string) => toView({ id, date } as Entry);

describe('the household view’s shared time axis', () => {
  it('spans every child’s entries, earliest to latest, with a margin either side', () => {
    const kai = [view('k1', '2019-03-01'), view('k2', '2024-05')];
    const leo = [view('l1', '2025-08-10'), view('l2', '2026-01-05')];
    const range = sharedRange([kai, leo])!;
    const first = kai[0]!.startDay;
    const last = leo[1]!.endDay + 1;
    expect(range.from).toBeLessThan(first);
    expect(range.to).toBeGreaterThan(last);
    expect(range.from).toBeGreaterThan(first - (last - first) * 0.05);
    // The same whichever order the children come in.
    expect(sharedRange([leo, kai])).toEqual(range);
  });

  it('covers the whole of a month or a period, and ignores dates it cannot read', () => {
    const month = sharedRange([[view('a', '2024-05'), view('b', 'not a date')]])!;
    expect(month.to - month.from).toBeGreaterThan(31);
  });

  it('is null when no child has a dated entry (a child the reader may not open brings none)', () => {
    expect(sharedRange([[], []])).toBeNull();
  });

  it('treats ranges within a few minutes as the same, so following a move does not echo', () => {
    expect(sameRange({ from: 100, to: 200 }, { from: 100.001, to: 199.999 })).toBe(true);
    expect(sameRange({ from: 100, to: 200 }, { from: 101, to: 200 })).toBe(false);
    expect(sameRange(null, { from: 100, to: 200 })).toBe(false);
  });
});
