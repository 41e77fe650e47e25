import { describe, expect, it } from 'vitest';
import { createChronologyIndex } from './chronology-index.js';
import type { Persistence } from './persistence.js';

// Only the two reads the index makes; every other unit of work is absent (the index never calls one).
function storage(reads: { docs?: () => Promise<Map<string, string>>; people?: () => Promise<Set<string>> }) {
  let calls = 0;
  const persistence = {
    entryDocs: () => {
      calls += 1;
      return reads.docs?.() ?? Promise.resolve(new Map([['e1', 'doc-a']]));
    },
    peopleOf: () => reads.people?.() ?? Promise.resolve(new Set(['p1'])),
  } as unknown as Persistence;
  return { persistence, calls: () => calls };
}

describe('chronology index', () => {
  it('reads a chronology once for all its rooms, and forgets it with the last', async () => {
    const s = storage({});
    const index = createChronologyIndex(s.persistence);
    const [[docs, people]] = await Promise.all([index.acquire('c1'), index.acquire('c1')]);
    expect(s.calls()).toBe(1);
    index.publish('c1', docs, people);
    expect(index.storedElsewhere('c1', 'doc-b', ['e0', 'e1'])).toBe('e1');
    expect(index.storedElsewhere('c1', 'doc-a', ['e1'])).toBeNull();
    index.release('c1');
    expect(index.storedElsewhere('c1', 'doc-b', ['e1'])).toBe('e1'); // one room still loaded
    index.release('c1');
    expect(index.storedElsewhere('c1', 'doc-b', ['e1'])).toBeNull();
    expect(index.unknownPerson('c1', ['p1'])).toBe('p1'); // forgotten: nobody is known
    await index.acquire('c1');
    expect(s.calls()).toBe(2);
  });

  it('knows nobody until a room has published, then only the chronology’s people and those noted since', async () => {
    const index = createChronologyIndex(storage({}).persistence);
    expect(index.unknownPerson('c1', ['p1'])).toBe('p1');
    const [docs, people] = await index.acquire('c1');
    index.publish('c1', docs, people);
    expect(index.unknownPerson('c1', ['p1', 'p2'])).toBe('p2');
    index.notePeople('c1', ['p2']);
    expect(index.unknownPerson('c1', ['p1', 'p2'])).toBeNull();
  });

  it('gives people noted while the read is under way to the room that loads', async () => {
    let resolvePeople!: (set: Set<string>) => void;
    const index = createChronologyIndex(storage({ people: () => new Promise((r) => (resolvePeople = r)) }).persistence);
    const acquired = index.acquire('c1');
    index.notePeople('c1', ['p9']);
    resolvePeople(new Set(['p1']));
    const [, people] = await acquired;
    index.publish('c1', new Map(), people);
    expect(index.unknownPerson('c1', ['p1', 'p9'])).toBeNull();
  });

  it('forgets a failed read, so that the next open reads again', async () => {
    let fail = true;
    const s = storage({ docs: () => (fail ? Promise.reject(new Error('disk')) : Promise.resolve(new Map())) });
    const index = createChronologyIndex(s.persistence);
    await expect(index.acquire('c1')).rejects.toThrow('disk');
    fail = false;
    await expect(index.acquire('c1')).resolves.toHaveLength(2);
    expect(s.calls()).toBe(2);
  });

  it('records new entries only for a chronology it holds', async () => {
    const index = createChronologyIndex(storage({}).persistence);
    index.noteEntries('c1', 'doc-a', ['e5']);
    const [docs, people] = await index.acquire('c1');
    index.publish('c1', docs, people);
    expect(index.storedElsewhere('c1', 'doc-b', ['e5'])).toBeNull();
    index.noteEntries('c1', 'doc-a', ['e5']);
    expect(index.storedElsewhere('c1', 'doc-b', ['e5'])).toBe('e5');
  });
});
