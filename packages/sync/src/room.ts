// One document in memory: the LIVE doc that clients see and the SHADOW doc on which every write is tried
// first (see update-inspector.ts). The room owns the write path of its document:
//
//   inspect on the shadow → (refused: shadow rebuilt, nothing stored or sent)
//                         → accepted: handed to the committer, which persists it durably,
//                           then `deliver` applies it to live and broadcasts it.
//
// Between acceptance and delivery the update is "pending": in the shadow, not yet in live. A rebuilt
// shadow therefore replays the pending updates on top of live.
//
// One module: the room owns one document's write path (inspect on the shadow, persist, deliver); its
// steps share the live and shadow documents and must be read in order.

import * as Y from 'yjs';
import { newYDoc } from './new-doc.js';
import type { ChronologyAccess, Principal } from '@mac/domain';
import { getAnalysisText } from './analysis-model.js';
import { getEntriesMap } from './doc-model.js';
import { convertedState } from './doc-shape.js';
import { shareEntryValues } from './shared-values.js';
import type { ParsedDocName } from './doc-names.js';
import { UpdateRefusedError, type Refusal } from './errors.js';
import type { Limits } from './limits.js';
import type { AcceptedUpdate, Persistence, WriteMeta } from './persistence.js';
import { updateMessage } from './protocol.js';
import { createRoomAwareness, type RoomAwareness } from './room-awareness.js';
import { holdsAll, skimUpdateV1 } from './update-format.js';
import { createClientOwners, SERVER_OWNER } from './client-owners.js';
import { inspectTransaction, inspectUpdate, type EntryChange, type InspectContext, type Verdict, type WriteIntent } from './update-inspector.js';
import { writeInSlices, type Pace } from './large-write.js';
import { keepWholeState } from './whole-state-answer.js';
import { latencyTracing, traceDelivered, traceNow } from './latency-trace.js';

/** The connection a write came from: it is left out of the broadcast, and told if storing fails. */
export interface WriteOrigin {
  /** The write could not be stored (`err` says why: a full disk closes with STORAGE_FULL). */
  writeFailed(err?: unknown): void;
}

/** Who writes: a connection, or the server's REST path (origin null). */
export interface Writer {
  principal: Principal;
  readOnly: boolean;
  origin: WriteOrigin | null;
  meta: WriteMeta;
  /** The chronology as `decide` sees it; without it, only the writer's own agency counts as a member. */
  chronology?: ChronologyAccess;
}

/** A server-side write: who, from where, for what, under which access (see `Room.submitLocal`). */
export interface LocalWrite {
  principal: Principal;
  meta: WriteMeta;
  chronology: ChronologyAccess;
  /** Default `edit`. */
  intent?: WriteIntent;
}

/**
 * Writes to several documents that are stored together by one named unit of work of the caller's (a
 * household event's copies): the write queue stores them as a batch of their own, all or none.
 */
export interface WriteGroup {
  /** Stores every write of the group in ONE transaction; resolves with each one's log sequence number. */
  persist(accepted: readonly AcceptedUpdate[]): Promise<Array<number | void>>;
}

export interface PendingWrite {
  room: Room;
  accepted: AcceptedUpdate;
  origin: WriteOrigin | null;
  /** Stored only together with the other writes of its group (RoomManager.submitTogether). */
  group?: WriteGroup;
  /** A slice of a large write: once durable it waits to be delivered at the write's own pace. */
  staged?: boolean;
  /** Told when the write is durable, or could not be stored (server-side writes wait for it). */
  done?: { resolve(seq: number | void): void; reject(err: unknown): void };
  /** Several nodes: who wrote it and under which rules, to inspect it again after a conflict (Room.recheck). */
  recheck?: { client: boolean; principal: Principal; readOnly: boolean; chronology?: ChronologyAccess | undefined; intent?: WriteIntent | undefined };
  /** Stored (its sequence number known), even if not yet delivered (a large write's slice). */
  stored?: boolean;
  /** Refused or emptied by a recheck: the queue drops it. */
  gone?: boolean;
}

/** What a room starts from: its stored updates and the owners of its Yjs client ids. */
export interface StoredRoom {
  /** The stored rows; or, applied (room-load.ts), `live` and the whole state: `merged` or a short log's `rows` (neither: encoded when asked), and `converted`. */
  updates: Uint8Array[] | { live: Y.Doc; merged: Uint8Array | null; rows?: readonly Uint8Array[]; converted?: Uint8Array };
  owners: Map<number, string>;
  /** The last sequence number of `updates` (several nodes). */
  head?: number;
}

