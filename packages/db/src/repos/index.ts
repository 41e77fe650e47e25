// All repositories over one open database. Created once by the server and passed down; nothing here is
// a module-level singleton, so tests open as many databases as they like.
import type { MacDb } from '../open.js';
import { createActionsRepo } from './actions.js';
import { createAgenciesRepo } from './agencies.js';
import { createAnalysisRepo } from './analysis.js';
import { createAlertsRepo } from './alerts.js';
import { createApiTokensRepo } from './api-tokens.js';
import { createAuditRepo } from './audit.js';
import { createBreakGlassRepo } from './break-glass.js';
import { createChronologiesRepo } from './chronologies.js';
import type { RepoContext } from './context.js';
import { createDocClientsRepo } from './doc-clients.js';
import { createEntriesRepo } from './entries.js';
import { createHouseholdsRepo } from './households.js';
import { createPeopleRepo } from './people.js';
import { createLoginAttemptsRepo } from './login-attempts.js';
import { createNotificationsRepo } from './notifications.js';
import { createPatternReviewsRepo } from './pattern-reviews.js';
import { createSearchRepo } from './search.js';
import { createSessionsRepo } from './sessions.js';
import { createSnapshotsRepo } from './snapshots.js';
import { createUpdateLogRepo } from './update-log.js';
import { createUsersRepo } from './users.js';

export interface RepoOptions {
  /** The HMAC key of the audit chain, kept outside the database (at least 16 bytes; 32 recommended). */
  auditKey: Uint8Array;
  /** The clock for every timestamp the repositories write. Default: the system clock. */
  now?: () => Date;
}

export function createRepos(db: MacDb, opts: RepoOptions) {
  const clock = opts.now ?? (() => new Date());
  const ctx: RepoContext = { db, now: () => clock().toISOString() };
  return {
    agencies: createAgenciesRepo(ctx),
    users: createUsersRepo(ctx),
    sessions: createSessionsRepo(ctx),
    apiTokens: createApiTokensRepo(ctx),
    chronologies: createChronologiesRepo(ctx),
    updateLog: createUpdateLogRepo(ctx),
    docClients: createDocClientsRepo(ctx),
    entries: createEntriesRepo(ctx),
    audit: createAuditRepo(ctx, { auditKey: opts.auditKey }),
    patternReviews: createPatternReviewsRepo(ctx),
    breakGlass: createBreakGlassRepo(ctx),
    loginAttempts: createLoginAttemptsRepo(ctx),
    snapshots: createSnapshotsRepo(ctx),
    notifications: createNotificationsRepo(ctx),
    households: createHouseholdsRepo(ctx),
    people: createPeopleRepo(ctx),
    analysis: createAnalysisRepo(ctx),
    alerts: createAlertsRepo(ctx),
    actions: createActionsRepo(ctx),
    search: createSearchRepo(ctx),
  };
}

/** The synchronous SQLite repositories (the adapter's inside; everything else uses the port's `Repos`). */
export type SqliteRepos = ReturnType<typeof createRepos>;
