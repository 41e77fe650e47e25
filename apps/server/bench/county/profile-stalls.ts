// The longest stretches a V8 CPU profile (`--cpu-prof`) spent without going idle, and what ran in them:
// a stretch of busy samples longer than 50 ms held the event loop that long. For each one: the deepest
// function of ours (apps/, packages/) on the stack in at least half of its samples, which names the
// operation, and the functions with the most self time, which name where the time went.
import { readFileSync } from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  parent?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface BusyStretch {
  /** Microseconds on the profile's clock (process.hrtime), where it began. */
  startUs: number;
  ms: number;
  cause: string;
  hot: string[];
}

const IDLE = new Set(['(idle)']);

function frameName(f: CallFrame, root: string): string {
  const file = f.url.replace(/^file:\/\//, '').replace(root, '');
  const short = file.includes('node_modules') ? file.replace(/.*node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?/, '') : file;
  // tsx's transpiled modules report line 0 for many functions: a line is shown only when there is one.
  const line = f.lineNumber > 0 ? `:${f.lineNumber + 1}` : '';
  return `${f.functionName || '(anonymous)'}${short ? ` ${short}${line}` : ''}`;
}

const ours = (f: CallFrame) => /\/(apps|packages)\//.test(f.url) && !f.url.includes('node_modules') && !f.url.includes('/bench/');

/** Busy stretches longer than `minMs` between `fromUs` and `toUs` (the profile's clock), longest first. */
export function busyStretches(file: string, opts: { fromUs?: number; toUs?: number; minMs?: number; root?: string; top?: number } = {}): BusyStretch[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const root = opts.root ?? '';
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const n of profile.nodes) for (const c of n.children ?? []) byId.get(c)!.parent = n.id;
  const stackOf = (id: number): ProfileNode[] => {
    const out: ProfileNode[] = [];
    for (let n = byId.get(id); n; n = n.parent === undefined ? undefined : byId.get(n.parent)) out.push(n);
    return out; // leaf first
  };
  const stretches: Array<{ startUs: number; endUs: number; samples: number[] }> = [];
  let t = profile.startTime;
  let current: { startUs: number; endUs: number; samples: number[] } | null = null;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    const node = byId.get(profile.samples[i]!)!;
    if (IDLE.has(node.callFrame.functionName)) {
      if (current) stretches.push(current);
      current = null;
    } else {
      current ??= { startUs: t, endUs: t, samples: [] };
      current.endUs = t;
      current.samples.push(node.id);
    }
  }
  if (current) stretches.push(current);
  const minMs = opts.minMs ?? 50;
  const picked = stretches
    .filter((s) => (opts.fromUs === undefined || s.startUs >= opts.fromUs) && (opts.toUs === undefined || s.startUs <= opts.toUs))
    .filter((s) => (s.endUs - s.startUs) / 1000 >= minMs)
    .sort((a, b) => b.endUs - b.startUs - (a.endUs - a.startUs))
    .slice(0, opts.top ?? 15);
  return picked.map((s) => {
    // Keyed by function (not profile node): the same function reached by different paths is one cause.
    const coverage = new Map<string, { count: number; depth: number }>();
    const self = new Map<string, number>();
    for (const id of s.samples) {
      const stack = stackOf(id);
      const leaf = frameName(stack[0]!.callFrame, root);
      self.set(leaf, (self.get(leaf) ?? 0) + 1);
      const seen = new Set<string>();
      stack.forEach((n, i) => {
        const name = frameName(n.callFrame, root);
        if (!ours(n.callFrame) || seen.has(name)) return;
        seen.add(name);
        const entry = coverage.get(name) ?? { count: 0, depth: 0 };
        entry.count += 1;
        entry.depth = Math.max(entry.depth, stack.length - i);
        coverage.set(name, entry);
      });
    }
    const covering = [...coverage].filter(([, c]) => c.count >= s.samples.length / 2).sort((a, b) => b[1].depth - a[1].depth);
    const cause = covering[0] ? `${covering[0][0]} (${Math.round((covering[0][1].count / s.samples.length) * 100)} % of samples)` : '(none of our functions in half of the samples)';
    const hot = [...self]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([name, n]) => `${name} ${Math.round((n / s.samples.length) * 100)} %`);
    return { startUs: s.startUs, ms: Math.round((s.endUs - s.startUs) / 1000), cause, hot };
  });
}

export interface StallWindow {
  fromUs: number;
  toUs: number;
  ms: number;
}

export interface StallCause {
  ms: number;
  /** Of ours, outermost on the stack: the async function (or handler) whose continuation ran. */
  resumed: string[];
  /** Of ours, innermost on the stack: where in our code the time went. */
  inner: string[];
  /** Self time, any code. */
  hot: string[];
}

/**
 * What ran during each stall the loop probe saw (its window on the profile's clock), and over all of them
 * the stalled milliseconds shared out by function (outermost of ours on each sample's stack, and innermost):
 * one stall is often many callbacks of one turn of the loop, so a stall is named by its shares, not by one
 * function.
 */
export function stallCauses(file: string, windows: readonly StallWindow[], opts: { root?: string; top?: number } = {}): { stalls: StallCause[]; byResumed: Array<[string, number]>; byInner: Array<[string, number]>; bySelf: Array<[string, number]> } {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const root = opts.root ?? '';
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const n of profile.nodes) for (const c of n.children ?? []) byId.get(c)!.parent = n.id;
  // Per profile node: [outermost of ours, innermost of ours, self], worked out once.
  const described = new Map<number, [string, string, string]>();
  const describe = (id: number): [string, string, string] => {
    let d = described.get(id);
    if (d) return d;
    let outer = '(none of ours)';
    let inner = '';
    for (let n = byId.get(id); n; n = n.parent === undefined ? undefined : byId.get(n.parent)) {
      if (!ours(n.callFrame)) continue;
      const name = frameName(n.callFrame, root);
      if (!inner) inner = name;
      outer = name;
    }
    d = [outer, inner || '(none of ours)', frameName(byId.get(id)!.callFrame, root)];
    described.set(id, d);
    return d;
  };
  const times: number[] = [];
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) times.push((t += profile.timeDeltas[i] ?? 0));
  const totals = [new Map<string, number>(), new Map<string, number>(), new Map<string, number>()];
  const top = (m: Map<string, number>, n: number, of: number) =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${k} ${Math.round((v / of) * 100)} %`);
  const stalls = windows.map((w) => {
    const counts = [new Map<string, number>(), new Map<string, number>(), new Map<string, number>()];
    let busy = 0;
    for (let i = 0; i < times.length; i++) {
      if (times[i]! < w.fromUs || times[i]! > w.toUs) continue;
      const node = byId.get(profile.samples[i]!)!;
      if (IDLE.has(node.callFrame.functionName)) continue;
      busy += 1;
      describe(node.id).forEach((k, j) => counts[j]!.set(k, (counts[j]!.get(k) ?? 0) + 1));
    }
    counts.forEach((m, j) => {
      for (const [k, v] of m) totals[j]!.set(k, (totals[j]!.get(k) ?? 0) + (w.ms * v) / Math.max(1, busy));
    });
    return { ms: w.ms, resumed: top(counts[0]!, 3, busy), inner: top(counts[1]!, 3, busy), hot: top(counts[2]!, 3, busy) };
  });
  const ranked = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, opts.top ?? 12).map(([k, v]) => [k, Math.round(v)] as [string, number]);
  return { stalls, byResumed: ranked(totals[0]!), byInner: ranked(totals[1]!), bySelf: ranked(totals[2]!) };
}
