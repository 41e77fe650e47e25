// Each interactive action's slowest samples under load, and what the server was doing while they ran
// (issue 17: in a run that misses the p99 goal several actions miss at the same moment, so the question is
// the shared cause): the server's event-loop stalls that overlap the sample (with the part of them its
// main thread spent waiting for a CPU), and the other actions' slow samples at the same moment.
import type { ProbeStall } from './server-child.js';
import { type Recorder, type Sample, table } from './stats.js';

/** Actions whose figures are read against the 100 ms goal (the bulk ones, imports and packs, are not). */
export const BULK = /import|pack|2,000\+|every page|patterns|delivery|meeting|the client applying it|all but the client/;

/** A sample over this is "slow" when counting what else was slow at the same moment. */
const SLOW_MS = 100;

const overlap = (a0: number, a1: number, b0: number, b1: number) => Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));

export function slowestSamples(rec: Recorder, stalls: readonly ProbeStall[], loadStart: number, perAction = 2): string {
  const samples = rec.samples.load.filter((s): s is Sample & { endAt: number } => s.ok && s.endAt !== undefined);
  const slow = samples.filter((s) => s.ms > SLOW_MS);
  const actions = [...new Set(samples.map((s) => s.action))].filter((a) => !BULK.test(a));
  const rows = [['action', 'ms', 'at s', 'server loop stalled in it, ms', 'of which waiting for a CPU']];
  const company: string[] = ['other samples > 100 ms at once', '------------------------------'];
  for (const action of actions) {
    const worst = samples
      .filter((s) => s.action === action)
      .sort((a, b) => b.ms - a.ms)
      .slice(0, perAction);
    for (const s of worst) {
      const from = s.endAt - s.ms;
      let stalled = 0;
      let waiting = 0;
      for (const st of stalls) {
        const o = overlap(from, s.endAt, st.atMs, st.atMs + st.ms);
        if (o === 0) continue;
        stalled += o;
        // The stall's CPU wait, shared out in proportion to the part of it inside this sample.
        if (st.waitMs !== undefined && st.ms > 0) waiting += (st.waitMs * o) / st.ms;
      }
      const others = slow.filter((o) => o !== s && overlap(from, s.endAt, o.endAt - o.ms, o.endAt) > 0);
      const names = [...new Set(others.map((o) => o.action))];
      rows.push([action, String(Math.round(s.ms)), ((from - loadStart) / 1000).toFixed(1), String(Math.round(stalled)), String(Math.round(waiting))]);
      company.push(others.length === 0 ? '-' : `${others.length}: ${names.slice(0, 4).join('; ')}${names.length > 4 ? '; …' : ''}`);
    }
  }
  // The company last, left-aligned, beside the table's lines.
  return table(rows)
    .split('\n')
    .map((line, i) => `${line}  ${company[i] ?? ''}`)
    .join('\n');
}
