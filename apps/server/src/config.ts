import { resolve } from 'node:path';
import { DEFAULT_COMPACTION, type CompactionPolicy, type Limits } from '@mac/sync';
import { clusterConfigFromEnv, type ClusterConfig } from './cluster/config.js';
import { defaultMaxRssMb } from './services/memory-ceiling.js';
import { oidcConfigFromEnv, type OidcConfig } from './services/oidc/config.js';

/** Everything the server reads from its environment, parsed once at start-up. */
export interface ServerConfig {
  host: string;
  port: number;
  dataDir: string;
  production: boolean;
  /** The origin browsers use to reach us, e.g. https://mac.example.org. Null: derived from each request's Host. */
  publicOrigin: string | null;
  /** Secure + __Host- cookies and HSTS. Defaults on in production or when the public origin is https. */
  secureCookies: boolean;
  demoPassword: string | null;
  sessionIdleMs: number;
  sessionMaxMs: number;
  /** The built browser app (apps/web/dist); null serves the API only. */
  webDist: string | null;
  auditKeyHex: string | null;
  auditKeyFile: string | null;
  /**
   * Where the audit chain's head is anchored (MAC_AUDIT_ANCHOR_FILE); null: `<dataDir>/audit.anchor`. Keep
   * it off the database's volume, so whoever can rewrite the database cannot also rewrite the anchor.
   */
  auditAnchorFile: string | null;
  /** Idle rooms are written out and unloaded after this long. */
  roomIdleMs: number;
  /**
   * When a document's update log is compacted by itself (packages/sync compaction.ts): grown by this many
   * rows (MAC_COMPACT_AFTER_UPDATES, default 200) or MB (MAC_COMPACT_AFTER_MB, default 1) since the last
   * compaction, then at its next load, unload or after its writes paused MAC_COMPACT_QUIET_SECONDS (60).
   * False (MAC_COMPACT_AFTER_UPDATES=0): only `cli.ts compact` compacts.
   */
  compaction: CompactionPolicy | false;
  /** Default retention of a chronology, in years from the child's date of birth (MAC_RETENTION_YEARS). */
  retentionYears: number;
  /** Single sign-on (MAC_OIDC_*); null: password sign-in only. */
  oidc: OidcConfig | null;
  /** Overrides of the websocket limits (packages/sync/src/limits.ts); tests set them, deployments need not. */
  syncLimits?: Partial<Limits>;
  /**
   * Where the SQLite connection runs (MAC_SQLITE_THREAD): `worker` (default) keeps storage off the event
   * loop; `inline` runs it on the main thread (tests that start many servers; tools).
   */
  sqliteThread: 'worker' | 'inline';
  /**
   * SQLite reading threads, each with its own read-only connection (MAC_SQLITE_READERS, 1 to 8): each read
   * goes to the one with the fewest calls outstanding (packages/db/src/sqlite/read-lanes.ts).
   */
  sqliteReaders: number;
  /**
   * PostgreSQL instead of the embedded SQLite file (DATABASE_URL=postgres://…); null: SQLite in the data
   * directory. The data directory still holds the audit key and anchor unless MAC_AUDIT_KEY and
   * MAC_AUDIT_ANCHOR_FILE say otherwise (several nodes must share the key: docs/operations.md).
   */
  databaseUrl: string | null;
  /**
   * The resident memory (MB) beyond which no further room (document) is loaded (MAC_MAX_RSS_MB; default 85 %
   * of the V8 heap limit, `0` for no ceiling): services/memory-ceiling.ts.
   */
  maxRssMb: number | null;
  /** Conference packs that may wait for the PDF worker while it draws one (MAC_PDF_QUEUE); beyond: 503. */
  pdfQueue: number;
  /**
   * How long the caseload's first page waits for an open-highlights count it does not have yet
   * (MAC_CASELOAD_COUNT_WAIT_MS, default 150). A count not ready by then is listed as null ("still being
   * worked out") and keeps being worked out; the browser asks for the list again to fill it in. A search or
   * a later page does not wait beyond its own audit record (their counts are not worked out ahead). A single
   * chronology (GET /:id) always waits for its count.
   */
  caseloadCountWaitMs: number;
  /**
   * Whether the caseload's counts are worked out ahead, every agency's after start and each changed
   * chronology's after a write or a review (MAC_CASELOAD_WARM, default 1; `0`: only when listed).
   * services/count-warmer.ts.
   */
  caseloadWarm: boolean;
  /** Alerts (issue 15): email through SMTP_URL when set, the daily digest hour, and the background timings. */
  alerts: AlertConfig;
  /**
   * Several nodes (issue 19): REDIS_URL and this process's node id. `redisUrl` null: one node, nothing
   * shared beyond the database (the default). Checked against the rest at start-up (cluster/config.ts).
   */
  cluster: ClusterConfig;
}

