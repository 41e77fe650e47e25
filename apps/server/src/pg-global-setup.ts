// Vitest global setup of the `server-pg` project (vitest.pg.config.ts): one throwaway PostgreSQL 15 for
// the run; each test server takes a fresh database from it (testing.ts).
export { pgGlobalSetup as default } from '@mac/db/pg-testing';
