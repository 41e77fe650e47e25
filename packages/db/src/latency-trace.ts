// Where a live update's time goes, stage by stage (bench:sync prints it): spans measured where both ends
// are known, on a clock every thread of the process shares (process.hrtime, monotonic), so the SQLite
// worker's stamps can be set against the event loop's. Off unless MAC_LATENCY_TRACE=1: each call is then
// one boolean test. A diagnosis, never a decision: nothing reads these figures but the bench.

/** Whether stages are being recorded (MAC_LATENCY_TRACE=1; worker threads see the same environment). */
export const tracing = process.env.MAC_LATENCY_TRACE === '1';

/** Microseconds on the process's monotonic clock (comparable across its threads). */
export const traceNow = (): number => Number(process.hrtime.bigint() / 1000n);

const MAX_SAMPLES = 200_000;
const spans = new Map<string, number[]>();

// The long spans are also kept with WHEN they ran (the county bench sets them beside its slowest samples:
// what the server was doing while a user waited). Counts and spans without a start (0) are not kept.
const TIMELINE_MIN_US = 5_000;
const MAX_TIMELINE = 50_000;
let timeline: Array<[stage: string, startUs: number, endUs: number]> = [];

/** Records one span of `stage`, from `startUs` to `endUs` (default now). */
export function traceSpan(stage: string, startUs: number, endUs: number = traceNow()): void {
  if (!tracing) return;
  let list = spans.get(stage);
  if (list === undefined) spans.set(stage, (list = []));
  if (list.length < MAX_SAMPLES) list.push(endUs - startUs);
  if (startUs > 0 && endUs - startUs >= TIMELINE_MIN_US && timeline.length < MAX_TIMELINE) timeline.push([stage, startUs, endUs]);
}

/** The spans of 5 ms or more recorded since the last reset, with their start and end (traceNow's clock, µs). */
export function traceTimeline(): ReadonlyArray<[stage: string, startUs: number, endUs: number]> {
  return timeline;
}

/** Records a count (a batch's size) under `stage`, summarised as the spans are. */
export const traceCount = (stage: string, value: number): void => traceSpan(stage, 0, value);

export interface StageSummary {
  count: number;
  /** Microseconds (or the counted unit). */
  p50: number;
  p99: number;
  mean: number;
}

/** Every stage recorded since the last reset, by name. */
export function traceSummary(): Record<string, StageSummary> {
  const out: Record<string, StageSummary> = {};
  for (const [stage, list] of [...spans].sort(([a], [b]) => a.localeCompare(b))) {
    const sorted = [...list].sort((a, b) => a - b);
    const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
    out[stage] = { count: sorted.length, p50: at(0.5), p99: at(0.99), mean: sorted.reduce((a, b) => a + b, 0) / sorted.length };
  }
  return out;
}

export function traceReset(): void {
  spans.clear();
  timeline = [];
}

/** When the websocket message being handled arrived (set by the connection; the room stamps its write with it). */
export const traceMessageAt = { at: 0 };

/**
 * A websocket's open (ws-upgrade.ts stamps it, the connection reads it): when its upgrade request arrived
 * and when its handshake was written, to time a new client's whole open on the server's side.
 */
export const traceOpens = new WeakMap<object, { arrived: number; handshake: number }>();

/** Stamps the SQLite worker adds to a reply: received, statements done, committed (traceNow). */
export type WorkerStamps = [received: number, statementsDone: number, committed: number];

// The store's side (sqlite/store.ts): when each batch was posted to its worker.
const postedAt = new Map<string, number>();

/** A batch posted to a worker (`id`: the message's number on that worker). */
export function traceSent(lane: string, id: number, calls: readonly unknown[]): void {
  postedAt.set(`${lane}:${id}`, traceNow());
  traceCount(`db.${lane}.1 calls per message (count)`, calls.length);
}

/** A worker's reply, on the caller's thread: the hop there, its statements, its commit (the fsync), the hop back. */
export function traceWorker(lane: string, id: number, [received, statementsDone, committed]: WorkerStamps): void {
  const now = traceNow();
  const posted = postedAt.get(`${lane}:${id}`);
  postedAt.delete(`${lane}:${id}`);
  if (posted === undefined) return;
  // A message the thread took from its port while it was busy (merged into a batch) has the stamp of the one it began with.
  traceSpan(`db.${lane}.2 posted → the thread has it`, posted, Math.max(posted, received));
  if (statementsDone >= Math.max(posted, received)) {
    traceSpan(`db.${lane}.3 thread: statements`, Math.max(posted, received), statementsDone);
    traceSpan(`db.${lane}.4 thread: commit (fsync)`, statementsDone, committed);
  } else traceSpan(`db.${lane}.3 thread: runs the batch (no unit of work)`, Math.max(posted, received), committed);
  traceSpan(`db.${lane}.5 thread replied → the reply here`, committed, now);
  traceSpan(`db.${lane}.6 round trip (posted → reply here)`, posted, now);
}

/**
 * In a SQLite worker thread: every reply it posts carries its stamps (when the thread took the message it
 * answers, when that batch's statements ended, when it committed). Installed once, before the worker listens.
 */
export function stampReplies(port: { on(event: 'message', listener: () => void): unknown; postMessage(value: unknown): void }): void {
  let received = 0;
  // Installed before the worker's own listener, so it runs first.
  port.on('message', () => {
    received = traceNow();
  });
  const post = port.postMessage.bind(port);
  port.postMessage = (value: unknown) => {
    const stamps: WorkerStamps = [received, statementsDone, traceNow()];
    const inThread = threadSpans.length > 0 ? { s: threadSpans.splice(0) } : {};
    post(typeof value === 'object' && value !== null ? { ...value, t: stamps, ...inThread } : value);
  };
}

let statementsDone = 0;
/** Inside a unit of work's transaction, just before it commits: where the statements end and the commit starts. */
export function markStatementsDone(): void {
  if (tracing) statementsDone = traceNow();
}

// Spans measured inside a SQLite thread (its reads by method): sent with the thread's next reply and
// recorded on the caller's thread, where the summary is read.
const threadSpans: Array<[stage: string, startUs: number, endUs: number]> = [];

/** In a SQLite thread: one span of `stage` from `startUs` to now, carried back with the next reply. */
export function traceInThread(stage: string, startUs: number): void {
  // Bounded: a thread that never replies with stamps (inline, in tests) keeps at most this many.
  if (tracing && threadSpans.length < 10_000) threadSpans.push([stage, startUs, traceNow()]);
}

/** On the caller's thread: the spans a thread's reply carried (traceInThread; the clock is the process's). */
export function traceFromThread(spansOfThread: ReadonlyArray<[string, number, number]>): void {
  for (const [stage, startUs, endUs] of spansOfThread) traceSpan(stage, startUs, endUs);
}
