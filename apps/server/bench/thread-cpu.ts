// CPU time of each thread of this process (Linux /proc), for the write bench's per-thread figures: the
// event loop and the SQLite writer take turns with 16 callers, so an entry costs about the sum of theirs
// (docs/storage.md "Where a 16-caller write's CPU goes"). Empty where /proc is not there.
import { readdirSync, readFileSync } from 'node:fs';

/** Microseconds of CPU (user + system) per thread of this process (or `pid`'s), keyed by "tid name". */
export function threadCpu(pid: number | 'self' = 'self'): Map<string, number> {
  const out = new Map<string, number>();
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const tid of tasks) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime and stime (fields 14 and 15 of stat, 11 and 12 after the name), in clock ticks of 10 ms.
      out.set(`${tid} ${name}`, (Number(fields[11]) + Number(fields[12])) * 10_000);
    } catch {
      // The thread ended meanwhile.
    }
  }
  return out;
}

/** Per entry between two readings: the event loop, the SQLite writer, and every other thread together. */
export function cpuPerEntry(before: Map<string, number>, after: Map<string, number>, n: number): string {
  if (after.size === 0) return '';
  let loop = 0;
  let writer = 0;
  let others = 0;
  for (const [key, us] of after) {
    const spent = us - (before.get(key) ?? 0);
    if (key.startsWith(`${process.pid} `)) loop += spent;
    else if (key.endsWith(' mac-db-write')) writer += spent;
    else others += spent;
  }
  const each = (us: number) => `${Math.round(us / n)} µs`;
  return `CPU per entry: event loop ${each(loop)}, SQLite writer ${each(writer)}, other threads ${each(others)}`;
}

/** CPU between two readings by thread: the event loop (`pid`'s main thread), each thread name (its threads summed). */
export function cpuByThread(before: Map<string, number>, after: Map<string, number>, pid = process.pid): Map<string, number> {
  const out = new Map<string, number>();
  for (const [key, us] of after) {
    const name = key.startsWith(`${pid} `) ? 'event loop' : key.slice(key.indexOf(' ') + 1);
    out.set(name, (out.get(name) ?? 0) + us - (before.get(key) ?? 0));
  }
  return out;
}
