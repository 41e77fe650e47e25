import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'db',
    environment: 'node',
    // The PostgreSQL adapter's tests need the cluster their own project starts (vitest.pg.config.ts). The
    // schema parity test needs no server: it runs here, where a change to src/schema.ts is tested.
    include: ['src/**/*.test.ts'],
    exclude: ['src/pg/**/!(schema-parity).test.ts', '**/node_modules/**'],
    // Every file opens its own databases in temporary folders; files share a worker and its loaded
    // modules (a fresh worker per file cost about a second each).
    isolate: false,
    // The worker-thread store loads its TypeScript through tsx when it starts: seconds on a loaded machine.
    testTimeout: 30_000,
  },
});
