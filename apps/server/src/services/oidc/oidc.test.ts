import { OpenAPIHono } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppEnv } from '../../http/env.js';
import { DEMO, startTestServer, type TestServer } from '../../testing.js';
import { CALLBACK_PATH, oidcConfigFromEnv } from './config.js';
import { registerOidcRoutes } from '../../routes/oidc.js';
import { createTestBrowser, startTestProvider, type TestBrowser, type TestProvider } from '@mac/test-support/oidc-provider';

const CLIENT = { client_id: 'mac-test', client_secret: 'a-test-client-secret-of-some-length' };

let idp: TestProvider;
let mac: TestServer;

beforeAll(async () => {
  idp = await startTestProvider({
    police: { email: DEMO.police, email_verified: true, name: 'Police Officer' },
    // Entra ID without a mailbox: no email claim, the user principal name in preferred_username.
    'entra-hv': { preferred_username: DEMO.hv.toUpperCase(), name: 'Health Visitor' },
    stranger: { email: 'stranger@elsewhere.example.org', email_verified: true },
    unverified: { email: DEMO.lead, email_verified: false },
    outsider: { email: DEMO.outsider, email_verified: true },
    nameless: { name: 'No Address' },
    // A real MAC user, but of a domain this provider may not vouch for.
    'school-dsl': { email: DEMO.dsl, email_verified: true },
    // Another person at the provider given the health visitor's address (a directory change).
    'hv-reassigned': { email: DEMO.hv, email_verified: true },
    // A MAC account with no password at all: it signs in only through the provider.
    'sso-only': { email: 'sso.only@tvp.example.org', email_verified: true },
  });
  // Read as in production: the MAC_OIDC_* variables, parsed by loadConfig's oidcConfigFromEnv.
  const oidcEnv = {
    MAC_OIDC_ISSUER: idp.issuer,
    MAC_OIDC_CLIENT_ID: CLIENT.client_id,
    MAC_OIDC_CLIENT_SECRET: CLIENT.client_secret,
    MAC_OIDC_EMAIL_DOMAINS: 'tvp.example.org, health.example.org, csc.example.org, probation.example.org, elsewhere.example.org',
  };
  mac = await startTestServer({ oidc: oidcConfigFromEnv(oidcEnv) });
  await idp.registerClient({ ...CLIENT, redirect_uris: [mac.origin + CALLBACK_PATH] });
});
afterAll(async () => {
  await mac?.stop();
  await idp?.stop();
});

const isCallback = (next: URL) => next.origin === mac.origin && next.pathname === CALLBACK_PATH;

/** Signs in at the provider as `subject` and returns the callback URL the provider sent back, unvisited. */
async function throughProvider(browser: TestBrowser, subject: string | null): Promise<URL> {
  idp.signInAs(subject);
  const step = await browser.follow(`${mac.origin}/api/auth/oidc/login`, isCallback);
  if (!('next' in step)) throw new Error(`the flow stopped at ${step.url} with ${step.res.status}: ${await step.res.text()}`);
  return step.next;
}

async function lastLoginAudit() {
  return (await mac.deps.repos.audit.list({ action: 'auth:login', limit: 1 }))[0]!;
}

function expectRefused(res: Response, code: string) {
  expect(res.status).toBe(302);
  expect(res.headers.get('location')).toBe(`/sign-in?error=${code}`);
  expect(res.headers.getSetCookie().some((c) => /mac_session=[^;]/.test(c))).toBe(false);
}

