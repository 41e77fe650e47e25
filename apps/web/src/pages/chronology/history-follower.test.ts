import { describe, expect, it } from 'vitest';
import { buildEntry } from '@mac/domain/testing';
import type { Entry } from '@mac/domain';
import { HistoryFollower } from './history-follower.js';

describe('HistoryFollower', () => {
  const entry = buildEntry({ summary: 'Police called' });
  let entries = new Map<string, Entry>([[entry.id, entry]]);
  let saved = true;
  const reloads: string[] = [];
  const follower = new HistoryFollower({ entry: (id) => entries.get(id), saved: () => saved, reload: (id) => reloads.push(id) });

  it('fetches again when the shown entry changes, once the change is saved', () => {
    follower.fetching(entry.id);
    follower.check();
    expect(reloads).toEqual([]);
    entries = new Map(entries).set(entry.id, { ...entry, summary: 'Police called; amended' });
    saved = false;
    follower.check();
    expect(reloads).toEqual([]);
    saved = true;
    follower.check();
    expect(reloads).toEqual([entry.id]);
    // Once for that change, not on every later event.
    follower.check();
    expect(reloads).toEqual([entry.id]);
    entries = new Map(entries).set(entry.id, { ...entries.get(entry.id)!, status: 'withdrawn', withdrawnReason: 'Wrong child' });
    follower.check();
    expect(reloads).toEqual([entry.id, entry.id]);
  });

  it('ignores other entries and forgets a closed history', () => {
    const other = buildEntry({ summary: 'School absence' });
    entries = new Map(entries).set(other.id, other);
    reloads.length = 0;
    follower.fetching(entry.id);
    entries = new Map(entries).set(other.id, { ...other, detail: 'changed' });
    follower.check();
    expect(reloads).toEqual([]);
    follower.forget();
    entries = new Map(entries).set(entry.id, { ...entries.get(entry.id)!, detail: 'changed again' });
    follower.check();
    expect(reloads).toEqual([]);
  });
});
