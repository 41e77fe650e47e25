// The SQLite store's checkpointer thread: copies the WAL's frames into the database file from its own
// connection, so that the writer's thread never does (issue 12: the commit's tail).
//
// SQLite's default (`wal_autocheckpoint=1000`) makes the commit that takes the log past 1,000 frames copy
// them into the database file and fsync it, on the writer's connection, after its own commit and before
// its caller hears of it; every batch queued behind that commit waits too. Here the writer's automatic
// checkpoint is only a backstop (WRITER_BACKSTOP_FRAMES, set in worker.ts), and this thread runs a PASSIVE
// checkpoint (it never waits for a lock, and never blocks the writer or a reader) when the log has
// CHECKPOINT_FRAMES frames not yet copied, or any when writes have paused. A checkpoint that completes lets
// the writer's next transaction restart the log from its beginning: the file keeps its size (nothing
// truncates it, `journal_size_limit` is SQLite's default -1), so a commit overwrites blocks the file already
// has instead of growing it.
//
// Nothing acknowledged depends on this thread: a checkpoint copies frames already committed (and fsynced by
// the writer) and fsyncs the database file before the log may be reused, as SQLite's own does. If the thread
// falls behind or dies, the log grows until the writer's backstop checkpoints it as before.
import { closeSync, openSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { readWalIndexFd } from './wal-index.js';

export interface CheckpointerStats {
  /** Checkpoints run on this thread's connection. */
  checkpoints: number;
  /** Frames they copied into the database file. */
  framesCopied: number;
  /** The most frames seen waiting to be copied at one tick. */
  maxWaiting: number;
  /** Checkpoints that could not copy everything (a reader's snapshot still needs older frames, or the writer's backstop was running). */
  partial: number;
}

const port = parentPort!;
const { file, frames: threshold, everyMs, idleTicks } = workerData as { file: string; frames: number; everyMs: number; idleTicks: number };

const db = new Database(file, { fileMustExist: true });
// It never writes a transaction, so its own automatic checkpoint would never run; said anyway.
db.pragma('wal_autocheckpoint = 0');
db.pragma('synchronous = FULL');
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
const shm = openSync(`${file}-shm`, 'r');
const buf = Buffer.alloc(136);

const stats: CheckpointerStats = { checkpoints: 0, framesCopied: 0, maxWaiting: 0, partial: 0 };
let lastFrames = -1;
let quietTicks = 0;

const CATCH_UP_ROUNDS = 3;
const CATCH_UP_FRAMES = 64;

/** One PASSIVE checkpoint; `backfilled`: frames already copied before it. */
const run = (backfilled: number) => {
  const row = checkpoint.get() as { busy: number; log: number; checkpointed: number };
  stats.checkpoints += 1;
  // After a restart of the log the numbers start again from 0.
  stats.framesCopied += Math.max(0, row.checkpointed - (row.checkpointed >= backfilled ? backfilled : 0));
  return row;
};

const tick = () => {
  const state = readWalIndexFd(shm, buf);
  if (state === null) return;
  if (state.waiting > stats.maxWaiting) stats.maxWaiting = state.waiting;
  quietTicks = state.frames === lastFrames ? quietTicks + 1 : 0;
  lastFrames = state.frames;
  // Due: enough frames to be worth a copy and an fsync of the database file, or writes have paused and
  // some are left (copied now, the next write starts the log over instead of adding to it).
  if (state.waiting === 0 || (state.waiting < threshold && quietTicks < idleTicks)) return;
  try {
    let copiedBefore = state.backfilled;
    let row = run(copiedBefore);
    // Catching up: frames committed while the copy ran are copied at once while they are few, so that the
    // log is often found fully copied when the writer begins its next transaction, which then restarts the
    // log from its beginning (SQLite restarts it only then). Under continuous writes that may never happen;
    // the writer's backstop then restarts it, having little left to copy.
    for (let round = 0; round < CATCH_UP_ROUNDS && row.busy === 0 && row.checkpointed > copiedBefore && row.log - row.checkpointed > 0 && row.log - row.checkpointed <= CATCH_UP_FRAMES; round++) {
      copiedBefore = row.checkpointed;
      row = run(copiedBefore);
    }
    if (row.busy !== 0 || row.checkpointed < row.log) stats.partial += 1;
  } catch {
    // SQLITE_BUSY (another checkpoint is running) or an I/O error: the next tick tries again, and the
    // writer's backstop bounds the log meanwhile.
  }
};
const timer = setInterval(tick, everyMs);

port.on('message', (msg: { id: number; kind: 'stats' | 'close' }) => {
  if (msg.kind === 'stats') return port.postMessage({ id: msg.id, value: { ...stats } });
  clearInterval(timer);
  closeSync(shm);
  db.close();
  port.postMessage({ id: msg.id, value: null });
});
