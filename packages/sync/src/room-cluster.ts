// The rooms of one node among several (issue 19): what the room manager does in addition when it has a
// bus (bus.ts). PostgreSQL gives each document's updates their order (doc_seq) and keeps them; the bus only
// makes them arrive sooner.
//
// - Loading a room: subscribe to the document first, then read it, then apply what arrived meanwhile
//   (`open`, then `attach`); a bus that does not answer within a second does not hold the load up (the
//   next catch-up brings what it would have).
// - A new connection waits for its room to catch up with the store (room-manager `readyFor`): a client
//   moving from a node that died after sending it a commit, before announcing it, carries that write.
// - After this node commits a write it publishes (node id, sequence number, update, claims): `committed`.
// - Another node's update is applied in sequence order; a gap is read from the store (doc-feed.ts).
// - A write inspected before another node's commit is refused by the store (WriteConflictError, nothing
//   stored): the room catches up from the store, reloads its client ids' owners and inspects its writes
//   again on top (`resolveConflict`, Room.recheck). Those now refused close their connection with the 44xx
//   code and leave one audit record, as any refusal; the others are stored at the next attempt.
// - After the bus reconnects, and every few seconds while it is down, every loaded room catches up.
// - Awareness: this node's connections' changes are relayed; other nodes' states are shown, and go when
//   the bus says their node is gone (its heartbeat ran out: within 20 s on Redis's defaults), or at the
//   latest 30 s after their last renewal (the awareness protocol's own timeout).
import { isWriteConflict, type TakenEntry } from '@mac/db';
import type { RoomBus } from './bus.js';
import { createDocFeed, type DocFeed } from './doc-feed.js';
import { UpdateRefusedError } from './errors.js';
import type { ThrottledLog } from './log.js';
import type { Persistence } from './persistence.js';
import type { PendingWrite, Room } from './room.js';

/** How long a room's load waits for the bus to confirm its subscription before going on without it. */
const SUBSCRIBE_WAIT_MS = 1_000;

export interface RoomCluster {
  readonly nodeId: string;
  /** Load, step 1: subscribes to the document (its messages are held until `attach`). */
  open(docName: string): Promise<void>;
  /** Load, step 3: the room is read up to its `lastSeq`; what arrived meanwhile is applied or ignored. */
  attach(room: Room): void;
  /** The room was unloaded (or failed to load): unsubscribes. */
  close(docName: string): void;
  /** One of this node's writes is stored under `seq`: published, and the room's feed moves on. */
  committed(write: PendingWrite, seq: number | void): void;
  /** A batch of these rooms' writes has settled: a gap that waited for it is read now. */
  settled(rooms: Iterable<Room>): void;
  /**
   * The store refused a batch because another node committed first: each room catches up, reloads its
   * client ids' owners and inspects its unstored writes again. Refused writes are told (and dropped).
   */
  resolveConflict(rooms: Iterable<Room>, taken?: readonly TakenEntry[]): Promise<void>;
  /** Catches every loaded room up from the store (tests; the bus's own schedule does it otherwise). */
  catchUpAll(): Promise<void>;
  /** Catches one loaded room up from the store (nothing if it is not loaded, or is storing its own writes). */
  catchUp(docName: string): Promise<void>;
  relayAwareness(docName: string, update: Uint8Array): void;
  destroy(): void;
}

export interface RoomClusterOptions {
  bus: RoomBus;
  persistence: Persistence;
  log: ThrottledLog;
  /** Told the entries another node's updates created in a room (the chronology's entry ids: room-manager). */
  onRemoteEntries(room: Room, entryIds: string[]): void;
  /**
   * Told the entry ids the store found already in another document of the chronology when it refused a
   * batch (another node created them there): the rooms' inspection then refuses the writes that reuse them.
   */
  onTakenEntries?(taken: readonly TakenEntry[]): void;
}

interface DocSlot {
  feed: DocFeed;
  room: Room | null;
}

