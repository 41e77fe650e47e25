// The rooms of one server process: loads a document on first use, attaches websockets to it, runs REST
// writes through the same path, unloads rooms nobody uses, compacts the log. The server's Hono app owns
// authentication; by the time a socket reaches `handleConnection` its principal is decided.

import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import { CLOSE, type CloseCode } from './close-codes.js';
import { createConnection, type Connection, type ConnectionContext, type ConnectionInfo } from './connection.js';
import { parseDocName } from './doc-names.js';
import { resolveLimits, type Limits } from './limits.js';
import { consoleLogger, throttledLog, type Logger } from './log.js';
import type { Persistence } from './persistence.js';
import { createTokenBucket, type TokenBucket } from './rate-limit.js';
import { createRoom, type LocalWrite, type Room } from './room.js';
import type { EntryChange } from './update-inspector.js';
import type { Pace } from './large-write.js';
import { createWriteQueue } from './write-queue.js';
import type { WriteCost } from './write-volume.js';

export interface RoomManagerOptions {
  persistence: Persistence;
  limits?: Partial<Limits>;
  /** A room without connections is unloaded after this long (default 30 s). */
  idleUnloadMs?: number;
  /** Interval of websocket pings; a socket that missed one pong is terminated (default 30 s, 0 = off). */
  pingIntervalMs?: number;
  now?: () => number;
  log?: Logger;
}

export interface RoomStats {
  rooms: number;
  connections: number;
}

