// Closing the store's pool without ever waiting for ever. A stop that hung in `pool.end()` or on a call
// under way was seen rarely in the server's PostgreSQL tests after the database had been restarted under
// load (6 December). One cause was found on 7 December and removed (giving-back-pool.ts: a transaction
// whose BEGIN failed with the connection lost kept it lent for ever, and `pool.end()` waits for every
// lent connection); this stays as the bound for anything else: what is under way gets `waitMs` to finish,
// then the pool is ended, and connections still lent out after another `waitMs` are closed here, their
// statements failing and their transactions rolled back by PostgreSQL (what is cut short was never
// acknowledged). The names of the calls cut short are logged.
import type pg from 'pg';

export async function closeWithin(pool: pg.Pool, inFlight: ReadonlyMap<Promise<unknown>, string>, connections: ReadonlySet<pg.PoolClient>, waitMs: number): Promise<void> {
  if (!(await settledWithin([...inFlight.keys()], waitMs))) {
    console.error(`[mac] closing the PostgreSQL store: still under way after ${waitMs / 1000} s, cut short: ${[...new Set(inFlight.values())].join(', ')}`);
  }
  const ended = pool.end();
  if (await settledWithin([ended], waitMs)) return;
  console.error(`[mac] closing the PostgreSQL store: ${pool.totalCount - pool.idleCount} connections still lent out after ${waitMs / 1000} s are closed`);
  for (const client of connections) void client.end().catch(() => undefined);
  await settledWithin([ended], waitMs);
}

/** True if every promise settled within `ms`, false if the time ran out first. */
async function settledWithin(promises: readonly Promise<unknown>[], ms: number): Promise<boolean> {
  if (promises.length === 0) return true;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([Promise.allSettled(promises).then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
