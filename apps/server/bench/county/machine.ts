// How fast the machine itself was during a run: the same server work took 25–30 % more CPU in some full runs
// than in others half an hour earlier, with nothing else running and little CPU stolen (docs/measurements/
// county.md, 8 December), so runs compared across time need the machine's own speed beside them:
// - two references, fixed work timed in this process while nothing else of the bench runs (before the server
//   starts, after it stops), the least of a few tries each: hashing and JSON of entry-shaped values (the
//   processor), and reads at random across 256 MB (the memory, which a busy neighbour on the same host slows
//   while the processor's own figure does not move);
// - CPU time stolen by the hypervisor from this virtual machine over the load phase (/proc/stat's steal).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

export interface Reference {
  /** Hashing and JSON, ms. */
  cpuMs: number;
  /** Random reads across 256 MB, ms. */
  memoryMs: number;
}

const least = (tries: number, work: () => number): number => {
  let best = Number.POSITIVE_INFINITY;
  let sink = 0;
  for (let t = 0; t < tries; t++) {
    const start = performance.now();
    sink += work();
    best = Math.min(best, performance.now() - start);
  }
  if (Number.isNaN(sink)) throw new Error('unreachable');
  return best;
};

export function reference(tries = 5): Reference {
  const entries = Array.from({ length: 2_000 }, (_, i) => ({ id: `entry-${i}`, date: '2024-03-01', agency: `agency-${i % 15}`, summary: 'A'.repeat(120 + (i % 50)), tags: ['school', 'police'], n: i }));
  const bytes = Buffer.alloc(1 << 20, 7);
  const cpuMs = least(tries, () => {
    let sink = 0;
    for (let r = 0; r < 10; r++) sink += (JSON.parse(JSON.stringify(entries)) as unknown[]).length;
    for (let r = 0; r < 40; r++) sink += createHash('sha256').update(bytes).digest()[0]!;
    return sink;
  });
  const words = new Int32Array(64 * 1024 * 1024);
  for (let i = 0; i < words.length; i += 1024) words[i] = i;
  const memoryMs = least(tries, () => {
    // A fixed pseudo-random walk (xorshift): every read a cache miss, the same reads every time.
    let x = 2463534242;
    let sink = 0;
    for (let i = 0; i < 2_000_000; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      sink += words[(x >>> 0) & (words.length - 1)]!;
    }
    return sink;
  });
  return { cpuMs, memoryMs };
}

/** CPU time stolen from this machine so far, ms (Linux; 0 elsewhere). */
export function stolenMs(): number {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
    // cpu user nice system idle iowait irq softirq steal …, in USER_HZ (100 a second on Linux).
    return Number(cpu[8] ?? 0) * 10;
  } catch {
    return 0;
  }
}
