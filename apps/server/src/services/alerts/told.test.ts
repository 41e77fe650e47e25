import { describe, expect, it } from 'vitest';
import { episodeChanges } from '@mac/domain';
import { asNotified, parseState, toldAgainstNow } from './told.js';

const told = [{ id: 'e1', entryIds: ['a', 'b'] }];
const grown = [{ id: 'e1', entryIds: ['a', 'b', 'c'] }];

describe('what each recipient was told, against what they see now', () => {
  it('gives what working it out for each person alone gives, whatever the backend’s spacing', () => {
    const against = toldAgainstNow();
    // SQLite keeps the text as written; PostgreSQL's jsonb comes back with its own spacing.
    for (const text of [JSON.stringify(told), '[{"id": "e1", "entryIds": ["a", "b"]}]']) {
      expect(against(text, grown)).toEqual({ changes: episodeChanges(told, grown), same: false });
      expect(against(text, told)).toEqual({ changes: [], same: true });
    }
    // Never told: everything seen is new; seeing nothing is what they were told.
    expect(against(undefined, grown)).toEqual({ changes: [{ episode: grown[0], change: 'opened', newEntries: 3 }], same: false });
    expect(against(undefined, [])).toEqual({ changes: [], same: true });
  });

  it('works each distinct pair out once: recipients told the same and seeing the same share one result', () => {
    const against = toldAgainstNow();
    const text = JSON.stringify(told);
    const first = against(text, grown);
    expect(against(text, grown)).toBe(first);
    // Another array with the same episodes is another view (shared-episodes.ts gives one array per view).
    expect(against(text, structuredClone(grown))).not.toBe(first);
    expect(against(text, structuredClone(grown))).toEqual(first);
    // A new pass starts afresh.
    expect(toldAgainstNow()(text, grown)).not.toBe(first);
  });

  it('a stored state that is not JSON, or not episodes, counts as told nothing', () => {
    expect(parseState('{not json')).toBeNull();
    expect(parseState(undefined)).toBeNull();
    expect(asNotified(parseState('{"a1": "2024-06-10"}'))).toEqual([]);
    expect(asNotified([{ id: 'e1', entryIds: ['a'] }, { id: 7 }, null, 'x'])).toEqual([{ id: 'e1', entryIds: ['a'] }]);
    expect(toldAgainstNow()('{not json', told)).toEqual({ changes: [{ episode: told[0], change: 'opened', newEntries: 2 }], same: false });
  });
});
