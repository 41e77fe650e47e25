import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ageAt,
  ageAtEntry,
  canonicalDate,
  compareEntries,
  dateBounds,
  epochDay,
  formatAge,
  formatChronoDate,
  isCanonicalDate,
  isoFromEpochDay,
  parseChronoDate,
  precisionOf,
  sortEntries,
  todayIso,
  type ChronoDate,
  type DatePoint,
} from './dates.js';

function ok(text: string) {
  const r = parseChronoDate(text);
  if (!r.ok) throw new Error(`expected ${text} to parse: ${r.message}`);
  return r;
}

function refused(text: string) {
  const r = parseChronoDate(text);
  if (r.ok) throw new Error(`expected ${text} to be refused, got ${r.canonical}`);
  return r;
}

const point = (year: number, month: number | null = null, day: number | null = null, approximate = false): DatePoint => ({
  year,
  month,
  day,
  approximate,
});

describe('parseChronoDate: accepted forms', () => {
  it.each([
    ['2023-04-05', '2023-04-05', '5 April 2023 (exact day)'],
    ['2023-4-5', '2023-04-05', '5 April 2023 (exact day)'],
    ['05/04/2023', '2023-04-05', '5 April 2023 (exact day)'],
    ['5/4/2023', '2023-04-05', '5 April 2023 (exact day)'],
    ['2023-04', '2023-04', 'April 2023 (month only)'],
    ['04/2023', '2023-04', 'April 2023 (month only)'],
    ['4/2023', '2023-04', 'April 2023 (month only)'],
    ['2023', '2023', '2023 (year only)'],
    ['?2021', '?2021', 'around 2021 (approximate year)'],
    ['? 2021', '?2021', 'around 2021 (approximate year)'],
    ['?03/2021', '?2021-03', 'around March 2021 (approximate month)'],
    ['?14/03/2021', '?2021-03-14', 'around 14 March 2021 (approximate day)'],
    ['  2023-04-05  ', '2023-04-05', '5 April 2023 (exact day)'],
    ['29/02/2024', '2024-02-29', '29 February 2024 (exact day)'],
    ['1900', '1900', '1900 (year only)'],
    ['31/12/2100', '2100-12-31', '31 December 2100 (exact day)'],
  ])('%s -> %s', (text, canonical, understood) => {
    const r = ok(text);
    expect(r.canonical).toBe(canonical);
    expect(r.understood).toBe(understood);
  });

  it('reads a period with either side in any form', () => {
    const r = ok('03/03/2023..2023-04-09');
    expect(r.canonical).toBe('2023-03-03..2023-04-09');
    expect(r.understood).toBe('period from 3 March 2023 to 9 April 2023');
    expect(r.date).toEqual({ start: point(2023, 3, 3), end: point(2023, 4, 9) });
    expect(ok('?2021..04/2023').canonical).toBe('?2021..2023-04');
    expect(ok('?2021..04/2023').understood).toBe('period from around 2021 to April 2023');
    expect(ok('2022 .. ?2023').canonical).toBe('2022..?2023');
  });

  it('accepts a period that ends within the month or year it starts in', () => {
    expect(ok('2023-04-10..2023-04').canonical).toBe('2023-04-10..2023-04');
    expect(ok('2023-04-05..2023-04-05').canonical).toBe('2023-04-05..2023-04-05');
  });
});

