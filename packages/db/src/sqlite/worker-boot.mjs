// Entry of the SQLite worker thread: teach this thread TypeScript (as tsx does for the main one), then
// load the worker itself. Plain JavaScript, because nothing can load .ts before this has run.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
