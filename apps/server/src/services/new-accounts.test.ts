// A new account's first reads of several chronologies are looked at together (noteReads): ONE read of the
// audit log for all of them, the leads of those read for the first time told, once each (by the read that
// wrote the reader's earliest record of the chronology).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { countingRepoCalls, DEMO, startTestServer, TEST_PASSWORD, type TestServer } from '../testing.js';
import { noteReads } from './new-accounts.js';
import { audit } from './audit.js';
import { userPrincipal } from './auth/sessions.js';

let server: TestServer;
let lead: string;
let newcomerId: string;
const ids: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  const admin = await server.login(DEMO.admin);
  lead = await server.login(DEMO.lead);
  const made = await server.api(admin, 'POST', '/api/admin/users', { email: 'note.reads@csc.example.org', name: 'Note Reads', role: 'practitioner', agency: 'oxfordshire-csc', password: TEST_PASSWORD });
  expect(made.status).toBe(201);
  newcomerId = made.body.user.id as string;
  await server.approve('users', newcomerId);
  for (const givenName of ['Ada', 'Bea', 'Cy']) {
    const res = await server.api(lead, 'POST', '/api/chronologies', { child: { givenName, familyName: 'Note-Reads', dateOfBirth: '2015-05-01' }, memberAgencies: ['thames-valley-police'] });
    expect(res.status).toBe(201);
    ids.push(res.body.id as string);
  }
});
afterAll(async () => {
  await server?.stop();
});

type Note = { kind: string; message: string; chronologyId: string | null };
/** The lead's new-account notifications about one account (by its name). */
const notesOf = async (name: string) =>
  ((await server.api(lead, 'GET', '/api/notifications')).body.notifications as Note[]).filter((n) => n.kind === 'new-account-read' && n.message.startsWith(`${name} (`));

describe('noteReads', () => {
  it("tells each lead once of a new account's first reads, the checks following on their own", async () => {
    const user = (await server.deps.repos.users.byId(newcomerId))!;
    const newcomer = userPrincipal({ id: user.id, role: user.role, agency: user.agencySlug, name: user.name });
    const [ada, bea, cy] = ids as [string, string, string];
    // Ada read once, Bea twice (both checks looking after both records are durable), Cy never.
    await audit(server.deps, newcomer, null, { action: 'chronology:patterns', chronologyId: ada }, { firstReadCheck: 'after' });
    for (let i = 0; i < 2; i++) await audit(server.deps, newcomer, null, { action: 'entry:read', chronologyId: bea }, { firstReadCheck: 'after' });
    // The checks those records started follow on their own (one turn later): wait for the notifications,
    // then read all three again: Cy's first read tells its lead, no later read of Ada or Bea tells anyone.
    await vi.waitFor(async () => expect((await notesOf('Note Reads')).length).toBe(2), { timeout: 5_000 });
    expect((await notesOf('Note Reads')).map((n) => n.chronologyId).sort()).toEqual([ada, bea].sort());
    for (const chronologyId of [ada, bea, cy]) await audit(server.deps, newcomer, null, { action: 'entry:read', chronologyId });
    expect((await notesOf('Note Reads')).map((n) => n.chronologyId).sort()).toEqual([ada, bea, cy].sort());
  });

  it('looks at several chronologies with one read of the audit log', async () => {
    const made = await server.api(await server.login(DEMO.admin), 'POST', '/api/admin/users', { email: 'note.reads2@csc.example.org', name: 'Note Reads Two', role: 'practitioner', agency: 'oxfordshire-csc', password: TEST_PASSWORD });
    await server.approve('users', made.body.user.id as string);
    const user = (await server.deps.repos.users.byId(made.body.user.id as string))!;
    const second = userPrincipal({ id: user.id, role: user.role, agency: user.agencySlug, name: user.name });
    // Records written as a plain read would (the look awaited there is not the one measured).
    const read = async (chronologyId: string) => ({ chronologyId, seq: (await server.deps.repos.audit.append({ actorId: second.id, actorLabel: second.name, actorAgency: second.agency, action: 'chronology:read', outcome: 'allowed', chronologyId })).seq });
    const reads = [];
    for (const chronologyId of ids) reads.push(await read(chronologyId));
    const { deps, calls } = countingRepoCalls(server.deps);
    await noteReads(deps, second, reads);
    expect(calls.filter((c) => c.startsWith('audit.'))).toEqual(['audit.firstAllowed']);
    expect((await notesOf('Note Reads Two')).map((n) => n.chronologyId).sort()).toEqual([...ids].sort());
    // Read again: told nobody twice, and not looked up again.
    const again = [];
    for (const chronologyId of ids) again.push(await read(chronologyId));
    await noteReads(deps, second, again);
    expect(calls.filter((c) => c.startsWith('audit.'))).toEqual(['audit.firstAllowed']);
    expect(await notesOf('Note Reads Two')).toHaveLength(3);
  });
});