export interface RoomMember {
  /** Sends unless the connection is closed; `onWritten` is told when the message has reached the kernel. */
  send(message: Uint8Array, onWritten?: (err?: Error) => void): void;
}

export interface RoomDeps {
  persistence: Persistence;
  limits: Limits;
  /** Takes an accepted write to persistence; the room is told back through `durable` or `dropPending`. */
  commit(write: PendingWrite): void;
  /** Told about each write applied to live (the manager keeps the chronology's entry ids from it). */
  onDelivered?(write: PendingWrite): void;
  /** The first of these ids that another document of this chronology (stored, loaded or pending) holds. */
  entryIdTaken?(docName: string, entryIds: readonly string[]): string | null;
  /** The first of these person ids that is not a person of the chronology (an entry may name only those). */
  unknownPerson?(chronologyId: string, personIds: readonly string[]): string | null;
  /**
   * Several nodes (room-cluster.ts): writes name the sequence number they were inspected at and every
   * client id they write under, so the store can refuse them if another node got there first.
   */
  sequenced?: boolean;
  /** Several nodes: this node's connections' awareness changes, to be sent to the other nodes. */
  relayAwareness?(docName: string, update: Uint8Array): void;
  /** Told about each write once it is stored, with its sequence number (several nodes: it is published). */
  onCommitted?(write: PendingWrite, seq: number | void): void;
}

export interface Room {
  readonly docName: string;
  readonly parsed: ParsedDocName;
  readonly live: Y.Doc;
  readonly presence: RoomAwareness;
  readonly members: Set<RoomMember>;
  /**
   * The document's last sequence number this room holds: the last its persistence reported for its own
   * writes, or applied from other nodes (applyRemote); null when persistence reports none.
   */
  lastSeq: number | null;
  /** Whether writes of this room are being stored now (their sequence numbers not known yet). */
  readonly storing: boolean;
  /**
   * Several nodes: applies updates other nodes committed (in sequence order) to live and to a clean shadow,
   * and sends them to every connection; returns the ids of the entries they created.
   */
  applyRemote(rows: ReadonlyArray<{ seq: number; update: Uint8Array }>, source: 'bus' | 'store'): string[];
  /** Several nodes: client ids another node's writer wrote under belong to it (the owners learnt from the bus). */
  learnOwners(principalId: string, clientIds: readonly number[]): void;
  /**
   * Several nodes, after the store refused a batch because another node committed first: with the client
   * ids' owners as stored (`owners`), inspects every write not yet stored again, in order, on a shadow
   * rebuilt from live (which the caller has brought up to date). Returns the writes now refused (dropped
   * from the room, their refusal audited); the others are pending as before, with what they now change.
   */
  recheck(owners: ReadonlyMap<number, string>): Array<{ write: PendingWrite; refusal: Refusal }>;
  /** Whether the shadow copy is in memory (built at the first write, let go after `shadowIdleMs`). */
  readonly shadowLoaded: boolean;
  /**
   * Set when the stored document had an older shape (a nested map or a plain object per entry) and was converted as it was
   * loaded (doc-shape.ts): the converted state, which must be stored in place of the log before the room
   * takes any write (RoomManager does it as part of loading). Null otherwise.
   */
  readonly converted: Uint8Array | null;
  /**
   * The answer to a new client's sync request, the messages to send in order: sync step 2 with the
   * document's whole state, encoded once and kept for `FULL_STATE_KEEP_MS` after it was last asked for, with
   * the writes delivered since after it (whole-state-answer.ts; the clients of a meeting opening together
   * share one encoding, and a new client of a document being written to is not answered by encoding live
   * again). Right after a load nothing is encoded:
   * the stored row or the merge of the rows is the answer, or a short log's rows as they are (room-load.ts),
   * all but the last sent as updates and the last as the sync step 2, so the client is synced only once it
   * holds them all.
   */
  fullStateMessages(): readonly Uint8Array[];
  /** Inspects a client's update; accepted ones go to the committer. */
  receive(update: Uint8Array, writer: Writer): Verdict;
  /**
   * Claims a Yjs client id for a principal outside a write (its presence): false if another principal
   * owns it. Yjs trusts (client, clock), so whoever writes first under an id would otherwise win it.
   */
  claimClient(clientId: number, principal: Principal): boolean;
  /** Whether this document holds, or is about to hold, an entry with this id. */
  holdsEntry(entryId: string): boolean;
  /** Runs a server-side write through the same rules; resolves once it is durable and broadcast. */
  submitLocal(write: LocalWrite, mutate: (doc: Y.Doc) => void): Promise<EntryChange[]>;
  /**
   * Inspects a server-side write on the shadow and, if accepted, makes it pending WITHOUT committing it:
   * the caller commits it (with others, RoomManager.submitTogether) in the same turn, or drops it with
   * `dropPending`. Throws UpdateRefusedError when refused; null when the write changes nothing.
   */
  prepareLocal(write: LocalWrite, mutate: (doc: Y.Doc) => void): { pending: PendingWrite; changes: EntryChange[] } | null;
  /**
   * A large write of new entries (an import) in slices that give the event loop back, stored one slice
   * per batch and delivered as each is durable (large-write.ts).
   */
  submitInSlices(write: LocalWrite, slices: ReadonlyArray<(doc: Y.Doc) => void>, opts: { pace: Pace }): Promise<EntryChange[]>;
  /** Delivers at once every persisted slice of a large write not yet live (before a compaction). */
  settle(): void;
  /** Called once a pending write is durable: delivers it (or stages it, for a large write's slices). */
  durable(write: PendingWrite, seq: number | void): void;
  /** Applies a durable write to live and sends it to everyone but its writer. */
  deliver(write: PendingWrite, seq: number | void): void;
  /** Called when a pending write could not be stored: forget it and rebuild the shadow. */
  dropPending(write: PendingWrite, err?: unknown): void;
  broadcast(message: Uint8Array, except: unknown): void;
  destroy(): void;
}

