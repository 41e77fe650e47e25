// Entry of every worker thread of ours whose code is TypeScript (the SQLite store's thread, the task
// pools' workers): teach this thread TypeScript (as tsx does for the main one), then load the worker
// itself (`workerData.entry`, a file URL). Plain JavaScript, because nothing can load .ts before this has
// run: a worker does not inherit its parent's loader, and the sources are TypeScript at run time (the
// server runs under tsx, the tests under Vitest).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
