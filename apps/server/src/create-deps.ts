import { openPgStore, openSqliteStore, type Store } from '@mac/db';
import { CLOSE, createRoomManager, type StateMerger, type WriteCost } from '@mac/sync';
import { loadAuditKey } from './services/audit-key.js';
import { closingSteps, type ClosingSteps } from './closing-steps.js';
import type { ServerConfig } from './config.js';
import type { AppDeps } from './deps.js';
import { createAnalysisLive } from './services/analysis-live.js';
import { createPersistence } from './services/persistence.js';
import { createHouseholdCopies } from './services/household-copies.js';
import { createHighlightCounts } from './services/highlight-counts.js';
import type { KeptCount } from './services/caseload-stats.js';
import { createStorageHealth } from './services/storage.js';
import { createReviewEvents } from './services/review-events.js';
import { createAlertService } from './services/alerts/service.js';
import { createCountWarmer } from './services/count-warmer.js';
import { createSharedAnalyses } from './services/shared-analyses.js';
import type { KeptAnalysis } from './services/patterns.js';
import { createRedisConnections } from './cluster/redis.js';
import { createRedisBus } from './cluster/redis-bus.js';
import { createPdfPool } from './services/conference/pdf-pool.js';
import { createStateDecoder } from './services/conference/state-decoder.js';
import { createPatternRunner } from './services/pattern-runner.js';
import { memoryRefusal } from './services/memory-ceiling.js';
import { createClusterServices } from './cluster/cluster.js';

/** Opens the store (applying migrations), loads the audit key and creates the room manager. */
export async function createDeps(config: ServerConfig, opts: { now?: () => Date; merger?: StateMerger } = {}): Promise<AppDeps> {
  const store = await openStore(config);
  const alerts = createAlertService({ debounceMs: config.alerts.debounceMs, email: config.alerts.smtpUrl !== null, digestHour: config.alerts.digestHour, overdueEveryMs: config.alerts.overdueEveryMs });
  // The analysis's versions need the rooms, and the rooms' persistence tells it about writes: bound late.
  let deps: AppDeps | null = null;
  const analysisLive = createAnalysisLive(() => deps!);
  const householdCopies = createHouseholdCopies(() => deps!);
  const countWarmer = createCountWarmer(() => deps!);
  // After every durable write (a room's batch, or a household event's unit of work): notes only.
  const notePersisted: AppDeps['notePersisted'] = (writes, accepted) => {
    alerts.noteWrites(writes);
    analysisLive.persisted(writes);
    householdCopies.persisted(accepted);
    // The written chronologies' caseload counts, worked out again before anyone lists them.
    countWarmer.changed(writes.map((w) => w.chronologyId));
  };
  const persistence = createPersistence(store, { onPersisted: notePersisted });
  const redis = config.cluster.redisUrl === null ? null : createRedisConnections({ url: config.cluster.redisUrl, nodeId: config.cluster.nodeId });
  const cluster =
    redis === null
      ? null
      : createClusterServices(redis, config.syncLimits, (principalId) =>
          deps?.rooms.closeConnections((ctx) => ctx.principal.id === principalId, CLOSE.RATE_LIMITED, 'too many changes from this account'),
        );
  // Several nodes: the rooms' updates and awareness between them (cluster/redis-bus.ts). One node: none.
  const bus = redis === null ? undefined : createRedisBus(redis, { heartbeatMs: config.cluster.heartbeatMs });
  const rooms = createRoomManager({
    persistence,
    idleUnloadMs: config.roomIdleMs,
    compaction: config.compaction,
    limits: config.syncLimits,
    // Under memory pressure no new room is loaded (config read at each load: tests lower it on a running server).
    mayLoadRoom: () => memoryRefusal(config.maxRssMb),
    // Tests only: a merger whose states are wrong (compaction-guard.test.ts). Otherwise the manager's own.
    ...(opts.merger === undefined ? {} : { merger: opts.merger }),
    ...(cluster === null
      ? {}
      : { onRefusal: (principalId: string) => cluster.admission.refused(principalId), onCharge: (principalId: string, cost: WriteCost) => cluster.volume.charged(principalId, cost) }),
    ...(bus === undefined ? {} : { bus }),
  });
  const now = opts.now ?? (() => new Date());
  deps = { config, store, repos: store.repos, rooms, storage: createStorageHealth({ now: () => now() }), reviewEvents: createReviewEvents(), highlightCounts: createHighlightCounts<KeptCount>(), countWarmer, analyses: createSharedAnalyses<KeptAnalysis>(), now, alerts, alertSender: null, pdf: createPdfPool({ maxQueued: config.pdfQueue }), stateDecoder: createStateDecoder(), patterns: createPatternRunner(), analysisLive, householdCopies, notePersisted, redis, cluster };
  return deps;
}

/** The backend the configuration names: PostgreSQL when DATABASE_URL is set, else the SQLite file. */
export async function openStore(config: ServerConfig, opts: { thread?: 'worker' | 'inline' } = {}): Promise<Store> {
  const auditKey = loadAuditKey(config);
  if (config.databaseUrl !== null) return openPgStore({ url: config.databaseUrl, auditKey });
  return openSqliteStore({ dataDir: config.dataDir }, { auditKey, thread: opts.thread ?? config.sqliteThread, readers: config.sqliteReaders });
}

/**
 * Stores what is pending, closes every connection and room, then the store. Each step is named: one that
 * hangs says so (closing-steps.ts).
 */
export async function closeDeps(deps: AppDeps, steps: ClosingSteps = closingSteps()): Promise<void> {
  deps.reviewEvents.closeAll('server closing');
  // The count being worked out ahead reads the store: done before it closes.
  await steps.step('the caseload count warmer', () => deps.countWarmer.stop());
  // The live analysis's owed versions, while the rooms and the store are still there.
  await steps.step('the analysis versions owed', () => deps.analysisLive.settleAll()).catch((err: unknown) => console.error('[mac] could not write the analysis versions owed:', err));
  deps.analysisLive.close();
  await steps.step('the alert jobs', () => deps.alerts.stop());
  await steps.step('the alert sender', () => deps.alertSender?.stop());
  await steps.step('the household copies', () => deps.householdCopies.flush());
  await steps.step('the PDF worker', () => deps.pdf.close());
  await steps.step('the state decoder', () => deps.stateDecoder.close());
  await steps.step('the pattern runner', () => deps.patterns.close());
  await steps.step('the rooms', () => deps.rooms.destroy());
  await steps.step('the store', () => deps.store.close());
  deps.cluster?.stop();
  await steps.step('Redis', () => deps.redis?.close());
}
