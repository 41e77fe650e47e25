export { createTaskPool, type TaskPool, type TaskPoolOptions, type TaskPoolStats } from './task-pool.js';
export { withoutPreloads } from './without-preloads.js';

/** The entry to start a TypeScript worker thread with; the worker module goes in `workerData.entry`. */
export const TYPESCRIPT_WORKER_BOOT = new URL('./boot.mjs', import.meta.url);
