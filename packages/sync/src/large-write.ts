// A large server-side write of NEW entries (a 5,000-row import) without holding the event loop, nor the
// store for long.
//
//   1. stage, in slices: each slice of entries is written to a private document (empty, with its own
//      client id) inside inspectTransaction with the room's own context: the same checks as any write,
//      entry by entry, yielding between slices. Creations of new keys in the `entries` map do not depend
//      on the document's state, so the verdict on the private document is the verdict on the room's.
//   2. commit: on the room's (clean) shadow check what did depend on its state (no id already present,
//      the entry cap, the client id unused), then hand every slice's update to the write queue at once:
//      they are pending from then on (later writes are checked against them, and wait behind them), and
//      the queue stores them ONE SLICE PER BATCH (write-queue.ts), so other rooms' writes and the
//      store's other callers (audit records) go between them: an import is not all or nothing in storage.
//      Whoever needs it whole keeps a record that lets it finish an import cut short (the server's import
//      journal, apps/server services/import-journal.ts: the entries' ids are fixed before the first slice).
//   3. deliver, in slices: each slice goes to the shadow and to live and is broadcast once it is durable,
//      yielding between slices. Until delivered a slice is "pending" (persisted, not yet live): a shadow
//      rebuilt meanwhile replays it, and a compaction delivers the rest first (Room.settle). If a slice
//      cannot be stored, the slices after it are dropped (the queue's failure rule), the ones stored
//      before it are still delivered, and the write rejects with the failure.
//
// Only creations are accepted here; anything else a slice does is refused.
import * as Y from 'yjs';
import { newYDoc } from './new-doc.js';
import { getEntriesMap } from './doc-model.js';
import { UpdateRefusedError } from './errors.js';
import { inspectTransaction, type EntryChange, type InspectContext } from './update-inspector.js';
import type { AcceptedUpdate } from './persistence.js';
import type { LocalWrite } from './room.js';

export type Pace = () => Promise<void> | void;

/** What the room lends a large write: its rules, its shadow, and its pending/deliver machinery. */
export interface LargeWriteHost {
  docName: string;
  contextFor(write: LocalWrite): InspectContext;
  /** The shadow, clean (rebuilt from live and the pending writes if needed). */
  cleanShadow(): Y.Doc;
  /** Adds the writes to the pending list (in the shadow's view) and commits them in order; each one's seq once durable. */
  commitStaged(accepted: AcceptedUpdate[]): Array<Promise<number | void>>;
  /** Delivers the next durable slice: false when none was waiting. */
  deliverNext(): boolean;
  maxEntriesPerDoc: number;
  /** Records refused writes like any other. */
  refused(principal: LocalWrite['principal'], meta: LocalWrite['meta'], refusal: { code: UpdateRefusedError['code']; reason: string }): void;
  /** The first of these ids another document of the chronology holds (ids are unique per chronology). */
  entryIdTaken(entryIds: readonly string[]): string | null;
  /** Marks a client id as the server's own. */
  claimServerClient(client: number): void;
  isDestroyed(): boolean;
}

function refuse(host: LargeWriteHost, write: LocalWrite, reason: string, code: UpdateRefusedError['code'] = 'UPDATE_REFUSED'): never {
  const refusal = { code, reason };
  host.refused(write.principal, write.meta, refusal);
  throw new UpdateRefusedError(refusal);
}

export async function writeInSlices(
  host: LargeWriteHost,
  write: LocalWrite,
  slices: ReadonlyArray<(doc: Y.Doc) => void>,
  opts: { pace: Pace },
): Promise<EntryChange[]> {
  const { principal, meta } = write;
  // 1. Stage.
  const staging = newYDoc();
  getEntriesMap(staging);
  const accepted: AcceptedUpdate[] = [];
  const changes: EntryChange[] = [];
  try {
    const ctx = host.contextFor(write);
    for (const mutate of slices) {
      const verdict = inspectTransaction(staging, () => mutate(staging), ctx);
      if (!verdict.ok) {
        host.refused(principal, meta, verdict);
        throw new UpdateRefusedError(verdict);
      }
      if (verdict.changes.some((c) => c.kind !== 'create')) refuse(host, write, 'a large write may only add new entries');
      if (verdict.update !== null) {
        accepted.push({ docName: host.docName, update: verdict.update, principal, meta, changes: verdict.changes, claims: [] });
        changes.push(...verdict.changes);
      }
      await opts.pace();
    }
  } finally {
    staging.destroy();
  }
  if (accepted.length === 0) return [];
  if (host.isDestroyed()) throw new Error(`the room of ${host.docName} was unloaded during the write; nothing was stored`);

  // 2. Commit: what depends on the document's state, then one transaction.
  const shadow = host.cleanShadow();
  const entries = getEntriesMap(shadow);
  if (changes.some((c) => entries.has(c.entryId))) refuse(host, write, 'an entry with this id already exists');
  // Other documents of the chronology may have gained one of these ids while the slices were staged.
  if (host.entryIdTaken(changes.map((c) => c.entryId)) !== null) refuse(host, write, 'an entry with this id already exists in this chronology', 'ENTRY_ID_TAKEN');
  if (entries.size + changes.length > host.maxEntriesPerDoc) refuse(host, write, `a document holds at most ${host.maxEntriesPerDoc} entries`);
  if (Y.getState(shadow.store, staging.clientID) > 0) throw new Error('the staging client id is already in use; try again');
  host.claimServerClient(staging.clientID);
  const stored = host.commitStaged(accepted);
  // Each is awaited in turn below; a failure rejects the slices after it too, which are then not awaited.
  for (const slice of stored) slice.catch(() => {});

  // 3. Deliver, each slice once durable.
  let failure: { err: unknown } | null = null;
  for (const slice of stored) {
    try {
      await slice;
    } catch (err) {
      failure = { err };
    }
    while (host.deliverNext()) await opts.pace();
    if (failure !== null) throw failure.err;
  }
  return changes;
}
