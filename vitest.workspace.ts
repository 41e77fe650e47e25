import { defineConfig } from 'vitest/config';

// Vitest 5 reads no workspace file by itself: this is the root config, run with
// `vitest --config vitest.workspace.ts`. Each package may refine its own project.
export default defineConfig({
  test: {
    // packages/db has a second project: its PostgreSQL tests, with a real server started once per run.
    projects: ['packages/*', 'apps/*', 'packages/db/vitest.pg.config.ts'],
  },
});