describe('OpenID Connect sign-in', () => {
  it('a full code flow (PKCE, state, nonce) signs the mapped user in with a session that works on /api/me', async () => {
    const browser = createTestBrowser();
    const start = await browser.get(`${mac.origin}/api/auth/oidc/login`);
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get('location')!);
    expect(authorize.origin).toBe(idp.issuer);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      client_id: CLIENT.client_id,
      response_type: 'code',
      redirect_uri: mac.origin + CALLBACK_PATH,
      scope: 'openid email profile',
      code_challenge_method: 'S256',
    });
    for (const param of ['code_challenge', 'state', 'nonce']) expect(authorize.searchParams.get(param)).toMatch(/^[\w-]{20,}$/);
    const pendingCookie = start.headers.getSetCookie().find((c) => c.startsWith('mac_oidc='))!;
    expect(pendingCookie).toContain('HttpOnly');
    expect(pendingCookie).toContain('SameSite=Lax');
    // The cookie is sealed: neither the verifier nor the state can be read from it.
    expect(pendingCookie).not.toContain(authorize.searchParams.get('state')!);

    idp.signInAs('police');
    const step = await browser.follow(authorize, isCallback);
    if (!('next' in step)) throw new Error('no callback');
    const done = await browser.get(step.next);
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe('/');
    const setCookies = done.headers.getSetCookie();
    const session = setCookies.find((c) => c.startsWith('mac_session='))!;
    expect(session).toMatch(/^mac_session=[A-Za-z0-9_-]{40,};/);
    expect(session).toContain('SameSite=Strict');
    expect(session).toContain('HttpOnly');
    expect(setCookies.some((c) => /^mac_oidc=;.*Max-Age=0/.test(c))).toBe(true);

    const me = await mac.api(`mac_session=${browser.cookie('mac_session')}`, 'GET', '/api/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: DEMO.police, agency: { slug: 'thames-valley-police' } });
    const record = await lastLoginAudit();
    expect(record).toMatchObject({ outcome: 'allowed', actorId: me.body.id, details: { method: 'oidc', issuer: idp.issuer, subject: 'police', claim: 'email' } });
  });

  it('an account without a password signs in through the provider, and /api/me says it has none', async () => {
    await mac.deps.repos.users.create({ email: 'sso.only@tvp.example.org', name: 'SSO Only', role: 'practitioner', agency: 'thames-valley-police', passwordHash: null });
    const browser = createTestBrowser();
    expect((await browser.get(await throughProvider(browser, 'sso-only'))).headers.get('location')).toBe('/');
    const me = await mac.api(`mac_session=${browser.cookie('mac_session')}`, 'GET', '/api/me');
    expect(me.body).toMatchObject({ email: 'sso.only@tvp.example.org', hasPassword: false });
  });

  it('without an email claim, matches preferred_username (Entra ID user principal name), whatever its case', async () => {
    const browser = createTestBrowser();
    const done = await browser.get(await throughProvider(browser, 'entra-hv'));
    expect(done.headers.get('location')).toBe('/');
    const me = await mac.api(`mac_session=${browser.cookie('mac_session')}`, 'GET', '/api/me');
    expect(me.body.email).toBe(DEMO.hv);
    expect((await lastLoginAudit()).details).toMatchObject({ claim: 'preferred_username' });
  });

  it('refuses an identity with no MAC account: no account is created, no session, an audit record', async () => {
    const usersBefore = (await mac.deps.repos.users.list()).length;
    const browser = createTestBrowser();
    const res = await browser.get(await throughProvider(browser, 'stranger'));
    expectRefused(res, 'oidc_unknown_user');
    expect(browser.cookie('mac_session')).toBeNull();
    expect((await mac.deps.repos.users.list()).length).toBe(usersBefore);
    expect(await lastLoginAudit()).toMatchObject({
      actorId: 'anonymous',
      outcome: 'refused',
      details: { method: 'oidc', reason: 'unknown_identity', email: 'stranger@elsewhere.example.org', subject: 'stranger' },
    });
  });

  it('refuses an email the provider marks unverified, and an ID token with no address at all', async () => {
    const browser = createTestBrowser();
    expectRefused(await browser.get(await throughProvider(browser, 'unverified')), 'oidc_no_email');
    expect((await lastLoginAudit()).details).toMatchObject({ reason: 'email_not_verified' });
    // A new browser: the provider would otherwise sign the same account in again from its own session.
    const other = createTestBrowser();
    expectRefused(await other.get(await throughProvider(other, 'nameless')), 'oidc_no_email');
    expect((await lastLoginAudit()).details).toMatchObject({ reason: 'no_email' });
  });

  it('refuses an address outside the email domains the provider may sign in, before looking the user up', async () => {
    const browser = createTestBrowser();
    expectRefused(await browser.get(await throughProvider(browser, 'school-dsl')), 'oidc_domain_not_allowed');
    expect(await lastLoginAudit()).toMatchObject({ outcome: 'refused', details: { reason: 'email_domain_not_allowed', email: DEMO.dsl } });
  });

  it('refuses a disabled user', async () => {
    const outsider = (await mac.deps.repos.users.byEmail(DEMO.outsider))!;
    await mac.deps.repos.users.setDisabled(outsider.id, true);
    try {
      const browser = createTestBrowser();
      expectRefused(await browser.get(await throughProvider(browser, 'outsider')), 'oidc_account_disabled');
      expect(await lastLoginAudit()).toMatchObject({ outcome: 'refused', details: { reason: 'user_disabled', userId: outsider.id } });
    } finally {
      await mac.deps.repos.users.setDisabled(outsider.id, false);
    }
  });

  it('refuses a tampered state, and the attempt cannot be resumed afterwards', async () => {
    const browser = createTestBrowser();
    const callback = await throughProvider(browser, 'police');
    const tampered = new URL(callback);
    tampered.searchParams.set('state', `${callback.searchParams.get('state')}x`);
    expectRefused(await browser.get(tampered), 'oidc_state');
    expect((await lastLoginAudit()).details).toMatchObject({ reason: 'state_mismatch' });
    expectRefused(await browser.get(callback), 'oidc_state');
    expect(browser.cookie('mac_session')).toBeNull();
  });

  it('refuses a replayed callback: in the same browser, and with the pending cookie kept back by an attacker', async () => {
    const browser = createTestBrowser();
    const callback = await throughProvider(browser, 'police');
    const pending = browser.cookie('mac_oidc')!;
    const sessionsBefore = (await mac.deps.repos.audit.list({ action: 'auth:login', limit: 1000 })).filter((r) => r.outcome === 'allowed').length;
    expect((await browser.get(callback)).headers.get('location')).toBe('/');

    const again = await createTestBrowser().get(callback);
    expectRefused(again, 'oidc_state');
    expect((await lastLoginAudit()).details).toMatchObject({ reason: 'no_pending_sign_in' });
    // Even with the sealed cookie, the provider will not exchange a code twice.
    const stolen = await createTestBrowser().get(callback, `mac_oidc=${pending}`);
    expectRefused(stolen, 'oidc_failed');
    expect((await lastLoginAudit()).details).toMatchObject({ reason: 'token_exchange_failed', error: 'invalid_grant' });
    const sessionsAfter = (await mac.deps.repos.audit.list({ action: 'auth:login', limit: 1000 })).filter((r) => r.outcome === 'allowed').length;
    expect(sessionsAfter).toBe(sessionsBefore + 1);
  });

  it('refuses a callback whose sign-in has expired (ten minutes)', async () => {
    const browser = createTestBrowser();
    const callback = await throughProvider(browser, 'police');
    const realNow = mac.deps.now;
    mac.deps.now = () => new Date(realNow().getTime() + 11 * 60_000);
    try {
      expectRefused(await browser.get(callback), 'oidc_state');
    } finally {
      mac.deps.now = realNow;
    }
    expect((await lastLoginAudit()).details).toMatchObject({ reason: 'pending_sign_in_expired' });
  });

  it("turns the provider's error into a fixed code and never passes its text on", async () => {
    const browser = createTestBrowser();
    const callback = await throughProvider(browser, null);
    expect(callback.searchParams.get('error')).toBe('access_denied');
    const res = await browser.get(callback);
    expectRefused(res, 'oidc_denied');
    expect(await res.text()).toBe('');
    expect((await lastLoginAudit()).details).toMatchObject({ reason: 'provider_error', providerError: 'access_denied' });
  });

  it('says it is enabled', async () => {
    expect((await mac.api(null, 'GET', '/api/auth/oidc/status')).body).toEqual({ enabled: true });
  });
});

