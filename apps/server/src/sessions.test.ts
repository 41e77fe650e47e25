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
  // Both limits are judged by the server's clock, which these tests move (startServer's `now`): how long
  // anything takes on a loaded machine changes nothing they prove. The session's row is still stamped by
  // the store's own clock when it is made, a moment after the moved clock's start.
  it('ends a session idle for longer than the idle timeout, and closes its live connections', async () => {
    const idle = 10 * 60_000;
    const start = Date.now();
    let moved = 0;
    const server = await startTestServer({ sessionIdleMs: idle }, { now: () => new Date(start + moved) });
    try {
      const cookie = await server.login(DEMO.hv);
      expect((await server.api(cookie, 'GET', '/api/me')).status).toBe(200);
      const chronologyId = (await server.api(cookie, 'GET', '/api/chronologies')).body.chronologies[0].id;
      const c = connect(server.origin, cookie, sharedDocName(chronologyId));
      await vi.waitFor(() => expect(c.provider.synced).toBe(true), { timeout: 10_000 });
      // An open live connection is not activity: half the idle timeout passes with only the connection open
      // (and a real second, so that anything it would do is done), then the rest. Had the connection kept
      // the session alive half-way through, it would still be live here.
      moved = idle / 2;
      await new Promise((r) => setTimeout(r, 1000));
      moved = idle + 60_000; // the store stamped the session a moment (well under a minute) after `start`
      expect((await server.api(cookie, 'GET', '/api/me')).status).toBe(401);
      await vi.waitFor(() => expect(c.closes.some((x) => x.code === 4401)).toBe(true), { timeout: 10_000 });
      c.destroy();
    } finally {
      await server.stop();
    }
  });

  it('ends a session at its absolute lifetime even while it is in use', async () => {
    // Used every 4 minutes for its whole hour: more than long enough for the 10-minute idle timeout to have
    // ended it, had use not kept it alive. It is live a millisecond before its hour from sign-in, and ends
    // at the hour itself, in use or not.
    const idle = 10 * 60_000;
    const lifetime = 60 * 60_000;
    const start = Date.now();
    let moved = 0;
    const server = await startTestServer({ sessionIdleMs: idle, sessionMaxMs: lifetime }, { now: () => new Date(start + moved) });
    try {
      const cookie = await server.login(DEMO.hv);
      for (moved = 0; moved < lifetime; moved += 4 * 60_000) expect((await server.api(cookie, 'GET', '/api/me')).status).toBe(200);
      moved = lifetime - 1;
      expect((await server.api(cookie, 'GET', '/api/me')).status).toBe(200);
      moved = lifetime;
      expect((await server.api(cookie, 'GET', '/api/me')).status).toBe(401);
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
