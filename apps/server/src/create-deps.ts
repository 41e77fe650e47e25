import { createRepos, openDatabase } from '@mac/db';
import { createRoomManager } from '@mac/sync';
import { loadAuditKey } from './audit-key.js';
import type { ServerConfig } from './config.js';
import type { AppDeps } from './deps.js';
import { createPersistence } from './services/persistence.js';
import { createStorageHealth } from './services/storage.js';
import { createReviewEvents } from './services/review-events.js';

/** Opens the database (applying migrations), loads the audit key and creates the room manager. */
export function createDeps(config: ServerConfig, opts: { now?: () => Date } = {}): AppDeps {
  const db = openDatabase({ dataDir: config.dataDir });
  const repos = createRepos(db, { auditKey: loadAuditKey(config) });
  const rooms = createRoomManager({ persistence: createPersistence(db, repos), idleUnloadMs: config.roomIdleMs, limits: config.syncLimits });
  const now = opts.now ?? (() => new Date());
  return { config, db, repos, rooms, storage: createStorageHealth({ now: () => now() }), reviewEvents: createReviewEvents(), now };
}

export function closeDeps(deps: AppDeps): void {
  deps.reviewEvents.closeAll('server closing');
  deps.rooms.destroy();
  deps.db.close();
}