/** The origin of updates other nodes committed (applyRemote). */
const REMOTE = Symbol('remote');


export function newDocFor(parsed: ParsedDocName): Y.Doc {
  const doc = newYDoc();
  // The only top-level type, typed before any update arrives: the entries map, or the analysis's text.
  if (parsed.analysis) getAnalysisText(doc);
  else getEntriesMap(doc);
  return doc;
}

export function createRoom(docName: string, parsed: ParsedDocName, deps: RoomDeps, stored: StoredRoom): Room {
  const newDoc = () => newDocFor(parsed);
  // The stored rows, applied here in one transaction; or a document room-load.ts applied in turns.
  const rows = Array.isArray(stored.updates) ? stored.updates : [];
  const loaded = Array.isArray(stored.updates) ? { live: newDoc(), merged: rows.length === 1 ? rows[0]! : null } : stored.updates;
  let live = loaded.live;
  live.transact(() => {
    for (const update of rows) Y.applyUpdate(live, update);
  });
  if (live.store.pendingStructs !== null || live.store.pendingDs !== null) {
    // Never written by us (every stored update integrated fully); every later write will be refused as
    // missing dependencies until an operator repairs the log, which is the safe way to fail.
    throw new Error(`the stored updates of ${docName} have missing dependencies`);
  }
  // A document of an older shape, rebuilt in today's once (the caller stores it): by the merge worker as it loaded
  // (room-load.ts); here, on the event loop, only as the last resort (the worker failed): a stall, never an old shape.
  let converted = Array.isArray(stored.updates) ? null : (stored.updates.converted ?? null);
  if (converted === null && !parsed.analysis) {
    converted = convertedState(live, docName);
    if (converted !== null) {
      live.destroy();
      live = newDoc();
      Y.applyUpdate(live, converted);
    }
  }
  // The converting client id is the server's own, like a shadow's.
  if (converted !== null) for (const client of Y.decodeStateVector(Y.encodeStateVector(live)).keys()) stored.owners.set(client, SERVER_OWNER);

  // A new client's answer, kept (whole-state-answer.ts): a load's state to begin with, or none.
  const answer = keepWholeState(live, converted ?? loaded.merged ?? loaded.rows ?? null);

  let shadow = newDoc();
  let shadowDirty = true;
  let shadowTimer: NodeJS.Timeout | null = null;
  const pending: PendingWrite[] = [];
  // Slices of large writes: persisted, pending, delivered one by one (large-write.ts).
  const staged: { write: PendingWrite; seq: number | void }[] = [];
  let destroyed = false;
  const owners = createClientOwners(stored.owners, deps.persistence.claimClients && ((clients, principalId) => deps.persistence.claimClients!(docName, clients, principalId)));
  const members = new Set<RoomMember>();

  const broadcast = (message: Uint8Array, except: unknown) => {
    for (const member of members) if (member !== except) member.send(message);
  };
  const presence = createRoomAwareness(live, broadcast, {
    mayClaim: (clientId, peer) => room.claimClient(clientId, peer.principal),
    ...(deps.relayAwareness === undefined ? {} : { relay: (update: Uint8Array) => deps.relayAwareness?.(docName, update) }),
  });

  // Let the shadow's copy go once writes stop; the next write builds it again from live.
  const releaseShadow = () => {
    shadowTimer = null;
    if (pending.length > 0) return keepShadow();
    shadow.destroy();
    shadow = newDoc();
    shadowDirty = true;
  };
  const keepShadow = () => {
    if (shadowTimer !== null) shadowTimer.refresh();
    else {
      shadowTimer = setTimeout(releaseShadow, deps.limits.shadowIdleMs);
      shadowTimer.unref();
    }
  };

  const cleanShadow = (): Y.Doc => {
    keepShadow();
    if (!shadowDirty) return shadow;
    shadow.destroy();
    shadow = newDoc();
    // The whole state kept for new clients, if any, saves encoding live again (~20 ms for 2,500 entries).
    for (const update of answer.kept() ?? [Y.encodeStateAsUpdate(live)]) Y.applyUpdate(shadow, update);
    // The two copies share the entries' values (most of their memory): shared-values.ts.
    if (!parsed.analysis) shareEntryValues(live, shadow);
    for (const write of pending) Y.applyUpdate(shadow, write.accepted.update);
    shadowDirty = false;
    return shadow;
  };

  const contextFor = (writer: { principal: Principal; readOnly: boolean; chronology?: ChronologyAccess | undefined; intent?: WriteIntent | undefined }): InspectContext => ({
    principal: writer.principal,
    readOnly: writer.readOnly,
    intent: writer.intent ?? 'edit',
    // A connection was admitted as a member (or read-only) at its handshake and is closed when that ends.
    chronology: writer.chronology ?? { id: parsed.chronologyId, leadUserId: '', memberAgencies: [writer.principal.agency] },
    restrictedAgency: parsed.restrictedAgency,
    analysis: parsed.analysis,
    limits: deps.limits,
    clientOwner: (client) => owners.owner(client),
    entryIdTaken: (entryIds) => deps.entryIdTaken?.(docName, entryIds) ?? null,
    unknownPerson: (personIds) => (deps.unknownPerson ? deps.unknownPerson(parsed.chronologyId, personIds) : (personIds[0] ?? null)),
  });

  const refused = (principal: Principal, meta: WriteMeta, r: Refusal) => {
    shadowDirty = true;
    // Missing dependencies are a gap in sync, not a forbidden change: the connection asks for the rest.
    if (r.code === 'MISSING_DEPENDENCIES') return;
    try {
      deps.persistence.onRefused?.({ docName, principal, meta, code: r.code, reason: r.reason });
    } catch {
      // An audit hook failing must not turn a refusal into an acceptance or a crash.
    }
  };

  /** On several nodes: the sequence number a write is inspected at, and every client id it writes under. */
  const sequencing = (clients: number[]): { afterSeq?: number; claims?: number[] } =>
    deps.sequenced ? { afterSeq: room.lastSeq ?? 0, ...(clients.length > 0 ? { claims: clients } : {}) } : {};

  /** The next staged slice: into the shadow (unless it is to be rebuilt, which replays it) and live. */
  const deliverStaged = (): boolean => {
    const next = staged.shift();
    if (next === undefined || destroyed) return false;
    if (!shadowDirty) Y.applyUpdate(shadow, next.write.accepted.update);
    room.deliver(next.write, next.seq);
    return true;
  };

  const room: Room = {
    docName,
    parsed,
    live,
    presence,
    members,
    lastSeq: stored.head ?? null,
    converted,
    get storing() {
      return pending.some((write) => write.stored !== true);
    },
    get shadowLoaded() {
      return shadowTimer !== null;
    },

    fullStateMessages: () => answer.messages(),

    receive(update, writer) {
      if (shadowDirty && pending.length === 0) {
        // No shadow yet (or a stale one): most updates on connect add nothing, and need none.
        const shape = skimUpdateV1(update, parsed.analysis ? 'text' : 'entries');
        if (shape.ok && update.byteLength <= deps.limits.maxMessageBytes && holdsAll(live, shape)) {
          return { ok: true, update: null, changes: [], clients: [] };
        }
      }
      const verdict = inspectUpdate(cleanShadow(), update, contextFor(writer));
      if (!verdict.ok) {
        refused(writer.principal, writer.meta, verdict);
        if (verdict.shadowUnchanged) shadowDirty = false;
        return verdict;
      }
      if (verdict.update === null) return verdict;
      const claims = owners.take(verdict.clients, writer.principal.id);
      const write: PendingWrite = {
        room,
        accepted: { docName, update: verdict.update, principal: writer.principal, meta: writer.meta, changes: verdict.changes, claims, ...sequencing(verdict.clients) },
        origin: writer.origin,
      };
      if (deps.sequenced) write.recheck = { client: true, principal: writer.principal, readOnly: writer.readOnly, chronology: writer.chronology };
      pending.push(write);
      deps.commit(write);
      return verdict;
    },

    claimClient(clientId, principal) {
      const owner = owners.owner(clientId);
      if (owner !== undefined) return owner === principal.id;
      if (clientId === shadow.clientID) return false;
      return owners.claim(clientId, principal.id);
    },

    holdsEntry(entryId) {
      if (parsed.analysis) return false; // the analysis document holds no entries
      if (getEntriesMap(live).has(entryId)) return true;
      return pending.some((write) => write.accepted.changes.some((change) => change.kind === 'create' && change.entryId === entryId));
    },

    async submitLocal(write, mutate) {
      const prepared = room.prepareLocal(write, mutate);
      if (prepared === null) return [];
      // Through the same queue as every other write: stored in the order the shadow saw them.
      await new Promise<number | void>((resolve, reject) => {
        prepared.pending.done = { resolve, reject };
        deps.commit(prepared.pending);
      });
      return prepared.changes;
    },

    prepareLocal(write, mutate) {
      const { principal, meta } = write;
      const target = cleanShadow();
      let verdict: Verdict;
      try {
        verdict = inspectTransaction(target, () => mutate(target), contextFor({ principal, readOnly: false, chronology: write.chronology, intent: write.intent }));
      } catch (err) {
        shadowDirty = true;
        throw err;
      }
      if (!verdict.ok) {
        refused(principal, meta, verdict);
        throw new UpdateRefusedError(verdict);
      }
      if (verdict.update === null) return null;
      // The server's own client ids (of shadows, each used once) are owned in memory only: no replica
      // holds unsent work under them that another writer could shadow.
      const accepted: AcceptedUpdate = { docName, update: verdict.update, principal, meta, changes: verdict.changes, claims: [], ...sequencing([]) };
      owners.take(verdict.clients, SERVER_OWNER);
      const pendingWrite: PendingWrite = { room, accepted, origin: null };
      if (deps.sequenced) pendingWrite.recheck = { client: false, principal, readOnly: false, chronology: write.chronology, intent: write.intent };
      pending.push(pendingWrite);
      return { pending: pendingWrite, changes: verdict.changes };
    },

    submitInSlices(write, slices, opts) {
      return writeInSlices(
        {
          docName,
          contextFor: (w) => contextFor({ principal: w.principal, readOnly: false, chronology: w.chronology, intent: w.intent }),
          cleanShadow,
          commitStaged(list) {
            // Committed in one synchronous run, in order: the queue stores them one slice per batch.
            return list.map(
              (accepted) =>
                new Promise<number | void>((resolve, reject) => {
                  const slice: PendingWrite = { room, accepted: { ...accepted, ...sequencing([]) }, origin: null, staged: true, done: { resolve, reject } };
                  if (deps.sequenced) slice.recheck = { client: false, principal: write.principal, readOnly: false, chronology: write.chronology, intent: write.intent };
                  pending.push(slice);
                  deps.commit(slice);
                }),
            );
          },
          deliverNext: deliverStaged,
          maxEntriesPerDoc: deps.limits.maxEntriesPerDoc,
          refused,
          entryIdTaken: (ids) => deps.entryIdTaken?.(docName, ids) ?? null,
          claimServerClient: (client) => owners.take([client], SERVER_OWNER),
          isDestroyed: () => destroyed,
        },
        write,
        slices,
        opts,
      );
    },

    settle() {
      while (deliverStaged());
    },

    durable(write, seq) {
      write.stored = true;
      if (typeof seq === 'number' && (room.lastSeq === null || seq > room.lastSeq)) room.lastSeq = seq;
      if (write.staged) staged.push({ write, seq });
      else room.deliver(write, seq);
      write.done?.resolve(seq);
      deps.onCommitted?.(write, seq);
    },

    deliver(write, seq) {
      const at = pending.indexOf(write);
      if (at !== -1) pending.splice(at, 1);
      if (typeof seq === 'number' && (room.lastSeq === null || seq > room.lastSeq)) room.lastSeq = seq;
      // Sent first, applied right after in the same tick: nothing can read live in between, and the clients' latency does not include our own apply.
      const sendAt = latencyTracing ? traceNow() : 0;
      broadcast(updateMessage(write.accepted.update), write.origin);
      if (latencyTracing) traceDelivered(write.accepted, sendAt);
      answer.applyDelivered(write.accepted.update, write.origin);
      deps.onDelivered?.(write);
    },

    applyRemote(rows, source) {
      const created: string[] = [];
      const entries = parsed.analysis ? null : (getEntriesMap(live) as unknown as Y.Map<unknown>);
      const observer = (event: Y.YMapEvent<unknown>) => {
        for (const [key, change] of event.changes.keys) if (change.action === 'add') created.push(key);
      };
      entries?.observe(observer);
      try {
        for (const row of rows) {
          // From the store a row may hold much this room has (a merged row after a compaction): only the rest is sent.
          const news = source === 'store' ? Y.diffUpdate(row.update, Y.encodeStateVector(live)) : row.update;
          broadcast(updateMessage(news), null);
          answer.applyDelivered(row.update, REMOTE);
          // The shadow is live plus the pending writes: the remote update goes on top (a rebuild would do the same).
          if (!shadowDirty) Y.applyUpdate(shadow, row.update, REMOTE);
          if (room.lastSeq === null || row.seq > room.lastSeq) room.lastSeq = row.seq;
        }
      } finally {
        entries?.unobserve(observer);
      }
      return created;
    },

    learnOwners(principalId, clientIds) {
      owners.learn(principalId, clientIds);
    },

    recheck(storedOwners) {
      owners.replace(storedOwners);
      const kept: PendingWrite[] = [];
      // Live, then what is stored but not yet live (a large write's slices), then what is kept so far.
      const rebuild = () => {
        shadow.destroy();
        shadow = newDoc();
        Y.applyUpdate(shadow, Y.encodeStateAsUpdate(live));
        for (const write of pending) if (write.stored === true || write.recheck === undefined || kept.includes(write)) Y.applyUpdate(shadow, write.accepted.update);
      };
      const refusedWrites: Array<{ write: PendingWrite; refusal: Refusal }> = [];
      rebuild();
      for (const write of [...pending]) {
        if (write.stored === true || write.recheck === undefined) continue;
        const { accepted, recheck: who } = write;
        const ctx = contextFor(who);
        const stolen = accepted.claims.some((client) => ![undefined, accepted.principal.id].includes(owners.owner(client)));
        const verdict: Verdict = stolen
          ? { ok: false, code: 'UPDATE_REFUSED', reason: 'update uses a client id of someone else' }
          : who.client
            ? inspectUpdate(shadow, accepted.update, ctx)
            : inspectTransaction(shadow, (origin) => Y.applyUpdate(shadow, accepted.update, origin), ctx);
        if (!verdict.ok || verdict.update === null) {
          write.gone = true;
          pending.splice(pending.indexOf(write), 1);
          if (verdict.ok) write.done?.resolve(undefined); // it adds nothing any more: nothing to store
          else {
            refused(accepted.principal, accepted.meta, verdict);
            refusedWrites.push({ write, refusal: verdict });
            rebuild(); // the shadow holds the refused content
          }
          continue;
        }
        accepted.update = verdict.update;
        accepted.changes = verdict.changes;
        accepted.claims = who.client ? verdict.clients : [];
        accepted.afterSeq = room.lastSeq ?? 0;
        owners.take(verdict.clients, who.client ? accepted.principal.id : SERVER_OWNER);
        kept.push(write);
      }
      shadowDirty = false;
      keepShadow();
      return refusedWrites;
    },

    dropPending(write, err) {
      const at = pending.indexOf(write);
      if (at !== -1) pending.splice(at, 1);
      shadowDirty = true;
      write.done?.reject(err ?? new Error('the write could not be stored'));
    },

    broadcast,

    destroy() {
      destroyed = true;
      staged.length = 0;
      answer.destroy();
      if (shadowTimer !== null) clearTimeout(shadowTimer);
      presence.destroy();
      live.destroy();
      shadow.destroy();
      members.clear();
    },
  };
  return room;
}
