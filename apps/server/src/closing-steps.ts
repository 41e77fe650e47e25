// Shutting down waits on many parts in turn (open sockets, background jobs, worker threads, the store), and
// one that never finishes holds the process up silently. Each step of a close is named, and one still
// under way after `warnAfterMs` is said so, once, with its name (and again when it ends), so a stop that
// hangs says what it is waiting for: an operator's `systemctl stop`, or a test's afterAll that times out
// (seen rarely under load on PostgreSQL, 6 December: pack-worker and pg-connection-loss, cause unknown).

export interface ClosingSteps {
  /** Waits for `work`, saying so if it takes longer than the warning time. Rethrows what it throws. */
  step<T>(name: string, work: () => Promise<T> | T): Promise<T>;
}

export function closingSteps(opts: { warnAfterMs?: number; log?: (line: string) => void; now?: () => number } = {}): ClosingSteps {
  const warnAfterMs = opts.warnAfterMs ?? 10_000;
  const log = opts.log ?? ((line: string) => console.error(line));
  const now = opts.now ?? (() => performance.now());
  return {
    async step(name, work) {
      const started = now();
      let warned = false;
      const timer = setTimeout(() => {
        warned = true;
        log(`[mac] closing: still waiting for ${name} after ${Math.round((now() - started) / 1000)} s`);
      }, warnAfterMs);
      // Never the reason the process stays up.
      timer.unref();
      try {
        return await work();
      } finally {
        clearTimeout(timer);
        if (warned) log(`[mac] closing: ${name} finished after ${Math.round((now() - started) / 1000)} s`);
      }
    },
  };
}
