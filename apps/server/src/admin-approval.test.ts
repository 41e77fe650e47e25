/**
 * An administrator cannot give themselves content (issue 11, finding 5). Creating a lead with a known
 * password, or issuing an agency API token, used to be enough to read any chronology. Now what an
 * administrator creates works only once a second person approves it (another administrator, or a lead of
 * the same agency), and a new account's first read of a chronology is told to its lead and marked in the
 * access report.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDeps } from './deps.js';
import { audit } from './services/audit.js';
import { userPrincipal } from './services/auth/sessions.js';
import { DEMO, startTestServer, testDatabaseUrl, type TestServer } from './testing.js';

let server: TestServer;
let admin: string, admin2: string, lead: string;
let chronologyId: string;

beforeAll(async () => {
  server = await startTestServer();
  [admin, admin2, lead] = await Promise.all([server.login(DEMO.admin), server.login(DEMO.admin2), server.login(DEMO.lead)]);
  const list = await server.api(lead, 'GET', '/api/chronologies');
  chronologyId = list.body.chronologies[0].id;
});
afterAll(async () => {
  await server?.stop();
});

const PASSWORD = 'an administrator knows this passphrase';

describe('the two-person rule', () => {
  it('a lead account an administrator creates cannot sign in until a second administrator approves it', async () => {
    const made = await server.api(admin, 'POST', '/api/admin/users', { email: 'sock.puppet@csc.example.org', name: 'Sock Puppet', role: 'lead', agency: 'oxfordshire-csc', password: PASSWORD });
    expect(made.status).toBe(201);
    expect(made.body.user.approved).toBe(false);
    const id: string = made.body.user.id;

    const refused = await server.api(null, 'POST', '/api/auth/login', { email: 'sock.puppet@csc.example.org', password: PASSWORD });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('awaiting_approval');
    // A wrong password says nothing about the account's state.
    expect((await server.api(null, 'POST', '/api/auth/login', { email: 'sock.puppet@csc.example.org', password: 'not the right passphrase' })).status).toBe(401);

    // The creator cannot approve it; a practitioner cannot even see it.
    const own = await server.api(admin, 'POST', `/api/approvals/users/${id}`);
    expect(own.status).toBe(403);
    const police = await server.login(DEMO.police);
    expect((await server.api(police, 'POST', `/api/approvals/users/${id}`)).status).toBe(403);
    expect((await server.api(police, 'GET', '/api/approvals')).status).toBe(403);

    const pending = (await server.api(admin2, 'GET', '/api/approvals')).body.pending as Array<{ id: string; mayApprove: boolean; createdByName: string }>;
    expect(pending.find((p) => p.id === id)).toMatchObject({ mayApprove: true, createdByName: 'Alex Morgan' });
    expect((await server.api(admin, 'GET', '/api/approvals')).body.pending.find((p: { id: string }) => p.id === id)).toMatchObject({ mayApprove: false });

    expect((await server.api(admin2, 'POST', `/api/approvals/users/${id}`)).status).toBe(204);
    expect((await server.api(admin2, 'POST', `/api/approvals/users/${id}`)).status).toBe(404); // once
    expect((await server.api(null, 'POST', '/api/auth/login', { email: 'sock.puppet@csc.example.org', password: PASSWORD })).status).toBe(200);

    const records = await server.deps.repos.audit.list({ action: 'approval:grant', limit: 20 });
    expect(records.filter((r) => r.outcome === 'refused' && r.details.subjectId === id).length).toBeGreaterThanOrEqual(2);
    expect(records.find((r) => r.outcome === 'allowed' && r.details.subjectId === id)).toMatchObject({ actorLabel: 'Jordan Reid', details: { createdBy: (await server.deps.repos.users.byEmail(DEMO.admin))!.id } });
  });

  it('an agency API token works only once approved, and a lead of that agency may approve it', async () => {
    const issued = await server.api(admin, 'POST', '/api/admin/tokens', { agency: 'oxfordshire-csc', name: 'CSC case system' });
    expect(issued.status).toBe(201);
    const bearer = { authorization: `Bearer ${issued.body.token}` };
    expect((await server.api(null, 'GET', `/api/chronologies/${chronologyId}/entries`, undefined, bearer)).status).toBe(401);

    // The lead of another agency's token cannot see it; the CSC lead can, and approves it.
    const policeToken = await server.api(admin, 'POST', '/api/admin/tokens', { agency: 'thames-valley-police', name: 'Police system' });
    expect((await server.api(lead, 'POST', `/api/approvals/tokens/${policeToken.body.record.id}`)).status).toBe(404);
    const visible = (await server.api(lead, 'GET', '/api/approvals')).body.pending.map((p: { id: string }) => p.id);
    expect(visible).toContain(issued.body.record.id);
    expect(visible).not.toContain(policeToken.body.record.id);
    expect((await server.api(lead, 'POST', `/api/approvals/tokens/${issued.body.record.id}`)).status).toBe(204);
    expect((await server.api(null, 'GET', `/api/chronologies/${chronologyId}/entries`, undefined, bearer)).status).toBe(200);
  });

  it('a lead cannot approve an administrator account, even of their own agency', async () => {
    const made = await server.api(admin, 'POST', '/api/admin/users', { email: 'another.admin@csc.example.org', name: 'Another Admin', role: 'admin', agency: 'oxfordshire-csc', password: PASSWORD });
    expect((await server.api(lead, 'POST', `/api/approvals/users/${made.body.user.id}`)).status).toBe(404);
  });
});

describe('new accounts are watched', () => {
  it('the first read of a chronology by an account created in the last 30 days tells its lead, once; the access report marks it', async () => {
    const { cookie: newcomer } = await server.newAccount({ email: 'new.starter@csc.example.org', name: 'New Starter', role: 'practitioner', agency: 'oxfordshire-csc', password: PASSWORD });
    expect((await server.api(lead, 'GET', `/api/chronologies/${chronologyId}`)).status).toBe(200);
    type Note = { kind: string; message: string; chronologyId: string | null };
    const aboutThis = async () => ((await server.api(lead, 'GET', '/api/notifications')).body.notifications as Note[]).filter((n) => n.chronologyId === chronologyId);
    const before = (await aboutThis()).length;

    expect((await server.api(newcomer, 'GET', `/api/chronologies/${chronologyId}`)).status).toBe(200);
    expect((await server.api(newcomer, 'GET', `/api/chronologies/${chronologyId}/entries`)).status).toBe(200);
    // Once for this chronology, however many reads. (Its highlight count also read the plan entries of a
    // sibling in its household: that is a first read of the sibling's chronology, told to its lead too.)
    const notes = await aboutThis();
    expect(notes).toHaveLength(before + 1);
    expect(notes[0]).toMatchObject({ kind: 'new-account-read' });
    expect(notes[0]!.message).toContain('New Starter');

    const report = (await server.api(lead, 'GET', `/api/chronologies/${chronologyId}/access-report`)).body.readers as Array<{ name: string; newAccount: boolean }>;
    expect(report.find((r) => r.name === 'New Starter')?.newAccount).toBe(true);
    expect(report.find((r) => r.name === 'Priya Shah')?.newAccount).toBe(false);

    // Still once after the newcomer's own writes fill the audit records last looked at (50): a read after
    // them is not a first read. (The server looks each reader and chronology up once, not at every read.)
    for (let i = 0; i < 50; i++) {
      expect((await server.api(newcomer, 'POST', `/api/chronologies/${chronologyId}/entries`, { date: '2024-01-02', category: 'other', summary: `Newcomer's entry ${i}` })).status).toBe(201);
    }
    expect((await server.api(newcomer, 'GET', `/api/chronologies/${chronologyId}/entries`)).status).toBe(200);
    expect(await aboutThis()).toHaveLength(before + 1);
  });
});

/**
 * The server's deps whose audit appends each wait, once durable, until `n` of them are: `n` reads whose
 * records are all durable before any of them looks whether it was the first.
 */
