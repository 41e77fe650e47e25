/**
 * Attack-review findings about the write path (issue 11):
 * - [ids] entry ids collide across a chronology's documents: a restricted entry written under the id of
 *   another agency's shared entry made that entry vanish from every other agency's views, and the reverse
 *   let a member read another agency's restricted history;
 * - [meta] the audit log could name the wrong person: a websocket update queued in the same event-loop
 *   turn as a REST write was recorded as the REST caller's, `via: rest`.
 * Both against the real server, its SQLite file and stock y-websocket clients.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { buildEntry } from '@mac/domain/testing';
import { entryText, restrictedDocName, sharedDocName, writeNewEntry } from '@mac/sync';
import { userPrincipal } from './services/auth/sessions.js';
import { accessOf } from './services/access.js';
import { connect, type Client } from './sync-testing.js';
import { loadConfig } from './config.js';
import { startServer } from './server.js';
import { projectionOf } from '@mac/db';
import { DEMO, startTestServer, TEST_PASSWORD, type TestServer } from './testing.js';

let server: TestServer;
let lead: string, police: string, dsl: string;
let chronologyId: string;
const clients: Client[] = [];

function client(cookie: string, docName: string): Client {
  const c = connect(server.origin, cookie, docName);
  clients.push(c);
  return c;
}

const synced = (c: Client) => vi.waitFor(() => expect(c.provider.synced).toBe(true), { timeout: 5000 });

/** An entry as the document holds it: one JSON text. */
function entryMap(fields: Record<string, unknown>): string {
  return entryText(fields);
}

/** The demo user behind an email, as the server's principal. */
async function principalOf(email: string) {
  const user = (await server.deps.repos.users.byEmail(email))!;
  return userPrincipal({ ...user, agency: user.agencySlug });
}

async function me(cookie: string): Promise<{ id: string; agency: string }> {
  const body = (await server.api(cookie, 'GET', '/api/me')).body;
  return { id: body.id, agency: body.agency.slug };
}

beforeAll(async () => {
  server = await startTestServer();
  [lead, police, dsl] = await Promise.all([server.login(DEMO.lead), server.login(DEMO.police), server.login(DEMO.dsl)]);
  const list = await server.api(lead, 'GET', '/api/chronologies');
  chronologyId = list.body.chronologies.find((c: { memberAgencies: string[] }) => c.memberAgencies.includes('thames-valley-police') && c.memberAgencies.includes('northway-primary')).id;
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server?.stop();
});

