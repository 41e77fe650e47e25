/**
 * What the websocket fuzzer and the convergence runs found, each reduced to a deterministic reproduction
 * against the real server, and kept as regression tests of the fixes:
 * - GC structs from clients were stored (packages/sync/src/update-format.ts); malformed %-escapes in the
 *   upgrade path answered 500 (apps/server/src/ws-upgrade.ts);
 * - client ids could be taken over (packages/sync/src/room.ts, doc_clients table);
 * - presence floods in bursts evaded the rate limit (packages/sync/src/connection.ts);
 * - one member could keep reconnecting to send ~1 MB refused updates (RoomManager.admit).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { sharedDocName } from '@mac/sync';
import { connect, type Client } from '../sync-testing.js';
import { DEMO, startTestServer, type TestServer } from '../testing.js';
import { awarenessUpdate, bytes, chronologyWith, createRng, entryFields, entryMap, isSyncStep2, MSG, rawUpgrade, signIn, stateVectorMap, summarise, varUint, type Actor } from './harness.js';

let server: TestServer;
let police: Actor, hv: Actor;
let chronologyId: string;
let docName: string;
const clients: Client[] = [];

function client(s: TestServer, actor: Actor, name = docName): Client {
  const c = connect(s.origin, actor.cookie, name);
  clients.push(c);
  return c;
}

const synced = (c: Client) => vi.waitFor(() => expect(c.provider.synced).toBe(true), { timeout: 10_000 });

/** A bare websocket of the actor; resolves once open. */
async function socket(s: TestServer, actor: Actor, name = docName) {
  const ws = new WebSocket(`${s.origin.replace(/^http/, 'ws')}/sync/${name}`, { headers: { cookie: actor.cookie, origin: s.origin } });
  ws.binaryType = 'arraybuffer';
  const state = { code: null as number | null, answers: 0 };
  ws.on('close', (code) => (state.code = code));
  ws.on('message', (data: ArrayBuffer) => {
    if (isSyncStep2(new Uint8Array(data))) state.answers++;
  });
  ws.on('error', () => {});
  await new Promise((resolve, reject) => {
    ws.on('open', resolve);
    ws.on('unexpected-response', (_q, r) => reject(new Error(`upgrade refused ${r.statusCode}`)));
  });
  return { ws, state };
}

/** The document as `live` holds it, with a change written under the given Yjs client id. */
function updateUnder(live: Y.Doc, clientId: number, change: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(live));
  doc.clientID = clientId; // after the apply: a doc that receives its own client id picks another
  const before = Y.encodeStateVector(doc);
  doc.transact(() => change(doc));
  const update = Y.encodeStateAsUpdate(doc, before);
  doc.destroy();
  return update;
}

function addEntry(actor: Actor, summary: string) {
  return (doc: Y.Doc) => {
    const e = entryFields(actor, { summary });
    doc.getMap('entries').set(e.id, entryMap(e as unknown as Record<string, unknown>));
  };
}

beforeAll(async () => {
  server = await startTestServer();
  [police, hv] = await Promise.all([signIn(server, DEMO.police), signIn(server, DEMO.hv)]);
  chronologyId = await chronologyWith(server, [police.agency, hv.agency]);
  docName = sharedDocName(chronologyId);
}, 60_000);

afterAll(async () => {
  for (const c of clients) c.destroy();
  await server?.stop();
});

describe('fixed: garbage that used to be stored or answered 500', () => {
  it('a GC struct ("content I collected myself") under a fresh client id is refused (4409) and never stored', async () => {
    const live = (await server.deps.rooms.room(docName)).live;
    const svBefore = stateVectorMap(Y.encodeStateVector(live));
    const rowsBefore = (await server.deps.repos.updateLog.stats()).updates;
    for (const length of [1, 1000, 2 ** 40, 2 ** 52]) {
      const { ws, state } = await socket(server, police);
      // [1 client group][1 struct][client][clock 0][info 0 = GC][length][empty delete set]
      ws.send(MSG.update(bytes(1, 1, varUint(424242 + length), 0, 0, varUint(length), 0)));
      await vi.waitFor(() => expect(state.code).toBe(4409), { timeout: 3000 });
    }
    await server.deps.rooms.flush();
    expect((await server.deps.repos.updateLog.stats()).updates).toBe(rowsBefore);
    expect(stateVectorMap(Y.encodeStateVector(live))).toEqual(svBefore);
  });

  it.each([`/sync/${'%E0%A4%A'}`, '/sync/x%ZZ', '/sync/%', 'http://%zz/sync/x', 'http://[::1/sync/x'])(
    'an upgrade to %s answers 404 (it answered 500 and logged a stack trace each time)',
    async (path) => {
      const res = await rawUpgrade(server.origin, path, { Origin: server.origin, Cookie: police.cookie });
      expect(res).toEqual({ status: 404 });
    },
  );
});

