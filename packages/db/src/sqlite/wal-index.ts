// How many frames of a WAL database's log are not yet copied into the database file, read from its
// WAL-index (the `-shm` file) without taking any lock: the checkpointer (checkpointer.ts) reads it a few
// times a second to decide whether a checkpoint is due, and tests read it to check that the log stays
// bounded. A read can race a writer and see a torn or stale header; that only moves a checkpoint by one
// tick, and nothing else is decided by it.
//
// Layout (https://www.sqlite.org/walformat.html, "The WAL-Index Header"; native byte order): two copies of
// the 48-byte WalIndexHdr (mxFrame, the last valid frame of the log, at offset 16 of each), then
// WalCkptInfo at offset 96 (nBackfill, the frames already copied into the database file, first).
import { closeSync, openSync, readSync } from 'node:fs';
import { endianness } from 'node:os';

const HEADER_BYTES = 136;
const MX_FRAME = 16;
const N_BACKFILL = 96;
const little = endianness() === 'LE';

export interface WalIndexState {
  /** Frames in the log since it was last restarted (its last valid frame). */
  frames: number;
  /** Of those, the frames already copied into the database file. */
  backfilled: number;
  /** frames − backfilled: what the next checkpoint has to copy. */
  waiting: number;
}

/** Reads the WAL-index of the database at `file`, or null when it has none (not open in WAL mode, or closed). */
export function readWalIndex(file: string): WalIndexState | null {
  let fd: number;
  try {
    fd = openSync(`${file}-shm`, 'r');
  } catch {
    return null;
  }
  try {
    const buf = Buffer.alloc(HEADER_BYTES);
    if (readSync(fd, buf, 0, HEADER_BYTES, 0) < HEADER_BYTES) return null;
    return stateOf(buf);
  } finally {
    closeSync(fd);
  }
}

/** The same, from an open descriptor of the `-shm` file (the checkpointer keeps one). */
export function readWalIndexFd(fd: number, buf: Buffer = Buffer.alloc(HEADER_BYTES)): WalIndexState | null {
  if (readSync(fd, buf, 0, HEADER_BYTES, 0) < HEADER_BYTES) return null;
  return stateOf(buf);
}

function stateOf(buf: Buffer): WalIndexState {
  const u32 = (at: number) => (little ? buf.readUInt32LE(at) : buf.readUInt32BE(at));
  const frames = u32(MX_FRAME);
  // After a restart nBackfill is 0 while mxFrame counts again from 0; a torn read can show nBackfill ahead.
  const backfilled = Math.min(u32(N_BACKFILL), frames);
  return { frames, backfilled, waiting: frames - backfilled };
}
