// The rooms of one server process: loads a document on first use, attaches websockets to it, runs REST
// writes through the same path, unloads rooms nobody uses, compacts the log. The server's Hono app owns
// authentication; by the time a socket reaches `handleConnection` its principal is decided.
//
// One module: rooms, the write queue's wiring, unloading and compaction act on the same map of rooms and
// must see each other's state. What each account is allowed is account-budgets.ts.

import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import { CLOSE, closeReason, type CloseCode } from './close-codes.js';
import { createConnection, type Connection, type ConnectionContext, type ConnectionInfo } from './connection.js';
import { parseDocName } from './doc-names.js';
import { resolveLimits, type Limits } from './limits.js';
import { consoleLogger, throttledLog, type Logger } from './log.js';
import type { Persistence } from './persistence.js';
import { createAccountBudgets, type Admission } from './account-budgets.js';
import { createRoom, type LocalWrite, type PendingWrite, type Room, type WriteGroup } from './room.js';
import type { EntryChange } from './update-inspector.js';
import type { Pace } from './large-write.js';
import { createWriteQueue } from './write-queue.js';
import { latencyTracing, traceAccepted, tracedPersistence, traceNow, traceSpan } from './latency-trace.js';
import { RoomLoadRefused } from './room-refused.js';
import type { RoomBus } from './bus.js';
import { createRoomCluster, takenEntriesOf } from './room-cluster.js';
import type { WriteCost } from './write-volume.js';
import { createCompactor, DEFAULT_COMPACTION, type CompactionPolicy } from './compaction.js';
import { createStateMerger, type StateMerger } from './state-merger.js';
import { loadLive, type LoadShortcuts } from './room-load.js';
import { createChronologyIndex } from './chronology-index.js';

export type { Admission } from './account-budgets.js';

/** Messages a socket may send while its room loads (a handshake is two or three). */
const MAX_HELD_WHILE_LOADING = 16;

export interface RoomManagerOptions {
  persistence: Persistence;
  limits?: Partial<Limits>;
  /** A room without connections is unloaded after this long (default 30 s). */
  idleUnloadMs?: number;
  /** Interval of websocket pings; a socket that missed one pong is terminated (default 30 s, 0 = off). */
  pingIntervalMs?: number;
  now?: () => number;
  log?: Logger;
  /**
   * Asked before a document that is not loaded would be loaded; a reason refuses it (RoomLoadRefused, and
   * a socket closes with CLOSE.SERVER_BUSY). The server refuses new rooms this way under memory pressure.
   */
  mayLoadRoom?: (docName: string) => string | null;
  /**
   * Told each time a connection is closed for a refused message, after the manager's own admission has
   * counted it: the server counts refusals across nodes too (apps/server/src/cluster/admission.ts).
   */
  onRefusal?: (principalId: string) => void;
  /**
   * Several nodes (issue 19): the bus that carries committed updates and awareness between them
   * (room-cluster.ts). Absent: one node, and nothing of that runs.
   */
  bus?: RoomBus;
  /** Told of every write charged to an account's volume (websocket or REST): the server counts it across nodes too. */
  onCharge?: (principalId: string, cost: WriteCost) => void;
  /** When logs are compacted by themselves (compaction.ts; default DEFAULT_COMPACTION); false: only by `compact`. */
  compaction?: Partial<CompactionPolicy> | false;
  /** Where stored rows are merged (default: a worker thread of this manager's own, closed with it). */
  merger?: StateMerger;
  /** Which logs a load answers from without merging them (room-load.ts; default DEFAULT_LOAD_SHORTCUTS). */
  loadShortcuts?: LoadShortcuts;
}

export interface RoomStats {
  rooms: number;
  connections: number;
}

