import type { PersistWrite, Repos, Store } from '@mac/db';
import type { AcceptedUpdate, RoomManager } from '@mac/sync';
import type { HouseholdCopies } from './services/household-copies.js';
import type { ServerConfig } from './config.js';
import type { AlertService } from './services/alerts/service.js';
import type { AlertSender } from './services/alerts/sender.js';
import type { StorageHealth } from './services/storage.js';
import type { ReviewEvents } from './services/review-events.js';
import type { AnalysisLive } from './services/analysis-live.js';
import type { RedisConnections } from './cluster/redis.js';
import type { PdfRenderer } from './services/conference/pdf-pool.js';
import type { StateDecoder } from './services/conference/state-decoder.js';
import type { PatternRunner } from './services/pattern-runner.js';
import type { ClusterServices } from './cluster/cluster.js';

/** Everything a request handler may use, created once by `createDeps` and passed down (no singletons). */
import type { HighlightCounts } from './services/highlight-counts.js';
import type { KeptCount } from './services/caseload-stats.js';
import type { CountWarmer } from './services/count-warmer.js';
import type { SharedAnalyses } from './services/shared-analyses.js';
import type { KeptAnalysis } from './services/patterns.js';

export interface AppDeps {
  config: ServerConfig;
  /** The storage port (packages/db port.ts): every read and write is asynchronous, off the event loop. */
  store: Store;
  /** `store.repos`, for brevity. */
  repos: Repos;
  rooms: RoomManager;
  /** Whether storage is failing (a full disk), and the audit records waiting for room. */
  storage: StorageHealth;
  /** Live reviews of highlights: the open review streams (services/review-events.ts). */
  reviewEvents: ReviewEvents;
  /** The caseload's open-highlight counts, kept while what they depend on is unchanged (services/highlight-counts.ts). */
  highlightCounts: HighlightCounts<KeptCount>;
  /** Those counts worked out ahead, after start and after each change (services/count-warmer.ts; MAC_CASELOAD_WARM). */
  countWarmer: CountWarmer;
  /** The warmer's analyses, kept briefly for the alert pass after the same write (services/shared-analyses.ts). */
  analyses: SharedAnalyses<KeptAnalysis>;
  /** The live analysis text's versions (services/analysis-live.ts). */
  analysisLive: AnalysisLive;
  now: () => Date;
  /** Alerts (issue 15): notes writes, looks at chronologies in the background (services/alerts/service.ts). */
  alerts: AlertService;
  /** Household events: carries a change of one copy to the others (services/household-copies.ts). */
  householdCopies: HouseholdCopies;
  /** Told after every durable write (alerts, the live analysis, household copies): notes, never storage. */
  notePersisted(writes: readonly PersistWrite[], accepted: readonly AcceptedUpdate[]): void;
  /** Draws conference pack PDFs in a worker thread, off the event loop (services/conference/pdf-pool.ts). */
  pdf: PdfRenderer;
  /** Decodes snapshots' stored states in a worker thread (services/conference/state-decoder.ts). */
  stateDecoder: StateDecoder;
  /** The pattern engine, in a worker thread for large chronologies (services/pattern-runner.ts). */
  patterns: PatternRunner;
  /** The alert email sender, when SMTP_URL is set and the server has started (services/alerts/sender.ts). */
  alertSender: AlertSender | null;
  /**
   * Redis connections for several nodes (REDIS_URL, cluster/redis.ts); null on one node. Whoever needs
   * Redis makes its own named connection here; `closeDeps` closes them all last.
   */
  redis: RedisConnections | null;
  /** With REDIS_URL: the connection cap and admission across nodes, revocations announced (cluster/cluster.ts). */
  cluster: ClusterServices | null;
}