export function createRoomCluster(opts: RoomClusterOptions): RoomCluster {
  const { bus, persistence, log } = opts;
  const readAfter = persistence.readAfter;
  const loadOwners = persistence.loadClientOwners;
  if (readAfter === undefined || persistence.loadSequenced === undefined || loadOwners === undefined) {
    throw new Error('several nodes need a persistence with sequence numbers (loadSequenced, readAfter) and client-id owners');
  }
  const docs = new Map<string, DocSlot>();
  let destroyed = false;

  // Awareness is not in the store: after the bus was away, each node sends its connections' states again
  // and asks the others for theirs (an empty awareness message means "send me yours").
  const refreshAwareness = (room: Room) => {
    const states = room.presence.localStates();
    if (states !== null) bus.publishAwareness(room.docName, { nodeId: bus.nodeId, update: states });
    bus.publishAwareness(room.docName, { nodeId: bus.nodeId, update: new Uint8Array() });
  };

  const catchUpAll = async () => {
    for (const slot of docs.values()) if (slot.room !== null) refreshAwareness(slot.room);
    await Promise.all(
      [...docs.values()].map((slot) => (slot.room === null || slot.room.storing ? Promise.resolve() : slot.feed.catchUp())),
    );
  };
  bus.onCatchUp(() => void catchUpAll());
  // A node that died (its heartbeat ran out) takes its clients' presence with it, on every room here.
  bus.onNodeGone?.((nodeId) => {
    for (const slot of docs.values()) slot.room?.presence.dropNode(nodeId);
  });

  return {
    nodeId: bus.nodeId,

    async open(docName) {
      if (docs.has(docName)) return;
      const slot: DocSlot = {
        room: null,
        feed: createDocFeed({
          apply(rows, source) {
            const room = slot.room;
            if (room === null) return;
            const created = room.applyRemote(rows, source);
            if (created.length > 0) opts.onRemoteEntries(room, created);
          },
          readAfter: (seq) => readAfter(docName, seq),
          writing: () => slot.room?.storing ?? false,
          onError: (err) => log.warn('cluster-catch-up', `could not catch ${docName} up from the store`, { error: String(err) }),
        }),
      };
      docs.set(docName, slot);
      const subscribed = bus.subscribe(docName, {
        update(message) {
          if (message.nodeId === bus.nodeId) return; // our own: the room applied it when it was stored
          if (message.claims !== undefined) slot.room?.learnOwners(message.claims.principalId, message.claims.clientIds);
          slot.feed.receive({ seq: message.seq, update: message.update });
        },
        awareness(message) {
          if (message.nodeId === bus.nodeId || slot.room === null) return;
          if (message.update.byteLength === 0) {
            // Another node opened the room (or came back): it asks for the states of our connections.
            const states = slot.room.presence.localStates();
            if (states !== null) bus.publishAwareness(docName, { nodeId: bus.nodeId, update: states });
            return;
          }
          try {
            slot.room.presence.applyRemote(message.update, message.nodeId);
          } catch {
            log.warn('cluster-awareness', `a malformed awareness message for ${docName} from node ${message.nodeId}`);
          }
        },
      });
      let timer: NodeJS.Timeout | undefined;
      const wait = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, SUBSCRIBE_WAIT_MS);
        timer.unref();
      });
      try {
        await Promise.race([subscribed, wait]);
      } catch (err) {
        log.warn('cluster-subscribe', `could not subscribe to ${docName}; catching up from the store instead`, { error: String(err) });
      } finally {
        clearTimeout(timer);
      }
    },

    attach(room) {
      const slot = docs.get(room.docName);
      if (slot === undefined) return;
      slot.room = room;
      slot.feed.start(room.lastSeq ?? 0);
      // Who is already here on other nodes (awareness is not in the store).
      bus.publishAwareness(room.docName, { nodeId: bus.nodeId, update: new Uint8Array() });
    },

    close(docName) {
      const slot = docs.get(docName);
      if (slot === undefined) return;
      docs.delete(docName);
      slot.feed.close();
      // Not awaited: an unsubscription that fails (Redis away) only leaves messages this node ignores.
      void bus.unsubscribe(docName).catch(() => undefined);
    },

    committed(write, seq) {
      if (typeof seq !== 'number') return;
      const { accepted } = write;
      bus.publish(accepted.docName, {
        nodeId: bus.nodeId,
        seq,
        update: accepted.update,
        ...(accepted.claims.length > 0 ? { claims: { principalId: accepted.principal.id, clientIds: accepted.claims } } : {}),
      });
      docs.get(accepted.docName)?.feed.committed(seq);
    },

    settled(rooms) {
      for (const room of rooms) {
        const slot = docs.get(room.docName);
        if (slot !== undefined && !room.storing) slot.feed.settled();
      }
    },

    async resolveConflict(rooms, taken = []) {
      if (taken.length > 0) opts.onTakenEntries?.(taken);
      await Promise.all(
        [...new Set(rooms)].map(async (room) => {
          const slot = docs.get(room.docName);
          if (slot === undefined || destroyed) return;
          await slot.feed.catchUp();
          const owners = await loadOwners(room.docName);
          for (const { write, refusal } of room.recheck(owners)) {
            const err = new UpdateRefusedError(refusal);
            write.origin?.writeFailed(err);
            write.done?.reject(err);
          }
        }),
      );
    },

    catchUpAll,

    async catchUp(docName) {
      const slot = docs.get(docName);
      if (slot !== undefined && slot.room !== null && !slot.room.storing) await slot.feed.catchUp();
    },

    relayAwareness(docName, update) {
      bus.publishAwareness(docName, { nodeId: bus.nodeId, update });
    },

    destroy() {
      destroyed = true;
      for (const docName of [...docs.keys()]) {
        docs.get(docName)?.feed.close();
        docs.delete(docName);
      }
    },
  };
}

/** What a refused batch's WriteConflictError found taken in other documents (none for other failures). */
export function takenEntriesOf(conflict: unknown): readonly TakenEntry[] {
  if (!isWriteConflict(conflict)) return [];
  const taken = (conflict as { takenEntries?: unknown }).takenEntries;
  return Array.isArray(taken) ? (taken as TakenEntry[]) : [];
}
