// The PDF worker thread: draws conference packs (pdf.ts) one at a time for pdf-pool.ts. It gets plain data
// (the pack as pack-model.ts chose it, already checked against the reader's permissions) and gives back the
// file's bytes: no database handle, no deps, nothing it could read more with.
import { serveTasks } from '@mac/threads/serve-tasks';
import { renderPackPdf, type PackDocument, type RenderOptions } from './pdf.js';

serveTasks(async ({ pack, opts }: { pack: PackDocument; opts: RenderOptions }) => {
  const pdf = await renderPackPdf(pack, opts);
  // A copy in a buffer of its own, moved (not copied again) to the main thread.
  const bytes = new Uint8Array(pdf.byteLength);
  bytes.set(pdf);
  return { value: bytes, transfer: [bytes.buffer] };
});
