import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, inlineDb, startTestServer, type TestServer } from './testing.js';

let server: TestServer;
let admin: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.login(DEMO.admin);
});
afterAll(async () => {
  await server?.stop();
});

describe('periodic access review', () => {
  it('lists every account and token with when it was last used, and flags what has gone unused', async () => {
    await server.login(DEMO.police);
    const issued = await server.api(admin, 'POST', '/api/admin/tokens', { agency: 'thames-valley-police', name: 'Niche RMS link' });
    expect(issued.status).toBe(201);
    await server.approve('tokens', issued.body.record.id);
    const disable = (await server.deps.repos.users.byEmail(DEMO.outsider))!;
    expect((await server.api(admin, 'POST', `/api/admin/users/${disable.id}/disable`)).status).toBe(204);

    const today = await server.api(admin, 'GET', '/api/admin/access-review');
    expect(today.status).toBe(200);
    const police = today.body.users.find((u: { email: string }) => u.email === DEMO.police);
    expect(police).toMatchObject({ role: 'practitioner', agency: 'thames-valley-police', agencyName: 'Thames Valley Police', disabled: false, ssoBound: false, liveSessions: 1, stale: false });
    expect(Date.parse(police.lastSignInAt)).toBeGreaterThan(Date.now() - 60_000);
    // Never signed in, but only just created: not stale yet.
    expect(today.body.users.find((u: { email: string }) => u.email === DEMO.hv)).toMatchObject({ lastSignInAt: null, stale: false });
    expect(today.body.users.find((u: { id: string }) => u.id === disable.id)).toMatchObject({ disabled: true, stale: false });
    expect(today.body.tokens).toEqual([expect.objectContaining({ name: 'Niche RMS link', lastUsedAt: null, revokedAt: null, stale: false })]);

    // Accounts and a token made 200 days ago and never used since are flagged; a disabled one is not.
    const longAgo = new Date(Date.now() - 200 * 86_400_000).toISOString();
    const hv = (await server.deps.repos.users.byEmail(DEMO.hv))!;
    inlineDb(server.deps).sqlite.prepare('UPDATE users SET created_at = ? WHERE id IN (?, ?)').run(longAgo, hv.id, disable.id);
    inlineDb(server.deps).sqlite.prepare('UPDATE api_tokens SET created_at = ?').run(longAgo);
    const later = await server.api(admin, 'GET', '/api/admin/access-review');
    expect(later.status).toBe(200);
    expect(later.body.users.find((u: { id: string }) => u.id === hv.id)).toMatchObject({ lastSignInAt: null, stale: true });
    expect(later.body.users.find((u: { id: string }) => u.id === disable.id)).toMatchObject({ disabled: true, stale: false });
    expect(later.body.users.find((u: { email: string }) => u.email === DEMO.police)).toMatchObject({ stale: false });
    expect(later.body.tokens[0]).toMatchObject({ stale: true });
    const staleUsers = later.body.users.filter((u: { stale: boolean }) => u.stale).length;
    expect(staleUsers).toBeGreaterThanOrEqual(1);
    expect(later.body.summary).toEqual({ users: later.body.users.length, disabled: 1, staleUsers, tokens: 1, staleTokens: 1 });
    // A longer window changes the verdict.
    const lenient = await server.api(admin, 'GET', '/api/admin/access-review?staleDays=365');
    expect(lenient.body.users.find((u: { id: string }) => u.id === hv.id).stale).toBe(false);
    expect(lenient.body.summary.staleTokens).toBe(0);

    const record = (await server.deps.repos.audit.list({ action: 'admin:access-review', limit: 1 }))[0]!;
    expect(record).toMatchObject({ outcome: 'allowed', details: { staleAfterDays: 365 } });
  });

  it('is for administrators only, and refuses a bad window naming the field', async () => {
    for (const who of [DEMO.lead, DEMO.dsl, DEMO.police]) {
      expect((await server.api(await server.login(who), 'GET', '/api/admin/access-review')).status).toBe(403);
    }
    expect((await server.api(null, 'GET', '/api/admin/access-review')).status).toBe(401);
    for (const bad of ['0', '-5', 'ninety', '3651', '1.5']) {
      const res = await server.api(admin, 'GET', `/api/admin/access-review?staleDays=${bad}`);
      expect(res.status).toBe(422);
      expect(res.body.error.fields[0].field).toBe('staleDays');
    }
  });
});
