// Several reading threads behind one read lane (`MAC_SQLITE_READERS`). SQLite in WAL mode lets any number
// of connections read at once, each seeing every commit finished before its read began; one reading thread
// runs one read at a time, so under load reads queue behind each other there even while a CPU is free (the
// county bench: a caseload page's reads waited p99 ~450 ms to reach the one thread, which was busy about
// half the time on average, in bursts).
//
// Each read goes to the thread with the fewest calls outstanding (queued here or sent and not answered),
// the first on a tie: a quiet server uses only the first. What a reading connection keeps between reads
// (the caseload figures, repos/kept-figures.ts) it keeps for itself; each is checked against the
// chronology's entry version before it is served, so a thread that has not kept a figure works it out.
import type { Call } from './host.js';

/** A queue of calls to one connection's thread (store.ts `lane`). */
export interface CallLane {
  call(c: Call): Promise<unknown>;
  batches(): number;
  calls(): number;
  /** Calls queued or sent and not answered yet. */
  outstanding(): number;
  drained(): Promise<void>;
}

export function readLanes(lanes: readonly CallLane[]): CallLane {
  if (lanes.length === 1) return lanes[0]!;
  const sum = (f: (l: CallLane) => number) => lanes.reduce((n, l) => n + f(l), 0);
  return {
    call(c) {
      let best = lanes[0]!;
      let least = best.outstanding();
      for (let i = 1; i < lanes.length && least > 0; i++) {
        const n = lanes[i]!.outstanding();
        if (n < least) {
          best = lanes[i]!;
          least = n;
        }
      }
      return best.call(c);
    },
    batches: () => sum((l) => l.batches()),
    calls: () => sum((l) => l.calls()),
    outstanding: () => sum((l) => l.outstanding()),
    drained: async () => void (await Promise.all(lanes.map((l) => l.drained()))),
  };
}
