import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestServer, TEST_PASSWORD, type TestServer } from './testing.js';

let server: TestServer;
let admin: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.login(DEMO.admin);
});
afterAll(async () => {
  await server?.stop();
});

describe('administration of accounts and tokens', () => {
  it('disables and enables a user: signed out at once, signs in again only once enabled; both audited', async () => {
    const made = await server.api(admin, 'POST', '/api/admin/users', { email: 'temp.worker@tvp.example.org', name: 'Temp Worker', role: 'practitioner', agency: 'thames-valley-police', password: 'a long temporary passphrase' });
    expect(made.status).toBe(201);
    const id: string = made.body.user.id;
    await server.approve('users', id);
    const session = await server.login('temp.worker@tvp.example.org', 'a long temporary passphrase');
    expect((await server.api(admin, 'POST', `/api/admin/users/${id}/disable`)).status).toBe(204);
    expect((await server.api(session, 'GET', '/api/me')).status).toBe(401);
    await expect(server.login('temp.worker@tvp.example.org', 'a long temporary passphrase')).rejects.toThrow(/401/);
    expect((await server.api(admin, 'POST', `/api/admin/users/${id}/enable`)).status).toBe(204);
    expect((await server.api(session, 'GET', '/api/me')).status).toBe(401); // the old session stays ended
    const fresh = await server.login('temp.worker@tvp.example.org', 'a long temporary passphrase');
    expect((await server.api(fresh, 'GET', '/api/me')).status).toBe(200);
    const actions = (await server.deps.repos.audit.list({ limit: 50 })).filter((r) => r.details && (r.details as { userId?: string }).userId === id).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['admin:user-disable', 'admin:user-enable']));
    expect((await server.api(admin, 'POST', '/api/admin/users/00000000-0000-4000-8000-000000000000/enable')).status).toBe(404);
  });

  it('an administrator cannot disable their own account', async () => {
    const me = (await server.api(admin, 'GET', '/api/me')).body.id as string;
    const res = await server.api(admin, 'POST', `/api/admin/users/${me}/disable`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('cannot_disable_self');
    expect((await server.deps.repos.users.byId(me))!.disabled).toBe(false);
    expect((await server.api(admin, 'GET', '/api/me')).status).toBe(200);
  });

  it('revoking a token: 404 for one that does not exist, and revoking twice leaves it revoked', async () => {
    expect((await server.api(admin, 'POST', '/api/admin/tokens/00000000-0000-4000-8000-000000000000/revoke')).status).toBe(404);
    const issued = await server.api(admin, 'POST', '/api/admin/tokens', { agency: 'thames-valley-police', name: 'Twice revoked' });
    const { token, record } = issued.body as { token: string; record: { id: string; issuedBy: string } };
    await server.approve('tokens', record.id);
    expect(record.issuedBy).toBe((await server.deps.repos.users.byEmail(DEMO.admin))!.name);
    const listed = (await server.api(admin, 'GET', '/api/admin/tokens')).body.tokens.find((t: { id: string }) => t.id === record.id);
    expect(listed).toMatchObject({ issuedBy: record.issuedBy });
    expect((await server.api(null, 'GET', '/api/me', undefined, { authorization: `Bearer ${token}` })).status).toBe(200);
    // Its last use is recorded (for the access review), at most once a minute.
    const firstUse = (await server.deps.repos.apiTokens.byId(record.id))!.lastUsedAt;
    expect(firstUse).not.toBeNull();
    expect((await server.api(null, 'GET', '/api/me', undefined, { authorization: `Bearer ${token}` })).status).toBe(200);
    expect((await server.deps.repos.apiTokens.byId(record.id))!.lastUsedAt).toBe(firstUse);
    for (let i = 0; i < 2; i++) expect((await server.api(admin, 'POST', `/api/admin/tokens/${record.id}/revoke`)).status).toBe(204);
    expect((await server.api(null, 'GET', '/api/me', undefined, { authorization: `Bearer ${token}` })).status).toBe(401);
  });

  it('is refused to everyone else', async () => {
    const lead = await server.login(DEMO.lead, TEST_PASSWORD);
    const someone = (await server.deps.repos.users.byEmail(DEMO.police))!.id;
    for (const path of [`/api/admin/users/${someone}/disable`, `/api/admin/users/${someone}/enable`]) {
      expect((await server.api(lead, 'POST', path)).status).toBe(403);
    }
    expect((await server.deps.repos.users.byId(someone))!.disabled).toBe(false);
  });
});
