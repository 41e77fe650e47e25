// With --trace: what the server's own traced stages were doing while the slowest samples ran (issue 17:
// a 2,000+ entry document's first sync that misses 100 ms with no event-loop stall in it waited for
// something; its room's load, a merge queued behind a compaction, a read behind a long one?). The trace
// keeps every span of 5 ms or more with when it ran (@mac/db traceTimeline); each sample here is listed
// with the spans that overlap it (those within it first), and where they began and ended relative to it.
import type { ProbeReport } from './server-child.js';
import type { Recorder, Sample } from './stats.js';

const overlap = (a0: number, a1: number, b0: number, b1: number) => Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));

export function serverWorkInSlowest(rec: Recorder, report: ProbeReport, actions: readonly string[], loadStart: number, opts: { perAction?: number; spans?: number } = {}): string {
  const timeline = report.timeline;
  if (timeline === undefined) return '(no timeline: run with --trace)';
  // process.hrtime's clock (µs) → Date.now()'s (ms): the report carries both, read at the same moment.
  const wall = (us: number) => report.t + (us - report.hrtimeUs) / 1000;
  const spans = timeline.map(([stage, from, to]) => ({ stage, from: wall(from), to: wall(to) }));
  const samples = rec.samples.load.filter((s): s is Sample & { endAt: number } => s.ok && s.endAt !== undefined);
  const lines: string[] = [];
  for (const action of actions) {
    const worst = samples
      .filter((s) => s.action === action)
      .sort((a, b) => b.ms - a.ms)
      .slice(0, opts.perAction ?? 2);
    for (const s of worst) {
      const from = s.endAt - s.ms;
      lines.push(`${action}: ${Math.round(s.ms)} ms at ${((from - loadStart) / 1000).toFixed(1)} s`);
      // Spans that lie within the sample first (likely its own stages: its open's, its request's), then
      // the ones that only overlap it (other requests' waits), each by overlap.
      const within = (sp: { from: number; to: number }) => (sp.from >= from - 5 && sp.to <= s.endAt + 5 ? 0 : 1);
      const inside = spans
        .map((sp) => ({ ...sp, o: overlap(from, s.endAt, sp.from, sp.to) }))
        .filter((sp) => sp.o > 0)
        .sort((a, b) => within(a) - within(b) || b.o - a.o)
        .slice(0, opts.spans ?? 8);
      if (inside.length === 0) lines.push('    (no traced span of 5 ms or more)');
      for (const sp of inside) lines.push(`    ${String(Math.round(sp.to - sp.from)).padStart(5)} ms  ${(sp.from - from >= 0 ? '+' : '') + Math.round(sp.from - from)} → +${Math.round(sp.to - from)}  ${sp.stage}`);
    }
  }
  return lines.join('\n');
}

/**
 * The traced stages that are the event loop's own synchronous work (a whole state encoded or wrapped, stored
 * rows applied, a write inspected on the shadow); the others are waits (a record made durable, a read's trip)
 * and overlap a stall without causing it.
 */
const LOOP_WORK = /^(open\.5a |load\.[12] |sync\.2 )/;

/** --trace: the event loop's traced work of 5 ms or more across a stall (both on process.hrtime's clock), longest overlap first. */
export function spansInStall(report: ProbeReport, stall: { fromUs?: number; toUs?: number }, top = 3): string[] {
  const { fromUs, toUs } = stall;
  if (report.timeline === undefined || fromUs === undefined || toUs === undefined) return [];
  return report.timeline
    .map(([stage, from, to]) => ({ stage, from, to, o: overlap(fromUs, toUs, from, to) }))
    .filter((sp) => sp.o > 0 && LOOP_WORK.test(sp.stage))
    .sort((a, b) => b.o - a.o)
    .slice(0, top)
    .map((sp) => `${String(Math.round((sp.to - sp.from) / 1000)).padStart(5)} ms span, ${Math.round(sp.o / 1000)} of it in the stall: ${sp.stage}`);
}