describe('fixed: a Yjs client id belongs to whoever first shows presence or writes under it, for good', () => {
  // Yjs trusts (client, clock): whoever stores clock n of client c first makes everyone ignore every
  // other struct (c, n). The server used to remember which principal wrote under each client id only from
  // its first accepted write and only while the room was loaded. A member of another agency who knew a
  // colleague's client id (presence broadcasts it: the awareness id IS the doc's client id for the stock
  // provider) could write under it first, and the colleague's work under those clocks vanished.

  it("[ids-1] another agency cannot claim a client id it saw in presence: the owner's offline entry still reaches the server", async () => {
    const victim = client(server, hv);
    const attacker = client(server, police);
    await Promise.all([synced(victim), synced(attacker)]);
    // What the attacker sees: the hv colleague's presence, keyed by its client id.
    let victimId = 0;
    await vi.waitFor(() => {
      const found = [...attacker.provider.awareness.getStates()].find(([, s]) => (s as { user?: { agency?: string } }).user?.agency === hv.agency);
      expect(found).toBeDefined();
      victimId = found![0];
    }, { timeout: 10_000 });
    expect(victimId).toBe(victim.doc.clientID);

    victim.provider.disconnect();
    const offline = entryFields(hv, { summary: 'Health visit written while offline' });
    victim.doc.getMap('entries').set(offline.id, entryMap(offline as unknown as Record<string, unknown>));

    const { ws, state } = await socket(server, police);
    ws.send(MSG.update(updateUnder((await server.deps.rooms.room(docName)).live, victimId, addEntry(police, 'Written under the health visitor’s client id'))));
    ws.send(MSG.syncStep1(new Uint8Array([0])));
    await vi.waitFor(() => expect(state.code !== null || state.answers > 0).toBe(true), { timeout: 3000 });
    ws.close();

    victim.provider.connect();
    await synced(victim);
    // The owner's offline work must arrive (or at least the owner must be told it did not).
    await vi
      .waitFor(async () => expect(await server.deps.repos.entries.getInDoc(chronologyId, docName, offline.id)).not.toBeNull(), { timeout: 3000 })
      .catch(() => {});
    const stored = await server.deps.repos.entries.getInDoc(chronologyId, docName, offline.id);
    const told = victim.closes.some((c) => c.code >= 4400);
    expect(stored !== null || told, 'the offline entry was silently lost: the server holds the attacker’s structs under those clocks').toBe(true);
  });

  it('[ids-2] the owner of a client id is still known after the room was unloaded and loaded again', async () => {
    const quick = await startTestServer({ roomIdleMs: 100 });
    try {
      const [p, h] = await Promise.all([signIn(quick, DEMO.police), signIn(quick, DEMO.hv)]);
      const quickChronology = await chronologyWith(quick, [p.agency, h.agency]);
      const name = sharedDocName(quickChronology);
      const victim = client(quick, h, name);
      await synced(victim);
      const first = entryFields(h, { summary: 'Written online' });
      victim.doc.getMap('entries').set(first.id, entryMap(first as unknown as Record<string, unknown>));
      await vi.waitFor(async () => expect(await quick.deps.repos.entries.getInDoc(quickChronology, name, first.id)).not.toBeNull(), { timeout: 10_000 });
      victim.provider.disconnect();
      const offline = entryFields(h, { summary: 'Written offline after the room was unloaded' });
      victim.doc.getMap('entries').set(offline.id, entryMap(offline as unknown as Record<string, unknown>));
      // Nobody connected: the room is unloaded, and with it the memory of who wrote under which id.
      await vi.waitFor(() => expect(quick.deps.rooms.stats().rooms).toBe(0), { timeout: 5000 });

      const { ws, state } = await socket(quick, p, name);
      ws.send(MSG.update(updateUnder((await quick.deps.rooms.room(name)).live, victim.doc.clientID, addEntry(p, 'Continuing the health visitor’s clocks'))));
      ws.send(MSG.syncStep1(new Uint8Array([0])));
      await vi.waitFor(() => expect(state.code !== null || state.answers > 0).toBe(true), { timeout: 3000 });
      ws.close();
      expect(state.code, 'writing under another agency’s client id must be refused, as it is while the room stays loaded').toBe(4409);
    } finally {
      await quick.stop();
    }
  });
});

