// One websocket on one room: reads y-websocket messages, answers sync requests, hands document updates
// to the room's inspection and awareness to the room's presence, and closes with a named code on the
// first thing it will not accept.

import type { WebSocket } from 'ws';
import type { ChronologyAccess, Principal } from '@mac/domain';
import { latencyTracing, storageFailure, traceMessageAt as messageAt, traceNow, traceOpens, traceSpan } from '@mac/db';
import { CLOSE, closeReason, type CloseCode } from './close-codes.js';
import type { Limits } from './limits.js';
import type { ThrottledLog } from './log.js';
import { UpdateRefusedError } from './errors.js';
import { MalformedMessage, parseClientMessage, syncStep1Message, syncStep2Message } from './protocol.js';
import { createTokenBucket } from './rate-limit.js';
import { parseAwarenessUpdate, type AwarenessEntry, type AwarenessPeer, type Presence } from './room-awareness.js';
import type { Room, RoomMember, WriteOrigin } from './room.js';
import { writeCost, type WriteCost } from './write-volume.js';

export interface ConnectionContext {
  docName: string;
  principal: Principal;
  /** A read-only connection receives the document and may show presence, but changes nothing. */
  readOnly: boolean;
  connectionId?: string;
  /** Identity shown to the others; defaults to the principal's name and agency. */
  presence?: Presence;
  /** The session behind a cookie-authenticated connection, so the server can close it when it ends. */
  sessionIdHash?: string | null;
  /** The chronology's access as the handshake decided it (every write is checked against it with `decide`). */
  chronology?: ChronologyAccess;
  /** The client's address, for the audit record of each of its writes. */
  ip?: string | null;
}

export interface ConnectionInfo {
  id: string;
  docName: string;
  principalId: string;
  agency: string;
  readOnly: boolean;
  awarenessClientId: number | null;
  openedAt: number;
}

export interface Connection extends RoomMember, WriteOrigin, AwarenessPeer {
  readonly id: string;
  readonly ctx: ConnectionContext;
  readonly room: Room;
  readonly openedAt: number;
  readonly closed: boolean;
  close(code: CloseCode | 1001, reason: string): void;
  /** Sends our state vector (sync step 1): the client answers with everything we lack. */
  requestSync(): void;
  /** Keepalive: false if no pong came since the last ping (the socket is then terminated). */
  ping(): boolean;
  info(): ConnectionInfo;
}

export interface ConnectionDeps {
  limits: Limits;
  now: () => number;
  log: ThrottledLog;
  /** Called once, when the connection leaves its room (closed by either side). */
  onDetach(connection: Connection): void;
  /** Called when the server closes the connection for something it sent (not for its rate). */
  onRefused?(connection: Connection, code: CloseCode): void;
  /** Charges an accepted update to its principal's write volume; false when the principal is over it. */
  onAccepted?(connection: Connection, cost: WriteCost): boolean;
}

/** A closing handshake the client does not finish within this time is cut short. */
const CLOSE_TIMEOUT_MS = 500;
const OPEN = 1;

