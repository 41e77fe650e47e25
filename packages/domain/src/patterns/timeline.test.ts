import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateBounds, epochDay, parseChronoDate, precisionOf } from '../dates.js';
import type { PatternEntry } from './types.js';
import { buildTimeline, compareText, pointsOf, startOfDate } from './timeline.js';

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
    // Periods whose sides have any precision and either order (an end before the start is refused),
    // with stray spaces and extra dots that only the general parser reads or refuses.
    const periods = fc
      .tuple(dates, dates, fc.constantFrom('..', ' .. ', '...', '..'))
      .map(([from, to, dots]) => `${from}${dots}${to}`);
    fc.assert(
      fc.property(fc.oneof(fc.string(), shaped, dates, periods), (text) => {
        expect(startOfDate(text)).toEqual(slow(text));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('compareText', () => {
  it('orders any two strings as < does, ropes built by concatenation included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), fc.string(), (a, b, tail) => {
        const expected = a < b ? -1 : a > b ? 1 : 0;
        expect(compareText(a, b)).toBe(expected);
        // A rope (template literal) and a common prefix, so the loop must read past it.
        expect(compareText(`${tail}${a}`, `${tail}${b}`)).toBe(expected);
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

// The straightforward reading of what buildTimeline promises, to hold its counting sort, insertion
// sort and category index to it: parse every date with the general parser, drop what is withdrawn,
// unreadable or after asOf, and sort with one comparator.
function straightforwardTimeline(entries: readonly PatternEntry[], asOfDay: number) {
  const kept = entries
    .filter((e) => e.status !== 'withdrawn')
    .map((e) => ({ e, start: slow(e.date) }))
    .filter((x): x is { e: PatternEntry; start: { day: number; coarse: boolean } } => x.start !== null && x.start.day <= asOfDay);
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  kept.sort(
    (x, y) =>
      x.start.day - y.start.day || cmp(x.e.id, y.e.id) || cmp(x.e.agency, y.e.agency) || cmp(x.e.category, y.e.category) || cmp(x.e.date, y.e.date),
  );
  return kept.map((x, seq) => ({ id: x.e.id, day: x.start.day, coarse: x.start.coarse, agency: x.e.agency, category: x.e.category, seq }));
}

describe('buildTimeline against a straightforward sort', () => {
  const day0 = epochDay('2023-01-01');
  const iso = (d: number): string => new Date((day0 + d) * 86400000).toISOString().slice(0, 10);
  const date = fc.oneof(
    fc.integer({ min: 0, max: 60 }).map(iso),
    fc.integer({ min: 0, max: 60 }).map((d) => `?${iso(d)}`),
    fc.integer({ min: 0, max: 60 }).map((d) => iso(d).slice(0, 7)),
    fc.constantFrom('2023', '2022', '?2023'),
    fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: -5, max: 90 })).map(([d, n]) => `${iso(d)}..${iso(d + n)}`),
    fc.constantFrom('05/01/2023', 'March 2023', 'not a date', '2023-02-30', ''),
  );
  // Few ids, agencies and categories, so many entries tie on a day and the tie-breaks are exercised;
  // ids built by concatenation as well as plain, as real and synthetic ids are.
  const entry = fc.record({
    id: fc.oneof(fc.constantFrom('a', 'b', 'ab', 'é', '\u{1F600}', 'B'), fc.string({ maxLength: 3 }), fc.string({ maxLength: 3 }).map((x) => `${x}-${x}`)),
    date,
    agency: fc.constantFrom('police', 'school', 'health'),
    // Mostly one category, so that the others are sometimes few enough for pointsOf to sort them.
    category: fc.oneof(
      { weight: 12, arbitrary: fc.constant('school-absence') },
      { weight: 1, arbitrary: fc.constantFrom('injury', 'neglect-concern', 'not-a-category') },
    ),
    status: fc.constantFrom('active', 'active', 'withdrawn'),
  });

  it('keeps, orders and indexes the entries exactly as the straightforward sort does', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 200 }), fc.integer({ min: 0, max: 70 }), (entries, asOf) => {
        const timeline = buildTimeline(entries, day0 + asOf);
        const got = timeline.points.map((p) => ({ id: p.id, day: p.day, coarse: p.coarse, agency: p.agency, category: p.category, seq: p.seq }));
        expect(got).toEqual(straightforwardTimeline(entries, day0 + asOf));
        for (const [slug, list] of timeline.byCategory) {
          expect(list).toEqual(timeline.points.filter((p) => p.category === slug));
        }
        // pointsOf reads the index two ways (sorting a few positions, or marking many): both give
        // the timeline's own order.
        for (const picked of [['injury'], ['injury', 'neglect-concern'], ['injury', 'neglect-concern', 'school-absence', 'not-a-category']]) {
          expect(pointsOf(timeline, picked)).toEqual(timeline.points.filter((p) => picked.includes(p.category)));
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('pointsOf', () => {
  it('merges a few points of several categories into timeline order (the sorting path)', () => {
    const e = (id: string, date: string, category: string) => ({ id, date, agency: 'school', category, status: 'active' });
    const entries = [
      ...Array.from({ length: 300 }, (_, i) => e(`s${i}`, `2023-0${1 + (i % 9)}-1${i % 10}`, 'school-absence')),
      e('n2', '2023-05-02', 'neglect-concern'),
      e('i1', '2023-03-01', 'injury'),
      e('n1', '2023-01-20', 'neglect-concern'),
      e('i2', '2023-05-02', 'injury'),
    ];
    const timeline = buildTimeline(entries, epochDay('2024-01-01'));
    expect(pointsOf(timeline, ['injury', 'neglect-concern']).map((p) => p.id)).toEqual(['n1', 'i1', 'i2', 'n2']);
  });
});
