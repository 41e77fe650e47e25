import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: '@mac/domain',
    include: ['src/**/*.test.ts'],
    // Pure functions: files share a worker and its loaded modules (a fresh worker per file cost about a
    // second each, more than most of these files take to run).
    isolate: false,
  },
});
