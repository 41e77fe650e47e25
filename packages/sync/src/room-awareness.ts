// Presence for one room: who is here, what they look at, where their cursor is (y-protocols awareness).
//
// The server does not relay awareness blindly. Each connection may speak for exactly one awareness client
// id (the first unknown one it sends), and the server stamps the `user` field of that state with the
// connection's principal, so nobody can appear as someone else. The rest of a state (viewing, editing,
// following, cursor…) is opaque small JSON and passes through.
//
// The stock y-websocket client echoes every awareness change it receives back to the server (its update
// handler ignores the origin). Entries for client ids the room already knows are therefore ignored, not
// treated as an attack; only a NEW client id with a state, from a connection that already has one, is.

import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { Principal } from '@mac/domain';
import { awarenessMessage, MalformedMessage } from './protocol.js';

export interface Presence {
  name: string;
  agency: string;
  agencyName?: string;
}

/** What awareness needs to know about a connection. */
export interface AwarenessPeer {
  readonly principal: Principal;
  readonly presence: Presence | undefined;
  /** The one awareness client id this connection speaks for, once it has sent one. */
  awarenessClientId: number | null;
}

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** null: the client removes its state. */
  state: Record<string, unknown> | null;
  /** Size of the state's JSON text, in bytes. */
  bytes: number;
}

export interface StampedUser {
  id: string;
  name: string;
  agency: string;
  agencyName: string;
}

export function parseAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    const entries: AwarenessEntry[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const start = decoder.pos;
      const json = decoding.readVarString(decoder);
      const state: unknown = JSON.parse(json);
      if (state !== null && (typeof state !== 'object' || Array.isArray(state))) throw new MalformedMessage('awareness state must be an object');
      entries.push({ clientId, clock, state: state as Record<string, unknown> | null, bytes: decoder.pos - start });
    }
    if (decoding.hasContent(decoder)) throw new MalformedMessage('trailing bytes');
    return entries;
  } catch {
    throw new MalformedMessage('malformed awareness update');
  }
}

export type ClaimResult = { own: AwarenessEntry | null } | { violation: string };

export interface RoomAwareness {
  readonly awareness: Awareness;
  /** Sorts an incoming update into the peer's own entry (if any), echoes to ignore, or a violation. */
  claim(peer: AwarenessPeer, entries: AwarenessEntry[]): ClaimResult;
  /** Applies the peer's own state, stamped with its identity, and broadcasts it to the other connections. */
  applyOwn(peer: AwarenessPeer, entry: AwarenessEntry): void;
  /** Removes the peer's state (it left). */
  release(peer: AwarenessPeer): void;
  /** Every current state, for a newly connected client; null if there is none. */
  statesMessage(): Uint8Array | null;
  /**
   * Several nodes: states of another node's connections (stamped there), shown here and sent to this
   * node's connections. They are not relayed again, and go when their node stops renewing them (the
   * stock client renews every 15 s; a state not renewed for 30 s is removed).
   */
  applyRemote(update: Uint8Array, nodeId?: string): void;
  /**
   * Several nodes: the node `nodeId` has stopped (its heartbeat ran out): the states it relayed are removed
   * here and from this node's connections at once, not 30 s after their last renewal.
   */
  dropNode(nodeId: string): void;
  /** Several nodes: the states of this node's own connections, encoded (null if none), for another node that asks. */
  localStates(): Uint8Array | null;
  destroy(): void;
}

export function stampedUser(peer: AwarenessPeer): StampedUser {
  const presence = peer.presence;
  return {
    id: peer.principal.id,
    name: presence?.name ?? peer.principal.name,
    agency: presence?.agency ?? peer.principal.agency,
    agencyName: presence?.agencyName ?? presence?.agency ?? peer.principal.agency,
  };
}

export interface RoomAwarenessOptions {
  /**
   * Asked before a connection takes a client id as its own: the stock client's awareness id IS its
   * document client id, and that id may already belong to another principal.
   */
  mayClaim?(clientId: number, peer: AwarenessPeer): boolean;
  /** Several nodes: every change made by this node's connections (not timeouts, not other nodes'), encoded. */
  relay?(update: Uint8Array): void;
}

/** The origin of states from other nodes. */
const REMOTE = Symbol('remote awareness');

