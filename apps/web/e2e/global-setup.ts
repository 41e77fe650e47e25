// Builds the web app, then starts the real server (apps/server) on a free port with a fresh data
// directory and a known demo password, exactly as `pnpm start` would, with single sign-on through a
// real OpenID Connect provider on loopback (@mac/test-support/oidc-provider), and starts the one Chromium
// every test file connects to. Tests read the address, the password, the provider's address and the
// browser's endpoint with `inject`.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { startTestProvider } from '@mac/test-support/oidc-provider';
import { startChromium } from './support/chromium.js';
import './support/provided.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const artifacts = join(here, '..', '.artifacts');

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

function waitForListening(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the server did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /MAC listening on (http:\/\/\S+)\r?\n/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before it was ready:\n${output}`));
    });
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  mkdirSync(artifacts, { recursive: true });
  // Vitest sets NODE_ENV=test, which would make Vite resolve Lit's development build.
  execFileSync('pnpm', ['--filter', '@mac/web', 'build'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });

  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'mac-e2e-'));
  const password = `e2e-${randomBytes(9).toString('base64url')}`;
  // The demo people who sign in through the provider in the tests, by subject.
  const idp = await startTestProvider({
    dsl: { email: 'dsl@school.example.org', email_verified: true, name: 'Designated Safeguarding Lead' },
    gp: { email: 'gp@eastoxford.example.org', email_verified: true, name: 'GP' },
    police: { email: 'police@tvp.example.org', email_verified: true, name: 'Police Officer' },
  });
  const client = { client_id: 'mac-e2e', client_secret: `e2e-${randomBytes(18).toString('base64url')}`, redirect_uris: [`http://127.0.0.1:${port}/api/auth/oidc/callback`] };
  await idp.registerClient(client);
  // Not NODE_ENV=production: that means Secure cookies, which a plain-http test server cannot set.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    MAC_DATA_DIR: dataDir,
    MAC_DEMO_PASSWORD: password,
    MAC_OIDC_ISSUER: idp.issuer,
    MAC_OIDC_CLIENT_ID: client.client_id,
    MAC_OIDC_CLIENT_SECRET: client.client_secret,
  };
  delete env.NODE_ENV;
  const child = spawn('pnpm', ['--filter', '@mac/server', 'start'], {
    cwd: root,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(join(artifacts, 'server.log'));
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const url = await waitForListening(child, 120_000);

  // Started while nothing else is: a launch on a loaded two-core machine takes seconds.
  const browser = await startChromium();

  project.provide('baseURL', url);
  project.provide('password', password);
  project.provide('idpURL', idp.issuer);
  project.provide('browserWSEndpoint', browser.wsEndpoint());

  return async () => {
    await browser.close();
    if (child.exitCode === null && child.pid !== undefined) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      try {
        process.kill(-child.pid, 'SIGTERM'); // the whole group: pnpm, tsx and node
      } catch {
        // already gone
      }
      const stopped = await Promise.race([exited.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5000))]);
      if (!stopped) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000))]);
      }
    }
    await idp.stop();
    // A server still finishing a write can add a file while the directory is removed (ENOTEMPTY, seen in
    // CI after every test had passed): retry, and never fail a finished run over a temporary directory.
    try {
      rmSync(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    } catch (err) {
      console.warn(`[e2e] could not remove ${dataDir}: ${String(err)}`);
    }
  };
}
