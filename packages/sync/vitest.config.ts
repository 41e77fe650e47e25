import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: '@mac/sync',
    include: ['src/**/*.test.ts'],
    // Each file starts and stops its own rooms and sockets; they share a worker and its loaded modules
    // (a fresh worker per file cost about a second each).
    isolate: false,
    // Rooms, sockets and seeded random sessions: seconds on a loaded machine.
    testTimeout: 30_000,
  },
});
