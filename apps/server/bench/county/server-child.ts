// The real server as a child process (`node --import tsx src/cli.ts start`) over the county's data
// directory, with the loop probe preloaded; its RSS is read from /proc once a second.
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const serverDir = fileURLToPath(new URL('../..', import.meta.url));
const probeModule = fileURLToPath(new URL('./loop-probe.ts', import.meta.url));

export interface ProbeReport {
  kind: 'report';
  /** Set when the server did not answer SIGUSR2 in time: built from the tick and stall lines. */
  approximate?: boolean;
  t: number;
  hrtimeUs: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
  stallCount: number;
  stalledMs: number;
  stalls: Array<{ atMs: number; ms: number; suspects: string[]; fromUs?: number; toUs?: number; waitMs?: number }>;
  /** The main thread's garbage-collection pauses in the phase, by kind (perf_hooks' gc entries). */
  gc?: Record<string, { ms: number; count: number }>;
  /** The 5 ms timer's lateness less the main thread's wait for a CPU (Linux schedstat): the server's own share. */
  own?: { p50: number; p99: number; max: number; stallCount: number; rawP99: number };
  /** With --trace (MAC_LATENCY_TRACE=1): the server's own stages in the phase, microseconds. */
  trace?: Record<string, { count: number; p50: number; p99: number; mean: number }>;
  /** With --trace: the server's spans of 5 ms or more in the phase, [stage, start, end] on process.hrtime's clock (µs, as `hrtimeUs`). */
  timeline?: Array<[string, number, number]>;
}

export interface ProbeStall {
  kind: 'stall';
  t: number;
  atMs: number;
  ms: number;
  suspects: string[];
  fromUs?: number;
  toUs?: number;
  waitMs?: number;
}

function percentileOf(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

export interface ProbeTick {
  kind: 'tick';
  t: number;
  p99: number;
  max: number;
  rssMb: number;
  heapMb: number;
  externalMb: number;
}

export interface ServerChild {
  origin: string;
  pid: number;
  /** Milliseconds from spawn to "MAC listening" (the audit chain is verified at every start). */
  startMs: number;
  rss: Array<{ t: number; mb: number }>;
  /** Ends the probe's current phase and returns its report (SIGUSR2). */
  report(): Promise<ProbeReport>;
  ticks(): ProbeTick[];
  /** Every stall the probe wrote between two wall-clock times (the report keeps only the longest). */
  stalls(fromMs: number, toMs: number): ProbeStall[];
  /** The server's CPU time so far per thread (ms; Linux /proc), by thread id, with the thread's name. */
  threadCpu(): Map<number, { name: string; ms: number }>;
  /** The server's own output, last few kB. */
  tail(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  dataDir: string;
  demoPassword: string;
  /** A directory for a V8 CPU profile of the server (`--cpu-prof`), written when it stops. */
  profileDir?: string;
  env?: Record<string, string>;
}

function rssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** CPU time per thread of a process (utime + stime, ms) with each thread's name (`comm`); empty off Linux. */
export function threadCpu(pid: number): Map<number, { name: string; ms: number }> {
  const out = new Map<number, { name: string; ms: number }>();
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const tid of tids) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      // The name sits in parentheses and may hold spaces: the fields follow the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]);
      const name = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
      out.set(Number(tid), { name: Number(tid) === pid ? `${name} (main thread)` : name, ms: ticks * 10 });
    } catch {
      // The thread ended meanwhile.
    }
  }
  return out;
}

function readProbe(file: string): Array<ProbeReport | ProbeTick | ProbeStall | { kind: string }> {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ProbeReport | ProbeTick | ProbeStall);
}