function appendsDurableTogether(real: AppDeps, n: number): AppDeps {
  let durable = 0;
  let release!: () => void;
  const all = new Promise<void>((resolve) => (release = resolve));
  const repo = real.repos.audit;
  const append: typeof repo.append = async (input) => {
    const record = await repo.append(input);
    if (++durable === n) release();
    await all;
    return record;
  };
  const audits = new Proxy(repo, { get: (r, m) => (m === 'append' ? append : (r as unknown as Record<string | symbol, unknown>)[m]) });
  const repos = new Proxy(real.repos, { get: (r, k) => (k === 'audit' ? audits : (r as unknown as Record<string | symbol, unknown>)[k]) });
  return { ...real, repos } as AppDeps;
}

describe("a new account's first read is told once", () => {
  it('two reads durable before either looks tell the lead once; a later read, or one after a restart, tells nobody', async () => {
    // Its own server, restarted below over the same data (and the same PostgreSQL database under server-pg).
    const dataDir = mkdtempSync(join(tmpdir(), 'mac-first-read-'));
    const databaseUrl = await testDatabaseUrl();
    let running = await startTestServer({ databaseUrl }, { dataDir });
    try {
      const lead = await running.login(DEMO.lead);
      const made = async (givenName: string) => (await running.api(lead, 'POST', '/api/chronologies', { child: { givenName, familyName: 'Told-Once', dateOfBirth: '2016-02-03' }, memberAgencies: ['thames-valley-police'] })).body.id as string;
      const [dee, eli] = [await made('Dee'), await made('Eli')];
      const { id, cookie } = await running.newAccount({ email: 'told.once@csc.example.org', name: 'Told Once', role: 'practitioner', agency: 'oxfordshire-csc' });
      const user = (await running.deps.repos.users.byId(id))!;
      const newcomer = userPrincipal({ id: user.id, role: user.role, agency: user.agencySlug, name: user.name });
      type Note = { kind: string; message: string; chronologyId: string | null };
      const told = async (chronologyId: string) =>
        ((await running.api(lead, 'GET', '/api/notifications')).body.notifications as Note[]).filter((n) => n.chronologyId === chronologyId && n.kind === 'new-account-read' && n.message.startsWith('Told Once ('));

      // Two reads of Dee's chronology, both records durable before either looks (a count of the reader's
      // records would find two, and nobody would be told).
      const together = appendsDurableTogether(running.deps, 2);
      await Promise.all([
        audit(together, newcomer, null, { action: 'chronology:read', chronologyId: dee }),
        audit(together, newcomer, null, { action: 'entry:read', chronologyId: dee }),
      ]);
      expect(await told(dee)).toHaveLength(1);
      // Eli's, read four times at once over HTTP: told once.
      const reads = await Promise.all(Array.from({ length: 4 }, () => running.api(cookie, 'GET', `/api/chronologies/${eli}/entries`)));
      expect(reads.map((r) => r.status)).toEqual([200, 200, 200, 200]);
      expect(await told(eli)).toHaveLength(1);

      // A later read: nobody told again, on this server or after a restart (which remembers nothing).
      expect((await running.api(cookie, 'GET', `/api/chronologies/${dee}`)).status).toBe(200);
      await running.close();
      running = await startTestServer({ databaseUrl }, { dataDir });
      const again = await running.login('told.once@csc.example.org');
      expect((await running.api(again, 'GET', `/api/chronologies/${dee}`)).status).toBe(200);
      expect((await running.api(again, 'GET', `/api/chronologies/${eli}/entries`)).status).toBe(200);
      const leadAgain = await running.login(DEMO.lead);
      const notes = ((await running.api(leadAgain, 'GET', '/api/notifications')).body.notifications as Note[]).filter((n) => n.kind === 'new-account-read' && n.message.startsWith('Told Once ('));
      expect(notes.map((n) => n.chronologyId).sort()).toEqual([dee, eli].sort());
    } finally {
      await running.stop();
    }
  });
});
