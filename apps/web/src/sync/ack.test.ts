import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { localClock, probeMessage, serverClockIn } from './ack.js';

function varUint(value: number): number[] {
  const out: number[] = [];
  let v = value;
  while (v > 0x7f) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}

function readVarUint(buf: Uint8Array, pos: number): [number, number] {
  let value = 0;
  let m = 1;
  for (;;) {
    const b = buf[pos++]!;
    value += (b & 0x7f) * m;
    if (b < 0x80) return [value, pos];
    m *= 128;
  }
}

/** [messageSync, step, payload] as y-websocket frames it. */
function syncMessage(step: number, payload: Uint8Array): Uint8Array {
  return new Uint8Array([0, step, ...varUint(payload.length), ...payload]);
}

// A stand-in server: answers a sync step 1 as y-protocols (and MAC's room) does, with a sync step 2
// holding everything the state vector does not cover.
function answer(server: Y.Doc, message: Uint8Array): Uint8Array {
  expect([message[0], message[1]]).toEqual([0, 0]);
  const [length, start] = readVarUint(message, 2);
  const sv = message.subarray(start, start + length);
  return syncMessage(1, Y.encodeStateAsUpdate(server, sv));
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
  });
});
