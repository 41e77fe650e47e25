// A chronology as the browser holds it live: the shared document and, for a member agency, its
// restricted document, joined into one set of entries, one save status and one presence list.
// Writes go to the document the entry lives in; presence about a restricted entry is published only
// on the restricted document, so no other agency learns that it exists.
// Until every document has loaded, the entries of the REST API's first page (provisional: as the server
// held them when it answered) stand in for those the documents have not brought yet, so that the first
// rows are drawn before a large document has synced; a document's copy of an entry always wins, and the
// provisional ones are dropped once every document has loaded.
import { newEntry, type Entry, type EntryInput } from '@mac/domain';
import { amendEntry, withdrawEntry, writeNewEntry } from '@mac/sync/doc';
import { combineStatus, statusView, type StatusView } from '@mac/ui';
import { LiveDoc, type LiveDocOptions } from './live-doc.js';

export interface LiveChronologyEvents {
  /** Entries or status changed. */
  changed(): void;
  presence(): void;
  ended(why: 'signed-out' | 'forbidden', reason: string): void;
  refused(message: string): void;
  unreachable(): void;
}

export interface LocalPresence {
  viewing: string | null;
  editing: string | null;
  /** The new-entry form is open. Published on the shared document only: it names no entry. */
  adding: boolean;
  follow: Record<string, unknown> | null;
}

const PRESENCE_INTERVAL_MS = 250;

export function syncUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/sync`;
}

export class LiveChronology {
  readonly shared: LiveDoc;
  readonly restricted: LiveDoc | null;
  private readonly events: LiveChronologyEvents;
  private merged: Map<string, Entry> | null = null;
  private provisional: ReadonlyMap<string, Entry> | null = null;
  private provisionalComplete = false;
  private presenceWanted: LocalPresence = { viewing: null, editing: null, adding: false, follow: null };
  private presenceTimer: ReturnType<typeof setTimeout> | null = null;
  private lastPresenceSent = 0;

  constructor(url: string, docs: { shared: string; restricted: string | null }, events: LiveChronologyEvents, options: LiveDocOptions = {}) {
    this.events = events;
    const docEvents = {
      entries: () => {
        this.merged = null;
        events.changed();
      },
      state: () => {
        if (this.provisional && this.loaded()) {
          this.provisional = null;
          this.merged = null;
        }
        events.changed();
      },
      awareness: () => events.presence(),
      ended: (why: 'signed-out' | 'forbidden', reason: string) => events.ended(why, reason),
      refused: (message: string) => events.refused(message),
      unreachable: () => events.unreachable(),
    };
    const entryDocs = { ...options, quietWhenEmpty: true };
    this.shared = new LiveDoc(url, docs.shared, docEvents, entryDocs);
    this.restricted = docs.restricted ? new LiveDoc(url, docs.restricted, docEvents, entryDocs) : null;
  }

  private docs(): LiveDoc[] {
    return this.restricted ? [this.shared, this.restricted] : [this.shared];
  }

  /** Every entry this user may see (with the provisional ones while the documents load). */
  entries(): ReadonlyMap<string, Entry> {
    if (!this.merged) {
      this.merged = new Map(this.provisional ?? []);
      for (const [id, e] of this.shared.entries) this.merged.set(id, e);
      if (this.restricted) for (const [id, e] of this.restricted.entries) this.merged.set(id, e);
    }
    return this.merged;
  }

  /**
   * The first page of entries from the REST API, shown until the documents have loaded. Ignored once the
   * shared document has synced: it then holds more than the page, and what it lacks follows soon after.
   */
  showProvisional(entries: readonly Entry[], complete: boolean): void {
    if (this.shared.state.everSynced) return;
    this.provisional = new Map(entries.map((e) => [e.id, e]));
    this.provisionalComplete = complete;
    this.merged = null;
    this.events.changed();
  }

  /** What is shown are only the first entries of a larger chronology: the documents are still loading. */
  partial(): boolean {
    return this.provisional !== null && !this.provisionalComplete && !this.shared.state.everSynced;
  }

  /** Something can be drawn: the shared document has synced, or the first page stands in for it. */
  hasFirstView(): boolean {
    return this.shared.state.everSynced || this.provisional !== null;
  }

  /** The entry is in one of the live documents (so it may be amended), not only in the first page. */
  isLive(id: string): boolean {
    return this.shared.entries.has(id) || this.restricted?.entries.has(id) === true;
  }

  /** True once every document has loaded from the server. */
  loaded(): boolean {
    return this.docs().every((d) => d.state.everSynced);
  }

  status(): StatusView {
    return combineStatus(this.docs().map((d) => statusView(d.state)));
  }

  hasUnsaved(): boolean {
    return this.docs().some((d) => d.state.pending.length > 0);
  }

  private docOf(id: string): LiveDoc {
    if (this.restricted?.entries.has(id)) return this.restricted;
    if (this.shared.entries.has(id)) return this.shared;
    throw new Error(`entry ${id} is not in this chronology`);
  }

  create(input: EntryInput, author: { id: string; agency: string }): Entry {
    const target = input.restricted ? this.restricted : this.shared;
    if (!target) throw new Error('this chronology has no restricted document for your agency');
    const entry = newEntry(input, { id: crypto.randomUUID(), agency: author.agency, authorId: author.id, recordedAt: new Date().toISOString() });
    writeNewEntry(target.doc, entry);
    return entry;
  }

  amend(id: string, changes: Record<string, string>): string[] {
    return amendEntry(this.docOf(id).doc, id, changes as Partial<Entry>);
  }

  withdraw(id: string, reason: string): void {
    withdrawEntry(this.docOf(id).doc, id, reason);
  }

  /** Publishes what this window is viewing and editing, at most a few times a second. */
  setPresence(presence: LocalPresence): void {
    this.presenceWanted = presence;
    if (this.presenceTimer) return;
    const wait = Math.max(0, this.lastPresenceSent + PRESENCE_INTERVAL_MS - Date.now());
    this.presenceTimer = setTimeout(() => {
      this.presenceTimer = null;
      this.lastPresenceSent = Date.now();
      this.flushPresence();
    }, wait);
  }

  private flushPresence() {
    const p = this.presenceWanted;
    const inRestricted = (id: string | null) => id !== null && this.restricted?.entries.has(id) === true;
    this.shared.setLocalState({
      viewing: inRestricted(p.viewing) ? null : p.viewing,
      editing: inRestricted(p.editing) ? null : p.editing,
      adding: p.adding,
      follow: p.follow,
    });
    this.restricted?.setLocalState({
      viewing: inRestricted(p.viewing) ? p.viewing : null,
      editing: inRestricted(p.editing) ? p.editing : null,
      adding: false,
      follow: null,
    });
  }

  presenceStates(): Array<[number, unknown]> {
    return this.docs().flatMap((d) => d.awarenessStates());
  }

  selfClientIds(): Set<number> {
    return new Set(this.docs().map((d) => d.clientId));
  }

  setOnline(online: boolean): void {
    for (const d of this.docs()) d.setOnline(online);
  }

  dismissRefusal(): void {
    for (const d of this.docs()) d.dismiss();
  }

  destroy(): void {
    if (this.presenceTimer) clearTimeout(this.presenceTimer);
    for (const d of this.docs()) d.destroy();
  }
}
