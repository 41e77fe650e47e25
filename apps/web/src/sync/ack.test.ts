import { describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { localClock, probeMessage, serverClockIn } from './ack.js';

/** [messageSync, step, payload] as y-websocket frames it. */
function syncMessage(step: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, step);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

// The server's side of the exchange is y-protocols' own: MAC's room answers a sync step 1 through it,
// with a sync step 2 holding everything the state vector does not cover.
function answer(server: Y.Doc, message: Uint8Array): Uint8Array {
  const decoder = decoding.createDecoder(message);
  expect(decoding.readVarUint(decoder)).toBe(0);
  const reply = encoding.createEncoder();
  encoding.writeVarUint(reply, 0);
  expect(syncProtocol.readSyncMessage(decoder, reply, server, null)).toBe(syncProtocol.messageYjsSyncStep1);
  return encoding.toUint8Array(reply);
}

function write(doc: Y.Doc, key: string, value: string) {
  doc.getMap('entries').set(key, value);
}

describe('acknowledgement of our changes', () => {
  it('reads the server state vector of its sync step 1', () => {
    const client = new Y.Doc();
    write(client, 'a', '1');
    const server = new Y.Doc();
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
    expect(serverClockIn(syncMessage(0, Y.encodeStateVector(server)), 1, client.clientID)).toBe(localClock(client));
  });

  it('learns from a probe answer that the server holds our latest change', () => {
    const client = new Y.Doc();
    const server = new Y.Doc();
    write(client, 'a', '1');
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
    const acked = localClock(client);
    write(client, 'b', '2');
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client, Y.encodeStateVector(server)));
    const reply = answer(server, probeMessage(client, acked));
    expect(serverClockIn(reply, 1, client.clientID)).toBe(localClock(client));
  });

  it('says nothing while the server does not have the change', () => {
    const client = new Y.Doc();
    const server = new Y.Doc();
    write(client, 'a', '1');
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
    const acked = localClock(client);
    write(client, 'b', '2');
    const reply = answer(server, probeMessage(client, acked));
    expect(serverClockIn(reply, 1, client.clientID)).toBeNull();
  });

  it('does not ask for other clients’ changes it already has', () => {
    const other = new Y.Doc();
    for (let i = 0; i < 100; i++) write(other, `o${i}`, 'x'.repeat(100));
    const server = new Y.Doc();
    Y.applyUpdate(server, Y.encodeStateAsUpdate(other));
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    write(client, 'mine', '1');
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client, Y.encodeStateVector(server)));
    const reply = answer(server, probeMessage(client, 0));
    expect(reply.length).toBeLessThan(200);
    expect(serverClockIn(reply, 1, client.clientID)).toBe(localClock(client));
  });

  it('never throws on a message it cannot read', () => {
    expect(serverClockIn(new Uint8Array([0, 1, 200]), 1, 1)).toBeNull();
    expect(serverClockIn(new Uint8Array([0]), 1, 1)).toBeNull();
    // A length longer than what follows, and a varint that never ends.
    expect(serverClockIn(new Uint8Array([0, 0, 5, 1, 2]), 1, 1)).toBeNull();
    expect(serverClockIn(new Uint8Array([0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), 1, 1)).toBeNull();
  });
});
