// Seeded random sessions: several stock clients of two agencies add and amend entries while connections
// drop and come back; in the end every replica, the server's live document and the replayed log agree.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { buildEntry, buildPrincipal } from '@mac/domain/testing';
import type { Principal } from '@mac/domain';
import { amendEntry, readEntries, writeNewEntry } from './doc-model.js';
import { sharedDocName } from './doc-names.js';
import { createClient, startSyncServer, waitForSync, type TestClient, type TestSyncServer } from './testing.js';

const principals: Principal[] = [
  buildPrincipal({ id: 'police-1', agency: 'thames-valley-police' }),
  buildPrincipal({ id: 'police-2', agency: 'thames-valley-police' }),
  buildPrincipal({ id: 'school-1', agency: 'northway-primary' }),
  buildPrincipal({ id: 'school-2', agency: 'northway-primary' }),
];

function seeded(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

let server: TestSyncServer;
let clients: TestClient[];

beforeEach(async () => {
  server = await startSyncServer();
  clients = [];
});
afterEach(async () => {
  for (const c of clients) c.destroy();
  await server.close();
});

const byId = (doc: Y.Doc) => readEntries(doc).sort((a, b) => a.id.localeCompare(b.id));

describe('convergence', () => {
  it.each([1, 2, 3])('seed %i: replicas, server and log agree after random edits and disconnects', async (seed) => {
    const random = seeded(seed);
    const docName = sharedDocName(randomUUID());
    clients = principals.map((p) => createClient(server, docName, p));
    await Promise.all(clients.map((c) => waitForSync(c.provider)));
    for (let step = 0; step < 60; step++) {
      const i = Math.floor(random() * clients.length);
      const client = clients[i]!;
      const principal = principals[i]!;
      const roll = random();
      if (roll < 0.1) {
        if (client.provider.wsconnected) client.provider.disconnect();
        else client.provider.connect();
      } else {
        // Each amends the entries it wrote: an entry is one value, so two colleagues changing the same entry
        // at once are refused (room-manager.test.ts), which is not what this session is about.
        const own = readEntries(client.doc).filter((e) => e.authorId === principal.id && e.status === 'active');
        if (own.length === 0 || roll < 0.4) {
          writeNewEntry(client.doc, buildEntry({ id: randomUUID(), agency: principal.agency, authorId: principal.id, summary: `step ${step}` }));
        } else if (roll < 0.95) {
          amendEntry(client.doc, own[Math.floor(random() * own.length)]!.id, { detail: `seed ${seed} step ${step}` });
        } else {
          amendEntry(client.doc, own[0]!.id, { status: 'withdrawn', withdrawnReason: `withdrawn at step ${step}` });
        }
      }
      if (random() < 0.3) await new Promise((resolve) => setTimeout(resolve, 1));
    }
    for (const c of clients) c.provider.connect();
    const liveDoc = (await server.manager.room(docName)).live;
    const live = () => liveDoc;
    await vi.waitFor(() => {
      for (const c of clients) expect(byId(c.doc)).toEqual(byId(live()));
    }, { timeout: 10_000, interval: 20 });
    expect(byId(await server.replay(docName))).toEqual(byId(live()));
    expect(Y.encodeStateVector(await server.replay(docName))).toEqual(Y.encodeStateVector(live()));
    // Nobody broke a rule, so nobody was closed by the server.
    expect(clients.flatMap((c) => c.closes.filter((e) => e.code >= 4000))).toEqual([]);
  });
});
