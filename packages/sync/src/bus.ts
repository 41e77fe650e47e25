// Several server processes share one PostgreSQL (durable, ordered) and one message bus for live fan-out
// (issue 19; Redis in apps/server/src/cluster). This is the bus as the rooms need it: a port, so that the
// sync core names no Redis and its ordering logic is tested without one.
//
// The bus is never part of durability or order. A node publishes a document's update only after it has
// committed, with the document's sequence number from that commit; receivers put them in order themselves
// (doc-feed.ts) and read what they missed from the store. Messages may be lost, duplicated or late.

/** One committed update of a document, as its node announces it. */
export interface BusUpdate {
  /** The node that committed it (its own messages come back to it and are ignored). */
  nodeId: string;
  /** The document's per-document sequence number (doc_seq) of this update. */
  seq: number;
  update: Uint8Array;
  /** Yjs client ids the update's writer wrote under, and who that is (receivers learn the owners). */
  claims?: { principalId: string; clientIds: number[] };
}

/** An awareness change of a document on one node (already stamped with identities by that node). */
export interface BusAwareness {
  nodeId: string;
  /** A y-protocols awareness update (the encoded states of some clients). */
  update: Uint8Array;
}

export interface BusHandlers {
  update(message: BusUpdate): void;
  awareness?(message: BusAwareness): void;
}

export interface RoomBus {
  /** This node's id, unique among the nodes (a fresh one per process). */
  readonly nodeId: string;
  /**
   * Delivers the document's messages to `handlers` from now on; resolves once the subscription is in
   * place, so that everything published after that is delivered (unless the bus loses it).
   */
  subscribe(docName: string, handlers: BusHandlers): Promise<void>;
  unsubscribe(docName: string): Promise<void>;
  /** Announces a committed update (fire and forget: a lost message is caught up from the store). */
  publish(docName: string, message: BusUpdate): void;
  publishAwareness(docName: string, message: BusAwareness): void;
  /**
   * `listener` is called when the rooms must catch up from the store: after the bus reconnects (messages
   * may have been lost meanwhile) and every few seconds while it is down.
   */
  onCatchUp(listener: () => void): void;
  /**
   * `listener` is called with the id of a node that has stopped (its heartbeat ran out): the presence of
   * its clients is removed.
   */
  onNodeGone?(listener: (nodeId: string) => void): void;
  close(): Promise<void>;
}

// The wire form of a message: one byte of kind, a JSON header, the binary update. Kept here beside the
// port so that every adapter and its tests read and write the same bytes.
const KIND_UPDATE = 1;
const KIND_AWARENESS = 2;

export type BusMessage = ({ kind: 'update' } & BusUpdate) | ({ kind: 'awareness' } & BusAwareness);

export function encodeBusMessage(message: BusMessage): Uint8Array {
  const header =
    message.kind === 'update'
      ? JSON.stringify({ n: message.nodeId, s: message.seq, c: message.claims })
      : JSON.stringify({ n: message.nodeId });
  const head = new TextEncoder().encode(header);
  const out = new Uint8Array(1 + 4 + head.byteLength + message.update.byteLength);
  out[0] = message.kind === 'update' ? KIND_UPDATE : KIND_AWARENESS;
  new DataView(out.buffer).setUint32(1, head.byteLength);
  out.set(head, 5);
  out.set(message.update, 5 + head.byteLength);
  return out;
}

/** The message, or null for bytes that are not one (another program on the same channel, a truncation). */
export function decodeBusMessage(bytes: Uint8Array): BusMessage | null {
  try {
    if (bytes.byteLength < 5) return null;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const length = view.getUint32(1);
    if (5 + length > bytes.byteLength) return null;
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(5, 5 + length))) as { n?: unknown; s?: unknown; c?: unknown };
    const update = bytes.slice(5 + length);
    if (typeof header.n !== 'string') return null;
    if (bytes[0] === KIND_AWARENESS) return { kind: 'awareness', nodeId: header.n, update };
    if (bytes[0] !== KIND_UPDATE || typeof header.s !== 'number' || !Number.isSafeInteger(header.s) || header.s < 1) return null;
    const claims = header.c as BusUpdate['claims'];
    const valid = claims === undefined || (typeof claims === 'object' && claims !== null && typeof claims.principalId === 'string' && Array.isArray(claims.clientIds) && claims.clientIds.every((c) => Number.isSafeInteger(c)));
    if (!valid) return null;
    return { kind: 'update', nodeId: header.n, seq: header.s, update, ...(claims === undefined ? {} : { claims }) };
  } catch {
    return null;
  }
}
