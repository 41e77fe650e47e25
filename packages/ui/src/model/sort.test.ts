import { describe, expect, it } from 'vitest';
import { buildEntry, testUuid } from '@mac/domain/testing';
import { orderViews, toView } from './entry-view.js';
import { DEFAULT_SORT, sortViews, toggleSort } from './sort.js';

const views = orderViews(
  [
    { date: '2023-05-01', summary: 'beta', sourceRef: '' },
    { date: '2023-01-01', summary: 'Alpha', sourceRef: 'REF-10' },
    { date: '2023-03-01', summary: 'gamma', sourceRef: 'REF-9' },
  ].map((o) => toView(buildEntry({ id: testUuid(), ...o }))),
);

describe('table sort', () => {
  it('toggles direction on the same column and starts ascending on another', () => {
    expect(toggleSort(DEFAULT_SORT, 'date')).toEqual({ key: 'date', direction: 'descending' });
    expect(toggleSort({ key: 'date', direction: 'descending' }, 'summary')).toEqual({ key: 'summary', direction: 'ascending' });
  });

  it('sorts by date in chronology order, both ways', () => {
    expect(sortViews(views, DEFAULT_SORT).map((v) => v.entry.date)).toEqual(['2023-01-01', '2023-03-01', '2023-05-01']);
    expect(sortViews(views, { key: 'date', direction: 'descending' }).map((v) => v.entry.date)).toEqual(['2023-05-01', '2023-03-01', '2023-01-01']);
  });

  it('sorts text ignoring case, numbers as numbers, empty cells last', () => {
    expect(sortViews(views, { key: 'summary', direction: 'ascending' }).map((v) => v.entry.summary)).toEqual(['Alpha', 'beta', 'gamma']);
    expect(sortViews(views, { key: 'sourceRef', direction: 'ascending' }).map((v) => v.entry.sourceRef)).toEqual(['REF-9', 'REF-10', '']);
    expect(sortViews(views, { key: 'sourceRef', direction: 'descending' }).map((v) => v.entry.sourceRef)).toEqual(['REF-10', 'REF-9', '']);
  });

  it('leaves its input alone', () => {
    const before = views.map((v) => v.entry.id);
    sortViews(views, { key: 'summary', direction: 'descending' });
    expect(views.map((v) => v.entry.id)).toEqual(before);
  });
});
