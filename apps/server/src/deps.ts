import type { Repos, Store } from '@mac/db';
import type { RoomManager } from '@mac/sync';
import type { ServerConfig } from './config.js';
import type { StorageHealth } from './services/storage.js';
import type { ReviewEvents } from './services/review-events.js';

/** Everything a request handler may use, created once by `createDeps` and passed down (no singletons). */
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
  now: () => Date;
}
