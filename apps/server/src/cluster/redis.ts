// Redis connections for several nodes (issue 19). Redis carries what is live and may be lost (fan-out of
// updates and awareness, revocations, counts that expire): never anything durable, which is PostgreSQL's.
//
// ioredis rather than `redis` (node-redis): it reconnects by itself with a strategy we give it, re-subscribes
// a subscriber's channels after a reconnect (`autoResubscribe`), and names each connection on the server
// (`connectionName`, shown by CLIENT LIST). Every connection made here has an `error` listener from its
// first moment: an EventEmitter's unheard `error` ends the process, and Redis going away must not.
import { Redis, type RedisOptions } from 'ioredis';

export type { Redis } from 'ioredis';

/** What a caller needs to make connections for this node. */
export interface RedisConnections {
  /** This node's id (ClusterConfig.nodeId): in connection names and in what the node publishes. */
  readonly nodeId: string;
  /**
   * A command connection (GET/SET/EVAL/PUBLISH…). While Redis is unreachable a command waits through one
   * reconnection attempt and then fails (`maxRetriesPerRequest: 1`), and any command fails after
   * `commandTimeoutMs`: callers decide what an outage means for them, nothing waits for ever.
   */
  command(role: string): Redis;
  /**
   * A subscriber connection (SUBSCRIBE/PSUBSCRIBE only). Subscriptions are renewed after every reconnect;
   * messages published meanwhile are lost (Redis pub/sub is fire and forget), so a subscriber listens
   * for `ready` (see `onReconnect`) and catches up from PostgreSQL.
   */
  subscriber(role: string): Redis;
  /** True when every connection made here is connected (none is reconnecting): for the health route. */
  ready(): boolean;
  /** Closes every connection made here (QUIT, then disconnect if Redis does not answer). */
  close(): Promise<void>;
}

export interface RedisConnectionOptions {
  url: string;
  nodeId: string;
  /** Where connection trouble is reported, at most once a minute per connection. */
  log?: (line: string) => void;
  /** Longest wait for one command (default 2 s). */
  commandTimeoutMs?: number;
  /** Backoff bounds between reconnection attempts (defaults 50 ms doubling to 2 s, with jitter). */
  minReconnectMs?: number;
  maxReconnectMs?: number;
}

const LOG_EVERY_MS = 60_000;

/** The delay before reconnection attempt `times` (1, 2, …): doubling from `min` to `max`, ±20 % jitter. */
export function reconnectDelay(times: number, min = 50, max = 2_000): number {
  const base = Math.min(max, min * 2 ** Math.max(0, times - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

export function createRedisConnections(opts: RedisConnectionOptions): RedisConnections {
  const log = opts.log ?? ((line: string) => console.error(line));
  const open = new Set<Redis>();
  let closing = false;

  function make(role: string, kind: 'command' | 'subscriber'): Redis {
    if (closing) throw new Error('Redis connections are closed');
    if (!/^[a-z0-9-]{1,32}$/.test(role)) throw new Error(`a Redis connection role is 1–32 lower-case letters, digits or dashes (got "${role}")`);
    const name = `mac:${opts.nodeId}:${role}`;
    const options: RedisOptions = {
      connectionName: name,
      // Keep reconnecting for as long as the node runs; Redis coming back is the normal end of an outage.
      retryStrategy: (times) => (closing ? null : reconnectDelay(times, opts.minReconnectMs, opts.maxReconnectMs)),
      // A failover replica answering READONLY: reconnect to whatever the address now points at.
      reconnectOnError: (err) => (err.message.startsWith('READONLY') ? 2 : false),
      ...(kind === 'command'
        ? { maxRetriesPerRequest: 1, commandTimeout: opts.commandTimeoutMs ?? 2_000 }
        : { maxRetriesPerRequest: null, autoResubscribe: true }),
      connectTimeout: 5_000,
      keepAlive: 10_000,
    };
    const conn = new Redis(opts.url, options);
    let lastLog = 0;
    let down: number | null = null;
    conn.on('error', (err: Error) => {
      // Reconnection is ioredis's; here the failure is only reported, throttled (a long outage would
      // otherwise write a line per attempt).
      const now = Date.now();
      down ??= now;
      if (now - lastLog >= LOG_EVERY_MS) {
        lastLog = now;
        log(`[mac] redis (${name}): ${err.message}; reconnecting`);
      }
    });
    conn.on('ready', () => {
      if (down !== null) log(`[mac] redis (${name}): connected again after ${Math.round((Date.now() - down) / 1000)} s`);
      down = null;
    });
    conn.on('end', () => open.delete(conn));
    open.add(conn);
    return conn;
  }

  return {
    nodeId: opts.nodeId,
    command: (role) => make(role, 'command'),
    subscriber: (role) => make(role, 'subscriber'),
    ready: () => !closing && [...open].every((conn) => conn.status === 'ready'),
    async close() {
      closing = true;
      await Promise.all(
        [...open].map(async (conn) => {
          if (conn.status === 'end') return;
          const ended = new Promise<void>((resolve) => {
            conn.once('end', () => resolve());
            setTimeout(resolve, 2_000).unref();
          });
          // QUIT lets Redis finish what was sent; a Redis that is down gets a plain disconnect.
          if (conn.status === 'ready') await Promise.race([conn.quit().catch(() => undefined), new Promise((r) => setTimeout(r, 1_000).unref())]);
          conn.disconnect(false);
          await ended;
        }),
      );
      open.clear();
    },
  };
}

/**
 * Calls `listener` every time `conn` is ready again after losing Redis (not on the first connection):
 * where a node catches up from PostgreSQL on what pub/sub may have lost meanwhile. Returns a function that
 * stops listening.
 */
export function onReconnect(conn: Redis, listener: () => void): () => void {
  let first = conn.status !== 'ready';
  const onReady = () => {
    if (first) {
      first = false;
      return;
    }
    listener();
  };
  conn.on('ready', onReady);
  return () => conn.off('ready', onReady);
}

/** Resolves once `conn` is connected (or rejects after `timeoutMs`): for start-up, where a node should wait. */
export async function whenReady(conn: Redis, timeoutMs = 10_000): Promise<void> {
  if (conn.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      conn.off('ready', onReady);
      reject(new Error(`Redis did not answer within ${Math.round(timeoutMs / 1000)} s (${conn.options.connectionName ?? 'connection'})`));
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    conn.once('ready', onReady);
  });
}