describe('[ids] entry ids are unique across a chronology’s documents', () => {
  it('refuses a restricted entry under the id of another agency’s shared entry (4409), audits it, and changes nothing', async () => {
    const created = await server.api(dsl, 'POST', `/api/chronologies/${chronologyId}/entries`, { date: '2024-05-06', category: 'school-absence', summary: 'School entry that must not vanish' });
    expect(created.status).toBe(201);
    const schoolId: string = created.body.entry.id;
    const policeMe = await me(police);

    const c = client(police, restrictedDocName(chronologyId, 'thames-valley-police'));
    await synced(c);
    const hijack = buildEntry({ id: schoolId, agency: policeMe.agency, authorId: policeMe.id, restricted: true, summary: 'Police restricted under the school id' });
    c.doc.getMap('entries').set(schoolId, entryMap(hijack as unknown as Record<string, unknown>));
    await vi.waitFor(() => expect(c.closes.some((x) => x.code === 4409)).toBe(true), { timeout: 3000 });

    // The school's entry is still there for everyone, and nothing of the attempt was stored.
    const read = await server.api(dsl, 'GET', `/api/chronologies/${chronologyId}/entries/${schoolId}`);
    expect(read.status).toBe(200);
    expect(read.body.entry.summary).toBe('School entry that must not vanish');
    const list = await server.api(lead, 'GET', `/api/chronologies/${chronologyId}/entries`);
    expect(list.body.entries.filter((e: { id: string }) => e.id === schoolId)).toHaveLength(1);
    expect(await server.deps.repos.entries.docsHolding(chronologyId, schoolId)).toEqual([sharedDocName(chronologyId)]);
    const refusals = (await server.deps.repos.audit.list({ chronologyId, action: 'sync.update' })).filter((r) => r.outcome === 'refused' && r.details.code === 'ENTRY_ID_TAKEN');
    expect(refusals).toHaveLength(1);
    expect(refusals[0]!.actorId).toBe(policeMe.id);
  });

  it('refuses a shared entry under the id of another agency’s restricted entry, so its history stays hidden', async () => {
    const restricted = await server.api(police, 'POST', `/api/chronologies/${chronologyId}/entries`, { date: '2024-05-07', category: 'police-attendance', summary: 'Police intelligence', restricted: true });
    expect(restricted.status).toBe(201);
    const hiddenId: string = restricted.body.entry.id;
    const schoolMe = await me(dsl);

    const c = client(dsl, sharedDocName(chronologyId));
    await synced(c);
    const probe = buildEntry({ id: hiddenId, agency: schoolMe.agency, authorId: schoolMe.id, summary: 'Probe for the restricted history' });
    c.doc.getMap('entries').set(hiddenId, entryMap(probe as unknown as Record<string, unknown>));
    await vi.waitFor(() => expect(c.closes.some((x) => x.code === 4409)).toBe(true), { timeout: 3000 });

    expect((await server.api(dsl, 'GET', `/api/chronologies/${chronologyId}/entries/${hiddenId}/history`)).status).toBe(404);
    expect((await server.api(police, 'GET', `/api/chronologies/${chronologyId}/entries/${hiddenId}`)).body.entry.summary).toBe('Police intelligence');
  });

  it('refuses the second of two rooms creating one id before either is stored (pending writes count)', async () => {
    const policeUser = await principalOf(DEMO.police);
    const schoolUser = await principalOf(DEMO.dsl);
    const access = await accessOf(server.deps, (await server.deps.repos.chronologies.get(chronologyId))!);
    const id = crypto.randomUUID();
    // A client update in the restricted room, accepted and waiting for its batch commit…
    const restrictedRoom = await server.deps.rooms.room(restrictedDocName(chronologyId, policeUser.agency));
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(restrictedRoom.live));
    const before = Y.encodeStateVector(replica);
    writeNewEntry(replica, buildEntry({ id, agency: policeUser.agency, authorId: policeUser.id, restricted: true }));
    const verdict = restrictedRoom.receive(Y.encodeStateAsUpdate(replica, before), {
      principal: policeUser,
      readOnly: false,
      origin: null,
      meta: { via: 'websocket', ip: null },
      chronology: access,
    });
    expect(verdict).toMatchObject({ ok: true });
    // …then the same id in the shared document, in the same turn: refused.
    await expect(
      server.deps.rooms.submitLocal(sharedDocName(chronologyId), { principal: schoolUser, chronology: access, meta: { via: 'rest', ip: null } }, (doc) =>
        writeNewEntry(doc, buildEntry({ id, agency: schoolUser.agency, authorId: schoolUser.id })),
      ),
    ).rejects.toThrow(/already exists/);
    await server.deps.rooms.flush();
    expect(await server.deps.repos.entries.docsHolding(chronologyId, id)).toEqual([restrictedDocName(chronologyId, policeUser.agency)]);
  });
});

