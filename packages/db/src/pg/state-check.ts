// Rule S9's check (repos/update-log.ts replacementProblem) for the PostgreSQL adapter, in a thread of its
// own: on SQLite it runs on the writer's thread, but this adapter's statements are made on the event
// loop, and reading a 10,000-row log's every row (update-coverage.ts) took ~30 ms, more under load. The
// rows go as one buffer and where each ends, moved (cloning 10,000 small arrays costs the event loop more
// than copying their bytes once). A compaction is rare: the thread is let go a minute after its last one.
import { createTaskPool } from '@mac/threads';
import type { StateCheck } from './update-log.js';
import type { StateCheckTask } from './state-check-worker.js';

export function createStateCheckThread(): { check: StateCheck; close(): Promise<void> } {
  const pool = createTaskPool<{ merged: Uint8Array; rows: readonly Uint8Array[]; converted: boolean }, unknown>({
    entry: new URL('./state-check-worker.ts', import.meta.url).href,
    failure: 'could not check the state that would replace the rows',
    thread: { name: 'mac-state-check' },
    idleMs: 60_000,
    prepare({ merged, rows, converted }): { message: StateCheckTask; transfer: ArrayBuffer[] } {
      const ends = new Uint32Array(rows.length);
      let size = 0;
      rows.forEach((row, i) => (ends[i] = size += row.byteLength));
      const bytes = new Uint8Array(size);
      rows.forEach((row, i) => bytes.set(row, ends[i]! - row.byteLength));
      // The state is copied (not in the transfer list): the caller still stores it.
      return { message: { merged, bytes, ends, converted }, transfer: [bytes.buffer, ends.buffer] };
    },
  });
  return {
    async check(merged, rows, converted) {
      const answer = await pool.run({ merged, rows, converted });
      // Fails closed: only an explicit null (the thread found nothing wrong) lets the rows be replaced.
      if (answer === null) return null;
      return typeof answer === 'string' ? answer : 'the check thread answered something other than a verdict';
    },
    close: () => pool.close(),
  };
}
