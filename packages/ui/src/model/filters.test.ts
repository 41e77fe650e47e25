import { describe, expect, it } from 'vitest';
import { buildEntry, testUuid } from '@mac/domain/testing';
import { toView } from './entry-view.js';
import {
  EMPTY_FILTERS,
  decodeFilters,
  describeFilters,
  encodeFilters,
  filterProblems,
  filterViews,
  isFiltering,
  type Filters,
} from './filters.js';

const view = (o: Parameters<typeof buildEntry>[0] = {}) => toView(buildEntry({ id: testUuid(), ...o }));

describe('filters in the URL', () => {
  it('round-trips every filter through the query string', () => {
    const filters: Filters = {
      from: '2022',
      to: '31/03/2023',
      agencies: ['thames-valley-police', 'northway-primary'],
      groups: ['health'],
      categories: ['injury', 'self-harm'],
      text: 'bruise on arm',
      withdrawn: true,
    };
    const decoded = decodeFilters(encodeFilters(filters));
    expect(decoded).toEqual({ ...filters, agencies: ['northway-primary', 'thames-valley-police'], categories: ['injury', 'self-harm'] });
  });

  it('writes nothing for the defaults and keeps parameters it does not own', () => {
    const params = encodeFilters(EMPTY_FILTERS, new URLSearchParams('entry=abc&agency=x'));
    expect(params.toString()).toBe('entry=abc');
  });

  it('gives one view one URL whatever order things were chosen in', () => {
    const a = encodeFilters({ ...EMPTY_FILTERS, agencies: ['b-agency', 'a-agency'] }).toString();
    const b = encodeFilters({ ...EMPTY_FILTERS, agencies: ['a-agency', 'b-agency'] }).toString();
    expect(a).toBe(b);
  });

  it('drops unknown categories, groups and malformed agency slugs from a hand-edited link', () => {
    const f = decodeFilters(new URLSearchParams('category=injury,made-up&group=health,nope&agency=Good-Slug,thames-valley-police'));
    expect(f.categories).toEqual(['injury']);
    expect(f.groups).toEqual(['health']);
    expect(f.agencies).toEqual(['thames-valley-police']);
  });

  it('knows when anything is being filtered', () => {
    expect(isFiltering(EMPTY_FILTERS)).toBe(false);
    expect(isFiltering({ ...EMPTY_FILTERS, withdrawn: true })).toBe(false);
    expect(isFiltering({ ...EMPTY_FILTERS, text: 'x' })).toBe(true);
  });
});

describe('matching entries', () => {
  it('hides withdrawn entries unless asked', () => {
    const list = [view(), view({ status: 'withdrawn', withdrawnReason: 'entered twice' })];
    expect(filterViews(list, EMPTY_FILTERS)).toHaveLength(1);
    expect(filterViews(list, { ...EMPTY_FILTERS, withdrawn: true })).toHaveLength(2);
  });

  it('filters by agency, and by category group or single category', () => {
    const police = view({ agency: 'thames-valley-police', category: 'domestic-abuse-incident' });
    const school = view({ agency: 'northway-primary', category: 'school-absence' });
    const injury = view({ agency: 'northway-primary', category: 'injury' });
    const all = [police, school, injury];
    expect(filterViews(all, { ...EMPTY_FILTERS, agencies: ['northway-primary'] })).toEqual([school, injury]);
    expect(filterViews(all, { ...EMPTY_FILTERS, groups: ['education'] })).toEqual([school]);
    expect(filterViews(all, { ...EMPTY_FILTERS, groups: ['education'], categories: ['injury'] })).toEqual([school, injury]);
  });

  it('matches a date range by overlap, so a month-precision entry counts in any of its days', () => {
    const april = view({ date: '2023-04' });
    const may = view({ date: '2023-05-02' });
    const period = view({ date: '2023-01-01..2023-12-31' });
    const list = [april, may, period];
    expect(filterViews(list, { ...EMPTY_FILTERS, from: '15/04/2023', to: '30/04/2023' })).toEqual([april, period]);
    expect(filterViews(list, { ...EMPTY_FILTERS, from: '2023-05' })).toEqual([may, period]);
  });

  it('ignores an unreadable date bound but says why', () => {
    const list = [view()];
    const filters = { ...EMPTY_FILTERS, from: '31/02/2023' };
    expect(filterViews(list, filters)).toHaveLength(1);
    expect(filterProblems(filters)).toEqual([{ field: 'from', message: expect.stringContaining('not a real date') }]);
    expect(filterProblems({ ...EMPTY_FILTERS, from: '2024', to: '2023' })[0]?.field).toBe('to');
  });

  it('finds every word of the text anywhere in the entry, ignoring case', () => {
    const a = view({ summary: 'Bruise seen on left arm', actionTaken: 'Referred to MASH' });
    const b = view({ summary: 'Missed appointment' });
    expect(filterViews([a, b], { ...EMPTY_FILTERS, text: 'ARM mash' })).toEqual([a]);
    expect(filterViews([a, b], { ...EMPTY_FILTERS, text: 'arm missed' })).toEqual([]);
  });

  it('describes the filters in words', () => {
    expect(describeFilters(EMPTY_FILTERS)).toBe('all entries');
    expect(describeFilters({ ...EMPTY_FILTERS, groups: ['health'], from: '2022', text: 'arm' })).toBe('Health; from 2022; containing “arm”');
  });
});
