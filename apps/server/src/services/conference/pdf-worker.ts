// The PDF worker thread: draws conference packs (pdf.ts) one at a time for pdf-pool.ts. It gets plain data
// (the pack as pack-model.ts chose it, already checked against the reader's permissions) and gives back the
// file's bytes: no database handle, no deps, nothing it could read more with.
import { parentPort, workerData } from 'node:worker_threads';
import { renderPackPdf, type PackDocument, type RenderOptions } from './pdf.js';

const port = parentPort!;
/** Tests only (pdf-pool.ts `hold`): while its first cell is 1 the worker waits before drawing. */
const hold = (workerData as { hold?: Int32Array }).hold;

port.on('message', async (msg: { id: number; pack: PackDocument; opts: RenderOptions }) => {
  port.postMessage({ id: msg.id, kind: 'started' });
  if (hold !== undefined) Atomics.wait(hold, 0, 1);
  try {
    const pdf = await renderPackPdf(msg.pack, msg.opts);
    // A copy in a buffer of its own, moved (not copied again) to the main thread.
    const bytes = new Uint8Array(pdf.byteLength);
    bytes.set(pdf);
    port.postMessage({ id: msg.id, kind: 'done', bytes }, [bytes.buffer]);
  } catch (err) {
    port.postMessage({ id: msg.id, kind: 'failed', message: err instanceof Error ? err.message : String(err) });
  }
});