describe('the single sign-on identity bound to an account', () => {
  it('the first SSO sign-in binds it; another identity with the same address is refused until an admin unbinds it', async () => {
    const hv = (await mac.deps.repos.users.byEmail(DEMO.hv))!;
    await mac.deps.repos.users.setOidcIdentity(hv.id, null);
    const first = createTestBrowser();
    expect((await first.get(await throughProvider(first, 'entra-hv'))).headers.get('location')).toBe('/');
    expect(await mac.deps.repos.users.byId(hv.id)).toMatchObject({ oidcIssuer: idp.issuer, oidcSubject: 'entra-hv' });
    expect((await mac.deps.repos.audit.list({ action: 'auth:sso-bind', limit: 1 }))[0]).toMatchObject({ actorId: hv.id, details: { subject: 'entra-hv' } });

    const other = createTestBrowser();
    expectRefused(await other.get(await throughProvider(other, 'hv-reassigned')), 'oidc_identity_changed');
    expect(await lastLoginAudit()).toMatchObject({ outcome: 'refused', details: { reason: 'identity_not_bound_to_account', subject: 'hv-reassigned' } });
    // The bound identity still signs in.
    const again = createTestBrowser();
    expect((await again.get(await throughProvider(again, 'entra-hv'))).headers.get('location')).toBe('/');

    const admin = await mac.login(DEMO.admin);
    expect((await mac.api(admin, 'GET', '/api/admin/users')).body.users.find((u: { id: string }) => u.id === hv.id)).toMatchObject({ ssoBound: true });
    expect((await mac.api(await mac.login(DEMO.lead), 'POST', `/api/admin/users/${hv.id}/sso-unbind`)).status).toBe(403);
    expect((await mac.api(admin, 'POST', `/api/admin/users/${hv.id}/sso-unbind`)).status).toBe(204);
    expect(await mac.deps.repos.users.byId(hv.id)).toMatchObject({ oidcSubject: null });
    const rebound = createTestBrowser();
    expect((await rebound.get(await throughProvider(rebound, 'hv-reassigned'))).headers.get('location')).toBe('/');
    expect(await mac.deps.repos.users.byId(hv.id)).toMatchObject({ oidcSubject: 'hv-reassigned' });
    await mac.deps.repos.users.setOidcIdentity(hv.id, null);
  });
});

