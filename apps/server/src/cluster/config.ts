import { randomBytes } from 'node:crypto';
import type { OidcConfig } from '../services/oidc/config.js';

/** Several nodes behind a load balancer (issue 19, docs/operations.md "Several nodes"). */
export interface ClusterConfig {
  /** redis:// or rediss:// (TLS); null: one node (the default), nothing shared beyond the database. */
  redisUrl: string | null;
  /**
   * This process's name among the nodes: MAC_NODE_ID (a readable name, default `node`) and a random part
   * per process, so a restarted node never takes over what its previous life left in Redis and two nodes
   * given the same name still tell each other apart. In Redis connection names, the keys a node owns, and
   * what it publishes (a node ignores its own messages).
   */
  nodeId: string;
  /**
   * How often this node tells the others it is alive (MAC_NODE_HEARTBEAT_MS, default 5,000). A node not
   * heard for three of these is taken for dead and its clients' presence is removed on every other node.
   * Absent: the default.
   */
  heartbeatMs?: number;
}

export const DEFAULT_HEARTBEAT_MS = 5_000;

/**
 * REDIS_URL and MAC_NODE_ID, checked against what several nodes must share: one PostgreSQL database
 * (nodes cannot share a SQLite file), one audit key (each node's own `<data dir>/audit.key` would fork the
 * chain's seal) and, with single sign-on, one key for sealing pending sign-ins (the provider may send the
 * browser back to another node). A missing one stops the server at start-up, naming the variable.
 */
export function clusterConfigFromEnv(env: NodeJS.ProcessEnv, others: { databaseUrl: string | null; oidc: OidcConfig | null }): ClusterConfig {
  const nodeId = nodeIdFromEnv(env);
  const heartbeatMs = heartbeatFromEnv(env);
  const raw = env.REDIS_URL?.trim() || null;
  if (raw === null) return { redisUrl: null, nodeId, heartbeatMs };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error('REDIS_URL must be a redis:// or rediss:// URL, e.g. redis://redis.internal:6379 (it could not be read as a URL)');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new Error(`REDIS_URL must be a redis:// or rediss:// URL (got a ${url.protocol} URL)`);
  if (url.hostname === '') throw new Error('REDIS_URL must name the Redis server, e.g. redis://redis.internal:6379');
  if (others.databaseUrl === null) {
    throw new Error('REDIS_URL is set (several nodes), so DATABASE_URL must name the PostgreSQL database they share (postgres://…): several nodes cannot share one SQLite file');
  }
  if (!env.MAC_AUDIT_KEY && !env.MAC_AUDIT_KEY_FILE) {
    throw new Error('REDIS_URL is set (several nodes), so MAC_AUDIT_KEY (or MAC_AUDIT_KEY_FILE) must give every node the same audit key: a key generated per node would break the audit chain');
  }
  if (others.oidc !== null && others.oidc.pendingKey === null) {
    throw new Error('REDIS_URL is set (several nodes) and single sign-on is configured, so MAC_OIDC_KEY (or MAC_OIDC_KEY_FILE) must give every node the same key for pending sign-ins (64 hex digits, e.g. `openssl rand -hex 32`)');
  }
  return { redisUrl: raw, nodeId, heartbeatMs };
}

function heartbeatFromEnv(env: NodeJS.ProcessEnv): number {
  const raw = env.MAC_NODE_HEARTBEAT_MS?.trim();
  if (!raw) return DEFAULT_HEARTBEAT_MS;
  const ms = Number(raw);
  // At most 10 s: three missed beats must stay inside the 30 s in which a dead node's presence goes.
  if (!/^\d+$/.test(raw) || ms < 100 || ms > 10_000) throw new Error(`MAC_NODE_HEARTBEAT_MS must be a whole number of milliseconds from 100 to 10000 (got "${raw}")`);
  return ms;
}

function nodeIdFromEnv(env: NodeJS.ProcessEnv): string {
  const name = env.MAC_NODE_ID?.trim() || 'node';
  if (!/^[A-Za-z0-9._-]{1,48}$/.test(name)) throw new Error(`MAC_NODE_ID must be 1–48 letters, digits, dots, dashes or underscores (got "${name}")`);
  return `${name}-${randomBytes(4).toString('hex')}`;
}
