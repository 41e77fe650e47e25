import { describe, expect, it } from 'vitest';
import type { NavItem } from './timeline-layout.js';
import { ZOOM_STEP } from './timeline-scale.js';
import { rovingKey, rowKeyTarget, stepEntry, timelineKeyAction, type TimelineKeyContext } from './timeline-keyboard.js';

// Three lanes: police (0) has a and b, school (1) is empty in view, health (2) has c and a cluster.
const nav: NavItem[] = [
  { kind: 'mark', key: 'a', laneIndex: 0, centre: 100 },
  { kind: 'mark', key: 'c', laneIndex: 2, centre: 180 },
  { kind: 'mark', key: 'b', laneIndex: 0, centre: 400 },
  { kind: 'cluster', key: 'cluster-1', laneIndex: 2, centre: 600 },
];
// Dated entries in chronology order, including some out of view (z before, y after).
const entries = [
  { id: 'z', startDay: 10, order: 0 },
  { id: 'a', startDay: 20, order: 1 },
  { id: 'c', startDay: 22, order: 2 },
  { id: 'b', startDay: 40, order: 3 },
  { id: 'in-cluster', startDay: 60, order: 4 },
  { id: 'y', startDay: 90, order: 5 },
];

function ctx(focused: string | null, more: Partial<TimelineKeyContext> = {}): TimelineKeyContext {
  return {
    focused,
    nav,
    laneCount: 3,
    clusterDays: (key) => (key === 'cluster-1' ? { fromDay: 55, toDay: 70 } : undefined),
    entries,
    roving: 'a',
    ...more,
  };
}

const press = (key: string, shiftKey = false) => ({ key, shiftKey });

describe('timeline keyboard: on the plot', () => {
  it('moves the view a fifth of its width with the arrows, most of it with Shift', () => {
    expect(timelineKeyAction(press('ArrowLeft'), ctx(null))).toEqual({ kind: 'pan', fraction: -0.2 });
    expect(timelineKeyAction(press('ArrowRight', true), ctx(null))).toEqual({ kind: 'pan', fraction: 0.8 });
  });

  it('goes to the entry holding the tab stop with ↓ or Enter, and does nothing (but keeps the key) when none is in view', () => {
    expect(timelineKeyAction(press('ArrowDown'), ctx(null))).toEqual({ kind: 'focus', key: 'a' });
    expect(timelineKeyAction(press('Enter'), ctx(null, { roving: 'b' }))).toEqual({ kind: 'focus', key: 'b' });
    expect(timelineKeyAction(press('Enter'), ctx(null, { roving: null }))).toEqual({ kind: 'none' });
  });

  it('brings the first and last entries of the whole chronology into view with Home and End', () => {
    expect(timelineKeyAction(press('Home'), ctx(null))).toEqual({ kind: 'reveal', entryId: 'z' });
    expect(timelineKeyAction(press('End'), ctx(null))).toEqual({ kind: 'reveal', entryId: 'y' });
    expect(timelineKeyAction(press('End'), ctx(null, { entries: [] }))).toEqual({ kind: 'none' });
  });

  it('zooms with + and −, shows all with 0, and leaves other keys (Tab, letters, Escape) to the page', () => {
    expect(timelineKeyAction(press('+'), ctx(null))).toEqual({ kind: 'zoom', factor: ZOOM_STEP });
    expect(timelineKeyAction(press('-'), ctx('a'))).toEqual({ kind: 'zoom', factor: 1 / ZOOM_STEP });
    expect(timelineKeyAction(press('0'), ctx('b'))).toEqual({ kind: 'fit' });
    expect(timelineKeyAction(press('Tab'), ctx(null))).toBeNull();
    expect(timelineKeyAction(press('x'), ctx('a'))).toBeNull();
    expect(timelineKeyAction(press('Escape'), ctx(null))).toBeNull();
  });
});

describe('timeline keyboard: on an entry or a cluster', () => {
  it('steps left and right in reading order across lanes', () => {
    expect(timelineKeyAction(press('ArrowRight'), ctx('a'))).toEqual({ kind: 'focus', key: 'c' });
    expect(timelineKeyAction(press('ArrowLeft'), ctx('b'))).toEqual({ kind: 'focus', key: 'c' });
  });

  it('goes past the edge of the view to the next entry of the chronology, and stops at the last', () => {
    expect(timelineKeyAction(press('ArrowLeft'), ctx('a'))).toEqual({ kind: 'reveal', entryId: 'z' });
    // From a cluster, past everything it holds.
    expect(timelineKeyAction(press('ArrowRight'), ctx('cluster-1'))).toEqual({ kind: 'reveal', entryId: 'y' });
    const lastInView = ctx('b', { nav: nav.filter((n) => n.key !== 'cluster-1'), entries: entries.slice(0, 4) });
    expect(timelineKeyAction(press('ArrowRight'), lastInView)).toEqual({ kind: 'none' });
  });

  it('moves up and down to the nearest item of the next lane that has one, skipping an empty lane', () => {
    expect(timelineKeyAction(press('ArrowDown'), ctx('b'))).toEqual({ kind: 'focus', key: 'cluster-1' });
    expect(timelineKeyAction(press('ArrowUp'), ctx('c'))).toEqual({ kind: 'focus', key: 'a' });
    expect(timelineKeyAction(press('ArrowUp'), ctx('a'))).toEqual({ kind: 'none' });
  });

  it('goes back to the plot with Escape, and ignores a key from something not in view', () => {
    expect(timelineKeyAction(press('Escape'), ctx('c'))).toEqual({ kind: 'focus-plot' });
    expect(timelineKeyAction(press('ArrowRight'), ctx('gone'))).toBeNull();
  });
});

describe('stepping and the tab stop', () => {
  it('breaks ties on a day by chronology order', () => {
    const sameDay = [
      { id: 'p', startDay: 5, order: 0 },
      { id: 'q', startDay: 5, order: 1 },
    ];
    expect(stepEntry(sameDay, 5, 0, 1)?.id).toBe('q');
    expect(stepEntry(sameDay, 5, 1, -1)?.id).toBe('p');
    expect(stepEntry(sameDay, 5, 1, 1)).toBeNull();
  });

  it('keeps the tab stop on the focused item, else the selected, else the first in view', () => {
    expect(rovingKey(nav, 'b', 'c')).toBe('b');
    expect(rovingKey(nav, 'gone', 'c')).toBe('c');
    expect(rovingKey(nav, null, null)).toBe('a');
    const panned = nav.map((n, i) => ({ ...n, centre: i === 0 ? -20 : n.centre }));
    expect(rovingKey(panned, null, null)).toBe('c');
    expect(rovingKey([], null, 'c')).toBeNull();
  });

  it('moves along a one-stop row with the arrows, Home and End, stopping at its ends', () => {
    const row = ['cycle-1', 'cycle-2', 'deadline-1'];
    expect(rowKeyTarget(row, 'cycle-1', 'ArrowRight')).toBe('cycle-2');
    expect(rowKeyTarget(row, 'cycle-1', 'ArrowLeft')).toBe('cycle-1');
    expect(rowKeyTarget(row, 'cycle-2', 'End')).toBe('deadline-1');
    expect(rowKeyTarget(row, 'deadline-1', 'Home')).toBe('cycle-1');
    expect(rowKeyTarget(row, 'cycle-1', 'Enter')).toBeNull();
    expect(rowKeyTarget(row, 'missing', 'ArrowRight')).toBeNull();
  });
});
