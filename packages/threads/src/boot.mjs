// Entry of every worker thread of ours whose code is TypeScript (the SQLite store's thread, the task
// pools' workers): teach this thread TypeScript (as tsx does for the main one), then load the worker
// itself (`workerData.entry`, a file URL). Plain JavaScript, because nothing can load .ts before this has
// run: a worker does not inherit its parent's loader, and the sources are TypeScript at run time (the
// server runs under tsx, the tests under Vitest).
import { readlinkSync, writeFileSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

/**
 * Names this thread (`top -H`, `ps -L`, the county bench's CPU table) and lowers its scheduling priority
 * (a nice value is per thread on Linux; this one's is raised by `nice` from the process's): background
 * work such as drawing a pack then takes the CPU only when the event loop and the SQLite threads do not
 * want it, instead of sharing it equally with them. Linux only (/proc/thread-self); elsewhere the thread
 * keeps its defaults.
 */
function settleThread(thread) {
  if (!thread) return;
  try {
    if (thread.name) writeFileSync('/proc/thread-self/comm', thread.name.slice(0, 15));
    if (thread.nice) {
      // Relative to the process's own (an operator may run the whole server niced): never raised.
      const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
      setPriority(tid, Math.min(19, getPriority(tid) + thread.nice));
    }
  } catch {
    // No /proc (not Linux), or not allowed: the defaults are correct, only less kind to the event loop.
  }
}

settleThread(workerData.thread);
register();
await import(workerData.entry);
