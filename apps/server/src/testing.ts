import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import type { AppDeps } from './deps.js';
import type { MacDb, SqliteStore } from '@mac/db';
import type { StateMerger } from '@mac/sync';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from './cli-commands.js';
import { loadConfig, type ServerConfig } from './config.js';
import { startServer, type RunningServer } from './server.js';

export const TEST_PASSWORD = 'correct-horse-battery-staple';

export const DEMO = {
  lead: 'lead@csc.example.org',
  police: 'police@tvp.example.org',
  dsl: 'dsl@school.example.org',
  hv: 'hv@health.example.org',
  outsider: 'outsider@probation.example.org',
  admin: 'admin@mac.example.org',
  /** The second administrator: approves what the first creates (the two-person rule). */
  admin2: 'admin2@mac.example.org',
} as const;

export interface TestServer extends RunningServer {
  dataDir: string;
  origin: string;
  /** Signs in and returns the Cookie header value. */
  login(email: string, password?: string): Promise<string>;
  /** Approves, as the second demo administrator, an account or token the first one created. */
  approve(kind: 'users' | 'tokens', id: string): Promise<void>;
  /**
   * An account made the way a partnership makes one: created by the first demo administrator, approved by
   * the second (the two-person rule), then signed in. For tests that need another person; the flow itself
   * is tested in admin.test.ts and admin-approval.test.ts.
   */
  newAccount(account: NewAccount): Promise<{ id: string; cookie: string }>;
  /** A same-origin request with a cookie (or none), JSON in and out. */
  api(cookie: string | null, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Headers }>;
  stop(): Promise<void>;
}

export interface NewAccount {
  email: string;
  role: 'practitioner' | 'lead' | 'admin';
  agency: string;
  /** Defaults to the part of the email before the @. */
  name?: string;
  /** Defaults to TEST_PASSWORD. */
  password?: string;
}

/** What every test server's configuration starts from, before a test's own changes. */
function baseConfig(dataDir: string, databaseUrl: string | null): ServerConfig {
  return {
    // SQLite inline unless asked otherwise (MAC_TEST_SQLITE_THREAD=worker): a worker's start-up (~1 s) per
    // test server would dominate the suite; the worker transport has its own tests (packages/db).
    ...loadConfig({ MAC_DATA_DIR: dataDir, PORT: '0', MAC_DEMO_PASSWORD: TEST_PASSWORD, MAC_SQLITE_THREAD: process.env.MAC_TEST_SQLITE_THREAD ?? 'inline' } as NodeJS.ProcessEnv, null),
    databaseUrl,
    // Tests read the caseload's counts straight after a write: the list waits for them (the null a slow
    // count gives is tested on its own, caseload-highlights.test.ts).
    caseloadCountWaitMs: 60_000,
    // Tests count the counts worked out and the audit records written: none in the background unless asked
    // (caseload-warm.test.ts).
    caseloadWarm: false,
  };
}

// Seeding the demo partnership is most of a test server's start (about a second of CPU: a dozen password
// hashes, three chronologies imported, a hundred durable commits), and it writes the same data every time.
// So each test worker seeds once, by starting and stopping a real server exactly as a test would, and a
// test server that changes nothing seeding depends on starts from a copy of that server's data directory
// (and, on PostgreSQL, of its database): the same rows, audit chain, audit key and anchor, with the same
// start-up checks run over them. Its stored timestamps are those of the worker's seeding, minutes old at
// most. A test that changes anything else (the data directory or database, the demo password, the audit
// key or anchor, compaction, alerts, the cluster, ...) seeds its own as before; seed.ts's own tests seed.
const SEED_NEUTRAL: ReadonlySet<string> = new Set<keyof ServerConfig>(['sessionIdleMs', 'sessionMaxMs', 'secureCookies', 'roomIdleMs', 'syncLimits', 'caseloadCountWaitMs', 'caseloadWarm', 'sqliteReaders', 'maxRssMb', 'pdfQueue', 'publicOrigin', 'webDist', 'oidc', 'host', 'port']);
let seeded: Promise<{ dataDir: string; database: string | null }> | null = null;

/** Vitest ends its workers without an 'exit' event: a seeding whose process has gone is removed by the next. */
function removeSeededOfEndedWorkers(): void {
  for (const name of readdirSync(tmpdir())) {
    const pid = /^mac-seeded-(\d+)-/.exec(name)?.[1];
    if (pid === undefined) continue;
    try {
      process.kill(Number(pid), 0);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ESRCH') rmSync(join(tmpdir(), name), { recursive: true, force: true });
    }
  }
}

function seededOnce(): Promise<{ dataDir: string; database: string | null }> {
  seeded ??= (async () => {
    removeSeededOfEndedWorkers();
    const dataDir = mkdtempSync(join(tmpdir(), `mac-seeded-${process.pid}-`));
    process.once('exit', () => rmSync(dataDir, { recursive: true, force: true }));
    const databaseUrl = await testDatabaseUrl();
    const server = await startServer(baseConfig(dataDir, databaseUrl), { log: () => {} });
    await server.close();
    return { dataDir, database: databaseUrl === null ? null : new URL(databaseUrl).pathname.slice(1) };
  })().catch((err: unknown) => {
    seeded = null;
    throw err;
  });
  return seeded;
}

/**
 * A real server on a free port over a real SQLite file in a temp dir (or a fresh PostgreSQL database under
 * the `server-pg` project), seeded with the demo partnership (a copy of the worker's seeding, above).
 */
