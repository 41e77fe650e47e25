import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { entryText, sharedDocName, restrictedDocName } from '@mac/sync';
import { DEMO, startTestServer, TEST_PASSWORD, type TestServer } from './testing.js';
import { connect, upgradeStatus } from './sync-testing.js';

let server: TestServer;
let lead: string, outsider: string, police: string;
let chronologyId: string;
let nhsNumber: string;

// vi.waitFor gives up after 1 s by default, which a loaded two-core machine can exceed for a live message or
// the access sweep: these waits are for something to happen, not bounds on how fast. Each returns as soon
// as its condition holds.
const SETTLE = { timeout: 10_000 };

beforeAll(async () => {
  server = await startTestServer();
  lead = await server.login(DEMO.lead);
  outsider = await server.login(DEMO.outsider);
  police = await server.login(DEMO.police);
  const list = await server.api(lead, 'GET', '/api/chronologies');
  const child = list.body.chronologies.find((c: { child: { nhsNumber: string | null } }) => c.child.nhsNumber);
  chronologyId = child.id;
  nhsNumber = child.child.nhsNumber;
});
afterAll(async () => {
  await server?.stop();
});

describe('break-glass emergency access', () => {
  it('finds the chronology by NHS number, refuses without re-authentication or a reason, then grants read-only access', async () => {
    expect((await server.api(outsider, 'GET', `/api/chronologies/${chronologyId}`)).status).toBe(404);
    const found = await server.api(outsider, 'POST', '/api/break-glass/lookup', { nhsNumber });
    expect(found.status).toBe(200);
    expect(found.body.chronologyId).toBe(chronologyId);
    expect(JSON.stringify(found.body)).not.toMatch(/familyName|dateOfBirth/);

    const wrongPassword = await server.api(outsider, 'POST', `/api/chronologies/${chronologyId}/break-glass`, { reason: 'Child brought in unconscious; need history', password: 'not-my-password' });
    expect(wrongPassword.status).toBe(422);
    expect(wrongPassword.body.error.fields[0].field).toBe('password');
    const noReason = await server.api(outsider, 'POST', `/api/chronologies/${chronologyId}/break-glass`, { reason: 'x', password: TEST_PASSWORD });
    expect(noReason.status).toBe(422);
    expect((await server.api(outsider, 'GET', `/api/chronologies/${chronologyId}`)).status).toBe(404);

    const granted = await server.api(outsider, 'POST', `/api/chronologies/${chronologyId}/break-glass`, { reason: 'Child brought in unconscious; need history', password: TEST_PASSWORD });
    expect(granted.status).toBe(201);
    const view = await server.api(outsider, 'GET', `/api/chronologies/${chronologyId}`);
    expect(view.status).toBe(200);
    expect(view.body.permissions).toMatchObject({ readOnly: true, canWrite: false });
    expect(view.body.emergencyAccessUntil).toBe(granted.body.expiresAt);
    expect(Date.parse(view.body.emergencyAccessUntil) - Date.now()).toBeGreaterThan(59 * 60_000);
    expect((await server.api(lead, 'GET', `/api/chronologies/${chronologyId}`)).body.emergencyAccessUntil).toBeNull();
    expect((await server.api(outsider, 'GET', `/api/chronologies/${chronologyId}/entries`)).status).toBe(200);
    expect((await server.api(outsider, 'POST', `/api/chronologies/${chronologyId}/entries`, { date: '2024-01-01', category: 'other', summary: 'Should not be allowed' })).status).toBe(403);
    expect((await server.api(outsider, 'GET', `/api/chronologies/${chronologyId}/export.csv`)).status).toBe(403);
    expect(await upgradeStatus(server.origin, `/sync/${restrictedDocName(chronologyId, 'probation-service')}`, { cookie: outsider, origin: server.origin })).toBe(404);

    // The live document opens read-only: a write is refused and never stored.
    const c = connect(server.origin, outsider, sharedDocName(chronologyId));
    await vi.waitFor(() => expect(c.provider.synced).toBe(true), SETTLE);
    const before = (await server.deps.repos.updateLog.load(sharedDocName(chronologyId))).length;
    c.doc.getMap('entries').set('00000000-0000-4000-8000-00000000abcd', entryText({ summary: 'written read-only' }));
    await vi.waitFor(() => expect(c.closes.length).toBeGreaterThan(0), SETTLE);
    expect((await server.deps.repos.updateLog.load(sharedDocName(chronologyId))).length).toBe(before);
    c.destroy();
  });

  it('notifies the lead, who reviews it; the access is audited', async () => {
    const notes = await server.api(lead, 'GET', '/api/notifications');
    expect(notes.body.notifications[0]).toMatchObject({ kind: 'break-glass', chronologyId });
    expect(notes.body.notifications[0].message).toContain('emergency access');
    const pending = await server.api(lead, 'GET', '/api/break-glass/reviews');
    expect(pending.body.grants).toHaveLength(1);
    const grant = pending.body.grants[0];
    expect(grant.reads).toBeGreaterThan(0);
    expect((await server.api(police, 'POST', `/api/break-glass/${grant.id}/review`, { note: 'fine' })).status).toBe(404);
    expect((await server.api(lead, 'POST', `/api/break-glass/${grant.id}/review`, { note: '' })).status).toBe(422);
    const reviewed = await server.api(lead, 'POST', `/api/break-glass/${grant.id}/review`, { note: 'Spoke to the ED consultant: justified.' });
    expect(reviewed.status).toBe(200);
    expect((await server.api(lead, 'GET', '/api/break-glass/reviews')).body.grants).toHaveLength(0);
    const audit = await server.api(lead, 'GET', `/api/chronologies/${chronologyId}/audit?action=chronology:break-glass`);
    expect(audit.body.records.map((r: { outcome: string }) => r.outcome)).toEqual(['allowed', 'refused']);
  });

  it('ends with the grant: access and live connections close', async () => {
    const c = connect(server.origin, outsider, sharedDocName(chronologyId));
    await vi.waitFor(() => expect(c.provider.synced).toBe(true), SETTLE);
    const grant = (await server.deps.repos.breakGlass.activeFor(chronologyId, new Date().toISOString()))[0]!;
    await server.deps.repos.breakGlass.end(grant.id, new Date().toISOString());
    expect((await server.api(outsider, 'GET', `/api/chronologies/${chronologyId}`)).status).toBe(404);
    await vi.waitFor(() => expect(c.closes.some((x) => x.code === 4403)).toBe(true), SETTLE);
    c.destroy();
  });

  it('[F11] one running grant per user and chronology: asking again extends nothing; a later grant needs a new reason and is flagged as a repeat', async () => {
    const ask = (reason: string) => server.api(outsider, 'POST', `/api/chronologies/${chronologyId}/break-glass`, { reason, password: TEST_PASSWORD });
    // The earlier grant has ended (previous test). The same reason again is not a reason for access now.
    const sameReason = await ask('  child brought in UNCONSCIOUS;   need history ');
    expect(sameReason.status).toBe(422);
    expect(sameReason.body.error.fields[0].field).toBe('reason');

    const second = await ask('Sibling admitted with injuries; need the family history');
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ repeat: true, earlierGrants: 1 });
    expect(second.body.lastGrantedAt).not.toBeNull();

    // While it runs, asking again (even with a new reason and the right password) is refused and extends nothing.
    const again = await ask('Still at the hospital, need another hour please');
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'already_granted', grantId: second.body.id, expiresAt: second.body.expiresAt });
    const running = (await server.deps.repos.breakGlass.activeFor(chronologyId, new Date().toISOString())).filter((g) => g.userId === second.body.userId);
    expect(running.map((g) => [g.id, g.expiresAt])).toEqual([[second.body.id, second.body.expiresAt]]);

    // The lead's review list flags it as a repeat; the notification says so too.
    const pending = (await server.api(lead, 'GET', '/api/break-glass/reviews')).body.grants;
    expect(pending.map((g: { id: string; repeat: boolean }) => [g.id, g.repeat])).toEqual([[second.body.id, true]]);
    expect((await server.api(lead, 'GET', '/api/notifications')).body.notifications[0].message).toMatch(/again \(2 times now\)/);

    // Two requests racing through re-authentication: exactly one is granted.
    await server.deps.repos.breakGlass.end(second.body.id, new Date().toISOString());
    const raced = await Promise.all([ask('Third visit to A&E this month, checking history'), ask('Police called to the home tonight, need context')]);
    expect(raced.map((r) => r.status).sort()).toEqual([201, 409]);
    expect((await server.deps.repos.breakGlass.activeFor(chronologyId, new Date().toISOString())).filter((g) => g.userId === second.body.userId)).toHaveLength(1);
  });

  it('shows a grantee of an agency that has left only the shared record, never the restricted entries that agency once wrote', async () => {
    const created = await server.api(lead, 'POST', '/api/chronologies', { child: { givenName: 'Former', familyName: 'Member' }, memberAgencies: ['thames-valley-police'] });
    const id = created.body.id as string;
    const post = (body: object) => server.api(police, 'POST', `/api/chronologies/${id}/entries`, { date: '2026-10-20', category: 'other', ...body });
    expect((await post({ summary: 'Shared call-out record' })).status).toBe(201);
    expect((await post({ summary: 'Intelligence zephyrine: informant at the address', restricted: true })).status).toBe(201);
    expect((await server.api(lead, 'DELETE', `/api/chronologies/${id}/members/thames-valley-police`)).status).toBe(200);
    expect((await server.api(police, 'GET', `/api/chronologies/${id}/entries`)).status).toBe(404);

    const granted = await server.api(police, 'POST', `/api/chronologies/${id}/break-glass`, { reason: 'Child in custody suite; need the history', password: TEST_PASSWORD });
    expect(granted.status).toBe(201);
    const read = await server.api(police, 'GET', `/api/chronologies/${id}/entries`);
    expect(read.status).toBe(200);
    expect(read.body.entries.map((e: { summary: string }) => e.summary)).toEqual(['Shared call-out record']);
    expect(JSON.stringify(read.body)).not.toContain('zephyrine');
    const view = await server.api(police, 'GET', `/api/chronologies/${id}`);
    expect(view.body.docs.restricted).toBeNull();
    expect(await upgradeStatus(server.origin, `/sync/${restrictedDocName(id, 'thames-valley-police')}`, { cookie: police, origin: server.origin })).toBe(404);
    const found = await server.api(police, 'GET', `/api/search?q=zephyrine`);
    expect(JSON.stringify(found.body)).not.toContain(id);
    // The lead's agency (a member) still reads the shared entry; the restricted one stays police-only.
    const leadRead = await server.api(lead, 'GET', `/api/chronologies/${id}/entries`);
    expect(JSON.stringify(leadRead.body)).not.toContain('zephyrine');
  });

  it('is not for members, administrators or agency systems', async () => {
    expect((await server.api(police, 'POST', `/api/chronologies/${chronologyId}/break-glass`, { reason: 'Already a member here', password: TEST_PASSWORD })).status).toBe(409);
    const admin = await server.login(DEMO.admin);
    expect((await server.api(admin, 'POST', `/api/chronologies/${chronologyId}/break-glass`, { reason: 'Administrators have no access', password: TEST_PASSWORD })).status).toBe(403);
  });
});
