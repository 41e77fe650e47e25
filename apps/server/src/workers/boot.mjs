// Entry of the server's worker threads (PDF packs): teach this thread TypeScript (as tsx does for the main
// one), then load the worker itself. Plain JavaScript, because nothing can load .ts before this has run.
// A worker does not inherit its parent's loader; the sources are TypeScript at run time (the server runs
// under tsx, the tests under Vitest).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
