// Who had the CPUs while the server's event loop stalled (issue 17): the county bench's misses come in
// groups, at moments when the server's main thread waited hundreds of milliseconds for a CPU, so the
// question is whose work it waited behind. Sampled every 250 ms over the load phase: each server thread's
// CPU time (/proc/<pid>/task), this process's (the simulated users), and the whole machine's busy time
// (/proc/stat), whose remainder is every other process on the machine.
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { threadCpu } from './server-child.js';
import { table } from './stats.js';

interface Point {
  t: number;
  threads: Map<number, { name: string; ms: number }>;
  benchMs: number;
  machineBusyMs: number;
}

/** The machine's busy CPU time so far, ms (all CPUs: user, nice, system, irq, softirq, steal). */
function machineBusyMs(): number {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
    return (user + nice + system + irq + softirq + steal) * 10;
  } catch {
    return Number.NaN;
  }
}

const benchMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

export class CpuTimeline {
  private points: Point[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly pid: number) {}

  start(everyMs = 250): void {
    const sample = () => this.points.push({ t: Date.now(), threads: threadCpu(this.pid), benchMs: benchMs(), machineBusyMs: machineBusyMs() });
    sample();
    this.timer = setInterval(sample, everyMs);
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  /**
   * CPU used between the samples around [fromMs, toMs]: by server thread name (threads of one name added
   * up: the unnamed "node" ones are V8's GC helpers and libuv's pool), by this process, and by the rest of
   * the machine; with the wall time they span and the CPU time the machine had in it.
   */
  around(fromMs: number, toMs: number): { wallMs: number; capacityMs: number; rows: Array<[string, number]> } | null {
    const before = [...this.points].reverse().find((p) => p.t <= fromMs);
    const after = this.points.find((p) => p.t >= toMs);
    if (before === undefined || after === undefined || after === before) return null;
    const byName = new Map<string, number>();
    let server = 0;
    for (const [tid, t] of after.threads) {
      const ms = t.ms - (before.threads.get(tid)?.ms ?? 0);
      if (ms <= 0) continue;
      server += ms;
      byName.set(t.name, (byName.get(t.name) ?? 0) + ms);
    }
    const bench = after.benchMs - before.benchMs;
    const rest = Math.max(0, after.machineBusyMs - before.machineBusyMs - server - bench);
    const rows: Array<[string, number]> = [...byName].sort((a, b) => b[1] - a[1]).map(([n, ms]) => [`server: ${n}`, ms]);
    rows.push(['this process (the simulated users, their document clients)', bench], ['every other process on the machine', rest]);
    const wallMs = after.t - before.t;
    return { wallMs, capacityMs: wallMs * cpus().length, rows };
  }
}

/** For each of the longest stalls: who had the CPUs across it. */
export function cpuAcrossStalls(timeline: CpuTimeline, stalls: ReadonlyArray<{ atMs: number; ms: number; waitMs?: number }>, loadStart: number, top = 3): string {
  const out: string[] = [];
  for (const s of [...stalls].sort((a, b) => b.ms - a.ms).slice(0, top)) {
    const seen = timeline.around(s.atMs, s.atMs + s.ms);
    if (seen === null) continue;
    out.push(`stall of ${s.ms} ms at ${((s.atMs - loadStart) / 1000).toFixed(1)} s${s.waitMs === undefined ? '' : ` (${s.waitMs} ms of it waiting for a CPU)`}: CPU used over the ${seen.wallMs} ms around it (${seen.capacityMs} ms of CPU on ${cpus().length} cores)`);
    out.push(table([['who', 'CPU ms'], ...seen.rows.filter(([, ms]) => ms >= 10).map(([n, ms]) => [n, String(Math.round(ms))])]));
  }
  return out.join('\n');
}