describe('emergency access confirmed through the provider (users who sign in with single sign-on)', () => {
  /** A chronology the probation officer's agency is not a member of. */
  const foreignChronology = async () => (await mac.deps.repos.chronologies.list()).find((c) => !c.memberAgencies.includes('probation-service'))!.id;

  async function start(cookie: string, chronologyId: string, reason = 'Child brought into custody; need the history now') {
    const res = await fetch(`${mac.origin}/api/chronologies/${chronologyId}/break-glass/sso`, {
      method: 'POST',
      headers: { cookie, origin: mac.origin, 'content-type': 'application/json' },
      body: JSON.stringify({ reason }),
    });
    const pending = res.headers.getSetCookie().find((c) => c.startsWith('mac_oidc='))?.split(';')[0] ?? null;
    return { status: res.status, body: (await res.json()) as { redirectTo?: string; error?: { code: string } }, pending };
  }

  it('asks the provider to sign the user in again now, then grants read-only access, tells the lead and audits it', async () => {
    const cookie = await mac.login(DEMO.outsider);
    const id = await foreignChronology();
    expect((await mac.api(cookie, 'GET', `/api/chronologies/${id}`)).status).toBe(404);
    const started = await start(cookie, id);
    expect(started.status).toBe(200);
    const authorize = new URL(started.body.redirectTo!);
    expect(authorize.origin).toBe(idp.issuer);
    expect(authorize.searchParams.get('prompt')).toBe('login');
    expect(authorize.searchParams.get('max_age')).toBe('0');
    // Nothing granted yet.
    expect((await mac.api(cookie, 'GET', `/api/chronologies/${id}`)).status).toBe(404);

    const browser = createTestBrowser();
    idp.signInAs('outsider');
    const step = await browser.follow(authorize, isCallback);
    if (!('next' in step)) throw new Error('no callback');
    // The provider sends the browser back cross-site: only the Lax pending cookie comes with it.
    const done = await browser.get(step.next, started.pending!);
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe(`/chronologies/${id}`);
    expect(done.headers.getSetCookie().some((c) => c.startsWith('mac_session='))).toBe(false);

    const view = await mac.api(cookie, 'GET', `/api/chronologies/${id}`);
    expect(view.status).toBe(200);
    expect(view.body.permissions).toMatchObject({ readOnly: true, canWrite: false });
    expect(Date.parse(view.body.emergencyAccessUntil)).toBeGreaterThan(Date.now() + 59 * 60_000);
    const record = (await mac.deps.repos.audit.list({ action: 'chronology:break-glass', chronologyId: id, limit: 1 }))[0]!;
    expect(record).toMatchObject({ outcome: 'allowed', details: { reauthenticatedWith: 'oidc', reason: 'Child brought into custody; need the history now' } });
    const lead = (await mac.deps.repos.chronologies.get(id))!.leadUserId;
    expect((await mac.deps.repos.notifications.listForUser(lead, { limit: 5 })).some((n) => n.kind === 'break-glass' && n.chronologyId === id)).toBe(true);
  });

  it('refuses when the provider signs in someone else, and the attempt cannot be replayed', async () => {
    const cookie = await mac.login(DEMO.outsider);
    const id = (await mac.deps.repos.chronologies.list()).filter((c) => !c.memberAgencies.includes('probation-service')).at(-1)!.id;
    (await mac.deps.repos.breakGlass.activeForUser((await mac.deps.repos.users.byEmail(DEMO.outsider))!.id)).forEach((g) => expect(g.chronologyId).not.toBe(id));
    const started = await start(cookie, id);
    const browser = createTestBrowser();
    idp.signInAs('police');
    const step = await browser.follow(started.body.redirectTo!, isCallback);
    if (!('next' in step)) throw new Error('no callback');
    const done = await browser.get(step.next, started.pending!);
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe('/emergency-access?error=oidc_other_user');
    expect((await mac.api(cookie, 'GET', `/api/chronologies/${id}`)).status).toBe(404);
    const refusal = (await mac.deps.repos.audit.list({ action: 'chronology:break-glass', chronologyId: id, limit: 1 }))[0]!;
    expect(refusal).toMatchObject({ outcome: 'refused', details: { reason: 'sso: different_user' } });
    // The same callback again (the pending cookie kept back): refused, still nothing granted.
    const again = await browser.get(step.next, started.pending!);
    expect(again.headers.get('location')).toMatch(/^\/emergency-access\?error=oidc_/);
    expect((await mac.api(cookie, 'GET', `/api/chronologies/${id}`)).status).toBe(404);
  });

  it('checks who may ask before sending anyone to the provider', async () => {
    const police = await mac.login(DEMO.police);
    const member = (await mac.deps.repos.chronologies.list()).find((c) => c.memberAgencies.includes('thames-valley-police'))!.id;
    expect(await start(police, member)).toMatchObject({ status: 409, body: { error: { code: 'already_member' } }, pending: null });
    const outsider = await mac.login(DEMO.outsider);
    // The grant from the earlier test still runs: asking again extends nothing (issue 11, finding 11).
    expect(await start(outsider, await foreignChronology(), 'Asking again while the first grant runs')).toMatchObject({ status: 409, body: { error: { code: 'already_granted' } }, pending: null });
    for (const g of await mac.deps.repos.breakGlass.activeForUser((await mac.deps.repos.users.byEmail(DEMO.outsider))!.id)) await mac.deps.repos.breakGlass.end(g.id);
    expect(await start(outsider, await foreignChronology(), 'short')).toMatchObject({ status: 422, pending: null });
    expect(await start(outsider, '00000000-0000-4000-8000-000000000000')).toMatchObject({ status: 404, pending: null });
  });
});

