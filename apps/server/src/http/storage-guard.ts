// While audit records of reads are waiting for room on a full disk, a write would put its own records
// ahead of them in the chain; so a write first writes those, and is refused at once (507) if the disk is
// still full. A write that succeeds while storage was marked failing means it works again.
import type { MiddlewareHandler } from 'hono';
import { flushDeferredAudit } from '../services/audit.js';
import { storageRefusal } from '../services/storage.js';
import type { AppEnv } from './env.js';
import { isSafeMethod } from './origin.js';

/** What REST clients are told to wait before retrying a write refused for lack of storage. */
export const STORAGE_RETRY_AFTER_SECONDS = 30;

export function refuseWritesWhileStorageFails(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (isSafeMethod(c.req.method)) return next();
    const deps = c.get('deps');
    if (deps.storage.deferred.length > 0 && !await flushDeferredAudit(deps)) {
      c.header('Retry-After', String(STORAGE_RETRY_AFTER_SECONDS));
      throw storageRefusal('full');
    }
    await next();
    if (deps.storage.failingSince !== null && c.res.status < 300) deps.storage.recovered();
  };
}
