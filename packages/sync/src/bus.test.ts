import { describe, expect, it } from 'vitest';
import { decodeBusMessage, encodeBusMessage } from './bus.js';

describe('the bus’s wire form', () => {
  it('round-trips an update (node, number, bytes, claims) and an awareness change', () => {
    const update = { kind: 'update' as const, nodeId: 'node-a-1f2e', seq: 42, update: new Uint8Array([1, 2, 3]), claims: { principalId: 'u1', clientIds: [7, 8] } };
    expect(decodeBusMessage(encodeBusMessage(update))).toEqual(update);
    const bare = { kind: 'update' as const, nodeId: 'n', seq: 1, update: new Uint8Array() };
    expect(decodeBusMessage(encodeBusMessage(bare))).toEqual(bare);
    const awareness = { kind: 'awareness' as const, nodeId: 'node-b', update: new Uint8Array([9]) };
    expect(decodeBusMessage(encodeBusMessage(awareness))).toEqual(awareness);
  });

  it('reads anything else as nothing: short, truncated, bad JSON, no node, a number that is not a sequence, bad claims, another kind', () => {
    const good = encodeBusMessage({ kind: 'update', nodeId: 'n', seq: 3, update: new Uint8Array([1]) });
    const withHeader = (kind: number, header: unknown) => {
      const head = new TextEncoder().encode(JSON.stringify(header));
      const out = new Uint8Array(5 + head.byteLength);
      out[0] = kind;
      new DataView(out.buffer).setUint32(1, head.byteLength);
      out.set(head, 5);
      return out;
    };
    expect(decodeBusMessage(new Uint8Array([1, 0]))).toBeNull();
    expect(decodeBusMessage(good.subarray(0, 8))).toBeNull();
    expect(decodeBusMessage(new Uint8Array([1, 0, 0, 0, 2, 123, 125 + 1]))).toBeNull();
    expect(decodeBusMessage(withHeader(1, { s: 3 }))).toBeNull();
    for (const s of [0, -1, 1.5, '3', Number.MAX_SAFE_INTEGER + 2]) expect(decodeBusMessage(withHeader(1, { n: 'n', s }))).toBeNull();
    expect(decodeBusMessage(withHeader(1, { n: 'n', s: 3, c: { principalId: 'u', clientIds: ['x'] } }))).toBeNull();
    expect(decodeBusMessage(withHeader(1, { n: 'n', s: 3, c: 'all' }))).toBeNull();
    expect(decodeBusMessage(withHeader(3, { n: 'n', s: 3 }))).toBeNull();
  });
});
