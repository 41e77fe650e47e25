import { defineConfig } from 'vitest/config';

// Two projects. `@mac/server`: unit and integration tests, each file a real server over a real SQLite
// file (`pnpm test:unit`). `server-fuzz`: the robustness runs at their CI sizes (`pnpm test:fuzz`;
// full sizes by environment, docs/operations.md): websocket and REST fuzzing, convergence under a
// random network, and SIGKILLs during writes. They take minutes, and what they prove does not change
// with each edit.
const FUZZ = ['src/reliability/ws-fuzz.test.ts', 'src/reliability/rest-fuzz.test.ts', 'src/reliability/convergence.test.ts', 'src/crash.test.ts', 'src/import-crash.test.ts'];

// Seeding hashes a dozen passwords; on a loaded two-core machine a server can take seconds to start,
// and the tests of the command line (verify-audit, backup) start several processes that each load the
// whole server through tsx: 30 s was not always enough with two files running at a time.
const timeouts = { testTimeout: 90_000, hookTimeout: 90_000 };

export default defineConfig({
  test: {
    projects: [
      // Every file starts its own server over its own data folder; files share a worker and its loaded
      // modules (the server's module graph took a second or two to load for each file).
      { test: { name: 'server', include: ['src/**/*.test.ts'], exclude: [...FUZZ, '**/node_modules/**'], isolate: false, ...timeouts } },
      { test: { name: 'server-fuzz', include: FUZZ, ...timeouts } },
    ],
  },
});
