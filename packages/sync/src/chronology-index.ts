// What the loaded rooms of one chronology share, kept while any of them is loaded: where each of its entry
// ids is stored (entry id → document) and which people it links. A room inspects an update synchronously,
// so it reads these from memory: an entry id another document holds, or a person the chronology does not
// link, is refused without asking storage. Loaded from persistence with the chronology's first room,
// dropped with its last.

import type { Persistence } from './persistence.js';

export interface ChronologyIndex {
  /**
   * Counts one more room of the chronology, loading what it shares on the first (concurrent loads share
   * one read; a failed read is forgotten so that the next open tries again). Resolves with the entry
   * documents and people; the room's load `publish`es them once it has its document.
   */
  acquire(chronologyId: string): Promise<[Map<string, string>, Set<string>]>;
  /** Makes what `acquire` resolved readable synchronously (`unknownPerson`, `storedHolder`). */
  publish(chronologyId: string, entryDocs: Map<string, string>, people: Set<string>): void;
  /** One room fewer; with the last, the chronology is forgotten. */
  release(chronologyId: string): void;
  /** The first of `personIds` the chronology does not link (all of them until its first room is loaded). */
  unknownPerson(chronologyId: string, personIds: readonly string[]): string | null;
  /** The first of `entryIds` stored in another document than `docName`, as far as storage told us and writes since. */
  storedElsewhere(chronologyId: string, docName: string, entryIds: readonly string[]): string | null;
  /** Entries now stored in `docName` (a delivered creation, another node's). Ignored for a chronology not loaded. */
  noteEntries(chronologyId: string, docName: string, entryIds: Iterable<string>): void;
  /** People now linked to the chronology. Harmless when none of its rooms is loaded. */
  notePeople(chronologyId: string, personIds: readonly string[]): void;
}

export function createChronologyIndex(persistence: Persistence): ChronologyIndex {
  const known = new Map<string, { docs: Promise<Map<string, string>>; people: Promise<Set<string>>; rooms: number }>();
  // Set once a room of the chronology has loaded: what the synchronous reads see.
  const entryDocsOf = new Map<string, Map<string, string>>();
  const peopleOf = new Map<string, Set<string>>();

  return {
    acquire(chronologyId) {
      let entry = known.get(chronologyId);
      if (entry === undefined) {
        const docs = persistence.entryDocs?.(chronologyId) ?? Promise.resolve(new Map<string, string>());
        const people = persistence.peopleOf?.(chronologyId) ?? Promise.resolve(new Set<string>());
        const loading = { docs, people, rooms: 0 };
        entry = loading;
        known.set(chronologyId, loading);
        const forget = () => {
          if (known.get(chronologyId) === loading) known.delete(chronologyId);
        };
        void docs.catch(forget);
        void people.catch(forget);
      }
      entry.rooms += 1;
      return Promise.all([entry.docs, entry.people]);
    },

    publish(chronologyId, entryDocs, people) {
      entryDocsOf.set(chronologyId, entryDocs);
      peopleOf.set(chronologyId, people);
    },

    release(chronologyId) {
      const entry = known.get(chronologyId);
      if (entry === undefined) return;
      entry.rooms -= 1;
      if (entry.rooms <= 0) {
        known.delete(chronologyId);
        entryDocsOf.delete(chronologyId);
        peopleOf.delete(chronologyId);
      }
    },

    unknownPerson(chronologyId, personIds) {
      const people = peopleOf.get(chronologyId);
      return personIds.find((id) => people === undefined || !people.has(id)) ?? null;
    },

    storedElsewhere(chronologyId, docName, entryIds) {
      const stored = entryDocsOf.get(chronologyId);
      if (stored === undefined) return null;
      return (
        entryIds.find((id) => {
          const holder = stored.get(id);
          return holder !== undefined && holder !== docName;
        }) ?? null
      );
    },

    noteEntries(chronologyId, docName, entryIds) {
      const stored = entryDocsOf.get(chronologyId);
      if (stored === undefined) return;
      for (const id of entryIds) stored.set(id, docName);
    },

    notePeople(chronologyId, personIds) {
      const entry = known.get(chronologyId);
      if (entry === undefined) return;
      // The same Set once loaded; a load still under way gets them when it resolves.
      const add = (set: Set<string>) => {
        for (const id of personIds) set.add(id);
        return set;
      };
      const loaded = peopleOf.get(chronologyId);
      if (loaded !== undefined) add(loaded);
      else entry.people = entry.people.then(add);
    },
  };
}
