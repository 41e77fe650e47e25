import { defineConfig } from 'vitest/config';

// Pure view logic only: everything tested here runs in Node without a DOM. Components are exercised
// in a real browser by apps/web's end-to-end tests.
export default defineConfig({
  test: {
    name: 'ui',
    environment: 'node',
    include: ['src/**/*.test.ts'],
    // Pure view logic: files share a worker and its loaded modules (a fresh worker per file cost about a
    // second each).
    isolate: false,
  },
});
