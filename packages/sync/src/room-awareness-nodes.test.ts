// Presence relayed from other nodes (issue 19 item 3): each remote state is remembered with the node it came
// from, so that when the bus says a node is gone (its heartbeat ran out) exactly its clients' states are
// removed, and this node's connections are told at once. States of other nodes, and of clients that have
// since moved to this node, stay.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildPrincipal } from '@mac/domain/testing';
import { createRoomAwareness, parseAwarenessUpdate, type AwarenessPeer } from './room-awareness.js';
import { MESSAGE_AWARENESS } from './protocol.js';

function update(entries: Array<{ clientId: number; clock: number; state: unknown }>): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(encoder, e.clientId);
    encoding.writeVarUint(encoder, e.clock);
    encoding.writeVarString(encoder, JSON.stringify(e.state));
  }
  return encoding.toUint8Array(encoder);
}

function setUp() {
  const broadcasts: Uint8Array[] = [];
  const relayed: Uint8Array[] = [];
  const presence = createRoomAwareness(new Y.Doc(), (message) => broadcasts.push(message), { relay: (u) => relayed.push(u) });
  return { presence, broadcasts, relayed };
}

describe('remote presence and gone nodes', () => {
  it('a gone node’s states are removed and this node’s connections told; another node’s stay; nothing is relayed back', () => {
    const { presence, broadcasts, relayed } = setUp();
    presence.applyRemote(update([{ clientId: 11, clock: 1, state: { viewing: 'timeline' } }, { clientId: 12, clock: 3, state: { viewing: 'entries' } }]), 'node-a');
    presence.applyRemote(update([{ clientId: 21, clock: 1, state: { viewing: 'pack' } }]), 'node-b');
    expect([...presence.awareness.getStates().keys()].sort()).toEqual([11, 12, 21]);
    broadcasts.length = 0;

    presence.dropNode('node-a');
    expect([...presence.awareness.getStates().keys()]).toEqual([21]);
    // One awareness message to this node's connections, with both removals (state null).
    expect(broadcasts).toHaveLength(1);
    const decoder = decoding.createDecoder(broadcasts[0]!);
    expect(decoding.readVarUint(decoder)).toBe(MESSAGE_AWARENESS);
    const entries = parseAwarenessUpdate(decoding.readVarUint8Array(decoder));
    expect(entries.map((e) => [e.clientId, e.state]).sort()).toEqual([[11, null], [12, null]]);
    // Removing another node's states is not this node's change to announce.
    expect(relayed).toEqual([]);

    presence.dropNode('node-a'); // again: nothing left of it
    presence.dropNode('node-unknown');
    expect([...presence.awareness.getStates().keys()]).toEqual([21]);
  });

  it('a client that moved to this node is not removed with the node it came from', () => {
    const { presence } = setUp();
    presence.applyRemote(update([{ clientId: 31, clock: 1, state: { viewing: 'timeline' } }]), 'node-a');
    const peer: AwarenessPeer = { principal: buildPrincipal({ id: 'u-31' }), presence: undefined, awarenessClientId: null };
    const claimed = presence.claim(peer, [{ clientId: 31, clock: 2, state: { viewing: 'timeline' }, bytes: 30 }]);
    expect(claimed).toMatchObject({ own: { clientId: 31 } });
    presence.applyOwn(peer, { clientId: 31, clock: 2, state: { viewing: 'timeline' }, bytes: 30 });
    presence.dropNode('node-a');
    expect(presence.awareness.getStates().get(31)).toMatchObject({ viewing: 'timeline', user: { id: 'u-31' } });
  });
});
