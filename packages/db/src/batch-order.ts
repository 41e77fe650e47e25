// The write queue (packages/sync write-queue.ts) may send a batch while the one before it is still being
// committed (two batches in flight: the event loop prepares the next while the writer commits the last).
// A later batch may build on the earlier one (writes of the same document inspected on top of it), so it
// must be stored only if the earlier one was, and after it: `Store.persistBatch(writes, { key, after })`.
// SQLite's one writer commits in the order sent and fails the later batch there, without running it, if
// the earlier failed; PostgreSQL waits for the earlier batch before starting the later one.

export const AFTER_FAILED = 'MAC_AFTER_FAILED';

/** How a batch is ordered after an earlier one still in flight (see `Store.persistBatch`). */
export interface BatchOrder {
  /** This batch's key (any object, used once): a later batch names it as `after`. */
  key: object;
  /** The key of an earlier batch of the same store that this one builds on. */
  after?: object | undefined;
  /**
   * Another batch, ordered after this one, follows in the same synchronous run (the write queue sent this
   * one early so that the writer starts on it). SQLite holds this one's commit for it (one fsync for
   * both); if none comes by the end of the turn, it commits alone.
   */
  more?: boolean | undefined;
}

/** The earlier batch named by `after` was not stored, so this one was not either (nothing of it was run). */
export class AfterFailedError extends Error {
  readonly code = AFTER_FAILED;
  constructor() {
    super('not stored: the batch it builds on could not be stored');
    this.name = 'AfterFailedError';
  }
}

/** Whether a storage call stored nothing because the batch it was ordered after failed. */
export function isAfterFailed(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === AFTER_FAILED;
}
