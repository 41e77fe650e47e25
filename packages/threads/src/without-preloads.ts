// What a worker thread of ours is started with: the process's own flags (memory limits, profiling) but not
// its preloads. A preload (a bench probe, tsx's own, a test polyfill) would run in the thread before
// boot.mjs has registered tsx, where a preloaded .ts module fails to load.

/** `execArgv` without `--import`/`--require` and their values (`--import x` or `--import=x`). */
export function withoutPreloads(execArgv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i]!;
    if (arg === '--import' || arg === '--require' || arg === '-r') {
      i++;
      continue;
    }
    if (arg.startsWith('--import=') || arg.startsWith('--require=')) continue;
    out.push(arg);
  }
  return out;
}
