// Starting and stopping the SQLite store's checkpointer thread (checkpointer.ts says why it exists).
import { Worker } from 'node:worker_threads';
import { TYPESCRIPT_WORKER_BOOT, withoutPreloads } from '@mac/threads';
import type { CheckpointerStats } from './checkpointer.js';

/** Frames not yet copied into the database file at which the checkpointer copies them (SQLite's own default threshold). */
export const CHECKPOINT_FRAMES = 1000;
/**
 * The writer's own automatic checkpoint, kept as a backstop only: it runs on the writer's thread once the
 * log holds this many frames (~40 MB of 4 KB pages), which happens only if the checkpointer falls behind,
 * is starved of CPU or has died. Without it the log could grow without end.
 */
export const WRITER_BACKSTOP_FRAMES = 10_000;
/** How often the checkpointer reads the WAL-index (a pread of 136 bytes). */
const EVERY_MS = 25;
/** Writes count as paused when the log has not changed for this long: what is left is then copied. */
const IDLE_MS = 500;

export interface CheckpointerOptions {
  /** Default CHECKPOINT_FRAMES. */
  frames?: number;
  /** Default IDLE_MS; Infinity: never for a pause alone. */
  idleMs?: number;
  /**
   * The reference of bench/checkpoint.bench.ts only: no checkpointer thread, and the writer checkpoints
   * inside its commits as SQLite does by default (wal_autocheckpoint=1000), to compare in one run.
   */
  onWriter?: boolean;
}

export interface Checkpointer {
  stats(): Promise<CheckpointerStats>;
  close(): Promise<void>;
}

const ENTRY = new URL('./checkpointer.ts', import.meta.url).href;

/** Starts the checkpointer on `file` (already open, in WAL mode, by the writer). */
export async function startCheckpointer(file: string, opts: CheckpointerOptions = {}): Promise<Checkpointer> {
  const worker = new Worker(TYPESCRIPT_WORKER_BOOT, {
    workerData: { entry: ENTRY, file, frames: opts.frames ?? CHECKPOINT_FRAMES, everyMs: EVERY_MS, idleTicks: Math.min(2 ** 30, Math.ceil((opts.idleMs ?? IDLE_MS) / EVERY_MS)), thread: { name: 'mac-db-ckpt' } },
    execArgv: withoutPreloads(process.execArgv),
  });
  let nextId = 1;
  const waiting = new Map<number, (value: unknown) => void>();
  let failure: Error | null = null;
  worker.on('message', (msg: { id: number; value: unknown }) => {
    waiting.get(msg.id)?.(msg.value);
    waiting.delete(msg.id);
  });
  const fail = (err: Error) => {
    failure ??= err;
    // Nothing waits on a checkpoint: the writer's backstop takes over. Pending questions get an answer.
    for (const resolve of waiting.values()) resolve(null);
    waiting.clear();
  };
  worker.on('error', (err) => fail(err));
  worker.on('exit', (code) => fail(new Error(`the SQLite checkpointer stopped (exit code ${code})`)));
  const ask = (kind: 'stats' | 'close'): Promise<unknown> => {
    if (failure !== null) return Promise.resolve(null);
    const id = nextId++;
    return new Promise((resolve) => {
      waiting.set(id, resolve);
      worker.postMessage({ id, kind });
    });
  };
  // Its first answer says its connection is open: a failure to open is the store's failure to open.
  const ready = await ask('stats');
  if (ready === null) {
    await worker.terminate();
    throw failure ?? new Error('the SQLite checkpointer did not start');
  }
  return {
    stats: async () => ((await ask('stats')) as CheckpointerStats | null) ?? { checkpoints: 0, framesCopied: 0, maxWaiting: 0, partial: 0 },
    async close() {
      await ask('close');
      await worker.terminate();
    },
  };
}
