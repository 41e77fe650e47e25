// The interactive actions' p50/p99 in each stretch of the load phase (by when each sample started): whether
// the tail is spread over the run or gathered at its start, where the server's JIT is still optimising the
// code the idle phase did not reach (docs/measurements/county.md, "What V8's helper threads do…") and every
// room, kept count and page is opened for the first time. In the runs of 8 December it was spread (the
// first 30 s a little worse). The whole phase's figures stay the ones read against the goals; this says
// where they come from.
import { BULK } from './slowest.js';
import { percentile, table, type Recorder, type Sample } from './stats.js';

export function byWindow(rec: Recorder, loadStart: number, loadEnd: number, windowS = 30): string {
  const samples = rec.samples.load.filter((s): s is Sample & { endAt: number } => s.ok && s.endAt !== undefined);
  const count = Math.max(1, Math.ceil((loadEnd - loadStart) / 1000 / windowS));
  const windowOf = (s: Sample & { endAt: number }) => Math.min(count - 1, Math.max(0, Math.floor((s.endAt - s.ms - loadStart) / 1000 / windowS)));
  const actions = [...new Set(samples.map((s) => s.action))].filter((a) => !BULK.test(a));
  const heads = Array.from({ length: count }, (_, i) => (i === count - 1 ? `${i * windowS} s on` : `${i * windowS}–${(i + 1) * windowS} s`));
  const rows = [['action', ...heads]];
  for (const action of actions) {
    const cells = heads.map(() => [] as number[]);
    for (const s of samples) if (s.action === action) cells[windowOf(s)]!.push(s.ms);
    rows.push([action, ...cells.map((ms) => (ms.length === 0 ? '-' : `${Math.round(percentile(ms, 50))} / ${Math.round(percentile(ms, 99))} (${ms.length})`))]);
  }
  return table(rows);
}
