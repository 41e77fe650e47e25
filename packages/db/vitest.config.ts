import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'db',
    environment: 'node',
    // The PostgreSQL adapter's tests need the cluster their own project starts (vitest.pg.config.ts). The
    // schema parity test needs no server: it runs here, where a change to src/schema.ts is tested.
    include: ['src/**/*.test.ts'],
    exclude: ['src/pg/**/!(schema-parity).test.ts', '**/node_modules/**'],
  },
});
