// A throwaway, real Redis for tests: Debian's `redis-server` (scripts/setup.mjs installs it) on a free port on
// loopback, nothing saved to disk. `pause()` and `resume()` stop it and start it again on the same port, as a
// Redis restart or failover looks to the nodes (empty again: Redis is not where MAC keeps anything durable).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REDIS_SERVER = process.env.MAC_REDIS_SERVER ?? '/usr/bin/redis-server';

export interface TestRedis {
  readonly port: number;
  /** redis://127.0.0.1:<port> */
  readonly url: string;
  /** Stops the server (SIGTERM; no save), keeping its port for `resume`. */
  pause(): Promise<void>;
  /** Starts it again on the same port, empty. */
  resume(): Promise<void>;
  /** Stops it for good. Safe to call twice. */
  stop(): Promise<void>;
}

/** True when the Redis server binary is where `startRedis` looks for it. */
export function redisInstalled(): boolean {
  return existsSync(REDIS_SERVER) || spawnSync('sh', ['-c', `command -v ${REDIS_SERVER}`], { stdio: 'ignore' }).status === 0;
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

function launch(port: number, dir: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      REDIS_SERVER,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no', '--loglevel', 'notice', '--protected-mode', 'yes'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server did not start on port ${port} within 10 s:\n${output}`));
    }, 10_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        // Keep draining its output so a full pipe never blocks it.
        child.stdout?.resume();
        resolve(child);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`could not run ${REDIS_SERVER} (apt-get install -y redis-server): ${err.message}`));
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code} before it was ready:\n${output}`));
    });
  });
}

function exit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function startRedis(): Promise<TestRedis> {
  if (!redisInstalled()) throw new Error(`Redis is not installed (no ${REDIS_SERVER}): apt-get install -y redis-server`);
  const dir = mkdtempSync(join(tmpdir(), 'mac-redis-'));
  const port = await freePort();
  let child: ChildProcess | null = await launch(port, dir).catch((err: unknown) => {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  });
  let stopped = false;
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    async pause() {
      if (child) await exit(child);
      child = null;
    },
    async resume() {
      if (stopped) throw new Error('this Redis was stopped for good');
      if (!child) child = await launch(port, dir);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      if (child) await exit(child);
      child = null;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
