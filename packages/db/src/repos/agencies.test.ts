import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../testing.js';

let t: TestDatabase;
beforeEach(() => {
  t = openTestDatabase({ now: () => new Date('2024-01-02T03:04:05.000Z') });
});
afterEach(() => t.cleanup());

describe('agencies', () => {
  it('creates, gets and lists agencies by name', () => {
    t.repos.agencies.upsert({ slug: 'thames-valley-police', name: 'Thames Valley Police', kind: 'police' });
    t.repos.agencies.upsert({ slug: 'northway-primary', name: 'Northway Primary School', kind: 'education' });
    expect(t.repos.agencies.get('thames-valley-police')).toEqual({
      slug: 'thames-valley-police',
      name: 'Thames Valley Police',
      kind: 'police',
      createdAt: '2024-01-02T03:04:05.000Z',
    });
    expect(t.repos.agencies.list().map((a) => a.slug)).toEqual(['northway-primary', 'thames-valley-police']);
    expect(t.repos.agencies.get('nobody')).toBeNull();
  });

  it('upsert corrects name and kind of an existing agency and keeps its slug and creation time', () => {
    t.repos.agencies.upsert({ slug: 'northway-primary', name: 'Northway Primary', kind: 'education' });
    const updated = t.repos.agencies.upsert({ slug: 'northway-primary', name: 'Northway Primary School', kind: 'education' });
    expect(updated.name).toBe('Northway Primary School');
    expect(t.repos.agencies.list()).toHaveLength(1);
  });
});
