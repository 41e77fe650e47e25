// The pattern engine off the event loop for the biggest chronologies (issue 17 item 5). The engine is pure
// (packages/domain) and quick on a typical chronology (a few milliseconds for 80 entries), but on one of
// 2,000+ entries it holds a thread for 100–300 ms, and the caseload, GET /:id, /patterns and packs all ask for
// it. Inputs at or above `inlineBelow` entries (the child's and the siblings' together) go to one worker
// thread (pattern-worker.ts, @mac/threads' task pool); smaller ones run in place, where copying them to a
// thread would cost about what evaluating them does. The queue is long (a caseload asks for many counts at
// once) but bounded: beyond it 503 `server_busy`.
import { analysePatterns, type PatternInput } from '@mac/domain';
import { ApiError } from '../http/errors.js';
import { createTaskPool } from '@mac/threads';

export const PATTERN_INLINE_BELOW = 500;
export const DEFAULT_PATTERN_QUEUE = 1_000;

export type PatternAnalysis = ReturnType<typeof analysePatterns>;

export interface PatternRunner {
  analyse(input: PatternInput): Promise<PatternAnalysis>;
  stats(): { running: number; queued: number; started: number };
  close(): Promise<void>;
}

export function patternInputSize(input: PatternInput): number {
  return input.entries.length + (input.family?.siblings ?? []).reduce((n, s) => n + s.entries.length, 0);
}

/** How long small evaluations may run back to back before the event loop gets a turn. */
export const TURN_BUDGET_MS = 10;

/**
 * Runs synchronous jobs that arrive together in turns of the event loop (setImmediate): each turn runs jobs
 * until `budgetMs` has passed, then gives timers and I/O their turn before the next. One job per turn would
 * be fairest but slow: under load a turn lasts milliseconds, and a caseload asks for hundreds of counts.
 */
export function createTurns(budgetMs = TURN_BUDGET_MS): <T>(job: () => T) => Promise<T> {
  const waiting: Array<() => void> = [];
  let scheduled = false;
  const pump = () => {
    const start = performance.now();
    do waiting.shift()!();
    while (waiting.length > 0 && performance.now() - start < budgetMs);
    // Scheduled from the check phase, the next turn comes after timers and I/O.
    scheduled = waiting.length > 0;
    if (scheduled) setImmediate(pump);
  };
  return <T>(job: () => T) =>
    new Promise<T>((resolve, reject) => {
      waiting.push(() => {
        try {
          resolve(job());
        } catch (err) {
          reject(err);
        }
      });
      if (!scheduled) {
        scheduled = true;
        setImmediate(pump);
      }
    });
}

export function createPatternRunner(opts: { inlineBelow?: number; maxQueued?: number; turnBudgetMs?: number } = {}): PatternRunner {
  const inlineBelow = opts.inlineBelow ?? PATTERN_INLINE_BELOW;
  const inTurn = createTurns(opts.turnBudgetMs);
  const pool = createTaskPool<PatternInput, PatternAnalysis>({
    entry: new URL('./pattern-worker.ts', import.meta.url).href,
    maxQueued: opts.maxQueued ?? DEFAULT_PATTERN_QUEUE,
    full: (queued) => new ApiError(503, 'server_busy', `The server is already working out patterns for ${queued + 1} large chronologies. Try again in a few seconds.`, undefined, { retryAfterSeconds: 5 }),
    failure: 'the patterns could not be worked out',
    // Not lowered: a large chronology's page waits for its count.
    thread: { name: 'mac-patterns' },
  });
  return {
    async analyse(input) {
      if (patternInputSize(input) >= inlineBelow) return pool.run(input);
      // In turns of the event loop: a caseload asks for hundreds of counts whose storage reads resolve
      // together, and run back to back they held the loop for half a second and more.
      return inTurn(() => analysePatterns(input));
    },
    stats: () => pool.stats(),
    close: () => pool.close(),
  };
}
