// The worker task-pool.test.ts runs: each task says what to do.
import { serveTasks } from './serve-tasks.js';

export type FixtureTask = { op: 'echo'; value: unknown } | { op: 'throw'; message: string } | { op: 'exit' } | { op: 'sum'; bytes: Uint8Array } | { op: 'thread' };

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
  }
});
