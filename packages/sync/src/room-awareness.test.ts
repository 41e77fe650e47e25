import { randomUUID } from 'node:crypto';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildPrincipal } from '@mac/domain/testing';
import type { Principal } from '@mac/domain';
import { CLOSE } from './close-codes.js';
import { sharedDocName } from './doc-names.js';
import { MESSAGE_AWARENESS } from './protocol.js';
import { parseAwarenessUpdate } from './room-awareness.js';
import { createClient, rawSocket, startSyncServer, waitForSync, type TestClient, type TestSyncServer } from './testing.js';

const police = buildPrincipal({ id: 'police-1', agency: 'thames-valley-police', name: 'Pat Police' });
const school = buildPrincipal({ id: 'school-1', agency: 'northway-primary', name: 'Sam School' });
const policePresence = { name: 'Pat Police', agency: 'thames-valley-police', agencyName: 'Thames Valley Police' };
const WAIT = { timeout: 5_000, interval: 10 };

let server: TestSyncServer;
let clients: TestClient[];
let docName: string;

async function start(limits: Parameters<typeof startSyncServer>[0] = {}) {
  server = await startSyncServer(limits);
}

beforeEach(async () => {
  await start();
  clients = [];
  docName = sharedDocName(randomUUID());
});

afterEach(async () => {
  for (const c of clients) c.destroy();
  await server.close();
});

function client(principal: Principal, opts: Parameters<typeof createClient>[3] = {}): TestClient {
  const c = createClient(server, docName, principal, opts);
  clients.push(c);
  return c;
}

const stateOf = (viewer: TestClient, of: TestClient) => viewer.provider.awareness.getStates().get(of.doc.clientID);

function awarenessBytes(entries: Array<{ clientId: number; clock: number; state: unknown }>): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(inner, e.clientId);
    encoding.writeVarUint(inner, e.clock);
    encoding.writeVarString(inner, JSON.stringify(e.state));
  }
  const outer = encoding.createEncoder();
  encoding.writeVarUint(outer, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
  return encoding.toUint8Array(outer);
}

