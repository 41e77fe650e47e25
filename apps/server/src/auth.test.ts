import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearPasswordFailures, passwordThrottle, passwordThrottleKeys } from './services/auth/throttle.js';
import { DEMO, startTestServer, TEST_PASSWORD, type TestServer } from './testing.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('sign-in', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie and returns the user', async () => {
    const res = await server.api(null, 'POST', '/api/auth/login', { email: DEMO.police, password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ email: DEMO.police, role: 'practitioner', agency: { slug: 'thames-valley-police' } });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^mac_session=[A-Za-z0-9_-]{40,};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
  });

  it('answers an unknown email exactly as a wrong password', async () => {
    const wrong = await server.api(null, 'POST', '/api/auth/login', { email: DEMO.hv, password: 'not-the-password-at-all' });
    const unknown = await server.api(null, 'POST', '/api/auth/login', { email: 'nobody@nowhere.example.org', password: 'not-the-password-at-all' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('throttles an account from an address after repeated failures there, even with the right password', async () => {
    // Three mistakes are free; then each attempt waits progressively longer (throttle.test.ts has the rest).
    for (let i = 0; i < 3; i++) {
      expect((await server.api(null, 'POST', '/api/auth/login', { email: DEMO.outsider, password: `wrong-${i}-password` })).status).toBe(401);
    }
    const blocked = await server.api(null, 'POST', '/api/auth/login', { email: DEMO.outsider, password: TEST_PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.message).toMatch(/Too many sign-in attempts/);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('answers only once the session and its audit record are stored', async () => {
    const res = await server.api(null, 'POST', '/api/auth/login', { email: DEMO.dsl, password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    // Read straight after the answer, nothing awaited: both are there.
    const [records, me] = await Promise.all([server.deps.repos.audit.list({ action: 'auth:login', actorId: res.body.user.id, limit: 5 }), server.api(cookie, 'GET', '/api/me')]);
    expect(records[0]).toMatchObject({ outcome: 'allowed', actorLabel: res.body.user.name });
    expect(me.status).toBe(200);
  });

  it('clears an address’s failures for the account only when the throttle found some (no write otherwise)', async () => {
    const deps = server.deps;
    const key = passwordThrottleKeys(DEMO.lead, '198.51.100.7').pair;
    const since = new Date(Date.now() - 3_600_000).toISOString();
    // A failure recorded after the throttle looked (none then) stays: the sign-in it found had nothing to clear.
    const before = await passwordThrottle(deps, DEMO.lead, '198.51.100.7');
    expect(before.pairFailures).toBe(0);
    await deps.repos.loginAttempts.record(key);
    await clearPasswordFailures(deps, DEMO.lead, '198.51.100.7', before);
    expect(await deps.repos.loginAttempts.timesSince(key, since)).toHaveLength(1);
    const found = await passwordThrottle(deps, DEMO.lead, '198.51.100.7');
    expect(found.pairFailures).toBe(1);
    await clearPasswordFailures(deps, DEMO.lead, '198.51.100.7', found);
    expect(await deps.repos.loginAttempts.timesSince(key, since)).toHaveLength(0);
  });

  it('refuses a sign-in posted from another origin', async () => {
    const res = await server.api(null, 'POST', '/api/auth/login', { email: DEMO.lead, password: TEST_PASSWORD }, { origin: 'https://evil.example.com' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('cross_origin');
  });

  it('reports every invalid field of a malformed body', async () => {
    const res = await server.api(null, 'POST', '/api/auth/login', { email: 42 });
    expect(res.status).toBe(422);
    expect(res.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['email', 'password']);
  });
});

describe('sessions', () => {
  it('GET /api/me needs a session', async () => {
    expect((await server.api(null, 'GET', '/api/me')).status).toBe(401);
    const cookie = await server.login(DEMO.lead);
    const me = await server.api(cookie, 'GET', '/api/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: DEMO.lead, role: 'lead', agency: { slug: 'oxfordshire-csc' }, hasPassword: true });
  });

  it('GET /api/auth/session answers 200 signed in or not, and a signed-out cookie is not signed in', async () => {
    const anonymous = await server.api(null, 'GET', '/api/auth/session');
    expect(anonymous.status).toBe(200);
    expect(anonymous.body).toEqual({ signedIn: false });
    const cookie = await server.login(DEMO.dsl);
    const signedIn = await server.api(cookie, 'GET', '/api/auth/session');
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toMatchObject({ signedIn: true, user: { email: DEMO.dsl, role: 'dsl', hasPassword: true } });
    expect((await server.api(cookie, 'POST', '/api/auth/logout')).status).toBe(204);
    expect((await server.api(cookie, 'GET', '/api/auth/session')).body).toEqual({ signedIn: false });
    // GET /api/me keeps its contract: no session, 401.
    expect((await server.api(cookie, 'GET', '/api/me')).status).toBe(401);
  });

  it('sign-out ends the session', async () => {
    const cookie = await server.login(DEMO.hv);
    expect((await server.api(cookie, 'POST', '/api/auth/logout')).status).toBe(204);
    expect((await server.api(cookie, 'GET', '/api/me')).status).toBe(401);
  });

  it('a cookie-authenticated mutation without a same-origin Origin is refused and changes nothing', async () => {
    const cookie = await server.login(DEMO.lead);
    const before = await server.api(cookie, 'GET', '/api/chronologies');
    const res = await fetch(server.origin + '/api/chronologies', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ child: { givenName: 'Cross', familyName: 'Site' }, memberAgencies: ['oxfordshire-csc'] }),
    });
    expect(res.status).toBe(403);
    const after = await server.api(cookie, 'GET', '/api/chronologies');
    expect(after.body.chronologies.length).toBe(before.body.chronologies.length);
  });

  it('changing the password ends every session and enforces the policy', async () => {
    const a = await server.login(DEMO.dsl);
    const b = await server.login(DEMO.dsl);
    const weak = await server.api(a, 'POST', '/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Password123' });
    expect(weak.status).toBe(422);
    expect(weak.body.error.fields[0].field).toBe('newPassword');
    const ok = await server.api(a, 'POST', '/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'lantern harbour thistle' });
    expect(ok.status).toBe(204);
    expect((await server.api(a, 'GET', '/api/me')).status).toBe(401);
    expect((await server.api(b, 'GET', '/api/me')).status).toBe(401);
    expect((await server.api(null, 'POST', '/api/auth/login', { email: DEMO.dsl, password: 'lantern harbour thistle' })).status).toBe(200);
  });
});

describe('headers', () => {
  it('sends a strict CSP and the other protections on every response', async () => {
    const res = await fetch(server.origin + '/api/openapi.json');
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    // Plain-http test server: no HSTS.
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it('refuses oversized JSON bodies with 413', async () => {
    const cookie = await server.login(DEMO.lead);
    const res = await server.api(cookie, 'POST', '/api/chronologies', { child: { givenName: 'x'.repeat(2 * 1024 * 1024), familyName: 'y' }, memberAgencies: [] });
    expect(res.status).toBe(413);
  });

  it('refuses an oversized chunked body (no Content-Length) with 413, counting as it streams', async () => {
    const cookie = await server.login(DEMO.lead);
    const json = JSON.stringify({ child: { givenName: 'x'.repeat(2 * 1024 * 1024), familyName: 'y' }, memberAgencies: [] });
    const encoded = new TextEncoder().encode(json);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < encoded.length; at += 64 * 1024) controller.enqueue(encoded.subarray(at, at + 64 * 1024));
        controller.close();
      },
    });
    const res = await fetch(server.origin + '/api/chronologies', { method: 'POST', headers: { cookie, origin: server.origin, 'content-type': 'application/json' }, body, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(413);
    expect((await server.deps.repos.chronologies.list()).some((c) => c.child.familyName === 'y')).toBe(false);
  });
});
