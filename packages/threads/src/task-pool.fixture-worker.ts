// The worker task-pool.test.ts runs: each task says what to do.
import { readFileSync, readlinkSync } from 'node:fs';
import { getPriority } from 'node:os';
import { serveTasks } from './serve-tasks.js';

export type FixtureTask = { op: 'echo'; value: unknown } | { op: 'throw'; message: string } | { op: 'exit' } | { op: 'sum'; bytes: Uint8Array } | { op: 'thread' } | { op: 'linux-thread' };

serveTasks((task: FixtureTask) => {
  switch (task.op) {
    case 'echo':
      return { value: task.value };
    case 'throw':
      throw new Error(task.message);
    case 'exit':
      return process.exit(3);
    case 'sum':
      return { value: task.bytes.reduce((s, b) => s + b, 0) };
    case 'thread':
      return { value: process.pid };
    case 'linux-thread': {
      // This thread as Linux sees it: its id, name and nice value.
      const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
      return { value: { tid, name: readFileSync('/proc/thread-self/comm', 'utf8').trim(), nice: getPriority(tid) } };
    }
  }
});