describe('parseChronoDate: natural dates (month words and approximation words)', () => {
  it.each([
    ['March 2023', '2023-03', 'March 2023 (month only)'],
    ['march 2023', '2023-03', 'March 2023 (month only)'],
    ['Mar 2023', '2023-03', 'March 2023 (month only)'],
    ['Mar. 2023', '2023-03', 'March 2023 (month only)'],
    ['MAR 2023', '2023-03', 'March 2023 (month only)'],
    ['Sept 2022', '2022-09', 'September 2022 (month only)'],
    ['Sep 2022', '2022-09', 'September 2022 (month only)'],
    ['September, 2022', '2022-09', 'September 2022 (month only)'],
    ['5 April 2023', '2023-04-05', '5 April 2023 (exact day)'],
    ['5th April 2023', '2023-04-05', '5 April 2023 (exact day)'],
    ['1st of May 2023', '2023-05-01', '1 May 2023 (exact day)'],
    ['April 5, 2023', '2023-04-05', '5 April 2023 (exact day)'],
    ['around March 2023', '?2023-03', 'around March 2023 (approximate month)'],
    ['Around Mar 2023', '?2023-03', 'around March 2023 (approximate month)'],
    ['about 2021', '?2021', 'around 2021 (approximate year)'],
    ['approximately 2021', '?2021', 'around 2021 (approximate year)'],
    ['approx. 2021', '?2021', 'around 2021 (approximate year)'],
    ['c. 2021', '?2021', 'around 2021 (approximate year)'],
    ['c.2021', '?2021', 'around 2021 (approximate year)'],
    ['c 2021', '?2021', 'around 2021 (approximate year)'],
    ['circa 2021', '?2021', 'around 2021 (approximate year)'],
    ['ca. 2021', '?2021', 'around 2021 (approximate year)'],
    ['circa 03/2021', '?2021-03', 'around March 2021 (approximate month)'],
    ['about 14/03/2021', '?2021-03-14', 'around 14 March 2021 (approximate day)'],
    ['around 2021-03-14', '?2021-03-14', 'around 14 March 2021 (approximate day)'],
    ['c. 5 Apr 2023', '?2023-04-05', 'around 5 April 2023 (approximate day)'],
    ['August 2023', '2023-08', 'August 2023 (month only)'],
    ['Dec 2023', '2023-12', 'December 2023 (month only)'],
  ])('%s -> %s', (text, canonical, understood) => {
    const r = ok(text);
    expect(r.canonical).toBe(canonical);
    expect(r.understood).toBe(understood);
  });

  it('reads natural forms on either side of a period', () => {
    expect(ok('March 2023..June 2023').canonical).toBe('2023-03..2023-06');
    expect(ok('around 2019..Sept 2022').canonical).toBe('?2019..2022-09');
  });

  it('reads back every single date as it is displayed', () => {
    fc.assert(
      fc.property(arbPoint, (start) => {
        const date = { start, end: null };
        expect(ok(formatChronoDate(date)).canonical).toBe(canonicalDate(date));
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ['Marhc 2023', '"Marhc" is not a month we can read'],
    ['Sept 22', 'the year must have four digits (it has two)'],
    ['March 1899', 'the year must be between 1900 and 2100'],
    ['31 February 2023', 'is not a real date: February 2023 has 28 days'],
    ['31st April 2023', 'is not a real date: April 2023 has 30 days'],
    ['around', '"around" must be followed by a date'],
    ['circa', '"circa" must be followed by a date'],
    ['around around 2021', '"around" is not a month we can read'],
    ['around ?2021', 'is not a date we can read'],
    ['March', 'is not a date we can read'],
    ['2023 March', 'is not a date we can read'],
    ['about10/2021', 'is not a date we can read'],
  ])('refuses %s', (text, message) => {
    expect(refused(text).message).toContain(message);
  });

  it.each(['early 2021', 'mid 2021', 'mid-2021', 'late 2021', 'Late 2021', 'around late 2021', 'summer 2021', 'end of 2021'])(
    'refuses %s with a message saying what to write instead',
    (text) => {
      const r = refused(text);
      expect(r.message).toContain('does not say which months, so it cannot be stored exactly');
      expect(r.message).toContain('?2021');
      expect(r.message).toContain('2021-01..2021-04');
    },
  );

  it('names the month of a mistyped day in a month-word date', () => {
    const r = refused('30 Feb 2024');
    expect(r.message).toBe('30 Feb 2024 is not a real date: February 2024 has 29 days');
    expect(r.understood).toBe('day 30 of February 2024');
  });
});

describe('parseChronoDate: refusals say what was understood', () => {
  it('refuses an impossible day, naming the month length', () => {
    const r = refused('31/02/2023');
    expect(r.message).toBe('31/02/2023 is not a real date: February 2023 has 28 days');
    expect(r.understood).toBe('day 31 of February 2023');
    expect(refused('29/02/2023').message).toBe('29/02/2023 is not a real date: February 2023 has 28 days');
    expect(refused('2024-02-30').message).toBe('2024-02-30 is not a real date: February 2024 has 29 days');
    expect(refused('31/04/2023').message).toBe('31/04/2023 is not a real date: April 2023 has 30 days');
    expect(refused('00/04/2023').message).toBe('00/04/2023 is not a real date: there is no day 0');
  });

  it('refuses month 13 and month 0', () => {
    const r = refused('2023-13-01');
    expect(r.message).toBe('2023-13-01 is not a real date: there is no month 13');
    expect(r.understood).toBe('day 1, month 13, year 2023');
    expect(refused('2023-00').message).toBe('2023-00 is not a real date: there is no month 0');
    expect(refused('13/2023').message).toBe('13/2023 is not a real date: there is no month 13');
  });

  it('never guesses US order', () => {
    const r = refused('04/13/2023');
    expect(r.message).toContain('there is no month 13');
    expect(r.message).toContain('day first');
    // Ambiguous but valid UK dates are read day first.
    expect(ok('04/05/2023').canonical).toBe('2023-05-04');
  });

  it('refuses two-digit years', () => {
    const r = refused('05/04/23');
    expect(r.message).toBe('05/04/23: the year must have four digits (it has two)');
    expect(r.understood).toBe('day 5, month 4, year 23');
    expect(refused('04/23').message).toContain('the year must have four digits');
    expect(refused('23-04-05').message).toContain('the year must have four digits');
    expect(refused('23').message).toContain('the year must have four digits');
    expect(refused('20231').message).toContain('the year must have four digits (it has 5)');
  });

  it('refuses years outside 1900..2100', () => {
    expect(refused('1899').message).toBe('1899: the year must be between 1900 and 2100');
    expect(refused('01/01/2101').message).toBe('01/01/2101: the year must be between 1900 and 2100');
    expect(refused('0000-01').message).toContain('between 1900 and 2100');
  });

  it('refuses a period that ends before it starts', () => {
    const r = refused('2023-04-09..2023-03-03');
    expect(r.message).toBe('the period ends (3 March 2023) before it starts (9 April 2023)');
    expect(r.understood).toBe('period from 9 April 2023 to 3 March 2023');
    expect(refused('2023..2022').message).toContain('before it starts');
    expect(refused('2023-05..2023-04-30').message).toContain('before it starts');
  });

  it('names the side of a period at fault', () => {
    expect(refused('31/02/2023..2023-04').message).toBe(
      'start of the period: 31/02/2023 is not a real date: February 2023 has 28 days',
    );
    const end = refused('2023-01..2023-13');
    expect(end.message).toBe('end of the period: 2023-13 is not a real date: there is no month 13');
    expect(end.understood).toBe('period from January 2023 to month 13, year 2023');
    expect(refused('2023..').message).toContain('needs both a start and an end');
    expect(refused('..2023').message).toContain('needs both a start and an end');
    expect(refused('2021..2022..2023').message).toContain('more than one ".."');
  });

  it('refuses empty input and things that are not dates', () => {
    expect(refused('').message).toBe('a date is required');
    expect(refused('   ').message).toBe('a date is required');
    expect(refused('?').message).toBe('? must be followed by a date');
    expect(refused('5 Aprul 2023').message).toContain('"Aprul" is not a month we can read');
    expect(refused('05-04-2023').message).toContain('DD/MM/YYYY');
    expect(refused('??2021').message).toContain('is not a date we can read');
    expect(refused('2023/04/05').message).toContain('is not a date we can read');
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const r = parseChronoDate(text);
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) expect(r.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[?\d/.\- ]{0,24}$/), (text) => {
        const r = parseChronoDate(text);
        if (r.ok) expect(parseChronoDate(r.canonical)).toMatchObject({ ok: true, canonical: r.canonical });
      }),
      { numRuns: 2000 },
    );
  });
});

