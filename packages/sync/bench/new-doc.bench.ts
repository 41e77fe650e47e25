// What a new server-side document costs: `newYDoc()` (src/new-doc.ts) against Yjs's own `new Y.Doc()`, whose
// default guid takes 31 crypto.getRandomValues calls. Alternating rounds in one run; µs per document and the ratio.
//
//   pnpm --filter @mac/sync bench:new-doc
import * as Y from 'yjs';
import { newYDoc } from '../src/new-doc.js';

const PER_ROUND = 20_000;
const ROUNDS = 5;

function perDoc(make: () => Y.Doc): number {
  const t0 = performance.now();
  for (let i = 0; i < PER_ROUND; i++) make().destroy();
  return ((performance.now() - t0) * 1000) / PER_ROUND;
}

const stock: number[] = [];
const ours: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  stock.push(perDoc(() => new Y.Doc({ gc: true })));
  ours.push(perDoc(() => newYDoc()));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`new document, µs each (median of ${ROUNDS} alternating rounds of ${PER_ROUND}):`);
console.log(`  new Y.Doc() (reference)  ${median(stock).toFixed(1)}`);
console.log(`  newYDoc()                ${median(ours).toFixed(1)}   ${(median(stock) / median(ours)).toFixed(1)}× faster`);