describe('[ids] a collision stored before the rule', () => {
  it('is found at start-up, both entries come back in the projection, and it is reported once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mac-collision-'));
    const config = loadConfig({ MAC_DATA_DIR: dataDir, PORT: '0', MAC_DEMO_PASSWORD: TEST_PASSWORD } as NodeJS.ProcessEnv, null);
    try {
      const first = await startServer(config, { log: () => {} });
      const deps = first.deps;
      const chronology = (await deps.repos.chronologies.list())[0]!;
      const shared = (await deps.repos.entries.query(chronology.id))[0]!;
      const restrictedDoc = restrictedDocName(chronology.id, 'thames-valley-police');
      // What the old code let through: the same id written into a restricted document, stored and audited,
      // its projection row replacing the shared entry's (the projection was keyed by chronology and id).
      const doc = new Y.Doc();
      const legacy = buildEntry({ id: shared.id, agency: 'thames-valley-police', restricted: true, summary: 'Legacy restricted entry under a shared id' });
      writeNewEntry(doc, legacy);
      const system = { id: 'legacy', kind: 'user' as const, role: 'practitioner' as const, agency: 'thames-valley-police', name: 'Legacy' };
      // Data as an older release stored it (one id in two documents), written row by row through the port.
      {
        await deps.repos.updateLog.append(restrictedDoc, Y.encodeStateAsUpdate(doc));
        await deps.repos.entries.deleteForDoc(chronology.id);
        await deps.repos.entries.upsert(projectionOf(chronology.id, restrictedDoc, legacy, system.id));
        await deps.repos.audit.append({ actorId: 'legacy', actorLabel: 'Legacy', actorAgency: 'thames-valley-police', action: 'entry.create', outcome: 'allowed', chronologyId: chronology.id, entryId: shared.id, details: { via: 'websocket' }, ip: null });
      }
      await first.close();

      for (let start = 0; start < 2; start++) {
        const lines: string[] = [];
        const again = await startServer(config, { log: (line) => lines.push(line) });
        try {
          expect((await again.deps.repos.entries.docsHolding(chronology.id, shared.id)).sort()).toEqual([chronology.id, restrictedDoc].sort());
          expect((await again.deps.repos.entries.getVisible(chronology.id, shared.id, 'northway-primary'))?.summary).toBe(shared.summary);
          expect(lines.some((l) => l.includes(`entry id ${shared.id}`))).toBe(true);
          expect(await again.deps.repos.audit.list({ action: 'system:entry-id-collision' })).toHaveLength(1);
        } finally {
          await again.close();
        }
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('[meta] each write keeps its own actor and channel', () => {
  it('a websocket update and a REST write committed together are each audited as their own', async () => {
    const policeUser = await principalOf(DEMO.police);
    const leadUser = await principalOf(DEMO.lead);
    const access = await accessOf(server.deps, (await server.deps.repos.chronologies.get(chronologyId))!);
    const docName = sharedDocName(chronologyId);
    const room = await server.deps.rooms.room(docName);

    // A police client's update, accepted and queued for the next batch commit…
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(room.live));
    const before = Y.encodeStateVector(replica);
    const wsEntry = buildEntry({ agency: policeUser.agency, authorId: policeUser.id, summary: 'Written over the websocket' });
    writeNewEntry(replica, wsEntry);
    const verdict = room.receive(Y.encodeStateAsUpdate(replica, before), {
      principal: policeUser,
      readOnly: false,
      origin: null,
      meta: { via: 'websocket', ip: '10.0.0.9' },
      chronology: access,
    });
    expect(verdict).toMatchObject({ ok: true });
    // …and, in the same turn, the lead's REST write, which flushes the queue before its own.
    const restEntry = buildEntry({ agency: leadUser.agency, authorId: leadUser.id, summary: 'Written over REST' });
    await server.deps.rooms.submitLocal(docName, { principal: leadUser, chronology: access, meta: { via: 'rest', ip: '10.0.0.1' } }, (doc) => writeNewEntry(doc, restEntry));

    const record = async (entryId: string) => (await server.deps.repos.audit.list({ chronologyId, entryId })).find((r) => r.action === 'entry.create')!;
    expect(await record(wsEntry.id)).toMatchObject({ actorId: policeUser.id, actorAgency: policeUser.agency, ip: '10.0.0.9', details: { via: 'websocket', docName } });
    expect(await record(restEntry.id)).toMatchObject({ actorId: leadUser.id, actorAgency: leadUser.agency, ip: '10.0.0.1', details: { via: 'rest', docName } });
  });

  it('the lead’s import of another agency’s rows is written as the lead, checked by decide, never as a borrowed agency', async () => {
    const csv = 'date,agency,category,summary\n2024-03-02,northway-primary,school-absence,Imported by the lead for the school\n';
    const res = await server.api(lead, 'POST', `/api/chronologies/${chronologyId}/import`, csv, { 'content-type': 'text/csv' });
    expect(res.status).toBe(200);
    const leadUser = await principalOf(DEMO.lead);
    const [entryId] = res.body.entryIds as string[];
    const record = (await server.deps.repos.audit.list({ chronologyId, entryId })).find((r) => r.action === 'entry.create')!;
    expect(record).toMatchObject({ actorId: leadUser.id, actorAgency: leadUser.agency, details: { via: 'import', importId: res.body.importId } });

    // The same rows from someone who does not lead the chronology are refused by the same rule.
    const refused = await server.api(police, 'POST', `/api/chronologies/${chronologyId}/import`, csv, { 'content-type': 'text/csv' });
    expect(refused.status).toBe(422);
  });
});