describe('presence', () => {
  it('stamps the user field with the connection’s identity; other fields pass through', async () => {
    const a = client(police, { presence: policePresence });
    const b = client(school);
    await Promise.all([waitForSync(a.provider), waitForSync(b.provider)]);
    a.provider.awareness.setLocalState({
      user: { id: 'lead-1', name: 'The Chair', agency: 'oxfordshire-csc' },
      viewing: 'timeline',
      cursor: { entryId: 'e1' },
    });
    await vi.waitFor(() => expect(stateOf(b, a)).toMatchObject({ viewing: 'timeline' }), WAIT);
    expect(stateOf(b, a)).toEqual({
      user: { id: police.id, name: 'Pat Police', agency: 'thames-valley-police', agencyName: 'Thames Valley Police' },
      viewing: 'timeline',
      cursor: { entryId: 'e1' },
    });
    a.provider.awareness.setLocalStateField('viewing', 'table');
    await vi.waitFor(() => expect(stateOf(b, a)).toMatchObject({ viewing: 'table', user: { id: police.id } }), WAIT);
    // Someone joining later gets the stamped states at once.
    const c = client(school);
    await vi.waitFor(() => expect(stateOf(c, a)).toMatchObject({ viewing: 'table', user: { id: police.id } }), WAIT);
    expect(stateOf(c, b)?.user).toEqual({ id: school.id, name: 'Sam School', agency: 'northway-primary', agencyName: 'northway-primary' });
  });

  it('echoes from stock clients are ignored, so a busy room closes no one', async () => {
    const [a, b, c] = [client(police), client(school), client(school)];
    await Promise.all([a, b, c].map((x) => waitForSync(x.provider)));
    for (let i = 0; i < 5; i++) for (const x of [a, b, c]) x.provider.awareness.setLocalStateField('cursor', i);
    await vi.waitFor(() => {
      for (const viewer of [a, b, c]) for (const of of [a, b, c]) if (viewer !== of) expect(stateOf(viewer, of)?.cursor).toBe(4);
    }, WAIT);
    expect([a, b, c].flatMap((x) => x.closes)).toEqual([]);
  });

  it('removes a connection’s state when it closes', async () => {
    const a = client(police);
    const b = client(school);
    await Promise.all([waitForSync(a.provider), waitForSync(b.provider)]);
    a.provider.awareness.setLocalStateField('viewing', 'timeline');
    await vi.waitFor(() => expect(stateOf(b, a)).toBeDefined(), WAIT);
    server.manager.closeConnections((ctx) => ctx.principal.id === police.id, CLOSE.FORBIDDEN, 'gone');
    await vi.waitFor(() => expect(stateOf(b, a)).toBeUndefined(), WAIT);
  });

  it('refuses a second awareness client id on one connection (4409)', async () => {
    const raw = rawSocket(server, docName, police);
    await raw.opened;
    raw.ws.send(awarenessBytes([{ clientId: 1111, clock: 1, state: { viewing: 'timeline' } }]));
    raw.ws.send(awarenessBytes([{ clientId: 2222, clock: 1, state: { viewing: 'timeline' } }]));
    expect(await raw.closed).toMatchObject({ code: CLOSE.UPDATE_REFUSED, reason: expect.stringMatching(/one awareness client/) });
  });

  it('refuses a state over 8 KiB (4413)', async () => {
    const raw = rawSocket(server, docName, police);
    await raw.opened;
    raw.ws.send(awarenessBytes([{ clientId: 1111, clock: 1, state: { note: 'x'.repeat(9 * 1024) } }]));
    expect((await raw.closed).code).toBe(CLOSE.MESSAGE_TOO_LARGE);
  });

  it('answers an awareness query with every state', async () => {
    const a = client(police);
    await waitForSync(a.provider);
    a.provider.awareness.setLocalStateField('viewing', 'patterns');
    await vi.waitFor(async () => expect((await server.manager.room(docName)).presence.awareness.getStates().size).toBe(1), WAIT);
    const raw = rawSocket(server, docName, school);
    await raw.opened;
    const before = raw.received.length;
    raw.ws.send(new Uint8Array([3]));
    await vi.waitFor(() => expect(raw.received.length).toBeGreaterThan(before), WAIT);
    const reply = decoding.createDecoder(raw.received.at(-1)!);
    expect(decoding.readVarUint(reply)).toBe(MESSAGE_AWARENESS);
    const [entry] = parseAwarenessUpdate(decoding.readVarUint8Array(reply));
    expect(entry?.state).toMatchObject({ viewing: 'patterns', user: { id: police.id } });
    raw.ws.close();
  });
});

describe('presence rate limit', () => {
  it('defers the excess and still ends on the latest state', async () => {
    await server.close();
    await start({ limits: { awarenessPerSecond: 5 } });
    const a = client(police);
    const b = client(school);
    await Promise.all([waitForSync(a.provider), waitForSync(b.provider)]);
    for (let i = 0; i <= 50; i++) a.provider.awareness.setLocalStateField('cursor', i);
    await vi.waitFor(() => expect(stateOf(b, a)?.cursor).toBe(50), WAIT);
    expect(a.closes).toEqual([]);
  });

  it('closes a connection that floods in bursts with pauses between them (4429)', async () => {
    await server.close();
    await start({ limits: { awarenessPerSecond: 5, awarenessSustainedMs: 1_500 } });
    const raw = rawSocket(server, docName, police);
    await raw.opened;
    let code: number | null = null;
    void raw.closed.then((c) => (code = c.code));
    let clock = 0;
    const started = Date.now();
    // 12 a second in bursts of 6 every 500 ms: each pause earns tokens, yet the rate stays over 5/s.
    while (code === null && Date.now() - started < 5_000) {
      for (let i = 0; i < 6; i++) raw.ws.send(awarenessBytes([{ clientId: 3333, clock: ++clock, state: { cursor: clock } }]));
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(code).toBe(CLOSE.RATE_LIMITED);
  });

  it('closes a connection that stays over the rate (4429)', async () => {
    await server.close();
    await start({ limits: { awarenessPerSecond: 5, awarenessSustainedMs: 200 } });
    const a = client(police);
    await waitForSync(a.provider);
    let i = 0;
    const timer = setInterval(() => a.provider.awareness.setLocalStateField('cursor', i++), 5);
    try {
      await vi.waitFor(() => expect(a.closes[0]?.code).toBe(CLOSE.RATE_LIMITED), WAIT);
    } finally {
      clearInterval(timer);
    }
  });
});
