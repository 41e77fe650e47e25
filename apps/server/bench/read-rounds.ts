/**
 * Read phases run in turn, several rounds, each round a share of every phase's requests: on a machine
 * shared with other work the load moves within seconds, and a ratio of two phases run a minute apart says
 * more about that than about the code. Each phase's rate is over all its rounds; ratios are the median of
 * the rounds' ratios, with their range.
 */
import { performance } from 'node:perf_hooks';

export interface ReadPhase {
  path: string;
  /** Requests over all rounds. */
  n: number;
  request: (path: string) => Promise<Response>;
}

export interface PhaseResult {
  n: number;
  ms: number;
  /** Each round's rate, requests/s. */
  rates: number[];
}

/** `callers` at once, each sending its next request when its last answer's body is read. */
export async function readRate(request: (path: string) => Promise<Response>, path: string, n: number, callers: number): Promise<number> {
  let left = n;
  const from = process.hrtime.bigint();
  const t = performance.now();
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (left-- > 0) {
        const res = await request(path);
        if (res.status !== 200) throw new Error(`HTTP read ${path} failed: ${res.status} ${await res.text()}`);
        await res.arrayBuffer();
      }
    }),
  );
  const rate = (n / (performance.now() - t)) * 1000;
  // The phase's window on the monotonic clock, in µs (a V8 CPU profile's timestamps are on it): to read a
  // profile of the run (--cpu-prof) phase by phase.
  if (process.env.READ_MARKS) console.log(`phase ${path} ×${n}: ${from / 1000n} ${process.hrtime.bigint() / 1000n}`);
  return rate;
}

/** Runs the phases in turn `rounds` times; `around` is told before and after each round of each phase. */
export async function inTurn<K extends string>(
  phases: Record<K, ReadPhase>,
  opts: { rounds: number; callers: number; around?: (phase: K, when: 'before' | 'after') => void },
): Promise<Record<K, PhaseResult>> {
  const names = Object.keys(phases) as K[];
  const done = Object.fromEntries(names.map((k) => [k, { n: 0, ms: 0, rates: [] }])) as unknown as Record<K, PhaseResult>;
  for (let round = 0; round < opts.rounds; round++) {
    for (const name of names) {
      const phase = phases[name];
      const n = Math.max(opts.callers, Math.round(phase.n / opts.rounds));
      opts.around?.(name, 'before');
      const t = performance.now();
      const rate = await readRate(phase.request, phase.path, n, opts.callers);
      done[name].ms += performance.now() - t;
      opts.around?.(name, 'after');
      done[name].n += n;
      done[name].rates.push(rate);
    }
  }
  return done;
}

export const rateOf = (r: PhaseResult) => (r.n / r.ms) * 1000;

/** The median of the rounds' ratios a/b, and their range. */
export function ratio(a: PhaseResult, b: PhaseResult): { median: number; min: number; max: number } {
  const rs = a.rates.map((r, i) => r / b.rates[i]!).sort((x, y) => x - y);
  return { median: rs[Math.floor(rs.length / 2)]!, min: rs[0]!, max: rs.at(-1)! };
}