describe('fixed: limits that hold under load (one member cannot keep the event loop busy)', () => {
  it('[presence-rate] presence sent well above its rate is closed (4429) even when it arrives in bursts', async () => {
    const own = await startTestServer();
    try {
      const p = await signIn(own, DEMO.police);
      const name = sharedDocName(await chronologyWith(own, [p.agency]));
      const { ws, state } = await socket(own, p, name);
      const clientId = 777_777;
      let clock = 0;
      const started = Date.now();
      // ~100 updates a second (five times the limit), in bursts of 12 every 120 ms: between bursts the
      // deferred state is applied and a token accrues; the first update of the next burst used to reset
      // the "over the rate since" clock, so the sustained-rate rule never fired.
      while (state.code === null && Date.now() - started < 9_000) {
        for (let i = 0; i < 12; i++) ws.send(MSG.awareness(awarenessUpdate([{ clientId, clock: ++clock, state: { cursor: clock } }])));
        await new Promise((r) => setTimeout(r, 120));
      }
      const code = state.code;
      if (code === null) ws.terminate();
      expect(code, `${clock} presence updates in ${Date.now() - started} ms`).toBe(4429);
    } finally {
      await own.stop();
    }
  }, 15_000);

  it('[big-refusals] one member sending ~1 MB refused updates is turned away (429) after a few, and everyone else is still answered', async () => {
    const own = await startTestServer();
    try {
      const [p, h] = await Promise.all([signIn(own, DEMO.police), signIn(own, DEMO.hv)]);
      const name = sharedDocName(await chronologyWith(own, [p.agency, h.agency]));
      const rng = createRng(7);
      const live = (await own.deps.rooms.room(name)).live;
      // Refused whole, but only after being applied to the shadow copy: ~0.9 MB of another agency's entries.
      const update = updateUnder(live, 99_000_001, (doc) => {
        for (let i = 0; i < 1000; i++) {
          const e = entryFields({ id: p.id, agency: h.agency }, { detail: 'x'.repeat(300) }, rng);
          doc.getMap('entries').set(e.id, entryMap(e as unknown as Record<string, unknown>));
        }
      });
      expect(update.byteLength).toBeLessThan(1024 * 1024);
      const chronologyId = name.split('/')[0]!;
      const entriesBefore = (await own.deps.repos.entries.all(chronologyId)).length;
      const lag = monitorEventLoopDelay({ resolution: 10 });
      lag.enable();
      const rest: number[] = [];
      let stop = false;
      const probe = (async () => {
        while (!stop) {
          const t = performance.now();
          const res = await fetch(own.origin + '/api/me', { headers: { cookie: h.cookie, connection: 'close' } });
          await res.arrayBuffer();
          rest.push(performance.now() - t);
          await new Promise((r) => setTimeout(r, 50));
        }
      })();
      const started = performance.now();
      let sent = 0;
      let turnedAway = 0;
      // One member, eight connections at a time (the cap is 20), each closed by its refusal and replaced.
      await Promise.all(
        [0, 1, 2, 3, 4, 5, 6, 7].map(async () => {
          while (performance.now() - started < 5_000) {
            let opened: Awaited<ReturnType<typeof socket>>;
            try {
              opened = await socket(own, p, name);
            } catch (err) {
              expect(String(err)).toMatch(/429/);
              turnedAway++;
              await new Promise((r) => setTimeout(r, 100));
              continue;
            }
            opened.ws.send(MSG.update(update));
            sent++;
            await vi.waitFor(() => expect(opened.state.code).not.toBeNull(), { timeout: 10_000 });
          }
        }),
      );
      stop = true;
      await probe;
      lag.disable();
      const p99 = lag.percentile(99) / 1e6 - 10;
      console.log(`[big-refusals] ${sent} refused updates of ${update.byteLength} bytes in 5 s, ${turnedAway} connections turned away (429): event-loop lag p99 ${p99.toFixed(0)} ms, max ${(lag.max / 1e6 - 10).toFixed(0)} ms; GET /api/me`, await summarise(rest));
      // The refusal budget (5) plus the connections already open when it ran out.
      expect(sent).toBeLessThanOrEqual(5 + 8);
      expect(turnedAway).toBeGreaterThan(0);
      expect(await own.deps.repos.entries.all(chronologyId)).toHaveLength(entriesBefore);
      // The lag and latency are reported, not asserted (timings vary with the machine): see the notes.
      // Everyone else was answered throughout: one probe request every 50 ms plus its answer, so about 60 on a
      // quiet machine; a loaded 2-core CI machine answered exactly 10, so the floor is 5 (a stalled server
      // answers one or two).
      expect((await summarise(rest)).n).toBeGreaterThanOrEqual(5);
    } finally {
      await own.stop();
    }
  }, 30_000);
});