export interface RoomManager {
  /**
   * Asked before a principal's websocket handshake (before any other work for it): turns away a principal
   * opening connections too fast, or whose recent connections were closed for refused messages.
   */
  admit(principalId: string): Admission;
  /**
   * Whether the principal may write now (REST asks before a write): not while over its write volume
   * (Limits.amendmentsPerMinute, writeBytesPerMinute).
   */
  writeAllowance(principalId: string): Admission;
  /** Charges a write to its principal's volume (REST, after a write; connections are charged by the manager). */
  chargeWrite(principalId: string, cost: WriteCost): void;
  /** The loaded room of a document, loading it from persistence on first use. */
  room(docName: string): Promise<Room>;
  /** `admitted`: nothing is sent to the socket before it resolves (the open's audit record); rejected, the socket is closed. */
  handleConnection(ws: WebSocket, ctx: ConnectionContext, admitted?: Promise<unknown>): void;
  /**
   * A server-side write (REST, import): validated like a client's, persisted, broadcast; returns what
   * changed. The write names its real principal, its metadata and its intent: nothing is ambient.
   */
  submitLocal(docName: string, write: LocalWrite, mutate: (doc: Y.Doc) => void): Promise<EntryChange[]>;
  /**
   * Server-side writes to several documents (one part per document), all or none: each is inspected on its
   * room's shadow like any write (one refusal drops them all, nothing stored), then they are stored
   * together by `group.persist` (the caller's named unit of work, ONE transaction), then each is applied to
   * its live document and broadcast. Resolves with each part's changes, in order.
   */
  submitTogether(parts: ReadonlyArray<{ docName: string; write: LocalWrite; mutate: (doc: Y.Doc) => void }>, group: WriteGroup): Promise<EntryChange[][]>;
  /** A large write of new entries in slices that give the event loop back, stored one slice per batch (large-write.ts). */
  submitInSlices(docName: string, write: LocalWrite, slices: ReadonlyArray<(doc: Y.Doc) => void>, opts: { pace: Pace }): Promise<EntryChange[]>;
  /**
   * Tells the rooms that these people are now linked to the chronology (a person added, or the survivor
   * of a merge), so that entries may name them at once. Harmless when no room of it is loaded.
   */
  notePeople(chronologyId: string, personIds: readonly string[]): void;
  /** Closes every connection whose context matches; returns how many. Sockets are gone within a second. */
  closeConnections(predicate: (ctx: ConnectionContext) => boolean, code: CloseCode, reason: string): number;
  connections(): ConnectionInfo[];
  /**
   * The contexts of the live connections, and of those whose room is still loading (for checks that must
   * ask storage before deciding to close; `closeConnections` closes either kind).
   */
  contexts(): ConnectionContext[];
  stats(): RoomStats;
  /** Unloads every room that has had no connection for `idleUnloadMs`; resolves with how many. */
  unloadIdle(): Promise<number>;
  /** Replaces the document's stored updates with one merged update of its current state. */
  compact(docName: string): Promise<{ bytes: number }>;
  /**
   * Readies the merge thread (a server that has just started): otherwise the first load that waits for a
   * merge pays the thread's boot and Yjs not yet optimised there (1.2-1.6 s under load for the 45 rows an
   * import leaves in a 2,000-entry document, against 40-60 ms warm). Never fails (a failure is logged).
   */
  warmUp(): Promise<void>;
  /** Resolves once the writes accepted so far are stored and broadcast (or have failed). */
  flush(): Promise<void>;
  /**
   * Several nodes: catches every loaded room (or only `docName`'s) up from the store now. The bus schedules
   * this itself; a reader that must see every committed write (an analysis version) asks for its document.
   */
  catchUp(docName?: string): Promise<void>;
  /** Stores what is pending, closes every connection and unloads every room. */
  destroy(): Promise<void>;
}

interface RoomSlot {
  room: Room;
  idleSince: number | null;
  timer: NodeJS.Timeout | null;
}