export function createRoomAwareness(
  doc: Y.Doc,
  broadcast: (message: Uint8Array, except: unknown) => void,
  opts: RoomAwarenessOptions = {},
): RoomAwareness {
  const awareness = new Awareness(doc);
  // The server itself is not present in any room.
  awareness.setLocalState(null);
  // Awareness checks for outdated states every few seconds; that must not keep the process alive.
  (awareness as unknown as { _checkInterval?: { unref?: () => void } })._checkInterval?.unref?.();
  const owners = new Map<number, AwarenessPeer>();
  // Several nodes: the node each remote state came from.
  const remoteNodes = new Map<number, string>();

  const onUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    const changed = added.concat(updated, removed);
    if (changed.length === 0) return;
    for (const clientId of removed) remoteNodes.delete(clientId);
    const update = encodeAwarenessUpdate(awareness, changed);
    // The sender already has its own state (and would take the server's clock for its own otherwise).
    broadcast(awarenessMessage(update), origin);
    if (opts.relay !== undefined && origin !== REMOTE && origin !== 'timeout') opts.relay(update);
  };
  awareness.on('update', onUpdate);

  const known = (clientId: number) => awareness.meta.has(clientId) || owners.has(clientId);

  return {
    awareness,
    claim(peer, entries) {
      let own: AwarenessEntry | null = null;
      for (const entry of entries) {
        if (peer.awarenessClientId === entry.clientId) {
          own = entry;
          continue;
        }
        const owner = owners.get(entry.clientId);
        if (owner !== undefined || entry.state === null) continue; // an echo, or a removal of someone else
        if (peer.awarenessClientId === null) {
          if (opts.mayClaim && !opts.mayClaim(entry.clientId, peer)) return { violation: 'that client id belongs to someone else' };
          peer.awarenessClientId = entry.clientId;
          owners.set(entry.clientId, peer);
          remoteNodes.delete(entry.clientId); // it moved here from another node
          own = entry;
          continue;
        }
        if (known(entry.clientId)) continue; // an echo of someone who has left
        return { violation: 'a connection may show only one awareness client' };
      }
      return { own };
    },
    applyOwn(peer, entry) {
      if (peer.awarenessClientId !== entry.clientId || owners.get(entry.clientId) !== peer) return;
      // The server keeps the clock of states it stamps: always newer than what it holds (and at least 1,
      // since receivers ignore clock 0 for a client they do not know), so a new or reconnecting client is
      // shown at once rather than after its next 15-second renewal.
      const clock = Math.max(entry.clock, (awareness.meta.get(entry.clientId)?.clock ?? 0) + 1);
      if (entry.state === null) {
        if (awareness.states.has(entry.clientId)) removeAwarenessStates(awareness, [entry.clientId], peer);
        return;
      }
      const state = { ...entry.state, user: stampedUser(peer) };
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 1);
      encoding.writeVarUint(encoder, entry.clientId);
      encoding.writeVarUint(encoder, clock);
      encoding.writeVarString(encoder, JSON.stringify(state));
      applyAwarenessUpdate(awareness, encoding.toUint8Array(encoder), peer);
    },
    release(peer) {
      const clientId = peer.awarenessClientId;
      if (clientId === null || owners.get(clientId) !== peer) return;
      owners.delete(clientId);
      if (awareness.states.has(clientId)) removeAwarenessStates(awareness, [clientId], null);
    },
    applyRemote(update, nodeId) {
      // Only states of client ids no connection of this node speaks for (a client that moved here keeps its own).
      const entries = parseAwarenessUpdate(update).filter((entry) => !owners.has(entry.clientId));
      if (entries.length === 0) return;
      if (nodeId !== undefined) for (const entry of entries) if (entry.state !== null) remoteNodes.set(entry.clientId, nodeId);
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, entries.length);
      for (const entry of entries) {
        encoding.writeVarUint(encoder, entry.clientId);
        encoding.writeVarUint(encoder, entry.clock);
        encoding.writeVarString(encoder, JSON.stringify(entry.state));
      }
      applyAwarenessUpdate(awareness, encoding.toUint8Array(encoder), REMOTE);
    },
    dropNode(nodeId) {
      const gone = [...remoteNodes].filter(([clientId, from]) => from === nodeId && !owners.has(clientId) && awareness.states.has(clientId)).map(([clientId]) => clientId);
      for (const [clientId, from] of remoteNodes) if (from === nodeId) remoteNodes.delete(clientId);
      if (gone.length > 0) removeAwarenessStates(awareness, gone, REMOTE);
    },
    localStates() {
      const clients = [...owners.keys()].filter((clientId) => awareness.states.has(clientId));
      return clients.length === 0 ? null : encodeAwarenessUpdate(awareness, clients);
    },
    statesMessage() {
      const clients = [...awareness.getStates().keys()];
      return clients.length === 0 ? null : awarenessMessage(encodeAwarenessUpdate(awareness, clients));
    },
    destroy() {
      awareness.off('update', onUpdate);
      awareness.destroy();
    },
  };
}
