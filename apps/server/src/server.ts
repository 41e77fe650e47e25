import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { WebSocketServer } from 'ws';
import { DEFAULT_LIMITS, type StateMerger } from '@mac/sync';
import { createApp } from './app.js';
import { primeDummyHash } from './services/auth/passwords.js';
import type { ServerConfig } from './config.js';
import { closingSteps } from './closing-steps.js';
import { closeDeps, createDeps } from './create-deps.js';
import type { AppDeps } from './deps.js';
import { seedDemoData } from './seed.js';
import { checkEntryIdCollisions } from './services/entry-id-check.js';
import { anchorFile, checkAnchor, readAnchor, writeAnchor } from './services/audit-anchor.js';
import { handleUpgrade, startAccessSweep, sweep } from './ws-upgrade.js';
import { resumeImports, startImportSweep, stopResuming } from './services/import-journal.js';
import { publishReview } from './services/review-events.js';
import { flushDeferredAudit } from './services/audit.js';
import { STORAGE_RETRY_MS } from './services/storage.js';
import { storageFailure } from '@mac/db';
import { createAlertSender } from './services/alerts/sender.js';
import { createMailer } from './services/alerts/mailer.js';

export const WEB_DIST_DEFAULT = fileURLToPath(new URL('../../web/dist', import.meta.url));

export interface RunningServer {
  url: string;
  deps: AppDeps;
  close(): Promise<void>;
}

export class AuditChainBroken extends Error {}