export type Admission = { ok: true } | { ok: false; reason: string; retryAfterMs: number };

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
  /** The loaded room of a document, loading it (synchronously, from persistence) on first use. */
  room(docName: string): Room;
  handleConnection(ws: WebSocket, ctx: ConnectionContext): void;
  /**
   * A server-side write (REST, import): validated like a client's, persisted, broadcast; returns what
   * changed. The write names its real principal, its metadata and its intent: nothing is ambient.
   */
  submitLocal(docName: string, write: LocalWrite, mutate: (doc: Y.Doc) => void): EntryChange[];
  /** A large write of new entries in slices that give the event loop back, all or nothing (large-write.ts). */
  submitInSlices(docName: string, write: LocalWrite, slices: ReadonlyArray<(doc: Y.Doc) => void>, opts: { pace: Pace }): Promise<EntryChange[]>;
  /** Closes every connection whose context matches; returns how many. Sockets are gone within a second. */
  closeConnections(predicate: (ctx: ConnectionContext) => boolean, code: CloseCode, reason: string): number;
  connections(): ConnectionInfo[];
  stats(): RoomStats;
  /** Unloads every room that has had no connection for `idleUnloadMs`; returns how many. */
  unloadIdle(): number;
  /** Replaces the document's stored updates with one merged update of its current state. */
  compact(docName: string): { bytes: number };
  /** Stores and broadcasts writes still waiting for their batch commit. */
  flush(): void;
  destroy(): void;
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
  const live = new Set<Connection>();
  const perPrincipal = new Map<string, number>();
  const admissions = new Map<string, { opens: TokenBucket; refusals: TokenBucket; amendments: TokenBucket; bytes: TokenBucket; lastSeen: number }>();
  let destroyed = false;

  const admissionOf = (principalId: string) => {
    let a = admissions.get(principalId);
    if (a === undefined) {
      if (admissions.size >= 10_000) {
        // Forget principals not seen for ten minutes (their buckets are full again by then).
        for (const [id, old] of admissions) if (now() - old.lastSeen > 600_000) admissions.delete(id);
      }
      a = {
        opens: createTokenBucket(limits.connectionsPerMinute / 60, Math.max(1, limits.connectionsPerMinute / 2)),
        refusals: createTokenBucket(1000 / limits.refusalRefillMs, limits.refusalBurst),
        amendments: createTokenBucket(limits.amendmentsPerMinute / 60, limits.amendmentsPerMinute / 2),
        bytes: createTokenBucket(limits.writeBytesPerMinute / 60, limits.writeBytesPerMinute / 2),
        lastSeen: now(),
      };
      admissions.set(principalId, a);
    }
    a.lastSeen = now();
    return a;
  };

  const onRefused = (connection: Connection) => {
    admissionOf(connection.ctx.principal.id).refusals.take(now());
  };

  /** Spends the cost; false when the principal is now over either budget. */
  const charge = (principalId: string, cost: WriteCost): boolean => {
    const a = admissionOf(principalId);
    const t = now();
    const amendmentsOk = a.amendments.spend(t, cost.amendments);
    const bytesOk = a.bytes.spend(t, cost.bytes);
    return amendmentsOk && bytesOk;
  };

  const volumeWait = (principalId: string): number => {
    const a = admissionOf(principalId);
    const t = now();
    return Math.max(a.amendments.spend(t, 0) ? 0 : a.amendments.waitMs(t), a.bytes.spend(t, 0) ? 0 : a.bytes.waitMs(t));
  };

  const onAccepted = (connection: Connection, cost: WriteCost) => charge(connection.ctx.principal.id, cost);

  const queue = createWriteQueue(persistence, (write, err) => {
    log.error('persist-failed', `could not store an update of ${write.accepted.docName}`, { error: String(err) });
    write.origin?.writeFailed(err);
  });

  const markIdle = (slot: RoomSlot) => {
    if (slot.room.members.size > 0 || slot.timer !== null) return;
    slot.idleSince = now();
    slot.timer = setTimeout(() => {
      slot.timer = null;
      if (slot.room.members.size === 0 && slots.get(slot.room.docName) === slot) unload(slot);
    }, idleUnloadMs);
    slot.timer.unref();
  };

  const markBusy = (slot: RoomSlot) => {
    if (slot.timer !== null) clearTimeout(slot.timer);
    slot.timer = null;
    slot.idleSince = null;
  };

  const unload = (slot: RoomSlot) => {
    queue.flush();
    if (slot.timer !== null) clearTimeout(slot.timer);
    slots.delete(slot.room.docName);
    slot.room.destroy();
  };

  // Entry ids are unique across a chronology's documents. A room knows its own document; this looks at the
  // chronology's other loaded rooms (their live documents and pending writes) and, through persistence,
  // at the stored projection of the ones not loaded.
  const entryIdTaken = (docName: string, entryIds: readonly string[]): string | null => {
    const chronologyId = parseDocName(docName)?.chronologyId;
    if (chronologyId === undefined) return null;
    for (const [other, slot] of slots) {
      if (other === docName || slot.room.parsed.chronologyId !== chronologyId) continue;
      const taken = entryIds.find((id) => slot.room.holdsEntry(id));
      if (taken !== undefined) return taken;
    }
    return persistence.entryIdsTaken?.(chronologyId, entryIds, docName) ?? null;
  };

  const slotFor = (docName: string): RoomSlot => {
    if (destroyed) throw new Error('the room manager has been destroyed');
    let slot = slots.get(docName);
    if (slot === undefined) {
      const parsed = parseDocName(docName);
      if (parsed === null) throw new Error(`not a chronology document name: ${docName}`);
      slot = { room: createRoom(docName, parsed, { persistence, limits, commit: queue.commit, flush: queue.flush, entryIdTaken }), idleSince: null, timer: null };
      slots.set(docName, slot);
      markIdle(slot);
    }
    return slot;
  };

  const onDetach = (connection: Connection) => {
    live.delete(connection);
    const id = connection.ctx.principal.id;
    const count = (perPrincipal.get(id) ?? 1) - 1;
    if (count <= 0) perPrincipal.delete(id);
    else perPrincipal.set(id, count);
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

  return {
    admit(principalId) {
      const a = admissionOf(principalId);
      const t = now();
      const refusalWait = a.refusals.waitMs(t);
      if (refusalWait > 0) {
        return { ok: false, reason: 'too many refused changes from this account: wait before reconnecting', retryAfterMs: refusalWait };
      }
      // Over its write volume, an account reconnects only once the budget has refilled: the slowing down.
      const volume = volumeWait(principalId);
      if (volume > 0) return { ok: false, reason: 'too many changes from this account: wait before reconnecting', retryAfterMs: volume };
      if (!a.opens.take(t)) return { ok: false, reason: 'too many new connections from this account', retryAfterMs: a.opens.waitMs(t) };
      return { ok: true };
    },

    writeAllowance(principalId) {
      const wait = volumeWait(principalId);
      return wait > 0 ? { ok: false, reason: 'too many changes from this account', retryAfterMs: wait } : { ok: true };
    },

    chargeWrite(principalId, cost) {
      charge(principalId, cost);
    },

    room: (docName) => slotFor(docName).room,

    handleConnection(ws, ctx) {
      // Without an 'error' listener a malformed frame would crash the process.
      ws.on('error', (err) => log.warn('ws-error', `websocket error on ${ctx.docName}: ${err.message}`));
      ws.binaryType = 'arraybuffer';
      // Gone already (closed during the upgrade): its 'close' has fired, nothing would ever detach it.
      if (ws.readyState !== 1) return;
      const principalId = ctx.principal.id;
      if ((perPrincipal.get(principalId) ?? 0) >= limits.maxConnectionsPerPrincipal) {
        return refuseSocket(ws, CLOSE.TOO_MANY_CONNECTIONS, 'too many open connections');
      }
      let slot: RoomSlot;
      try {
        slot = slotFor(ctx.docName);
      } catch (err) {
        log.error('room-load', `could not open ${ctx.docName}`, { error: String(err) });
        return refuseSocket(ws, CLOSE.SERVER_ERROR, 'could not open the document');
      }
      const connection = createConnection(ws, ctx, slot.room, ctx.connectionId ?? randomUUID(), { limits, now, log, onDetach, onRefused, onAccepted });
      perPrincipal.set(principalId, (perPrincipal.get(principalId) ?? 0) + 1);
      live.add(connection);
      slot.room.members.add(connection);
      markBusy(slot);
      // As y-websocket's server does: our state vector (the client answers with what we lack), then presence.
      connection.requestSync();
      const states = slot.room.presence.statesMessage();
      if (states !== null) connection.send(states);
    },

    submitLocal(docName, write, mutate) {
      const slot = slotFor(docName);
      try {
        return slot.room.submitLocal(write, mutate);
      } finally {
        markIdle(slot);
      }
    },

    async submitInSlices(docName, write, slices, opts) {
      const slot = slotFor(docName);
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
      return count;
    },

    connections: () => [...live].map((c) => c.info()),

    stats: () => ({ rooms: slots.size, connections: live.size }),

    unloadIdle() {
      let count = 0;
      const t = now();
      for (const slot of [...slots.values()]) {
        if (slot.room.members.size === 0 && slot.idleSince !== null && t - slot.idleSince >= idleUnloadMs) {
          unload(slot);
          count++;
        }
      }
      return count;
    },

    compact(docName) {
      queue.flush();
      const slot = slotFor(docName);
      // A large write's persisted slices must be live before live replaces the log.
      slot.room.settle();
      // The live doc is gc-enabled, so the merge drops what was overwritten. Only this document's own
      // state is written back under its own name: content never moves between documents.
      const merged = Y.encodeStateAsUpdate(slot.room.live);
      persistence.compact?.(docName, merged, slot.room.lastSeq ?? Number.MAX_SAFE_INTEGER);
      markIdle(slot);
      return { bytes: merged.byteLength };
    },

    flush: () => queue.flush(),

    destroy() {
      if (destroyed) return;
      queue.flush();
      destroyed = true;
      if (pingTimer !== null) clearInterval(pingTimer);
      for (const connection of [...live]) connection.close(1001, 'server shutting down');
      for (const slot of [...slots.values()]) unload(slot);
    },
  };
}