export interface AlertConfig {
  /** smtp://[user:password@]host:port or smtps://…; null: alerts are in-app only. */
  smtpUrl: string | null;
  /** The From of alert emails (MAC_ALERT_FROM). */
  from: string;
  /** The hour (UTC, 0–23) the daily digest goes out (MAC_ALERT_DIGEST_HOUR, default 7). */
  digestHour: number;
  /** A burst of writes to one chronology within this long gives one alert (tests shorten it). */
  debounceMs: number;
  /** How often the outbox is looked at for emails to send. */
  sendEveryMs: number;
  /** How often overdue actions are looked for (an action becomes overdue when a day begins). */
  overdueEveryMs: number;
}

function compactionPolicy(env: NodeJS.ProcessEnv): CompactionPolicy | false {
  const afterUpdates = intFrom(env, 'MAC_COMPACT_AFTER_UPDATES', DEFAULT_COMPACTION.afterUpdates);
  if (afterUpdates === 0) return false;
  const afterMb = intFrom(env, 'MAC_COMPACT_AFTER_MB', DEFAULT_COMPACTION.afterBytes / (1024 * 1024));
  return { afterUpdates, afterBytes: afterMb === 0 ? Number.MAX_SAFE_INTEGER : afterMb * 1024 * 1024, quietMs: intFrom(env, 'MAC_COMPACT_QUIET_SECONDS', DEFAULT_COMPACTION.quietMs / 1000) * 1000 };
}

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number (got "${raw}")`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, webDistDefault: string | null = null): ServerConfig {
  const production = env.NODE_ENV === 'production';
  const publicOrigin = env.MAC_PUBLIC_ORIGIN ? new URL(env.MAC_PUBLIC_ORIGIN).origin : null;
  const port = intFrom(env, 'PORT', 8080);
  if (port > 65535) throw new Error(`PORT must be at most 65535 (got ${port})`);
  const secureDefault = production || (publicOrigin?.startsWith('https:') ?? false);
  const oidc = oidcConfigFromEnv(env);
  const dbUrl = databaseUrl(env);
  return {
    host: env.HOST || '127.0.0.1',
    port,
    dataDir: resolve(env.MAC_DATA_DIR || './data'),
    production,
    publicOrigin,
    secureCookies: env.MAC_SECURE_COOKIES ? env.MAC_SECURE_COOKIES === 'true' : secureDefault,
    demoPassword: env.MAC_DEMO_PASSWORD || null,
    sessionIdleMs: intFrom(env, 'MAC_SESSION_IDLE_MINUTES', 30) * 60_000,
    sessionMaxMs: intFrom(env, 'MAC_SESSION_MAX_HOURS', 12) * 3_600_000,
    webDist: env.MAC_WEB_DIST ? resolve(env.MAC_WEB_DIST) : webDistDefault,
    auditKeyHex: env.MAC_AUDIT_KEY || null,
    auditKeyFile: env.MAC_AUDIT_KEY_FILE || null,
    auditAnchorFile: env.MAC_AUDIT_ANCHOR_FILE ? resolve(env.MAC_AUDIT_ANCHOR_FILE) : null,
    roomIdleMs: intFrom(env, 'MAC_ROOM_IDLE_SECONDS', 30) * 1000,
    compaction: compactionPolicy(env),
    retentionYears: retentionYears(env),
    oidc,
    sqliteThread: sqliteThread(env),
    sqliteReaders: sqliteReaders(env),
    databaseUrl: dbUrl,
    pdfQueue: intFrom(env, 'MAC_PDF_QUEUE', 4),
    caseloadCountWaitMs: intFrom(env, 'MAC_CASELOAD_COUNT_WAIT_MS', 150),
    caseloadWarm: env.MAC_CASELOAD_WARM !== '0',
    maxRssMb: maxRssMb(env),
    alerts: alertConfig(env, production, publicOrigin),
    cluster: clusterConfigFromEnv(env, { databaseUrl: dbUrl, oidc }),
  };
}

/** MAC_MAX_RSS_MB: unset, the default ceiling; 0, none; else at least 64 MB (a smaller one refuses every room). */
function maxRssMb(env: NodeJS.ProcessEnv): number | null {
  const raw = env.MAC_MAX_RSS_MB;
  if (raw === undefined || raw === '') return defaultMaxRssMb();
  const n = intFrom(env, 'MAC_MAX_RSS_MB', 0);
  if (n === 0) return null;
  if (n < 64) throw new Error(`MAC_MAX_RSS_MB must be 0 (no ceiling) or at least 64 MB (got "${raw}")`);
  return n;
}

/** SMTP_URL, MAC_ALERT_FROM and MAC_ALERT_DIGEST_HOUR, checked with messages an operator can act on. */
export function alertConfig(env: NodeJS.ProcessEnv, production: boolean, publicOrigin: string | null): AlertConfig {
  const raw = env.SMTP_URL || null;
  if (raw !== null) {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new Error('SMTP_URL must be smtp://[user:password@]host:port or smtps://… (it could not be read as a URL)');
    }
    if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new Error(`SMTP_URL must be an smtp:// or smtps:// URL (got a ${url.protocol} URL)`);
    if (url.hostname === '') throw new Error('SMTP_URL must name the mail server, e.g. smtp://mail.example.org:587');
    // Alert emails carry a link; in production it must be the address people use, not a guess.
    if (production && publicOrigin === null) throw new Error('SMTP_URL is set, so MAC_PUBLIC_ORIGIN must be too: alert emails link to it');
  }
  const hourRaw = env.MAC_ALERT_DIGEST_HOUR;
  const digestHour = hourRaw === undefined || hourRaw === '' ? 7 : Number(hourRaw);
  if (!Number.isInteger(digestHour) || digestHour < 0 || digestHour > 23) throw new Error(`MAC_ALERT_DIGEST_HOUR must be a whole hour from 0 to 23, UTC (got "${hourRaw}")`);
  const from = env.MAC_ALERT_FROM || 'MAC alerts <mac-alerts@localhost>';
  return { smtpUrl: raw, from, digestHour, debounceMs: 5_000, sendEveryMs: 10_000, overdueEveryMs: 3_600_000 };
}

