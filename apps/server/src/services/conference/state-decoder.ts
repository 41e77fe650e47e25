// Snapshots ("as presented at conference") and "what changed since" decode a stored document state: for a
// chronology of thousands of entries that is hundreds of milliseconds of Yjs work, done in a worker thread
// (state-worker.ts, @mac/threads' task pool) so that other requests and rooms go on meanwhile. A short queue;
// beyond it 503 `server_busy` with Retry-After.
import type { Entry } from '@mac/domain';
import { ApiError } from '../../http/errors.js';
import { createTaskPool } from '@mac/threads';
import { buildPackModel, type PackInput, type PackModel } from './pack-model.js';
import type { SharedRecord } from './shared-record.js';

/** What the worker is asked: a stored state to decode, a document's stored rows to read, or a pack's model to build. */
export type StateTask = { decode: Uint8Array } | { rows: Uint8Array[] } | { packModel: PackInput };

/** Packs of fewer entries are built in place: copying them to the thread would cost about what building them does. */
export const PACK_MODEL_INLINE_BELOW = 500;

export const DEFAULT_DECODE_QUEUE = 16;
const RETRY_AFTER_SECONDS = 5;

export interface StateDecoder {
  /** The entries and version of a stored state (shared-record.ts decodeState), worked out in the worker. */
  decode(state: Uint8Array): Promise<{ entries: Entry[]; version: string }>;
  /** A document's stored rows as packs read them (shared-record.ts sharedRecordOf), worked out in the worker. */
  sharedRecord(rows: Uint8Array[]): Promise<SharedRecord>;
  /** A pack's model (pack-model.ts buildPackModel): in the worker for a large chronology, in place otherwise. */
  packModel(input: PackInput): Promise<PackModel>;
  stats(): { running: number; queued: number; started: number };
  close(): Promise<void>;
}

export function createStateDecoder(opts: { maxQueued?: number; hold?: Int32Array; onStarted?: () => void } = {}): StateDecoder {
  const pool = createTaskPool<StateTask, unknown>({
    entry: new URL('./state-worker.ts', import.meta.url).href,
    maxQueued: opts.maxQueued ?? DEFAULT_DECODE_QUEUE,
    full: (queued) => new ApiError(503, 'server_busy', `The server is already reading ${queued + 1} earlier versions of chronologies or building their packs. Try again in a few seconds.`, undefined, { retryAfterSeconds: RETRY_AFTER_SECONDS }),
    failure: 'the stored version could not be read',
    // Packs' models and earlier versions: background next to the event loop and the SQLite threads.
    thread: { name: 'mac-state', nice: 10 },
    hold: opts.hold,
    onStarted: opts.onStarted,
  });
  return {
    decode: async (state) => (await pool.run({ decode: state })) as { entries: Entry[]; version: string },
    sharedRecord: async (rows) => (await pool.run({ rows })) as SharedRecord,
    packModel: async (input) => (input.shared.length < PACK_MODEL_INLINE_BELOW ? buildPackModel(input) : ((await pool.run({ packModel: input })) as PackModel)),
    stats: () => pool.stats(),
    close: () => pool.close(),
  };
}
