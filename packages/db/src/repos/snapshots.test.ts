import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, seedChronology, type TestDatabase } from '../testing.js';

let t: TestDatabase;
let chronologyId: string;
let clock: Date;
beforeEach(() => {
  clock = new Date('2024-06-01T10:00:00.000Z');
  t = openTestDatabase({ now: () => clock });
  chronologyId = seedChronology(t.repos).chronology.id;
});
afterEach(() => t.cleanup());

describe('snapshots', () => {
  it('keeps the shared state byte for byte and lists snapshots without it', () => {
    const state = new Uint8Array([1, 0, 255, 7]);
    const first = t.repos.snapshots.create({ chronologyId, label: 'Initial conference', takenBy: 'u1', sharedState: state, meta: { entries: 12 } });
    clock = new Date('2024-07-01T10:00:00.000Z');
    const second = t.repos.snapshots.create({ chronologyId, label: 'Review conference', takenBy: 'u1', sharedState: new Uint8Array([9]) });
    expect(t.repos.snapshots.get(first.id)).toEqual({
      id: first.id,
      chronologyId,
      label: 'Initial conference',
      takenAt: '2024-06-01T10:00:00.000Z',
      takenBy: 'u1',
      sharedState: state,
      meta: { entries: 12 },
    });
    expect(t.repos.snapshots.get('missing')).toBeNull();
    expect(t.repos.snapshots.listForChronology(chronologyId)).toEqual([
      { id: second.id, chronologyId, label: 'Review conference', takenAt: '2024-07-01T10:00:00.000Z', takenBy: 'u1', meta: {}, bytes: 1 },
      { id: first.id, chronologyId, label: 'Initial conference', takenAt: '2024-06-01T10:00:00.000Z', takenBy: 'u1', meta: { entries: 12 }, bytes: 4 },
    ]);
  });
});
