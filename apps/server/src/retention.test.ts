import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedDocName } from '@mac/sync';
import { loadConfig } from './config.js';
import { retentionDate } from './services/retention.js';
import { DEMO, startTestServer, type TestServer } from './testing.js';

let server: TestServer;
let lead: string, admin: string;

beforeAll(async () => {
  server = await startTestServer();
  lead = await server.login(DEMO.lead);
  admin = await server.login(DEMO.admin);
});
afterAll(async () => {
  await server?.stop();
});

describe('retention', () => {
  it('lists chronologies past retention, honours legal holds, and disposes only on an explicit audited action', async () => {
    // Born 1990: 25 years on is long past.
    const old = await server.api(lead, 'POST', '/api/chronologies', { child: { givenName: 'Old', familyName: 'Record', dateOfBirth: '1990-01-01' }, memberAgencies: ['thames-valley-police'] });
    const id = old.body.id as string;
    await server.api(lead, 'POST', `/api/chronologies/${id}/entries`, { date: '2005-03-01', category: 'other', summary: 'An old entry' });

    const due = await server.api(admin, 'GET', '/api/admin/retention');
    expect(due.status).toBe(200);
    expect(due.body.chronologies.map((c: { id: string }) => c.id)).toEqual([id]);
    expect(due.body.chronologies[0]).toMatchObject({ retentionUntil: '2015-01-01', legalHold: false });
    expect(JSON.stringify(due.body)).not.toContain('Record');

    expect((await server.api(lead, 'POST', `/api/chronologies/${id}/legal-hold`, { hold: true, reason: 'Subject of a civil claim' })).status).toBe(200);
    const held = await server.api(admin, 'POST', `/api/admin/retention/${id}/dispose`, { confirm: id, reason: 'Retention schedule' });
    expect(held.status).toBe(409);
    expect(held.body.error.code).toBe('legal_hold');
    expect((await server.api(lead, 'POST', `/api/chronologies/${id}/legal-hold`, { hold: false, reason: 'Claim settled' })).status).toBe(200);

    expect((await server.api(admin, 'POST', `/api/admin/retention/${id}/dispose`, { confirm: 'wrong', reason: 'Retention schedule' })).status).toBe(422);
    expect((await server.api(lead, 'GET', `/api/chronologies/${id}`)).status).toBe(200);

    const disposed = await server.api(admin, 'POST', `/api/admin/retention/${id}/dispose`, { confirm: id, reason: 'Retention schedule 2026/11' });
    expect(disposed.status).toBe(200);
    expect(disposed.body.removedRows).toBeGreaterThan(3);
    expect((await server.api(lead, 'GET', `/api/chronologies/${id}`)).status).toBe(404);
    expect(await server.deps.repos.updateLog.load(sharedDocName(id))).toEqual([]);
    // The audit trail of the chronology, and of its disposal, stays and still verifies.
    const trail = await server.deps.repos.audit.list({ limit: 10_000 });
    expect(trail.some((r) => r.action === 'admin:dispose' && r.details.chronologyId === id)).toBe(true);
    expect(trail.some((r) => r.chronologyId === id && r.action === 'entry.create')).toBe(true);
    expect((await server.deps.repos.audit.verify()).ok).toBe(true);
  });

  it('refuses to dispose of a chronology that is not due', async () => {
    const list = await server.api(lead, 'GET', '/api/chronologies');
    const current = list.body.chronologies[0].id;
    const res = await server.api(admin, 'POST', `/api/admin/retention/${current}/dispose`, { confirm: current, reason: 'mistake' });
    expect(res.status).toBe(409);
    expect((await server.api(lead, 'GET', `/api/chronologies/${current}`)).status).toBe(200);
  });
});

describe('retention period', () => {
  it('is 25 years by default, set by MAC_RETENTION_YEARS, and a bad value stops the start', () => {
    const env = (extra: Record<string, string>) => ({ MAC_DATA_DIR: '/tmp/unused', ...extra }) as NodeJS.ProcessEnv;
    expect(loadConfig(env({})).retentionYears).toBe(25);
    expect(loadConfig(env({ MAC_RETENTION_YEARS: '30' })).retentionYears).toBe(30);
    for (const bad of ['0', '2.5', 'ten', '151']) expect(() => loadConfig(env({ MAC_RETENTION_YEARS: bad }))).toThrow(/MAC_RETENTION_YEARS must be a whole number/);
    const child = { givenName: 'A', familyName: 'B', dateOfBirth: '2010-02-28', nhsNumber: null, upn: null };
    expect(retentionDate({ createdAt: '2024-01-01T00:00:00.000Z', child } as never, 30)).toBe('2040-02-28');
  });
});