function databaseUrl(env: NodeJS.ProcessEnv): string | null {
  const raw = env.DATABASE_URL;
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error('DATABASE_URL must be a postgres:// URL (it could not be read as a URL)');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') throw new Error(`DATABASE_URL must be a postgres:// URL (got a ${url.protocol} URL)`);
  return raw;
}

function sqliteThread(env: NodeJS.ProcessEnv): 'worker' | 'inline' {
  const raw = env.MAC_SQLITE_THREAD || 'worker';
  if (raw !== 'worker' && raw !== 'inline') throw new Error(`MAC_SQLITE_THREAD must be worker or inline (got "${raw}")`);
  return raw;
}

export const DEFAULT_SQLITE_READERS = 1;

function sqliteReaders(env: NodeJS.ProcessEnv): number {
  const n = intFrom(env, 'MAC_SQLITE_READERS', DEFAULT_SQLITE_READERS);
  if (n < 1 || n > 8) throw new Error(`MAC_SQLITE_READERS must be from 1 to 8 (got "${env.MAC_SQLITE_READERS}")`);
  return n;
}

/** MAC_RETENTION_YEARS: the default retention rule, years after the date of birth (docs/operations.md). */
export function retentionYears(env: NodeJS.ProcessEnv): number {
  const raw = env.MAC_RETENTION_YEARS;
  const n = raw ? Number(raw) : 25;
  if (!Number.isInteger(n) || n < 1 || n > 150) throw new Error(`MAC_RETENTION_YEARS must be a whole number of years (got "${raw}")`);
  return n;
}
