import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: '@mac/threads',
    include: ['src/**/*.test.ts'],
    // Worker threads start and stop: seconds on a loaded machine.
    testTimeout: 30_000,
  },
});
