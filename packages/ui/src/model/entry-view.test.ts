import { describe, expect, it } from 'vitest';
import { isoFromEpochDay, type Entry } from '@mac/domain';
import { toView, viewByParsing } from './entry-view.js';

function entry(date: string): Entry {
  return { id: `e-${date}`, date, time: '', agency: 'oxfordshire-csc', category: 'other', summary: 'An entry' } as Entry;
}

describe('toView', () => {
  // Exact days in canonical form are read straight from the digits: the view must be exactly the one the
  // date parser gives, for real days, days that are not real, years out of range and every other form.
  const dates = [
    '2023-04-05',
    '2024-02-29',
    '2023-02-29',
    '2023-13-01',
    '2023-00-10',
    '2023-04-00',
    '2023-04-31',
    '1899-12-31',
    '1900-01-01',
    '2100-12-31',
    '2101-01-01',
    '0999-01-01',
    '2023-4-5',
    ' 2023-04-05',
    '2023-04',
    '2023',
    '?2023-04-05',
    '?2023',
    '2023-04-01..2023-04-09',
    '2022-11..2023-02',
    'not a date',
    '',
  ];
  // Every day of eight years (leap years, month ends) as well.
  for (let day = 17_167; day < 17_167 + 8 * 366; day += 1) dates.push(isoFromEpochDay(day));

  it('gives the date parser’s view for every date', () => {
    for (const date of dates) {
      const e = entry(date);
      expect(toView(e), date).toEqual(viewByParsing(e));
    }
  });

  it('keeps one view per entry object', () => {
    const e = entry('2023-04-05');
    expect(toView(e)).toBe(toView(e));
    expect(toView(e)).toMatchObject({ startDay: 19_452, endDay: 19_452, precision: 'day', approximate: false, period: false, displayDate: '5 Apr 2023' });
  });
});
