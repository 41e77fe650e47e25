// The worker side of task-pool.ts: runs each task it is sent, one at a time, and answers with its value
// (moving the ArrayBuffers the handler names instead of copying them).
import { parentPort, workerData, type TransferListItem } from 'node:worker_threads';

export function serveTasks<In>(handle: (input: In) => Promise<{ value: unknown; transfer?: TransferListItem[] }> | { value: unknown; transfer?: TransferListItem[] }): void {
  const port = parentPort!;
  /** Tests only (TaskPoolOptions.hold): while its first cell is 1 the worker waits before each task. */
  const hold = (workerData as { hold?: Int32Array }).hold;
  port.on('message', async (msg: { id: number; input: In }) => {
    port.postMessage({ id: msg.id, kind: 'started' });
    if (hold !== undefined) Atomics.wait(hold, 0, 1);
    try {
      const { value, transfer } = await handle(msg.input);
      port.postMessage({ id: msg.id, kind: 'done', value }, transfer ?? []);
    } catch (err) {
      port.postMessage({ id: msg.id, kind: 'failed', message: err instanceof Error ? err.message : String(err) });
    }
  });
}
