// A MAC node as a real process (`node --import tsx src/cli.ts start`) for the several-nodes tests and the
// nodes benchmark: its own port and data directory, the environment it is given (DATABASE_URL, REDIS_URL,
// MAC_AUDIT_KEY…), the demo password of the tests. Resolves once it says where it listens.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_PASSWORD } from '../testing.js';

const serverDir = fileURLToPath(new URL('../..', import.meta.url));

export interface NodeProcess {
  child: ChildProcess;
  /** http://127.0.0.1:<port> */
  origin: string;
  dataDir: string;
  /** Everything it printed so far (stdout and stderr). */
  output: () => string;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** `dataDir`: one prepared beforehand (seeded, say); by default a new empty one. Either is removed by stopNode. */
export async function startNode(name: string, env: Record<string, string>, opts: { dataDir?: string } = {}): Promise<NodeProcess> {
  const port = await freePort();
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), `mac-node-${name}-`));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'start'], {
      cwd: serverDir,
      env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', MAC_DATA_DIR: dataDir, MAC_DEMO_PASSWORD: TEST_PASSWORD, MAC_NODE_ID: name, NODE_ENV: 'test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    // Long-running processes: keep the tail only.
    const keep = (d: Buffer) => (out = (out + d.toString()).slice(-20_000));
    const timer = setTimeout(() => reject(new Error(`node ${name} did not start: ${out}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      keep(d);
      const m = /MAC listening on (http:\/\/\S+)\r?\n/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, origin: m[1]!, dataDir, output: () => out });
      }
    });
    child.stderr!.on('data', keep);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`node ${name} exited with ${code}: ${out}`));
    });
  });
}

/** SIGTERM (SIGKILL after 5 s), then its data directory is removed. */
export async function stopNode(node: NodeProcess): Promise<void> {
  if (node.child.exitCode === null && node.child.signalCode === null) {
    await new Promise((resolve) => {
      const t = setTimeout(() => node.child.kill('SIGKILL'), 5_000);
      node.child.once('exit', () => {
        clearTimeout(t);
        resolve(null);
      });
      node.child.kill('SIGTERM');
    });
  }
  rmSync(node.dataDir, { recursive: true, force: true });
}

/** Signs in on `origin`; returns the Cookie header value. */
export async function login(origin: string, email: string, password: string = TEST_PASSWORD): Promise<string> {
  const res = await fetch(origin + '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify({ email, password }) });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

export async function api(origin: string, cookie: string | null, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(origin + path, {
    method,
    headers: { ...(cookie ? { cookie } : {}), ...(method === 'GET' ? {} : { origin, 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  try {
    return { status: res.status, body: JSON.parse(text) };
  } catch {
    return { status: res.status, body: text };
  }
}