export function createRoomManager(opts: RoomManagerOptions): RoomManager {
  const limits = resolveLimits(opts.limits);
  const idleUnloadMs = opts.idleUnloadMs ?? 30_000;
  const now = opts.now ?? Date.now;
  const log = throttledLog(opts.log ?? consoleLogger, now);
  const persistence = opts.persistence;
  const slots = new Map<string, RoomSlot>();
  const loading = new Map<string, Promise<RoomSlot>>();
  // What a chronology's loaded rooms share: where its entry ids are stored, its people (chronology-index.ts).
  const chronologies = createChronologyIndex(persistence);
  const live = new Set<Connection>();
  // Sockets accepted while their room loads, with their contexts: the access checks (`contexts`,
  // `closeConnections`) see them too, or an end of access announced during the load would miss them.
  const opening = new Map<WebSocket, ConnectionContext>();
  const perPrincipal = new Map<string, number>();
  const budgets = createAccountBudgets(limits, now, { onRefusal: opts.onRefusal, onCharge: opts.onCharge });
  let destroyed = false;
  const merger = opts.merger ?? createStateMerger();
  const policy = opts.compaction === false ? null : { ...DEFAULT_COMPACTION, ...opts.compaction };
  const compactor = createCompactor({ persistence, merger, policy, log });

  const onRefused = (connection: Connection) => budgets.refused(connection.ctx.principal.id);
  const onAccepted = (connection: Connection, cost: WriteCost) => budgets.charge(connection.ctx.principal.id, cost);

  const cluster =
    opts.bus === undefined
      ? null
      : createRoomCluster({
          bus: opts.bus,
          persistence,
          log,
          // Another node's new entries: this chronology's entry ids stay complete (entryIdTaken reads them).
          onRemoteEntries(room, entryIds) {
            chronologies.noteEntries(room.parsed.chronologyId, room.docName, entryIds);
          },
          // Entries the store found in a document this node has not loaded (another node made them).
          onTakenEntries(taken) {
            for (const { chronologyId, entryId, docName } of taken) chronologies.noteEntries(chronologyId, docName, [entryId]);
          },
        });

  const queue = createWriteQueue(
    latencyTracing ? tracedPersistence(persistence) : persistence,
    (write, err) => {
      log.error('persist-failed', `could not store an update of ${write.accepted.docName}`, { error: String(err) });
      write.origin?.writeFailed(err);
    },
    cluster === null ? undefined : { resolve: (rooms, conflict) => cluster.resolveConflict(rooms, takenEntriesOf(conflict)), settled: (rooms) => cluster.settled(rooms) },
  );

  // MAC_LATENCY_TRACE=1 (bench:sync): each accepted write is stamped as it enters the queue (latency-trace.ts).
  const commit = latencyTracing
    ? (write: PendingWrite) => {
        traceAccepted(write.accepted);
        queue.commit(write);
      }
    : queue.commit;

  const markIdle = (slot: RoomSlot) => {
    if (slot.room.members.size > 0 || slot.timer !== null) return;
    slot.idleSince = now();
    slot.timer = setTimeout(() => {
      slot.timer = null;
      if (slot.room.members.size === 0 && slots.get(slot.room.docName) === slot) void unload(slot);
    }, idleUnloadMs);
    slot.timer.unref();
  };

  const markBusy = (slot: RoomSlot) => {
    if (slot.timer !== null) clearTimeout(slot.timer);
    slot.timer = null;
    slot.idleSince = null;
  };

  const unload = async (slot: RoomSlot): Promise<boolean> => {
    // Its writes in flight are delivered first (to a room nobody watches, but in order).
    await queue.flush();
    // Someone may have opened it meanwhile.
    if (slots.get(slot.room.docName) !== slot || (slot.room.members.size > 0 && !destroyed)) return false;
    if (slot.timer !== null) clearTimeout(slot.timer);
    slots.delete(slot.room.docName);
    cluster?.close(slot.room.docName);
    slot.room.destroy();
    chronologies.release(slot.room.parsed.chronologyId);
    compactor.unloaded(slot.room.docName);
    return true;
  };

  // Entry ids are unique across a chronology's documents. A room knows its own document; this looks at the
  // chronology's other loaded rooms (their live documents and pending writes) and, through the index, at
  // the stored projection of the ones not loaded.
  const entryIdTaken = (docName: string, entryIds: readonly string[]): string | null => {
    const chronologyId = parseDocName(docName)?.chronologyId;
    if (chronologyId === undefined) return null;
    for (const [other, slot] of slots) {
      if (other === docName || slot.room.parsed.chronologyId !== chronologyId) continue;
      const taken = entryIds.find((id) => slot.room.holdsEntry(id));
      if (taken !== undefined) return taken;
    }
    return chronologies.storedElsewhere(chronologyId, docName, entryIds);
  };

  const onDelivered = (write: PendingWrite) => {
    compactor.wrote(write.accepted.docName, write.accepted.update.byteLength);
    const created = write.accepted.changes.flatMap((change) => (change.kind === 'create' ? [change.entryId] : []));
    if (created.length > 0) chronologies.noteEntries(write.room.parsed.chronologyId, write.accepted.docName, created);
  };

  const load = async (docName: string): Promise<RoomSlot> => {
    const parsed = parseDocName(docName);
    if (parsed === null) throw new Error(`not a chronology document name: ${docName}`);
    const chronologyId = parsed.chronologyId;
    try {
      // Several nodes: subscribe first, then read, then apply what arrived meanwhile (room-cluster.ts).
      if (cluster !== null) await cluster.open(docName);
      const startAt = latencyTracing ? traceNow() : 0;
      const [stored, owners, [entryDocs, people]] = await Promise.all([
        readRows(docName),
        persistence.loadClientOwners?.(docName) ?? Promise.resolve(new Map<number, string>()),
        chronologies.acquire(chronologyId),
      ]);
      if (latencyTracing) traceSpan('load.r its rows, owners and chronology index read', startAt);
      if (destroyed) throw new Error('the room manager has been destroyed');
      // Applied in turns while the merge worker makes the rows one update (room-load.ts).
      const loaded = await loadLive(docName, parsed, stored.updates, merger, (err) => log.warn('merge', `could not merge the log of ${docName}`, { error: String(err) }), opts.loadShortcuts);
      if (destroyed) throw new Error('the room manager has been destroyed');
      chronologies.publish(chronologyId, entryDocs, people);
      const clusterDeps = cluster === null ? {} : { sequenced: true, onCommitted: cluster.committed, relayAwareness: cluster.relayAwareness };
      const head = cluster === null ? {} : { head: stored.last ?? 0 };
      const room = createRoom(docName, parsed, { persistence, limits, commit, onDelivered, entryIdTaken, unknownPerson: chronologies.unknownPerson, ...clusterDeps }, { updates: loaded, owners, ...head });
      if (room.converted !== null) {
        // A document of an older shape, converted as it loaded: stored in place of its log before anyone
        // may write to it (a write on the converted state over the old log would not load again).
        try {
          if (persistence.compact === undefined) throw new Error('this persistence cannot store a converted document');
          // Up to what was read (several nodes: another node's later rows stay after it).
          await persistence.compact(docName, room.converted, stored.last ?? Number.MAX_SAFE_INTEGER, { converted: true });
        } catch (err) {
          room.destroy();
          throw err;
        }
        if (loaded.converted !== undefined) log.info(`${docName}: converted to one JSON text per entry in the merge worker and stored in place of its log`);
        else log.warn('convert', `${docName}: converted to one JSON text per entry ON THE EVENT LOOP (the merge worker could not) and stored in place of its log`);
      }
      // A log due for compaction that this load merged: that state replaces exactly the rows read.
      const merged = room.converted === null && loaded.merged !== null && stored.last !== null && stored.updates.length > 1 ? { state: loaded.merged, uptoSeq: stored.last } : null;
      compactor.loaded(docName, room.converted === null ? stored.updates : [], merged);
      const slot: RoomSlot = { room, idleSince: null, timer: null };
      slots.set(docName, slot);
      cluster?.attach(room);
      markIdle(slot);
      if (latencyTracing) traceSpan('load.z TOTAL a room from storage (read, applied, merged)', startAt);
      return slot;
    } catch (err) {
      cluster?.close(docName);
      chronologies.release(chronologyId);
      throw err;
    }
  };

  /** The stored rows, and the number of the last one (null: this persistence numbers none). */
  const readRows = async (docName: string): Promise<{ updates: Uint8Array[]; last: number | null }> => {
    if (persistence.loadSequenced === undefined) return { updates: await persistence.load(docName), last: null };
    const rows = await persistence.loadSequenced(docName);
    return { updates: rows.map((row) => row.update), last: rows.length === 0 ? 0 : rows[rows.length - 1]!.seq };
  };

  /** The document's room, loading it on first use (concurrent openers share one load). */
  const slotFor = async (docName: string): Promise<RoomSlot> => {
    if (destroyed) throw new Error('the room manager has been destroyed');
    const slot = slots.get(docName);
    if (slot !== undefined) return slot;
    let pendingLoad = loading.get(docName);
    if (pendingLoad === undefined) {
      const refusal = opts.mayLoadRoom?.(docName) ?? null;
      if (refusal !== null) throw new RoomLoadRefused(refusal);
      pendingLoad = load(docName).finally(() => loading.delete(docName));
      loading.set(docName, pendingLoad);
    }
    return pendingLoad;
  };

  const uncount = (principalId: string) => {
    const count = (perPrincipal.get(principalId) ?? 1) - 1;
    if (count <= 0) perPrincipal.delete(principalId);
    else perPrincipal.set(principalId, count);
  };

  const onDetach = (connection: Connection) => {
    live.delete(connection);
    uncount(connection.ctx.principal.id);
    const slot = slots.get(connection.ctx.docName);
    if (slot !== undefined && slot.room === connection.room) markIdle(slot);
  };

  const pingTimer =
    (opts.pingIntervalMs ?? 30_000) > 0
      ? setInterval(() => {
          for (const connection of live) {
            if (!connection.ping()) connection.close(CLOSE.SERVER_ERROR, 'no answer to ping');
          }
        }, opts.pingIntervalMs ?? 30_000)
      : null;
  pingTimer?.unref();

  const refuseSocket = (ws: WebSocket, code: CloseCode, reason: string) => {
    try {
      ws.close(code, reason);
    } catch {
      ws.terminate();
    }
    setTimeout(() => ws.terminate(), 500).unref();
  };

  // Several nodes: a client coming from a node that died between a commit it sent the client and its
  // announcement carries that write; inspected as the client's own it would be refused, and its unsent
  // work with it. All a client holds was committed before it came here, so the room reads the store
  // first (after its own batch in flight: catch-up skips a room storing its writes).
  const readyFor = async (docName: string): Promise<RoomSlot> => {
    const slot = await slotFor(docName);
    if (cluster === null) return slot;
    if (slot.room.storing) await queue.flush();
    await cluster.catchUp(docName);
    return slot;
  };

  return {
    admit: (principalId) => budgets.admit(principalId),

    writeAllowance(principalId) {
      const wait = budgets.writeWait(principalId);
      return wait > 0 ? { ok: false, reason: 'too many changes from this account', retryAfterMs: wait } : { ok: true };
    },

    chargeWrite(principalId, cost) {
      budgets.charge(principalId, cost);
    },

    room: async (docName) => (await slotFor(docName)).room,

    notePeople: (chronologyId, personIds) => chronologies.notePeople(chronologyId, personIds),

    handleConnection(ws, ctx, admitted) {
      // Without an 'error' listener a malformed frame would crash the process.
      ws.on('error', (err) => log.warn('ws-error', `websocket error on ${ctx.docName}: ${err.message}`));
      ws.binaryType = 'arraybuffer';
      // Gone already (closed during the upgrade): its 'close' has fired, nothing would ever detach it.
      if (ws.readyState !== 1) return;
      const principalId = ctx.principal.id;
      if ((perPrincipal.get(principalId) ?? 0) >= limits.maxConnectionsPerPrincipal) {
        return refuseSocket(ws, CLOSE.TOO_MANY_CONNECTIONS, 'too many open connections');
      }
      // Counted from now (a load in progress counts), so that many opens at once cannot pass the limit.
      perPrincipal.set(principalId, (perPrincipal.get(principalId) ?? 0) + 1);
      const attach = (slot: RoomSlot) => {
        const connection = createConnection(ws, ctx, slot.room, ctx.connectionId ?? randomUUID(), { limits, now, log, onDetach, onRefused, onAccepted });
        live.add(connection);
        slot.room.members.add(connection);
        markBusy(slot);
        // As y-websocket's server does: our state vector (the client answers with what we lack), then presence.
        connection.requestSync();
        const states = slot.room.presence.statesMessage();
        if (states !== null) connection.send(states);
      };
      const loaded = slots.get(ctx.docName);
      if (loaded !== undefined && cluster === null && admitted === undefined) return attach(loaded);
      // The room is being loaded, or (several nodes) caught up, or the open not yet `admitted`: the socket's
      // messages wait until then (nothing is lost). Pausing stops reading from the socket, but `ws` still emits what it had already
      // read (a client sends its sync step 1 at once): held here, handed to the connection in order once attached.
      // A client that sends more than a handshake's worth before the room exists is flooding: refused.
      ws.pause();
      const held: Array<[unknown, boolean]> = [];
      const hold = (data: unknown, isBinary: boolean) => {
        if (held.length === MAX_HELD_WHILE_LOADING) refuseSocket(ws, CLOSE.RATE_LIMITED, 'too many messages before the document was open');
        if (held.length <= MAX_HELD_WHILE_LOADING) held.push([data, isBinary]);
      };
      ws.on('message', hold);
      opening.set(ws, ctx);
      const waitAt = latencyTracing ? traceNow() : 0;
      void Promise.all([readyFor(ctx.docName), admitted]).then(
        ([slot]) => {
          if (latencyTracing) traceSpan('open.3a socket waited for its room (loading, or catching up)', waitAt);
          ws.off('message', hold);
          opening.delete(ws);
          // Closed meanwhile, by its client or by an access check (closeConnections).
          if (ws.readyState !== 1) return uncount(principalId);
          attach(slot);
          for (const [data, isBinary] of held) ws.emit('message', data, isBinary);
          ws.resume();
        },
        (err) => {
          ws.off('message', hold);
          opening.delete(ws);
          uncount(principalId);
          if (err instanceof RoomLoadRefused) return refuseSocket(ws, CLOSE.SERVER_BUSY, closeReason(err.message));
          log.error('room-load', `could not open ${ctx.docName}`, { error: String(err) });
          refuseSocket(ws, CLOSE.SERVER_ERROR, 'could not open the document');
        },
      );
    },

    async submitLocal(docName, write, mutate) {
      const slot = await slotFor(docName);
      markBusy(slot);
      try {
        return await slot.room.submitLocal(write, mutate);
      } finally {
        markIdle(slot);
      }
    },

    async submitTogether(parts, group) {
      if (new Set(parts.map((p) => p.docName)).size !== parts.length) throw new Error('submitTogether: one part per document');
      const partSlots = await Promise.all(parts.map((p) => slotFor(p.docName)));
      partSlots.forEach(markBusy);
      try {
        // From here to the commit nothing awaits: no other write can come between the inspections and
        // the queue, so the group sits together in it and builds on exactly what its shadows held.
        const prepared: Array<{ pending: PendingWrite; changes: EntryChange[] } | null> = [];
        try {
          parts.forEach((part, i) => prepared.push(partSlots[i]!.room.prepareLocal(part.write, part.mutate)));
        } catch (err) {
          for (const p of prepared) if (p !== null) p.pending.room.dropPending(p.pending);
          throw err;
        }
        const stored = prepared.flatMap((p) =>
          p === null
            ? []
            : [
                new Promise<number | void>((resolve, reject) => {
                  p.pending.group = group;
                  p.pending.done = { resolve, reject };
                }),
              ],
        );
        for (const p of prepared) if (p !== null) queue.commit(p.pending);
        await Promise.all(stored);
        return prepared.map((p) => p?.changes ?? []);
      } finally {
        partSlots.forEach(markIdle);
      }
    },

    async submitInSlices(docName, write, slices, opts) {
      const slot = await slotFor(docName);
      // Not unloaded while it works: the slices in flight are the room's.
      markBusy(slot);
      try {
        return await slot.room.submitInSlices(write, slices, opts);
      } finally {
        markIdle(slot);
      }
    },

    closeConnections(predicate, code, reason) {
      let count = 0;
      for (const connection of [...live]) {
        if (!predicate(connection.ctx)) continue;
        connection.close(code, reason);
        count++;
      }
      for (const [ws, ctx] of [...opening]) {
        if (!predicate(ctx)) continue;
        opening.delete(ws);
        refuseSocket(ws, code, reason);
        count++;
      }
      return count;
    },

    connections: () => [...live].map((c) => c.info()),

    contexts: () => [...[...live].map((c) => c.ctx), ...opening.values()],

    stats: () => ({ rooms: slots.size, connections: live.size }),

    async unloadIdle() {
      const t = now();
      const idle = [...slots.values()].filter((slot) => slot.room.members.size === 0 && slot.idleSince !== null && t - slot.idleSince >= idleUnloadMs);
      const unloaded = await Promise.all(idle.map(unload));
      return unloaded.filter(Boolean).length;
    },

    async compact(docName) {
      // What was accepted until now is stored first, then the stored rows are merged (compaction.ts).
      await queue.flush();
      return compactor.compact(docName);
    },

    // Closing while it warms up is no failure.
    warmUp: () => merger.warmUp().catch((err: unknown) => void (destroyed || log.warn('merge', 'could not warm up the merge thread', { error: String(err) }))),

    flush: () => queue.flush(),

    catchUp: (docName) => (cluster === null ? Promise.resolve() : docName === undefined ? cluster.catchUpAll() : cluster.catchUp(docName)),

    async destroy() {
      if (destroyed) return;
      destroyed = true;
      await queue.flush();
      if (pingTimer !== null) clearInterval(pingTimer);
      for (const connection of [...live]) connection.close(1001, 'server shutting down');
      // No compaction starts from here; the one under way is finished before the store closes.
      await compactor.destroy();
      await Promise.all([...slots.values()].map(unload));
      cluster?.destroy();
      if (opts.merger === undefined) await merger.close();
    },
  };
}
