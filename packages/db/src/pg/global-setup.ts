// Vitest global setup of the PostgreSQL project (vitest.pg.config.ts): ONE real PostgreSQL 15 for the
// whole run, stopped at its end. Test files read its maintenance URL with `inject('pgAdminUrl')` and take
// their own database with `freshDatabaseFrom` (a copy of the migrated template).
import type { TestProject } from 'vitest/node';
import { startPgCluster } from './test-cluster.js';
import './provided.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await startPgCluster();
  project.provide('pgAdminUrl', cluster.url());
  return () => cluster.stop();
}