describe('OpenID Connect when not configured', () => {
  let plain: TestServer;
  beforeAll(async () => {
    plain = await startTestServer();
  });
  afterAll(async () => {
    await plain?.stop();
  });

  it('answers 404 oidc_disabled on both routes and says it is off', async () => {
    for (const path of ['/api/auth/oidc/login', `${CALLBACK_PATH}?code=x&state=y`]) {
      const res = await plain.api(null, 'GET', path);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('oidc_disabled');
    }
    expect((await plain.api(null, 'GET', '/api/auth/oidc/status')).body).toEqual({ enabled: false });
  });
});

describe('OpenID Connect with the provider unreachable', () => {
  it('sends the user back to the sign-in page and logs the cause once', async () => {
    const app = new OpenAPIHono<AppEnv>();
    app.use('*', async (c, next) => {
      c.set('deps', mac.deps);
      c.set('ip', null);
      await next();
    });
    // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
    registerOidcRoutes(app, { issuer: 'http://127.0.0.1:9', clientId: 'x', clientSecret: null, redirectUri: null, scopes: 'openid', emailDomains: null, allowInsecureRequests: true, pendingKey: null });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      for (let i = 0; i < 2; i++) {
        const res = await app.request('http://mac.test/api/auth/oidc/login');
        expect(res.status).toBe(302);
        expect(res.headers.get('location')).toBe('/sign-in?error=oidc_unavailable');
      }
      expect(logged).toHaveBeenCalledTimes(1);
      expect(String(logged.mock.calls[0]![0])).toContain('http://127.0.0.1:9');
    } finally {
      logged.mockRestore();
    }
  });
});
