import { describe, expect, it } from 'vitest';
import { buildEntry } from '@mac/domain/testing';
import { changeKinds, changesSince, describeChanges } from './changes.js';

describe('changes since a conference', () => {
  it('finds new, amended and withdrawn entries, with each changed field', () => {
    const kept = buildEntry({ summary: 'Unchanged' });
    const amended = buildEntry({ summary: 'Before' });
    const withdrawn = buildEntry({ summary: 'To withdraw' });
    const before = [kept, amended, withdrawn];
    const added = buildEntry({ summary: 'New' });
    const addedThenWithdrawn = buildEntry({ summary: 'Brief', status: 'withdrawn', withdrawnReason: 'Wrong child' });
    const restricted = buildEntry({ summary: 'Own restricted', restricted: true });
    const after = [kept, { ...amended, summary: 'After' }, { ...withdrawn, status: 'withdrawn' as const, withdrawnReason: 'Duplicate' }, added, addedThenWithdrawn, restricted];
    const changes = changesSince(before, after);
    expect(changes.added.map((c) => c.entry.summary)).toEqual(['New']);
    expect(changes.amended[0]!.changes).toEqual({ summary: { from: 'Before', to: 'After' } });
    expect(changes.withdrawn.map((c) => [c.entry.summary, c.newSinceSnapshot])).toEqual([
      ['To withdraw', false],
      ['Brief', true],
    ]);
    expect(changeKinds(changes).get(added.id)).toBe('new');
    expect(changeKinds(changes).has(kept.id)).toBe(false);
    expect(changeKinds(changes).has(restricted.id)).toBe(false);
    expect(describeChanges(changes)).toBe('1 new, 1 amended, 2 withdrawn');
  });

  it('says so when nothing changed', () => {
    const e = buildEntry();
    expect(describeChanges(changesSince([e], [e]))).toBe('Nothing has changed');
    expect(changeKinds(null).size).toBe(0);
  });
});
