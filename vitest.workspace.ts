import { defineConfig } from 'vitest/config';

// Vitest 5 reads no workspace file by itself: this is the root config, run with
// `vitest --config vitest.workspace.ts`. Each package may refine its own project.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*'],
  },
});
