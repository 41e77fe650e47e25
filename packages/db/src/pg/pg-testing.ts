// What other packages' tests need to run against a real PostgreSQL: the throwaway cluster (started once
// per Vitest run by a global setup) and a fresh, migrated database per test server or file.
export { freshDatabaseFrom, holdAuditHead, postgresInstalled, startPgCluster, type PgCluster } from './test-cluster.js';
export { default as pgGlobalSetup } from './global-setup.js';
import './provided.js';
