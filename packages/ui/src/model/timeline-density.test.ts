import { describe, expect, it } from 'vitest';
import { buildEntry } from '@mac/domain/testing';
import { epochDay } from '@mac/domain';
import { toView } from './entry-view.js';
import { binStart, densityLevel, densityUnit, laneDensity, nextBin } from './timeline-density.js';
import { fitRange, zoomLevel } from './timeline-scale.js';

const view = (date: string, extra: Record<string, unknown> = {}) => toView(buildEntry({ date, ...extra }));

describe('timeline density', () => {
  it('chooses a bin that follows the zoom: months at year zoom, down to days', () => {
    const eightYears = fitRange(epochDay('2017-01-01'), epochDay('2024-12-31'), 900);
    expect(zoomLevel(eightYears.pxPerDay)).toBe('years');
    expect(densityUnit(eightYears.pxPerDay)).toBe('month');
    expect(densityUnit(1 / 40)).toBe('year');
    expect(densityUnit(2)).toBe('week');
    expect(densityUnit(20)).toBe('day');
  });

  it('steps through calendar bins: months of different lengths, weeks from Monday, leap years', () => {
    const feb = epochDay('2024-02-01');
    expect(binStart(epochDay('2024-02-29'), 'month')).toBe(feb);
    expect(nextBin(feb, 'month')).toBe(epochDay('2024-03-01'));
    expect(nextBin(epochDay('2024-01-01'), 'year')).toBe(epochDay('2025-01-01'));
    expect(binStart(epochDay('2024-03-07'), 'week')).toBe(epochDay('2024-03-04')); // a Thursday → its Monday
  });

  it('shows a year with twenty concerns far darker than a year with four, where the marks could not', () => {
    const busy = Array.from({ length: 20 }, (_, i) => view(`2021-03-${String(1 + i).padStart(2, '0')}`));
    const quiet = Array.from({ length: 4 }, (_, i) => view(`2019-0${1 + i * 2}-10`));
    const vp = fitRange(epochDay('2017-01-01'), epochDay('2024-12-31'), 900);
    const d = laneDensity([...busy, ...quiet], vp);
    expect(d.unit).toBe('month');
    const march2021 = d.bins.find((b) => b.fromDay === epochDay('2021-03-01'))!;
    expect(march2021.count).toBe(20);
    expect(march2021.level).toBe(4);
    expect(d.bins.filter((b) => b.fromDay < epochDay('2020-01-01')).map((b) => b.level)).toEqual([1, 1, 1, 1]);
    expect(d.busiest?.fromDay).toBe(epochDay('2021-03-01'));
    // Bins are placed where their days are.
    expect(march2021.left).toBeCloseTo((epochDay('2021-03-01') - vp.start) * vp.pxPerDay, 6);
    expect(march2021.width).toBeCloseTo(31 * vp.pxPerDay, 6);
  });

  it('spreads a year-only entry over its months and leaves withdrawn entries out', () => {
    const vp = fitRange(epochDay('2020-01-01'), epochDay('2022-12-31'), 900);
    const d = laneDensity([view('2021'), view('2021-06-02', { status: 'withdrawn' })], vp);
    const in2021 = d.bins.filter((b) => b.fromDay >= epochDay('2021-01-01') && b.fromDay < epochDay('2022-01-01'));
    expect(in2021).toHaveLength(12);
    expect(in2021.reduce((n, b) => n + b.count, 0)).toBeCloseTo(1, 9);
    expect(in2021.every((b) => b.level === 1)).toBe(true);
    expect(d.bins).toHaveLength(12);
  });

  it('bins only what is in view', () => {
    const vp = fitRange(epochDay('2023-01-01'), epochDay('2023-03-31'), 900);
    const d = laneDensity([view('2010-05-05'), view('2023-02-14'), view('2030-01-01')], vp);
    expect(d.bins.map((b) => b.count)).toEqual([1]);
    expect(laneDensity([], vp).busiest).toBeNull();
  });

  it('levels: one, two to three, four to six, seven or more', () => {
    expect([0, 0.2, 1, 1.99, 2, 3, 4, 6, 7, 30].map(densityLevel)).toEqual([0, 1, 1, 1, 2, 2, 3, 3, 4, 4]);
  });
});
