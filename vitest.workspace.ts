import { defineConfig } from 'vitest/config';

// Vitest 5 reads no workspace file by itself: this is the root config, run with
// `vitest --config vitest.workspace.ts`. Each package may refine its own project.
//
// The projects fall into three runs (package.json): `test:unit` (everything but the two below, no
// browser), `test:fuzz` (`server-fuzz`: the robustness suites at CI size) and `test:e2e` (`web-e2e`:
// the built app in Chromium). `npm test` runs all three.
//
// `test:unit` runs two files at a time (`--maxWorkers=2`, which every project takes from the command
// line; Vitest's default on a two-core machine is cores - 1, one file after another), and most projects
// reuse a worker across files (`isolate: false`: a fresh one cost about a second per file). Four at a
// time was faster still but made the tests that measure rates under load (write-volume, ws-findings)
// fail on a machine shared with other work. The fuzzers and the browser tests keep one file at a time:
// they load the machine by design.
export default defineConfig({
  test: {
    // packages/db and apps/server have a second project each: their tests on PostgreSQL, with a real
    // PostgreSQL started once per project and run (vitest.pg.config.ts).
    // `repo`: checks over the whole repository (scripts/), such as the dependency rules.
    projects: [
      'packages/*',
      'apps/*',
      'packages/db/vitest.pg.config.ts',
      'apps/server/vitest.pg.config.ts',
      { test: { name: 'repo', include: ['scripts/**/*.test.ts'] } },
    ],
  },
});
