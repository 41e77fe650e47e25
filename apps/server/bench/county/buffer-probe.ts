// Which ArrayBuffers the server's event loop keeps long enough to be promoted (`pnpm bench:county
// --buffers`). Every major collection of its heap under load is started by "external memory pressure": V8
// frees a promoted ArrayBuffer only at a mark-compact and starts one after 64 MB of them (docs/measurements/
// county.md, "Garbage"). The heap profiler does not see buffers, and a heap snapshot collects them first, so
// this notes each buffer of 4 KB or more at the few doors large ones pass (a worker's reply, a socket write,
// a socket read), and learns from a FinalizationRegistry when each is collected: within a second (a
// scavenge, most likely) or later (promoted, freed by a mark-compact). Buffers made and dropped without
// passing a door are not seen: the report says how much of the growth it saw.
import { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';

/** Collected this long after being seen, or later: counted as long-lived (likely promoted). */
const LONG_MS = 1_000;
const SMALLEST = 4 * 1024;

export interface BufferTally {
  seen: number;
  seenMb: number;
  /** Collected within LONG_MS of being seen. */
  shortMb: number;
  /** Collected later. */
  longMb: number;
  /** Not collected yet at the report. */
  liveMb: number;
}

export function startBufferProbe(): () => Record<string, BufferTally> {
  const tallies = new Map<string, { seen: number; seen_: number; short: number; long: number; live: number }>();
  const tally = (label: string) => {
    let t = tallies.get(label);
    if (t === undefined) tallies.set(label, (t = { seen: 0, seen_: 0, short: 0, long: 0, live: 0 }));
    return t;
  };
  const registry = new FinalizationRegistry<{ label: string; bytes: number; born: number }>(({ label, bytes, born }) => {
    const t = tally(label);
    t.live -= bytes;
    if (performance.now() - born < LONG_MS) t.short += bytes;
    else t.long += bytes;
  });
  const noted = new WeakSet<ArrayBuffer>();
  const note = (label: string, value: unknown) => {
    const buffer = value instanceof ArrayBuffer ? value : ArrayBuffer.isView(value) ? (value.buffer as ArrayBuffer) : null;
    if (buffer === null || buffer.byteLength < SMALLEST || noted.has(buffer)) return;
    noted.add(buffer);
    const t = tally(label);
    t.seen += 1;
    t.seen_ += buffer.byteLength;
    t.live += buffer.byteLength;
    registry.register(buffer, { label, bytes: buffer.byteLength, born: performance.now() });
  };
  // Every buffer in a message, a few levels down (a reply's value, a page's json, a load's rows).
  const noteAll = (label: string, value: unknown, depth = 0) => {
    if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return note(label, value);
    if (depth > 5 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) for (const item of value) noteAll(label, item, depth + 1);
    else for (const item of Object.values(value as Record<string, unknown>)) noteAll(label, item, depth + 1);
  };

  const workerEmit = Worker.prototype.emit;
  Worker.prototype.emit = function (this: Worker, event: string | symbol, ...args: unknown[]) {
    if (event === 'message') noteAll('a worker thread’s reply', args[0]);
    return workerEmit.apply(this, [event, ...args] as Parameters<typeof workerEmit>);
  } as typeof Worker.prototype.emit;
  const socketWrite = Socket.prototype.write;
  Socket.prototype.write = function (this: Socket, chunk: unknown, ...rest: unknown[]) {
    note('written to a socket', chunk);
    return (socketWrite as (...a: unknown[]) => boolean).apply(this, [chunk, ...rest]);
  } as typeof Socket.prototype.write;
  const socketEmit = Socket.prototype.emit;
  Socket.prototype.emit = function (this: Socket, event: string | symbol, ...args: unknown[]) {
    if (event === 'data') note('read from a socket', args[0]);
    return socketEmit.apply(this, [event, ...args] as Parameters<typeof socketEmit>);
  } as typeof Socket.prototype.emit;

  const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;
  return () => {
    const out: Record<string, BufferTally> = {};
    for (const [label, t] of tallies) out[label] = { seen: t.seen, seenMb: mb(t.seen_), shortMb: mb(t.short), longMb: mb(t.long), liveMb: mb(t.live) };
    for (const t of tallies.values()) Object.assign(t, { seen: 0, seen_: 0, short: 0, long: 0 });
    return out;
  };
}
