import { describe, expect, it } from 'vitest';
import { epochDay } from '@mac/domain';
import { buildEntry, testUuid } from '@mac/domain/testing';
import { orderViews, toView } from './entry-view.js';
import { layoutTimeline, nearestInLane } from './timeline-layout.js';
import { fitRange } from './timeline-scale.js';

const lanes = [
  { slug: 'thames-valley-police', name: 'Thames Valley Police' },
  { slug: 'northway-primary', name: 'Northway Primary School' },
];

function views(list: Array<Partial<Parameters<typeof buildEntry>[0]>>) {
  return orderViews(list.map((o) => toView(buildEntry({ id: testUuid(), ...o }))));
}

const year = fitRange(epochDay('2023-01-01'), epochDay('2023-12-31'), 1000);

describe('timeline layout', () => {
  it('puts each entry in its agency lane and keeps lanes in the order given', () => {
    const layout = layoutTimeline(views([{ agency: 'northway-primary' }, { agency: 'thames-valley-police', date: '2023-06-01' }]), lanes, year);
    expect(layout.lanes.map((l) => l.slug)).toEqual(['thames-valley-police', 'northway-primary']);
    expect(layout.lanes[0]!.marks).toHaveLength(1);
    expect(layout.lanes[1]!.marks).toHaveLength(1);
  });

  it('gives an agency without a lane a lane of its own rather than dropping its entries', () => {
    const layout = layoutTimeline(views([{ agency: 'oxford-health-visiting' }]), lanes, year);
    expect(layout.lanes.map((l) => l.slug)).toContain('oxford-health-visiting');
  });

  it('draws an exact day as a 24px point centred on its day', () => {
    const [mark] = layoutTimeline(views([{ date: '2023-04-05' }]), lanes, year).lanes[0]!.marks;
    expect(mark!.kind).toBe('point');
    expect(mark!.width).toBe(24);
  });

  it('spans a month-precision entry across its month and a period from start to end', () => {
    const layout = layoutTimeline(views([{ date: '2023-04' }, { date: '2023-02-01..2023-05-31' }]), lanes, year);
    const marks = layout.lanes[0]!.marks;
    const month = marks.find((m) => m.kind === 'span')!;
    const period = marks.find((m) => m.kind === 'period')!;
    expect(month.width).toBeCloseTo(30 * year.pxPerDay, 5);
    expect(period.width).toBeCloseTo(120 * year.pxPerDay, 5);
  });

  it('never overlaps marks in a row', () => {
    const list = views(Array.from({ length: 40 }, (_, i) => ({ date: `2023-03-${String((i % 28) + 1).padStart(2, '0')}` })));
    const lane = layoutTimeline(list, lanes, year, { maxRows: 3 }).lanes[0]!;
    for (let row = 0; row < 3; row++) {
      const inRow = lane.marks.filter((m) => m.row === row).sort((a, b) => a.left - b.left);
      for (let i = 1; i < inRow.length; i++) expect(inRow[i]!.left).toBeGreaterThanOrEqual(inRow[i - 1]!.left + inRow[i - 1]!.width);
    }
  });

  it('clusters what does not fit, counting every entry exactly once', () => {
    const list = views(Array.from({ length: 200 }, (_, i) => ({ date: `2023-03-${String((i % 28) + 1).padStart(2, '0')}` })));
    const lane = layoutTimeline(list, lanes, year, { maxRows: 2 }).lanes[0]!;
    const clustered = lane.clusters.reduce((n, c) => n + c.count, 0);
    expect(lane.marks.length + clustered).toBe(200);
    expect(lane.clusters.length).toBeGreaterThan(0);
    expect(lane.rows).toBe(3);
    for (let i = 1; i < lane.clusters.length; i++) {
      expect(lane.clusters[i]!.left).toBeGreaterThanOrEqual(lane.clusters[i - 1]!.left + lane.clusters[i - 1]!.width);
    }
  });

  it('never clusters a priority entry (the selected one, a highlight)', () => {
    const list = views(Array.from({ length: 100 }, (_, i) => ({ date: '2023-03-10', summary: `Entry ${i}` })));
    const chosen = list[77]!.entry.id;
    const lane = layoutTimeline(list, lanes, year, { maxRows: 1, priority: new Set([chosen]) }).lanes[0]!;
    expect(lane.marks.map((m) => m.view.entry.id)).toContain(chosen);
  });

  it('leaves out entries outside the view but still counts them for the lane', () => {
    const list = views([{ date: '2019-01-01' }, { date: '2023-05-05' }]);
    const lane = layoutTimeline(list, lanes, year).lanes[0]!;
    expect(lane.total).toBe(2);
    expect(lane.inView).toBe(1);
  });

  it('orders keyboard navigation left to right and finds the nearest item in another lane', () => {
    const layout = layoutTimeline(
      views([
        { date: '2023-09-01' },
        { date: '2023-02-01' },
        { agency: 'northway-primary', date: '2023-03-01' },
      ]),
      lanes,
      year,
    );
    const centres = layout.nav.map((n) => n.centre);
    expect([...centres].sort((a, b) => a - b)).toEqual(centres);
    const first = layout.nav[0]!;
    const below = nearestInLane(layout.nav, 1, first.centre);
    expect(below?.laneIndex).toBe(1);
  });
});