export async function startTestServer(
  overrides: Partial<ServerConfig> = {},
  opts: { dataDir?: string; anchorEveryMs?: number; storageRetryMs?: number; accessSweepMs?: number; importSweep?: { everyMs?: number; cutShortAfterMs?: number }; merger?: StateMerger; now?: () => Date } = {},
): Promise<TestServer> {
  const fromSeeded = opts.dataDir === undefined && Object.keys(overrides).every((key) => SEED_NEUTRAL.has(key));
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'mac-server-'));
  let databaseUrl: string | null;
  if (fromSeeded) {
    const seed = await seededOnce();
    cpSync(seed.dataDir, dataDir, { recursive: true });
    databaseUrl = await testDatabaseUrl(seed.database ?? undefined);
  } else {
    databaseUrl = overrides.databaseUrl === undefined ? await testDatabaseUrl() : overrides.databaseUrl;
  }
  const config: ServerConfig = { ...baseConfig(dataDir, databaseUrl), ...overrides };
  const server = await startServer(config, { log: () => {}, anchorEveryMs: opts.anchorEveryMs, storageRetryMs: opts.storageRetryMs, accessSweepMs: opts.accessSweepMs, importSweep: opts.importSweep, ...(opts.merger === undefined ? {} : { merger: opts.merger }), ...(opts.now === undefined ? {} : { now: opts.now }) });
  const origin = server.url;
  const api: TestServer['api'] = async (cookie, method, path, body, headers = {}) => {
    const res = await fetch(origin + path, {
      method,
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(method === 'GET' ? {} : { origin }),
        ...(body !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    // An event stream never ends by itself: read up to its first event, then hang up.
    const text = res.headers.get('content-type')?.startsWith('text/event-stream') ? await firstEvent(res) : await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // CSV, empty bodies: keep the text
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };
  let approver: string | null = null;
  let creator: string | null = null;
  const testServer: TestServer = {
    ...server,
    dataDir,
    origin,
    api,
    async login(email, password = TEST_PASSWORD) {
      const res = await fetch(origin + '/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify({ email, password }),
      });
      if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${await res.text()}`);
      const setCookie = res.headers.get('set-cookie') ?? '';
      return setCookie.split(';')[0]!;
    },
    async approve(kind, id) {
      approver ??= await testServer.login(DEMO.admin2);
      const res = await api(approver, 'POST', `/api/approvals/${kind}/${id}`);
      if (res.status !== 204) throw new Error(`approving ${kind} ${id} failed: ${res.status} ${JSON.stringify(res.body)}`);
    },
    async newAccount({ email, role, agency, name = email.split('@')[0]!, password = TEST_PASSWORD }) {
      creator ??= await testServer.login(DEMO.admin);
      const made = await api(creator, 'POST', '/api/admin/users', { email, name, role, agency, password });
      if (made.status !== 201) throw new Error(`creating ${email} failed: ${made.status} ${JSON.stringify(made.body)}`);
      const id = made.body.user.id as string;
      await testServer.approve('users', id);
      return { id, cookie: await testServer.login(email, password) };
    },
    async stop() {
      await server.close(); // idempotent: a test may have closed it already
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return testServer;
}

/** The server's own deps with every repository call noted as it passes (each call still made as it is). */
export function countingRepoCalls(real: AppDeps): { deps: AppDeps; calls: string[] } {
  const calls: string[] = [];
  const repos = new Proxy(real.repos, {
    get: (target, repo: string) => {
      const inner = (target as unknown as Record<string, Record<string, (...a: unknown[]) => unknown>>)[repo]!;
      return new Proxy(inner, {
        get: (r, method: string) => (...args: unknown[]) => {
          calls.push(`${repo}.${method}`);
          return r[method]!(...args);
        },
      });
    },
  });
  return { deps: { ...real, repos } as AppDeps, calls };
}

/**
 * Null on SQLite (the default); under the `server-pg` project (MAC_TEST_BACKEND=postgres) a fresh, migrated
 * database on the run's PostgreSQL, so each test server starts as empty as a new SQLite file; or a copy of
 * `template`, a database of the run's.
 */
export async function testDatabaseUrl(template?: string): Promise<string | null> {
  if (process.env.MAC_TEST_BACKEND !== 'postgres') return null;
  const [{ inject }, { freshDatabaseFrom }] = await Promise.all([import('vitest'), import('@mac/db/pg-testing')]);
  return freshDatabaseFrom(inject('pgAdminUrl'), template);
}

/** The text of a server-sent event stream up to the end of its first event; the stream is then cancelled. */
export async function firstEvent(res: Response): Promise<string> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (!text.includes('\n\n')) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  await reader.cancel();
  return text;
}

/**
 * The SQLite connection of a test server's store (test servers run it inline): for tests that look at or
 * damage the file itself. Everything else goes through the port.
 */
export function inlineDb(deps: AppDeps): MacDb {
  const db = (deps.store as SqliteStore).inlineConnection?.();
  if (!db) throw new Error('this test needs the SQLite store inline (MAC_SQLITE_THREAD=inline)');
  return db;
}

/**
 * `mac <args>` run in this process (`runCommand`, what cli.ts runs for every command but `start`), with its
 * output captured. A spawned `src/cli.ts` loads the whole server again under tsx: seconds apiece, tens of
 * seconds on a loaded machine. Tests that must see the real process's exit code spawn it once.
 */
export async function runCli(env: NodeJS.ProcessEnv, ...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runCommand(args, { env, out: (line) => out.push(line), err: (line) => err.push(line) });
  return { status, stdout: out.join('\n'), stderr: err.join('\n') };
}
