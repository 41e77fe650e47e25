import { defineConfig } from 'vitest/config';

// Two projects: the app's pure logic (Node, fast) and the end-to-end tests, which build the app,
// start the real server with a fresh database (e2e/global-setup.ts) and drive Debian's Chromium.
// End-to-end files run one at a time in a single fork: they share that one server.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'web',
          environment: 'node',
          include: ['src/**/*.test.ts'],
          // Pure logic: files share a worker and its loaded modules.
          isolate: false,
        },
      },
      {
        test: {
          name: 'web-e2e',
          environment: 'node',
          include: ['e2e/**/*.e2e.test.ts'],
          globalSetup: ['e2e/global-setup.ts'],
          pool: 'forks',
          maxWorkers: 1,
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 240_000,
          // expect.poll waits up to 1 s by default: on a loaded CI machine (load average 10+) a route's focus
          // move or a server answer took longer, and a test failed that passes alone (7 December, 05:52 run).
          // A poll still returns as soon as its condition holds; only a failing one waits the whole 10 s.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
