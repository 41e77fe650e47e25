import { describe, expect, it } from 'vitest';
import { epochDay } from '@mac/domain';
import {
  MAX_PX_PER_DAY,
  MIN_PX_PER_DAY,
  clampToExtent,
  dayToX,
  describeRange,
  fitRange,
  panBy,
  rangeViewport,
  resize,
  reveal,
  ticks,
  visibleRange,
  xToDay,
  zoomBy,
  zoomLevel,
} from './timeline-scale.js';

const day = epochDay;

describe('timeline scale', () => {
  it('fits a range into the width with a margin at both ends', () => {
    const vp = fitRange(day('2023-01-01'), day('2023-12-31'), 1000);
    const { from, to } = visibleRange(vp);
    expect(from).toBeLessThan(day('2023-01-01'));
    expect(to).toBeGreaterThan(day('2023-12-31') + 1);
    expect(to - from).toBeLessThan(365 * 1.1);
  });

  it('maps days to pixels and back', () => {
    const vp = fitRange(day('2020-01-01'), day('2024-12-31'), 800);
    const d = day('2022-06-15');
    expect(xToDay(vp, dayToX(vp, d))).toBeCloseTo(d, 6);
  });

  it('zooms around an anchor without moving the day under it', () => {
    const vp = fitRange(day('2020-01-01'), day('2024-12-31'), 800);
    const anchorDay = xToDay(vp, 200);
    const zoomed = zoomBy(vp, 2, 200);
    expect(zoomed.pxPerDay).toBeCloseTo(vp.pxPerDay * 2, 9);
    expect(xToDay(zoomed, 200)).toBeCloseTo(anchorDay, 6);
  });

  it('never zooms beyond its limits', () => {
    let vp = fitRange(day('2020-01-01'), day('2020-01-02'), 800);
    for (let i = 0; i < 30; i++) vp = zoomBy(vp, 2);
    expect(vp.pxPerDay).toBe(MAX_PX_PER_DAY);
    for (let i = 0; i < 60; i++) vp = zoomBy(vp, 0.5);
    expect(vp.pxPerDay).toBe(MIN_PX_PER_DAY);
  });

  it('pans by pixels and stops at the years a date may take', () => {
    const vp = fitRange(day('2023-01-01'), day('2023-12-31'), 730);
    const later = panBy(vp, 100);
    expect(later.start - vp.start).toBeCloseTo(100 / vp.pxPerDay, 6);
    const far = panBy(vp, -1e9);
    expect(far.start).toBe(day('1900-01-01'));
  });

  it('keeps the same days in view when resized', () => {
    const vp = fitRange(day('2021-01-01'), day('2021-12-31'), 600);
    const wider = resize(vp, 1200);
    expect(visibleRange(wider).from).toBeCloseTo(visibleRange(vp).from, 6);
    expect(visibleRange(wider).to).toBeCloseTo(visibleRange(vp).to, 6);
  });

  it('reveals a day outside the view by centring it, and leaves a visible one alone', () => {
    const vp = fitRange(day('2021-01-01'), day('2021-01-31'), 600);
    expect(reveal(vp, day('2021-01-15'))).toBe(vp);
    const moved = reveal(vp, day('2021-06-01'));
    expect(dayToX(moved, day('2021-06-01'))).toBeCloseTo(300, 6);
  });

  it('shows exactly a presenter\'s range on a screen of another width', () => {
    const presenter = fitRange(day('2022-01-01'), day('2022-06-30'), 1400);
    const { from, to } = visibleRange(presenter);
    const follower = rangeViewport(from, to, 700);
    expect(visibleRange(follower).from).toBeCloseTo(from, 6);
    expect(visibleRange(follower).to).toBeCloseTo(to, 6);
  });

  it('names the zoom level from years to days', () => {
    expect(zoomLevel(0.1)).toBe('years');
    expect(zoomLevel(1)).toBe('months');
    expect(zoomLevel(5)).toBe('weeks');
    expect(zoomLevel(40)).toBe('days');
  });

  it('labels years when zoomed out, months in between, days when zoomed in', () => {
    const years = ticks(fitRange(day('2015-01-01'), day('2024-12-31'), 800));
    expect(years.map((t) => t.label)).toContain('2020');
    // Every label is a year (a label against the right edge is left out if there is no room: '').
    expect(years.every((t) => /^\d{4}$/.test(t.label) || (t.label === '' && t.anchor === 'end'))).toBe(true);

    const months = ticks(fitRange(day('2023-01-01'), day('2023-12-31'), 1000));
    expect(months.map((t) => t.label)).toEqual(expect.arrayContaining(['2023', 'Feb', 'Dec']));

    const days = ticks(fitRange(day('2023-04-01'), day('2023-04-07'), 800));
    expect(days.map((t) => t.label)).toEqual(expect.arrayContaining(['1 Apr', '5 Apr', '7 Apr']));
  });

  it('never puts labels closer than they can be read', () => {
    for (const span of [3, 20, 90, 400, 2000, 20000]) {
      const list = ticks(fitRange(day('2000-01-01'), day('2000-01-01') + span, 900));
      for (let i = 1; i < list.length; i++) expect(list[i]!.x - list[i - 1]!.x).toBeGreaterThanOrEqual(56);
    }
  });

  it('describes the visible range in words', () => {
    expect(describeRange(fitRange(day('2021-03-10'), day('2024-04-20'), 900))).toMatch(/^(Jan|Feb|Mar) 2021 to (Apr|May|Jun) 2024$/);
  });

  it('keeps panning within the entries: no empty future years, and zoomed out the whole range stays in view', () => {
    const from = day('2017-01-01');
    const to = day('2024-12-31');
    const vp = fitRange(day('2023-01-01'), day('2024-12-31'), 800);
    const panned = clampToExtent(panBy(vp, 100_000), from, to);
    const { to: right } = visibleRange(panned);
    const span = visibleRange(vp).to - visibleRange(vp).from;
    expect(right).toBeLessThanOrEqual(to + 1 + span * 0.05 + 1e-6);
    expect(right).toBeGreaterThan(to);
    const back = clampToExtent(panBy(vp, -100_000), from, to);
    expect(visibleRange(back).from).toBeGreaterThanOrEqual(from - span * 0.05 - 1e-6);
    // Inside the range nothing moves.
    expect(clampToExtent(vp, from, to)).toBe(vp);
    // Wider than the range: the range stays wholly in view, however far it is pushed.
    const wide = zoomBy(fitRange(from, to, 800), 1 / 8);
    const pushed = clampToExtent(panBy(wide, 50_000), from, to);
    expect(visibleRange(pushed).from).toBeLessThanOrEqual(from);
    expect(visibleRange(pushed).to).toBeGreaterThanOrEqual(to + 1);
  });

  it('ends a label that would run off the right edge at the edge instead of cutting it', () => {
    // Yearly ticks, with 1 January 2025 ten pixels from the right edge.
    const vp = { start: day('2025-01-01') - 790 / 0.2, pxPerDay: 0.2, width: 800 };
    const list = ticks(vp);
    const last = list[list.length - 1]!;
    expect(last.label).toBe('2025');
    expect(last.x).toBeCloseTo(790, 6);
    expect(last.anchor).toBe('end');
    expect(list.slice(0, -1).every((t) => t.anchor === 'start')).toBe(true);
  });

  it('leaves out the text of an end label that would run into the label before it (the line stays)', () => {
    // Yearly ticks 66 px apart: 2024's label leaves no room for 2025's against the edge.
    const vp = { start: day('2025-01-01') - 796 / (66 / 365), pxPerDay: 66 / 365, width: 800 };
    const list = ticks(vp);
    const end = list[list.length - 1]!;
    expect(end.day).toBe(day('2025-01-01'));
    expect(end.anchor).toBe('end');
    expect(end.label).toBe('');
    expect(list[list.length - 2]!.label).toBe('2024');
  });
});
