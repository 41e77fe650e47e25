import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateBounds, epochDay, parseChronoDate, precisionOf } from '../dates.js';
import { buildTimeline, startOfDate } from './timeline.js';

// What the general parser says, to hold the fast path to it.
function slow(date: string): { day: number; coarse: boolean } | null {
  const parsed = parseChronoDate(date);
  if (!parsed.ok) return null;
  const { start, end } = parsed.date;
  return { day: epochDay(dateBounds(parsed.date).first), coarse: end !== null || start.approximate || precisionOf(start) !== 'day' };
}

describe('startOfDate', () => {
  it.each([
    ['2023-04-05', '2023-04-05', false],
    ['?2023-04-05', '2023-04-05', true],
    ['2023-04', '2023-04-01', true],
    ['?2023-04', '2023-04-01', true],
    ['2023', '2023-01-01', true],
    ['2023-04-05..2023-06-30', '2023-04-05', true],
    ['2023-04..2023-06', '2023-04-01', true],
    ['05/04/2023', '2023-04-05', false],
    ['1900-01-01', '1900-01-01', false],
    ['2024-02-29', '2024-02-29', false],
  ])('reads %s as starting %s (coarse: %s)', (date, first, coarse) => {
    expect(startOfDate(date)).toEqual({ day: epochDay(first), coarse });
  });

  it.each(['2023-02-29', '2023-13-01', '2023-00', '1899', '2101-01-01', '', '?', '2023-04-05..2023-04-01', 'spring 2023'])(
    'refuses %s',
    (date) => {
      expect(startOfDate(date)).toBeNull();
    },
  );

  it('agrees with parseChronoDate on any text', () => {
    const digit = fc.constantFrom(...'0123456789');
    const shaped = fc
      .tuple(fc.constantFrom('', '?'), fc.array(fc.oneof(digit, fc.constantFrom('-', '/', '.', '?')), { minLength: 1, maxLength: 12 }))
      .map(([mark, chars]) => mark + chars.join(''));
    const dates = fc.tuple(fc.constantFrom('', '?'), fc.integer({ min: -30000, max: 60000 }), fc.constantFrom(10, 7, 4)).map(
      ([mark, d, len]) => mark + new Date(d * 86400000).toISOString().slice(0, len),
    );
    fc.assert(
      fc.property(fc.oneof(fc.string(), shaped, dates), (text) => {
        expect(startOfDate(text)).toEqual(slow(text));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('buildTimeline', () => {
  it('orders by day, then id, whatever the input order', () => {
    const e = (id: string, date: string) => ({ id, date, agency: 'a', category: 'injury', status: 'active' });
    const entries = [e('b', '2023-01-02'), e('a', '2023-01-02'), e('c', '2022-12-31'), e('d', '2023-01')];
    const ids = (list: typeof entries) => buildTimeline(list, epochDay('2030-01-01')).points.map((p) => p.id);
    expect(ids(entries)).toEqual(['c', 'd', 'a', 'b']);
    expect(ids([...entries].reverse())).toEqual(['c', 'd', 'a', 'b']);
  });
});
