import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildEntry, buildPrincipal } from '@mac/domain/testing';
import { writeNewEntry } from './doc-model.js';
import { sharedDocName } from './doc-names.js';
import { createClientOwners, SERVER_OWNER } from './client-owners.js';
import { createClient, startSyncServer, waitForSync, type TestClient, type TestSyncServer } from './testing.js';

const police = buildPrincipal({ id: 'police-1', agency: 'thames-valley-police', name: 'Pat Police' });

describe('the owners of a room’s client ids', () => {
  it('stores a presence claim with the owner’s next write while it is not known to be stored, and not after', async () => {
    let settle!: (ok: boolean) => void;
    const owners = createClientOwners(new Map(), () => new Promise<void>((resolve, reject) => (settle = (ok) => (ok ? resolve() : reject(new Error('storage unavailable'))))));
    expect(owners.claim(7, 'a')).toBe(true);
    // Being stored: a write under it carries the claim; another principal's write takes nothing of it.
    expect(owners.take([7], 'a')).toEqual([7]);
    expect(owners.take([7], 'b')).toEqual([]);
    expect(owners.claim(7, 'b')).toBe(false);
    settle(true);
    await Promise.resolve();
    await Promise.resolve();
    expect(owners.take([7], 'a')).toEqual([]);
  });

  it('keeps a claim whose storing failed in doubt, so the owner’s writes store it', async () => {
    const owners = createClientOwners(new Map(), () => Promise.reject(new Error('storage unavailable')));
    expect(owners.claim(9, 'a')).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(owners.owner(9)).toBe('a');
    expect(owners.take([9, 10], 'a')).toEqual([9, 10]);
    expect(owners.take([9, 10], 'b')).toEqual([]);
  });

  it('takes the stored owners in place of its own, keeping the server’s ids, and doubts nothing after', () => {
    const owners = createClientOwners(new Map([[1, SERVER_OWNER]]), undefined);
    expect(owners.claim(2, 'a')).toBe(true);
    owners.replace(new Map([[3, 'b']]));
    expect([owners.owner(1), owners.owner(2), owners.owner(3)]).toEqual([SERVER_OWNER, undefined, 'b']);
    expect(owners.take([2], 'c')).toEqual([2]);
    owners.learn('d', [2, 4]);
    expect([owners.owner(2), owners.owner(4)]).toEqual(['c', 'd']);
  });
});

describe('a presence claim that could not be stored (a real room, SQLite)', () => {
  let server: TestSyncServer | undefined;
  let c: TestClient | undefined;
  afterEach(async () => {
    c?.destroy();
    await server?.close();
  });

  it('is stored with the owner’s first write, so the write is never durable without its id’s owner', async () => {
    let claimsTried = 0;
    server = await startSyncServer({
      wrapPersistence: (base) => ({
        ...base,
        async claimClients() {
          claimsTried += 1;
          throw new Error('storage unavailable');
        },
      }),
    });
    const docName = sharedDocName(randomUUID());
    c = createClient(server, docName, police);
    await waitForSync(c.provider);
    // The stock client's presence claimed its id first (and storing the claim failed).
    await vi.waitFor(() => expect(claimsTried).toBeGreaterThan(0), { timeout: 5_000 });
    const entry = buildEntry({ id: randomUUID(), agency: police.agency, authorId: police.id });
    writeNewEntry(c.doc, entry);
    await vi.waitFor(async () => expect((await server!.replay(docName)).getMap('entries').has(entry.id)).toBe(true), { timeout: 5_000 });
    const stored = await server.store.repos.docClients.owners(docName);
    expect(stored.get(c.doc.clientID)).toBe(police.id);
  });
});
