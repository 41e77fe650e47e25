import { describe, expect, it, vi } from 'vitest';
import { sharedDocName } from '@mac/sync';
import { loadConfig } from './config.js';
import { closeDeps, createDeps } from './create-deps.js';
import { DemoPasswordRequired, seedDemoData } from './seed.js';
import { connect } from './sync-testing.js';
import { DEMO, startTestServer, TEST_PASSWORD } from './testing.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('session limits', () => {
  it('ends a session idle for longer than the idle timeout, and closes its live connections', async () => {
    const server = await startTestServer({ sessionIdleMs: 700 });
    try {
      const cookie = await server.login(DEMO.hv);
      expect((await server.api(cookie, 'GET', '/api/me')).status).toBe(200);
      const chronologyId = (await server.api(cookie, 'GET', '/api/chronologies')).body.chronologies[0].id;
      const c = connect(server.origin, cookie, sharedDocName(chronologyId));
      await vi.waitFor(() => expect(c.provider.synced).toBe(true));
      await new Promise((r) => setTimeout(r, 800));
      // An open live connection is not activity: the session lapses and the connection closes.
      expect((await server.api(cookie, 'GET', '/api/me')).status).toBe(401);
      await vi.waitFor(() => expect(c.closes.some((x) => x.code === 4401)).toBe(true), { timeout: 1500 });
      c.destroy();
    } finally {
      await server.stop();
    }
  });

  it('ends a session at its absolute lifetime even while it is in use', async () => {
    const lifetime = 1500;
    const server = await startTestServer({ sessionMaxMs: lifetime });
    try {
      // Used every 100 ms throughout. Judged by when each request ran, not by sleeps (a loaded machine
      // stretches them): one that ended before the lifetime from sign-in can have passed is answered 200,
      // one that started after it has surely passed is 401, and one across the boundary may be either.
      const signInStarted = Date.now();
      const cookie = await server.login(DEMO.hv);
      const signedIn = Date.now();
      let answeredInUse = 0;
      for (;;) {
        const started = Date.now();
        const { status } = await server.api(cookie, 'GET', '/api/me');
        const ended = Date.now();
        if (ended < signInStarted + lifetime) {
          expect(status).toBe(200);
          answeredInUse += 1;
        }
        if (started > signedIn + lifetime) {
          expect(status).toBe(401);
          break;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(answeredInUse).toBeGreaterThan(0);
    } finally {
      await server.stop();
    }
  });

  it('uses a __Host- Secure cookie and HSTS when served over TLS', async () => {
    const server = await startTestServer({ secureCookies: true });
    try {
      const res = await server.api(null, 'POST', '/api/auth/login', { email: DEMO.police, password: TEST_PASSWORD });
      const cookie = res.headers.get('set-cookie')!;
      expect(cookie).toMatch(/^__Host-mac_session=/);
      expect(cookie).toContain('Secure');
      expect(cookie).toContain('Path=/');
      expect(cookie).not.toMatch(/Domain=/i);
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d{8}/);
    } finally {
      await server.stop();
    }
  });
});

describe('demo data', () => {
  it('refuses to create demo accounts in production without MAC_DEMO_PASSWORD, and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mac-prod-'));
    const deps = await createDeps(loadConfig({ MAC_DATA_DIR: dir, NODE_ENV: 'production' } as NodeJS.ProcessEnv, null));
    try {
      await expect(seedDemoData(deps, () => {})).rejects.toBeInstanceOf(DemoPasswordRequired);
      expect(await deps.repos.users.list()).toEqual([]);
      expect(await deps.repos.agencies.list()).toEqual([]);
    } finally {
      await closeDeps(deps);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('does not seed again into a database that has users, so restarts never duplicate or wipe data', async () => {
    const server = await startTestServer();
    try {
      const before = await server.deps.repos.chronologies.count();
      const again = await seedDemoData(server.deps, () => {});
      expect(again.seeded).toBe(false);
      expect(await server.deps.repos.chronologies.count()).toBe(before);
    } finally {
      await server.stop();
    }
  });
});