export function createConnection(ws: WebSocket, ctx: ConnectionContext, room: Room, id: string, deps: ConnectionDeps): Connection {
  const { limits, now, log } = deps;
  const messages = createTokenBucket(limits.messagesPerSecond, limits.messagesPerSecond * 2);
  const syncRequests = createTokenBucket(limits.syncRequestsPerSecond, limits.syncRequestsPerSecond * 2);
  const awarenessBucket = createTokenBucket(limits.awarenessPerSecond);
  // Each heal costs a rebuild of the shadow at worst: a few per connection, not a loop.
  const heals = createTokenBucket(1 / 10, 2);
  // Set while a sync step 1 of ours is unanswered. The client's sync step 2 will hold everything it has
  // that we lack, including every update it sends before that answer, so until then an update that
  // depends on something we lack is early, not lost: it is set aside and arrives again inside the answer.
  let awaitingReplyUntil: number | null = null;
  let deferredAwareness: AwarenessEntry | null = null;
  let awarenessTimer: NodeJS.Timeout | null = null;
  let overRateSince: number | null = null;
  let lastDeferredAt = 0;
  let closed = false;
  let alive = true;

  const detach = () => {
    if (awarenessTimer !== null) clearTimeout(awarenessTimer);
    awarenessTimer = null;
    room.members.delete(connection);
    room.presence.release(connection);
    deps.onDetach(connection);
  };

  // Every update of this connection is written as this writer: the metadata travels with each update.
  const writer = {
    principal: ctx.principal,
    readOnly: ctx.readOnly,
    get origin() {
      return connection;
    },
    meta: { via: 'websocket' as const, ip: ctx.ip ?? null },
    chronology: ctx.chronology,
  };

  const connection: Connection = {
    id,
    ctx,
    room,
    openedAt: now(),
    principal: ctx.principal,
    presence: ctx.presence,
    awarenessClientId: null,
    get closed() {
      return closed;
    },

    send(message, onWritten) {
      if (closed || ws.readyState !== OPEN) return;
      ws.send(message, onWritten);
    },

    close(code, reason) {
      if (closed) return;
      closed = true;
      detach();
      try {
        ws.close(code, closeReason(reason));
      } catch {
        ws.terminate();
        return;
      }
      const timer = setTimeout(() => ws.terminate(), CLOSE_TIMEOUT_MS);
      timer.unref();
      ws.once('close', () => clearTimeout(timer));
    },

    requestSync() {
      if (closed) return;
      awaitingReplyUntil = now() + limits.syncReplyMs;
      connection.send(syncStep1Message(room.live));
    },

    writeFailed(err) {
      // Refused after all: another node committed first and the write, checked again on top of that, is
      // not allowed any more (room-cluster.ts). Closed as any refusal is.
      if (err instanceof UpdateRefusedError) return refuse(CLOSE[err.code], err.reason, `refused-${err.code}`);
      // A full or failing disk, or a database out of reach, is named, so the browser can say nothing new
      // can be saved for now (one code: the client does the same for both, keeps its changes and retries).
      const failure = storageFailure(err);
      if (failure !== null) connection.close(CLOSE.STORAGE_FULL, failure === 'full' ? 'the server’s storage is full: nothing new can be saved for now' : 'the server cannot reach its storage: nothing new can be saved for now');
      else connection.close(CLOSE.SERVER_ERROR, 'the server could not store a change; reconnect');
    },

    ping() {
      if (!alive) return false;
      alive = false;
      try {
        ws.ping();
      } catch {
        return false; // not open any more: the close will follow
      }
      return true;
    },

    info: () => ({
      id,
      docName: ctx.docName,
      principalId: ctx.principal.id,
      agency: ctx.principal.agency,
      readOnly: ctx.readOnly,
      awarenessClientId: connection.awarenessClientId,
      openedAt: connection.openedAt,
    }),
  };

  const refuse = (code: CloseCode, reason: string, kind: string) => {
    log.warn(kind, `closing connection ${id} to ${ctx.docName}: ${reason}`, { principal: ctx.principal.id, code });
    connection.close(code, reason);
    if (code !== CLOSE.RATE_LIMITED) deps.onRefused?.(connection, code);
  };

  const applyDeferredAwareness = () => {
    awarenessTimer = null;
    if (closed || deferredAwareness === null) return;
    if (!awarenessBucket.take(now())) {
      awarenessTimer = setTimeout(applyDeferredAwareness, Math.max(1, awarenessBucket.waitMs(now())));
      awarenessTimer.unref();
      return;
    }
    const entry = deferredAwareness;
    deferredAwareness = null;
    room.presence.applyOwn(connection, entry);
  };

  // Over the rate, the latest state waits for the next token (a cursor must end where the user left
  // it); staying over the rate for long closes the connection.
  // "Over the rate" ends only after a whole second with nothing deferred: bursts with pauses between
  // them (each pause earning a token or two) are still a sustained flood.
  const onOwnAwareness = (entry: AwarenessEntry) => {
    const t = now();
    if (deferredAwareness === null && awarenessBucket.take(t)) {
      if (overRateSince !== null && t - lastDeferredAt >= 1_000) overRateSince = null;
      room.presence.applyOwn(connection, entry);
      return;
    }
    deferredAwareness = entry;
    lastDeferredAt = t;
    overRateSince ??= t;
    if (t - overRateSince > limits.awarenessSustainedMs) {
      refuse(CLOSE.RATE_LIMITED, 'too many presence updates', 'awareness-rate');
      return;
    }
    if (awarenessTimer === null) {
      awarenessTimer = setTimeout(applyDeferredAwareness, Math.max(1, awarenessBucket.waitMs(t)));
      awarenessTimer.unref();
    }
  };

  const onAwareness = (update: Uint8Array) => {
    const claim = room.presence.claim(connection, parseAwarenessUpdate(update));
    if ('violation' in claim) return refuse(CLOSE.UPDATE_REFUSED, claim.violation, 'awareness-claim');
    const own = claim.own;
    if (own === null) return;
    if (own.bytes > limits.maxAwarenessStateBytes) return refuse(CLOSE.MESSAGE_TOO_LARGE, 'presence state too large', 'awareness-size');
    onOwnAwareness(own);
  };

  // MAC_LATENCY_TRACE=1: a new client's whole-state answer, from its upgrade request (ws-upgrade.ts) to the
  // answer written to the kernel, by the answer's size.
  const traceWholeState = () => {
    const read = messageAt.at;
    const open = traceOpens.get(ws);
    const answer = room.fullStateMessages();
    const handed = traceNow();
    const size = answer.reduce((sum, message) => sum + message.byteLength, 0) >= 512 * 1024 ? '≥ 512 KB' : '< 512 KB';
    if (open !== undefined) traceSpan(`open.4 handshake written → the client's sync request read (${size})`, open.handshake, read);
    traceSpan(`open.5 sync request read → answer handed to the socket (${size})`, read, handed);
    for (const message of answer.slice(0, -1)) connection.send(message);
    connection.send(answer.at(-1)!, (err) => {
      if (err) return;
      const written = traceNow();
      traceSpan(`open.6 answer handed → written to the kernel (${size})`, handed, written);
      if (open !== undefined) traceSpan(`open.0 TOTAL upgrade request arrived → answer written (${size})`, open.arrived, written);
    });
  };

  const onMessage = (data: unknown, isBinary: boolean) => {
    if (closed) return;
    if (latencyTracing) messageAt.at = traceNow();
    if (!isBinary || !(data instanceof ArrayBuffer)) return refuse(CLOSE.MALFORMED_MESSAGE, 'binary y-websocket messages only', 'malformed');
    if (data.byteLength > limits.maxMessageBytes) return refuse(CLOSE.MESSAGE_TOO_LARGE, 'message too large', 'too-large');
    if (!messages.take(now())) return refuse(CLOSE.RATE_LIMITED, 'too many messages', 'message-rate');
    try {
      const message = parseClientMessage(new Uint8Array(data));
      switch (message.type) {
        case 'sync-step-1':
          if (!syncRequests.take(now())) return refuse(CLOSE.RATE_LIMITED, 'too many sync requests', 'sync-rate');
          // A new client (an empty state vector: one 0 byte) gets the whole document, encoded once for all.
          if (message.stateVector.length === 1 && message.stateVector[0] === 0) {
            if (latencyTracing) return traceWholeState();
            for (const part of room.fullStateMessages()) connection.send(part);
          } else connection.send(syncStep2Message(room.live, message.stateVector));
          return;
        case 'sync-step-2':
        case 'update': {
          const receiveAt = latencyTracing ? traceNow() : 0;
          if (latencyTracing) traceSpan('sync.1 message: checks and parse', messageAt.at, receiveAt);
          const verdict = room.receive(message.update, writer);
          if (latencyTracing && verdict.ok && verdict.update !== null) traceSpan('sync.2 inspect on the shadow, accept, queue', receiveAt);
          if (verdict.ok) {
            if (message.type === 'sync-step-2') awaitingReplyUntil = null;
            if (verdict.update !== null && deps.onAccepted?.(connection, writeCost(verdict.changes, verdict.update)) === false) {
              return refuse(CLOSE.RATE_LIMITED, 'too many changes from this account: slow down', 'write-volume');
            }
            return;
          }
          if (verdict.code === 'MISSING_DEPENDENCIES') {
            // A stock client edits as soon as its socket opens, before it has answered our sync step 1
            // with its offline work, so its first updates can depend on changes we have not seen yet.
            // Closing would make it drop that work (44xx): wait for the answer, or ask again.
            if (message.type === 'update' && awaitingReplyUntil !== null) {
              if (now() <= awaitingReplyUntil) return;
              // Our request went unanswered: not a client we can sync with.
            } else if (heals.take(now())) return connection.requestSync();
          }
          refuse(CLOSE[verdict.code], verdict.reason, `refused-${verdict.code}`);
          return;
        }
        case 'awareness':
          onAwareness(message.update);
          return;
        case 'query-awareness': {
          const states = room.presence.statesMessage();
          if (states !== null) connection.send(states);
          return;
        }
      }
    } catch (err) {
      if (err instanceof MalformedMessage) return refuse(CLOSE.MALFORMED_MESSAGE, err.message, 'malformed');
      log.error('connection-error', `error handling a message on ${ctx.docName}`, { error: String(err) });
      connection.close(CLOSE.SERVER_ERROR, 'server error');
    }
  };

  ws.on('message', onMessage);
  ws.on('pong', () => {
    alive = true;
  });
  ws.on('close', () => {
    if (closed) return;
    closed = true;
    detach();
  });
  return connection;
}