export async function startServerChild(opts: StartOptions): Promise<ServerChild> {
  const probeFile = join(opts.dataDir, 'bench-probe.jsonl');
  rmSync(probeFile, { force: true });
  const began = performance.now();
  const execArgv = ['--import', 'tsx', '--import', probeModule];
  if (opts.profileDir) execArgv.push('--cpu-prof', `--cpu-prof-dir=${opts.profileDir}`, '--cpu-prof-interval', '1000');
  const child: ChildProcess = spawn(process.execPath, [...execArgv, 'src/cli.ts', 'start'], {
    cwd: serverDir,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      MAC_DATA_DIR: opts.dataDir,
      MAC_DEMO_PASSWORD: opts.demoPassword,
      MAC_BENCH_PROBE_FILE: probeFile,
      NODE_ENV: 'test',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (d: Buffer) => (out = (out + d.toString()).slice(-6000));
  const origin = await new Promise<string>((resolve, reject) => {
    // A county's audit chain is verified at start-up: give it time.
    const timer = setTimeout(() => reject(new Error(`the server did not start within 10 minutes: ${out}`)), 600_000);
    child.stdout!.on('data', (d: Buffer) => {
      // Looked for before the tail is cut: V8's traces (MAC_BENCH_V8_FLAGS) can follow the line in one chunk.
      const m = /MAC listening on (http:\/\/\S+)\r?\n/.exec(out.slice(-200) + d.toString());
      keep(d);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.stderr!.on('data', keep);
    // The server's whole output, kept for a diagnosis (MAC_SLOW_BATCH_MS's reports; V8's traces, which go to
    // stdout, with MAC_BENCH_V8_FLAGS) when asked for.
    const logFile = process.env.MAC_BENCH_SERVER_LOG;
    if (logFile) child.stderr!.on('data', (d: Buffer) => appendFileSync(logFile, d));
    if (logFile) child.stdout!.on('data', (d: Buffer) => appendFileSync(logFile, d));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code}: ${out}`));
    });
  });
  const startMs = performance.now() - began;
  let stopping = false;
  child.once('exit', (code, signal) => {
    if (!stopping) console.error(`\n[county bench] the server exited unexpectedly (${code ?? signal}); its last output:\n${out}\n`);
  });
  const pid = child.pid!;
  const rss: ServerChild['rss'] = [{ t: Date.now(), mb: rssMb(pid) }];
  const sampler = setInterval(() => rss.push({ t: Date.now(), mb: rssMb(pid) }), 1_000);
  let lastReport = Date.now();
  let reports = readProbe(probeFile).filter((l) => l.kind === 'report').length;
  return {
    origin,
    pid,
    startMs,
    rss,
    async report() {
      const from = lastReport;
      lastReport = Date.now();
      child.kill('SIGUSR2');
      const deadline = Date.now() + 180_000;
      for (;;) {
        const lines = readProbe(probeFile).filter((l): l is ProbeReport => l.kind === 'report');
        if (lines.length > reports) {
          reports = lines.length;
          return lines.at(-1)!;
        }
        if (Date.now() > deadline || child.exitCode !== null) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      // Still stalled three minutes later (working through requests the bench gave up on): the phase's
      // figures from the lines written as it went, p99 approximated by the p99 of the per-second p99s.
      const lines = readProbe(probeFile).filter((l) => (l as { t?: number }).t !== undefined && (l as { t: number }).t >= from);
      const ticks = lines.filter((l): l is ProbeTick => l.kind === 'tick');
      const stalls = lines.filter((l): l is ProbeStall => l.kind === 'stall').map(({ atMs, ms, suspects, fromUs, toUs }) => ({ atMs, ms, suspects, fromUs, toUs }));
      return {
        kind: 'report',
        approximate: true,
        t: Date.now(),
        hrtimeUs: Number.NaN,
        p50: Number.NaN,
        p90: Number.NaN,
        p99: percentileOf(ticks.map((k) => k.p99), 99),
        p999: Number.NaN,
        max: Math.max(0, ...ticks.map((k) => k.max), ...stalls.map((s) => s.ms)),
        mean: Number.NaN,
        stallCount: stalls.length,
        stalledMs: stalls.reduce((a, s) => a + s.ms, 0),
        stalls: stalls.sort((a, b) => b.ms - a.ms).slice(0, 25),
      };
    },
    ticks: () => readProbe(probeFile).filter((l): l is ProbeTick => l.kind === 'tick'),
    stalls: (fromMs: number, toMs: number) => readProbe(probeFile).filter((l): l is ProbeStall => l.kind === 'stall').filter((l) => l.t >= fromMs && l.t <= toMs),
    threadCpu: () => threadCpu(pid),
    tail: () => out,
    async stop() {
      clearInterval(sampler);
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      // A server still working through requests the bench gave up on may take long to reach its SIGTERM
      // handler: after a minute it is killed (a CPU profile is then lost).
      const killer = setTimeout(() => {
        console.error('[county bench] the server did not stop within 60 s of SIGTERM: killed');
        child.kill('SIGKILL');
      }, 60_000);
      await exited;
      clearTimeout(killer);
    },
  };
}
