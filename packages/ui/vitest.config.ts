import { defineConfig } from 'vitest/config';

// Pure view logic only: everything tested here runs in Node without a DOM. Components are exercised
// in a real browser by apps/web's end-to-end tests.
export default defineConfig({
  test: {
    name: 'ui',
    environment: 'node',
    include: ['src/**/*.test.ts'],
  },
});
