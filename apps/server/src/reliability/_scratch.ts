import * as Y from 'yjs';
import { inspectUpdate, getEntriesMap, DEFAULT_LIMITS } from '@mac/sync';
const shadow = new Y.Doc(); getEntriesMap(shadow);
const ctx = { principal: { id: 'u1', kind: 'user', role: 'practitioner', agency: 'thames-valley-police', name: 'x' } as any, readOnly: false, restrictedAgency: null, limits: DEFAULT_LIMITS };
function varuint(n: number, out: number[]) { while (n > 127) { out.push((n & 127) | 128); n = Math.floor(n / 128); } out.push(n); }
function gcUpdate(client: number, clock: number, len: number, kind = 0) { const o: number[] = []; varuint(1,o); varuint(1,o); varuint(client,o); varuint(clock,o); o.push(kind); varuint(len,o); varuint(0,o); return new Uint8Array(o); }
for (const [k, len] of [[0, 5], [0, 2**50], [10, 5]] as const) {
  const t = performance.now();
  const v = inspectUpdate(shadow, gcUpdate(123456 + len % 7 + k, 0, len, k), ctx);
  console.log(k, len, JSON.stringify(v, (key, val) => val instanceof Uint8Array ? Array.from(val) : val), performance.now() - t, Y.encodeStateVector(shadow));
}
