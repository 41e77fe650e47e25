// "What changed since the last conference": the shared entries as a conference pack froze them (a
// snapshot) against the entries now. Worked out in the browser from the snapshot and the live
// document, so the marks follow the chronology as it changes, without asking the server again.
// The same rules as the server's /changes (apps/server services/conference/snapshots.ts diffEntries): nothing
// is ever removed, so every entry then is still here; restricted entries are never in a snapshot.
import { ENTRY_FIELDS, sortEntries, type Entry } from '@mac/domain';

export type ChangeKind = 'new' | 'amended' | 'withdrawn';

export interface FieldChange {
  readonly from: unknown;
  readonly to: unknown;
}

export interface EntryChange {
  readonly kind: ChangeKind;
  readonly entry: Entry;
  /** Each field that differs from the snapshot (empty for a new entry). */
  readonly changes: Readonly<Record<string, FieldChange>>;
  /** A withdrawn entry that was recorded after the snapshot too. */
  readonly newSinceSnapshot: boolean;
}

export interface ChangesSince {
  readonly added: readonly EntryChange[];
  readonly amended: readonly EntryChange[];
  readonly withdrawn: readonly EntryChange[];
  /** Every change by entry id. */
  readonly byId: ReadonlyMap<string, EntryChange>;
}

function changedFields(before: Entry, after: Entry): Record<string, FieldChange> {
  const changes: Record<string, FieldChange> = {};
  for (const field of ENTRY_FIELDS) if (before[field] !== after[field]) changes[field] = { from: before[field], to: after[field] };
  return changes;
}

export function changesSince(before: readonly Entry[], after: Iterable<Entry>): ChangesSince {
  const then = new Map(before.map((e) => [e.id, e]));
  const added: EntryChange[] = [];
  const amended: EntryChange[] = [];
  const withdrawn: EntryChange[] = [];
  const byId = new Map<string, EntryChange>();
  for (const entry of sortEntries([...after].filter((e) => !e.restricted))) {
    const old = then.get(entry.id);
    let change: EntryChange | null = null;
    if (!old) {
      change =
        entry.status === 'withdrawn'
          ? { kind: 'withdrawn', entry, changes: {}, newSinceSnapshot: true }
          : { kind: 'new', entry, changes: {}, newSinceSnapshot: true };
    } else {
      const changes = changedFields(old, entry);
      if (Object.keys(changes).length > 0) {
        const kind: ChangeKind = old.status !== 'withdrawn' && entry.status === 'withdrawn' ? 'withdrawn' : 'amended';
        change = { kind, entry, changes, newSinceSnapshot: false };
      }
    }
    if (!change) continue;
    byId.set(entry.id, change);
    (change.kind === 'new' ? added : change.kind === 'amended' ? amended : withdrawn).push(change);
  }
  return { added, amended, withdrawn, byId };
}

/** Just the kind of change per entry, for the table and the timeline. */
export function changeKinds(changes: ChangesSince | null): ReadonlyMap<string, ChangeKind> {
  const out = new Map<string, ChangeKind>();
  if (changes) for (const [id, c] of changes.byId) out.set(id, c.kind);
  return out;
}

export const CHANGE_LABELS: Record<ChangeKind, string> = {
  new: 'New since the conference',
  amended: 'Amended since the conference',
  withdrawn: 'Withdrawn since the conference',
};

/** The table's tags: short, and never the only sign (the row also has a bar and the tag is text). */
export const CHANGE_TAGS: Record<ChangeKind, string> = {
  new: 'New since conference',
  amended: 'Changed since conference',
  withdrawn: 'Withdrawn since conference',
};

/** One letter for the timeline's small marks (the label is always given as text as well). */
export const CHANGE_LETTERS: Record<ChangeKind, string> = { new: 'N', amended: 'A', withdrawn: 'W' };

export function describeChanges(changes: ChangesSince): string {
  const n = (count: number, word: string) => `${count} ${word}`;
  if (changes.byId.size === 0) return 'Nothing has changed';
  return [n(changes.added.length, 'new'), n(changes.amended.length, 'amended'), n(changes.withdrawn.length, 'withdrawn')].join(', ');
}