/** Opens the data, checks the audit chain, seeds demo data into an empty database and starts listening. */
export async function startServer(
  config: ServerConfig,
  opts: {
    seed?: boolean;
    log?: (line: string) => void;
    /** Tests shorten the background writers' periods. */
    anchorEveryMs?: number;
    storageRetryMs?: number;
    /** The periodic access sweep's period (default 500 ms); tests of announced revocations lengthen it. */
    accessSweepMs?: number;
    /** Several nodes: how often, and after how long, imports cut short on any node are finished (tests shorten both). */
    importSweep?: { everyMs?: number; cutShortAfterMs?: number };
    /** Tests only: where the rooms' stored rows are merged (createDeps). */
    merger?: StateMerger;
    /** Tests only: the clock the server judges sessions and dates by (createDeps), so a test can move it. */
    now?: () => Date;
  } = {},
): Promise<RunningServer> {
  const log = opts.log ?? console.log;
  const deps = await createDeps(config, { ...(opts.merger === undefined ? {} : { merger: opts.merger }), ...(opts.now === undefined ? {} : { now: opts.now }) });
  const verified = await deps.repos.audit.verify();
  const anchor = anchorFile(config);
  const anchorProblem = verified.ok ? await checkAnchor(deps.repos, anchor) : null;
  if (!verified.ok || anchorProblem) {
    await closeDeps(deps);
    const what = verified.ok ? anchorProblem : `broken at record ${verified.firstBrokenSeq}: ${verified.reason}`;
    throw new AuditChainBroken(`The audit log is ${what}. Refusing to start; see docs/operations.md.`);
  }
  if (verified.count > 0 && readAnchor(anchor) === null) {
    log(`[mac] warning: the audit log has ${verified.count} records but there is no anchor at ${anchor}; a new one is written now. If one existed, find out where it went (docs/operations.md, "The audit anchor").`);
  }
  await checkEntryIdCollisions(deps, log);
  // Under a lock across nodes: two nodes starting together on an empty database seed it once (the second
  // finds the accounts the first made and does nothing).
  if (opts.seed !== false) await deps.store.exclusively('seed-demo', () => seedDemoData(deps, log));
  await primeDummyHash();
  // Imports cut short by the last stop (the process killed between two slices) are finished before
  // anything else is served: never a silent half-import (services/import-journal.ts).
  await resumeImports(deps, log, { cutShortAfterMs: opts.importSweep?.cutShortAfterMs });
  startImportSweep(deps, opts.importSweep);

  const app = createApp(deps);
  const wss = new WebSocketServer({ noServer: true, maxPayload: DEFAULT_LIMITS.maxMessageBytes });
  wss.on('error', (err) => console.error('[mac] websocket server error:', err));
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
  });
  server.on('upgrade', (req, socket, head) => {
    // An upgrade that fails unexpectedly (storage gone) ends its socket; it must never become an
    // unhandled rejection, which would stop the process.
    void handleUpgrade(deps, wss, req, socket, head).catch((err: unknown) => {
      console.error('[mac] websocket upgrade failed:', err);
      socket.destroy();
    });
  });
  const stopSweep = startAccessSweep(deps, opts.accessSweepMs);
  // Several nodes: another node's announced end of access is checked here at once (cluster/revocations.ts).
  if (deps.cluster !== null) await deps.cluster.revocations.listen((scope) => sweep(deps, scope));
  // And a review saved on another node goes to this node's review streams (cluster/review-fanout.ts).
  if (deps.cluster !== null) {
    await deps.cluster.reviews.listen(async (reviewId) => {
      const record = await deps.repos.patternReviews.byId(reviewId);
      if (record !== null) await publishReview(deps, record);
    });
  }
  // Anchor the chain's head outside the database every few seconds (and at shutdown). A full disk must not
  // crash the service from a timer: the failure is noted (logged at most once a minute) and the next tick
  // tries again. The audit records of reads made while the disk was full are written as soon as it has room.
  const anchorNow = async () => {
    try {
      await writeAnchor(deps.repos, anchor);
    } catch (err) {
      if (storageFailure(err) === null) console.error('[mac] could not write the audit anchor:', err);
      else deps.storage.failed(err, `writing the audit anchor ${anchor}`);
    }
  };
  await anchorNow();
  const anchorTimer = setInterval(anchorNow, opts.anchorEveryMs ?? 5_000);
  anchorTimer.unref();
  const retryTimer = setInterval(async () => {
    try {
      await flushDeferredAudit(deps);
    } catch (err) {
      console.error('[mac] could not write the deferred audit records:', err);
    }
  }, opts.storageRetryMs ?? STORAGE_RETRY_MS);
  retryTimer.unref();
  const address = server.address() as AddressInfo;
  const url = `http://${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}`;
  // Alerts begin after seeding (the demo data alerts nobody); links go to the public origin, or here.
  deps.alerts.start(deps, config.publicOrigin ?? url);
  // After seeding too: the caseload's counts, agency after agency, in the background (services/count-warmer.ts).
  if (config.caseloadWarm) deps.countWarmer.start();
  // The rooms' merge thread booted and its Yjs optimised before a first open waits for it (room-manager.ts).
  void deps.rooms.warmUp();
  if (config.alerts.smtpUrl !== null) {
    deps.alertSender = createAlertSender(deps, createMailer(config.alerts.smtpUrl, config.alerts.from), () => deps.alerts.linkOrigin());
    deps.alertSender.start(config.alerts.sendEveryMs);
  }

  let closed = false;
  return {
    url,
    deps,
    async close() {
      if (closed) return;
      closed = true;
      stopSweep();
      stopResuming(deps);
      clearInterval(anchorTimer);
      clearInterval(retryTimer);
      for (const client of wss.clients) client.terminate();
      // Open review streams would keep server.close() waiting for ever.
      deps.reviewEvents.closeAll('server closing');
      const steps = closingSteps();
      await steps.step('open HTTP requests', () => new Promise<void>((resolve) => server.close(() => resolve())));
      await steps.step('the audit records waiting for room', () => flushDeferredAudit(deps));
      await steps.step('the audit anchor', () => anchorNow());
      if (deps.storage.deferred.length > 0) console.error(`[mac] closing with ${deps.storage.deferred.length} audit records the full disk could not take`);
      await closeDeps(deps, steps);
    },
  };
}
