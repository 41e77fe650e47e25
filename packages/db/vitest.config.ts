import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'db',
    environment: 'node',
    include: ['src/**/*.test.ts'],
    // The PostgreSQL adapter's tests need the cluster their own project starts (vitest.pg.config.ts).
    exclude: ['src/pg/**', '**/node_modules/**'],
  },
});
