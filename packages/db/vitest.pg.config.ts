import { defineConfig } from 'vitest/config';

// The PostgreSQL adapter's tests: against a real PostgreSQL 15 started ONCE for the run by the global
// setup (src/pg/global-setup.ts); each test file makes its own database from a migrated template.
export default defineConfig({
  test: {
    name: 'db-pg',
    environment: 'node',
    include: ['src/pg/**/*.test.ts'],
    // Needs no server: run by the `db` project, where changes to src/schema.ts are tested.
    exclude: ['src/pg/schema-parity.test.ts'],
    globalSetup: ['src/pg/global-setup.ts'],
    hookTimeout: 60_000,
  },
});
