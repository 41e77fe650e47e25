import { defineConfig } from 'vitest/config';

// The server's integration tests again, on PostgreSQL (DATABASE_URL) instead of the SQLite file: one real
// PostgreSQL 15 for the run (src/pg-global-setup.ts), a fresh database per test server (testing.ts).
// Every file here is backend-agnostic: it talks to the server over HTTP and the websocket only. Files that
// look at the SQLite file itself (backup, storage-full, audit-integrity, access-review) have no place here;
// the long fuzzing and convergence files, and those whose logic does not touch storage differently
// (sessions, rate limits, anonymous refusals, text rules), run once, on SQLite. The crash test runs with
// the fuzzers (`pnpm test:fuzz`), as on SQLite.
const PG = { env: { MAC_TEST_BACKEND: 'postgres' }, globalSetup: ['src/pg-global-setup.ts'], testTimeout: 90_000, hookTimeout: 90_000 };

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'server-pg',
          include: [
            'src/access-matrix.test.ts',
            'src/services/alerts/alerts.test.ts',
            'src/services/alerts/alerts-shared-analysis.test.ts',
            'src/actions.test.ts',
            'src/compaction.test.ts',
            'src/compaction-guard.test.ts',
            'src/admin-approval.test.ts',
            'src/break-glass.test.ts',
            'src/services/conference/conference.test.ts',
            'src/pack-household.test.ts',
            'src/entries.test.ts',
            'src/caseload-pages.test.ts',
            'src/entry-pages.test.ts',
            'src/exchange.test.ts',
            'src/import-slices.test.ts',
            'src/households.test.ts',
            'src/household-view.test.ts',
            'src/people.test.ts',
            'src/household-events.test.ts',
            'src/family-patterns.test.ts',
            'src/nodes-start-together.test.ts',
            'src/cluster/nodes.test.ts',
            'src/analysis.test.ts',
            'src/patterns.test.ts',
            'src/restricted-leak.test.ts',
            'src/retention.test.ts',
            'src/review-history.test.ts',
            'src/screening.test.ts',
            'src/search.test.ts',
            'src/auth.test.ts',
            'src/sign-in-flood.test.ts',
            'src/sync.test.ts',
            'src/write-path-integrity.test.ts',
            'src/pg-connection-loss.test.ts',
            'src/cluster/two-nodes.test.ts',
            'src/cluster/dead-node.test.ts',
            'src/cluster/imports.test.ts',
            'src/caseload-highlights.test.ts',
            'src/chronology-kept-count.test.ts',
            'src/caseload-first-list.test.ts',
            'src/caseload-guess.test.ts',
            'src/caseload-warm.test.ts',
            'src/pack-worker.test.ts',
            'src/memory-ceiling.test.ts',
            'src/review-stream-bounds.test.ts',
            'src/health.test.ts',
          ],
          // As the SQLite project: files share a worker and its loaded modules.
          isolate: false,
          ...PG,
        },
      },
      { test: { name: 'server-pg-fuzz', include: ['src/crash.test.ts'], ...PG } },
    ],
  },
});