// Arbitrary valid points and dates, for property tests.
const arbPoint: fc.Arbitrary<DatePoint> = fc
  .record({
    year: fc.integer({ min: 1900, max: 2100 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
    precision: fc.constantFrom('day', 'month', 'year'),
    approximate: fc.boolean(),
  })
  .map(({ year, month, day, precision, approximate }) => {
    const lastDay = epochDay(`${year + (month === 12 ? 1 : 0)}-${String((month % 12) + 1).padStart(2, '0')}-01`) - 1;
    const clamped = Math.min(day, Number(isoFromEpochDay(lastDay).slice(8)));
    if (precision === 'year') return point(year, null, null, approximate);
    if (precision === 'month') return point(year, month, null, approximate);
    return point(year, month, clamped, approximate);
  });

const arbDate: fc.Arbitrary<ChronoDate> = fc.oneof(
  arbPoint.map((start) => ({ start, end: null })),
  fc.tuple(arbPoint, arbPoint).map(([a, b]) => {
    const [start, end] = dateBounds({ start: a, end: null }).first <= dateBounds({ start: b, end: null }).first ? [a, b] : [b, a];
    return { start, end };
  }),
);

describe('canonicalDate', () => {
  it.each<[ChronoDate, string]>([
    [{ start: point(2023, 4, 5), end: null }, '2023-04-05'],
    [{ start: point(2023, 4), end: null }, '2023-04'],
    [{ start: point(2023), end: null }, '2023'],
    [{ start: point(2021, null, null, true), end: null }, '?2021'],
    [{ start: point(2023, 3, 3), end: point(2023, 4, 9) }, '2023-03-03..2023-04-09'],
    [{ start: point(2021, 6, null, true), end: point(2022, null, null, true) }, '?2021-06..?2022'],
  ])('writes %j as %s', (date, text) => {
    expect(canonicalDate(date)).toBe(text);
    expect(isCanonicalDate(text)).toBe(true);
  });

  it('round-trips through parseChronoDate', () => {
    fc.assert(
      fc.property(arbDate, (date) => {
        const text = canonicalDate(date);
        const r = parseChronoDate(text);
        expect(r).toMatchObject({ ok: true, canonical: text });
        if (r.ok) expect(r.date).toEqual(date);
      }),
      { numRuns: 1000 },
    );
  });

  it('recognises non-canonical spellings', () => {
    expect(isCanonicalDate('05/04/2023')).toBe(false);
    expect(isCanonicalDate('2023-4-5')).toBe(false);
    expect(isCanonicalDate(' 2023')).toBe(false);
    expect(isCanonicalDate('2023-02-30')).toBe(false);
  });
});

describe('formatChronoDate', () => {
  it.each([
    ['2023-04-05', '5 Apr 2023'],
    ['2023-04', 'Apr 2023'],
    ['2023', '2023'],
    ['?2021', 'c. 2021'],
    ['?2021-09', 'c. Sep 2021'],
    ['?2021-09-01', 'c. 1 Sep 2021'],
    ['2023-03-03..2023-04-09', '3 Mar – 9 Apr 2023'],
    ['2022-12-30..2023-01-02', '30 Dec 2022 – 2 Jan 2023'],
    ['2022-03..2023-04', 'Mar 2022 – Apr 2023'],
    ['2023-03..2023-04-09', 'Mar 2023 – 9 Apr 2023'],
    ['2020..2022', '2020 – 2022'],
    ['?2020..2022-06-01', 'c. 2020 – 1 Jun 2022'],
  ])('%s is shown as %s', (text, shown) => {
    expect(formatChronoDate(text)).toBe(shown);
  });

  it('accepts a parsed date too', () => {
    expect(formatChronoDate({ start: point(2023, 12, 25), end: null })).toBe('25 Dec 2023');
  });

  it('shows an unreadable string as it is rather than failing', () => {
    expect(formatChronoDate('31/02/2023')).toBe('31/02/2023');
  });

  it('reads back as the same day, month and year', () => {
    fc.assert(
      fc.property(arbPoint, (p) => {
        const shown = formatChronoDate({ start: p, end: null });
        expect(shown.startsWith('c. ')).toBe(p.approximate);
        expect(shown.endsWith(String(p.year))).toBe(true);
        if (p.day !== null) expect(shown).toMatch(new RegExp(`(^|c\\. )${p.day} `));
      }),
    );
  });
});

describe('precisionOf and dateBounds', () => {
  it('tells the precision of a point', () => {
    expect(precisionOf(point(2023, 4, 5))).toBe('day');
    expect(precisionOf(point(2023, 4))).toBe('month');
    expect(precisionOf(point(2023))).toBe('year');
  });

  it.each([
    ['2023-04-05', '2023-04-05', '2023-04-05'],
    ['2023-04', '2023-04-01', '2023-04-30'],
    ['2024-02', '2024-02-01', '2024-02-29'],
    ['2023-02', '2023-02-01', '2023-02-28'],
    ['2023-12', '2023-12-01', '2023-12-31'],
    ['2023', '2023-01-01', '2023-12-31'],
    ['?2021', '2021-01-01', '2021-12-31'],
    ['2022-06..2023', '2022-06-01', '2023-12-31'],
    ['2023-03-03..2023-04-09', '2023-03-03', '2023-04-09'],
  ])('%s covers %s to %s', (text, first, last) => {
    expect(dateBounds(text)).toEqual({ first, last });
  });

  it('throws on a string that is not a date', () => {
    expect(() => dateBounds('nope')).toThrow(/not a chronology date/);
  });
});

describe('epoch days', () => {
  it('counts days from 1970-01-01', () => {
    expect(epochDay('1970-01-01')).toBe(0);
    expect(epochDay('1970-01-02')).toBe(1);
    expect(epochDay('1969-12-31')).toBe(-1);
    expect(epochDay('2000-03-01')).toBe(11017);
    expect(epochDay('1900-01-01')).toBe(-25567);
    expect(epochDay('2024-03-01') - epochDay('2024-02-28')).toBe(2);
    expect(epochDay('2023-03-01') - epochDay('2023-02-28')).toBe(1);
  });

  it('agrees with UTC Date arithmetic and inverts', () => {
    fc.assert(
      fc.property(fc.integer({ min: -30000, max: 50000 }), (n) => {
        const iso = isoFromEpochDay(n);
        expect(iso).toBe(new Date(n * 86_400_000).toISOString().slice(0, 10));
        expect(epochDay(iso)).toBe(n);
      }),
    );
  });

  it('refuses malformed input', () => {
    expect(() => epochDay('2023-4-5')).toThrow(RangeError);
    expect(() => epochDay('2023-02-29')).toThrow('2023-02-29 is not a real date');
    expect(() => epochDay('2023-13-01')).toThrow(RangeError);
    expect(() => epochDay('2023-01-00')).toThrow(RangeError);
    expect(epochDay('2024-02-29')).toBe(19782);
  });
});

describe('todayIso', () => {
  it('gives the date in London, not UTC', () => {
    // 23:30 UTC on 30 June is 00:30 on 1 July in British Summer Time.
    expect(todayIso(new Date('2023-06-30T23:30:00Z'))).toBe('2023-07-01');
    // In winter London is on UTC.
    expect(todayIso(new Date('2023-01-31T23:30:00Z'))).toBe('2023-01-31');
    expect(todayIso(new Date('2023-06-30T23:30:00Z'), 'UTC')).toBe('2023-06-30');
  });

  it('keeps its last answer only for the same second and time zone', () => {
    // Asked again and again within one second, across midnight, and in another zone at the same instant.
    expect(todayIso(new Date('2023-01-31T23:59:59.001Z'), 'UTC')).toBe('2023-01-31');
    expect(todayIso(new Date('2023-01-31T23:59:59.999Z'), 'UTC')).toBe('2023-01-31');
    expect(todayIso(new Date('2023-02-01T00:00:00.000Z'), 'UTC')).toBe('2023-02-01');
    expect(todayIso(new Date('2023-02-01T00:00:00.000Z'), 'America/New_York')).toBe('2023-01-31');
    expect(todayIso(new Date('2023-02-01T00:00:00.000Z'), 'UTC')).toBe('2023-02-01');
    expect(() => todayIso(new Date('not a date'))).toThrow();
  });
});

describe('ordering', () => {
  const e = (date: string, time = '', recordedAt = '2023-01-01T00:00:00Z', id = 'a') => ({ date, time, recordedAt, id });

  it('orders by start day, then time (none first), then recordedAt, then id', () => {
    const list = [
      e('2023-04-05', '10:00'),
      e('2023-04', ''),
      e('2023-04-05', ''),
      e('2023-04-05', '09:00', '2023-01-02T00:00:00Z', 'b'),
      e('2023-04-05', '09:00', '2023-01-02T00:00:00Z', 'a'),
      e('2023-04-05', '09:00', '2023-01-01T00:00:00Z', 'z'),
      e('2022-12-31..2023-05'),
      e('?2023'),
    ];
    const sorted = sortEntries(list);
    expect(sorted.map((x) => `${x.date} ${x.time} ${x.recordedAt.slice(0, 10)} ${x.id}`)).toEqual([
      '2022-12-31..2023-05  2023-01-01 a',
      '?2023  2023-01-01 a',
      '2023-04  2023-01-01 a',
      '2023-04-05  2023-01-01 a',
      '2023-04-05 09:00 2023-01-01 z',
      '2023-04-05 09:00 2023-01-02 a',
      '2023-04-05 09:00 2023-01-02 b',
      '2023-04-05 10:00 2023-01-01 a',
    ]);
    expect(list[0]!.time).toBe('10:00'); // the input is not sorted in place
  });

  it('puts unreadable dates last instead of throwing', () => {
    expect(sortEntries([e('bad'), e('2023')]).map((x) => x.date)).toEqual(['2023', 'bad']);
  });

  it('is a total order that agrees with sortEntries', () => {
    const arbEntry = fc.record({
      date: arbDate.map(canonicalDate),
      time: fc.constantFrom('', '09:00', '23:59'),
      recordedAt: fc.constantFrom('2023-01-01T00:00:00Z', '2023-01-02T00:00:00Z'),
      id: fc.constantFrom('a', 'b', 'c'),
    });
    fc.assert(
      fc.property(fc.array(arbEntry, { maxLength: 30 }), (list) => {
        const sorted = sortEntries(list);
        expect([...list].sort(compareEntries)).toEqual(sorted);
        for (let i = 1; i < sorted.length; i++) expect(compareEntries(sorted[i - 1]!, sorted[i]!)).toBeLessThanOrEqual(0);
        expect(sortEntries([...list].reverse())).toEqual(sorted);
      }),
    );
  });
});

describe('ages', () => {
  it('counts whole years, months and days', () => {
    expect(ageAt('2020-01-15', '2020-01-15')).toEqual({ years: 0, months: 0, days: 0, totalDays: 0 });
    expect(ageAt('2020-01-15', '2023-04-14')).toEqual({ years: 3, months: 2, days: 30, totalDays: 1185 });
    expect(ageAt('2020-01-15', '2023-04-15')).toEqual({ years: 3, months: 3, days: 0, totalDays: 1186 });
    expect(ageAt('2020-01-15', '2020-01-14')).toBeNull();
  });

  it('handles month ends', () => {
    expect(ageAt('2021-01-31', '2021-02-28')).toMatchObject({ years: 0, months: 0, days: 28 });
    expect(ageAt('2021-01-31', '2021-03-01')).toMatchObject({ years: 0, months: 1, days: 0 });
    expect(ageAt('2021-01-31', '2021-03-31')).toMatchObject({ years: 0, months: 2, days: 0 });
    expect(ageAt('2021-03-31', '2021-04-30')).toMatchObject({ years: 0, months: 0, days: 30 });
    expect(ageAt('2021-12-31', '2022-01-31')).toMatchObject({ years: 0, months: 1, days: 0 });
  });

  it('gives a child born on 29 February a birthday on 1 March in common years', () => {
    expect(ageAt('2020-02-29', '2021-02-28')).toEqual({ years: 0, months: 11, days: 30, totalDays: 365 });
    expect(ageAt('2020-02-29', '2021-03-01')).toEqual({ years: 1, months: 0, days: 0, totalDays: 366 });
    expect(ageAt('2020-02-29', '2024-02-29')).toMatchObject({ years: 4, months: 0, days: 0 });
    expect(ageAt('2020-02-29', '2020-03-29')).toMatchObject({ years: 0, months: 1, days: 0 });
  });

  it('always lands on `on` when the years, months and days are added back', () => {
    fc.assert(
      fc.property(fc.integer({ min: -20000, max: 40000 }), fc.integer({ min: 0, max: 7000 }), (birth, span) => {
        const dob = isoFromEpochDay(birth);
        const on = isoFromEpochDay(birth + span);
        const age = ageAt(dob, on)!;
        expect(age.totalDays).toBe(span);
        expect(age.months).toBeLessThan(12);
        expect(age.days).toBeGreaterThanOrEqual(0);
        expect(age.days).toBeLessThan(31);
        expect(age.years * 365 + age.months * 28 + age.days).toBeLessThanOrEqual(span);
      }),
    );
  });

  it.each([
    ['2023-01-01', '2023-01-01', '0 days'],
    ['2023-01-01', '2023-01-02', '1 day'],
    ['2023-01-01', '2023-01-28', '27 days'],
    ['2023-01-01', '2023-01-29', '4 weeks'],
    ['2023-01-01', '2023-03-31', '12 weeks'],
    ['2023-01-01', '2023-04-01', '3 months'],
    ['2023-01-01', '2024-12-31', '23 months'],
    ['2023-01-01', '2025-01-01', '2 years'],
    ['2023-01-01', '2025-02-01', '2 years 1 month'],
    ['2023-01-01', '2027-12-31', '4 years 11 months'],
    ['2023-01-01', '2028-01-01', '5 years'],
    ['2010-06-15', '2024-12-01', '14 years'],
    ['2020-01-01', '2021-01-01', '12 months'],
  ])('born %s, on %s: %s', (dob, on, text) => {
    expect(formatAge(ageAt(dob, on)!)).toBe(text);
  });

  it('takes the age at an entry from the start of its date', () => {
    expect(ageAtEntry('2020-06-15', '2023-06')).toMatchObject({ years: 2, months: 11, days: 17 });
    expect(ageAtEntry('2020-06-15', '2023-06-20..2023-07-01')).toMatchObject({ years: 3, months: 0, days: 5 });
    expect(ageAtEntry('2020-06-15', '?2024')).toMatchObject({ years: 3, months: 6 });
    expect(ageAtEntry(null, '2023-06')).toBeNull();
    expect(ageAtEntry('', '2023-06')).toBeNull();
    expect(ageAtEntry('2020-06-15', '2019')).toBeNull();
    expect(ageAtEntry('2020-06-15', 'not a date')).toBeNull();
    expect(ageAtEntry('15/06/2020', '2023')).toBeNull();
  });
});
