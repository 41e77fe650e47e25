// A throwaway, real PostgreSQL 15 for tests and benchmarks: a new cluster in a temporary folder, on a free
// port on loopback, started once per test run (global-setup.ts), with a template database that has the
// migrations applied; each test file takes its own fresh database from it (CREATE DATABASE … TEMPLATE
// copies files: tens of milliseconds, not a migration run).
//
// PostgreSQL refuses to run as root: as root, the cluster belongs to the `postgres` user (Debian's
// package creates it) and its binaries run through `runuser`; as anyone else they run as that user.
import { execFile } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { migratePg } from './migrate.js';

const run = promisify(execFile);

export const PG_BIN = process.env.MAC_PG_BIN ?? '/usr/lib/postgresql/15/bin';
/** The database every test database is copied from: migrations applied, nothing else. */
export const TEMPLATE_DATABASE = 'mac_template';

export interface PgCluster {
  /** A connection URL to `database` (default: the `postgres` maintenance database). */
  url(database?: string): string;
  /** A new, empty database with the migrations applied (a copy of the template); returns its URL. */
  freshDatabase(name?: string): Promise<string>;
  /** Stops the server but keeps its data: what a database restart or failover looks like to clients. */
  pause(): Promise<void>;
  /** Starts a paused server again, on the same port with the same data. */
  resume(): Promise<void>;
  /** Stops the server (fast shutdown) and deletes its folder. Safe to call twice. */
  stop(): Promise<void>;
}

export interface ClusterOptions {
  /**
   * fsync and synchronous commit as in production. Off by default: tests need no durability across a
   * power cut, and the machine is shared. Benchmarks turn it on, or their figures mean nothing.
   */
  durable?: boolean;
}

/** True when a PostgreSQL 15 server binary is installed where `startPgCluster` looks for it. */
export function postgresInstalled(): boolean {
  return existsSync(join(PG_BIN, 'postgres'));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function postgresUser(): Promise<{ uid: number; gid: number }> {
  const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
  const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
  return { uid, gid };
}

export async function startPgCluster(opts: ClusterOptions = {}): Promise<PgCluster> {
  if (!postgresInstalled()) throw new Error(`PostgreSQL 15 is not installed (no ${join(PG_BIN, 'postgres')}): apt-get install postgresql-15`);
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'mac-pg-'));
  chmodSync(dir, 0o700);
  if (asRoot) {
    const { uid, gid } = await postgresUser();
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const bin = (name: string, args: string[]) => (asRoot ? run('runuser', ['-u', 'postgres', '--', join(PG_BIN, name), ...args]) : run(join(PG_BIN, name), args));

  const port = await freePort();
  const settings = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    '-c max_connections=200',
    '-c shared_buffers=32MB',
    ...(opts.durable ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
  ].join(' ');
  // -l: the server's output goes to a file; otherwise it keeps pg_ctl's pipes open and this never returns.
  const startServer = () => bin('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-o', settings, '-w', '-t', '60', 'start']);
  let started = false;
  try {
    // C.UTF-8: text sorts by code point (byte order, as SQLite's BINARY; the store also says COLLATE "C"
    // where order matters) and letters fold case beyond ASCII, as on a production database.
    await bin('initdb', ['-D', data, '-A', 'trust', '-U', 'mac', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
    await startServer();
    started = true;
  } catch (err) {
    if (started) await bin('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }

  const url = (database = 'postgres') => `postgres://mac@127.0.0.1:${port}/${database}`;
  let stopped = false;

  async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: url() });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  }

  try {
    await admin((c) => c.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`));
    await migratePg(url(TEMPLATE_DATABASE));
  } catch (err) {
    await bin('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }

  let counter = 0;
  return {
    url,
    async freshDatabase(name?: string) {
      const db = name ?? `t_${process.pid}_${Date.now().toString(36)}_${(counter += 1)}`;
      if (!/^[a-z_][a-z0-9_]*$/.test(db)) throw new Error(`not a plain database name: ${db}`);
      await admin((c) => c.query(`CREATE DATABASE ${db} TEMPLATE ${TEMPLATE_DATABASE}`));
      return url(db);
    },
    async pause() {
      await bin('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
    },
    async resume() {
      await startServer();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        // Already stopped (paused) is fine too.
        await bin('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']).catch(() => undefined);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * A fresh database on the run's cluster, from a test file: the global setup (global-setup.ts) started the
 * cluster and provided its maintenance URL. Each call copies the template (migrations applied), or another
 * database of the run's given as `template` (one a test support made and no session is connected to).
 */
export async function freshDatabaseFrom(adminUrl: string, template: string = TEMPLATE_DATABASE): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(template)) throw new Error(`not a plain database name: ${template}`);
  const name = `t_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    // A session to the template that has just been closed may still be leaving the server (55006,
    // "source database is being accessed by other users"): wait a moment for it, a few times.
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
        break;
      } catch (err) {
        if ((err as { code?: string }).code !== '55006' || attempt >= 50) throw err;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Holds the audit chain's head row locked from another connection, as a long transaction of another node
 * would: every append waits until `release` (the tests that a read is answered only once its record is
 * durable). Resolves once the lock is held.
 */
export async function holdAuditHead(url: string): Promise<{ release(): Promise<void> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT seq FROM audit_head WHERE id = 1 FOR UPDATE');
  } catch (err) {
    await client.end();
    throw err;
  }
  return {
    async release() {
      try {
        await client.query('ROLLBACK');
      } finally {
        await client.end();
      }
    },
  };
}

/** One statement on a connection of its own, opened and closed around it (tests looking under the store). */
export async function queryOnce<T = Record<string, unknown>>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}
