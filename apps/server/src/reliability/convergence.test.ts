/**
 * Convergence, the way Yjs tests itself: seeded randomized runs of three stock y-websocket clients of two
 * agencies (police, a second police officer, a health visitor) on one chronology, each making hundreds of
 * valid edits (adding entries, amending their own agency's entries, withdrawing with a reason) while the
 * network delays every message by a seeded random amount and the clients drop and resume their connection
 * at random. At the end every replica, the server's live document and the update log replayed into a
 * fresh document are identical (state vector and entries), the entry projection says the same, and no
 * client was ever refused (a valid edit must never earn a 44xx close).
 *
 * CI: MAC_CONVERGENCE_RUNS=10 (default, ~10 s). Nightly: MAC_CONVERGENCE_RUNS=1000. Replay one run:
 * MAC_CONVERGENCE_SEED=<seed printed on failure> MAC_CONVERGENCE_RUNS=1.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { entryText, sharedDocName, storedFieldsOf } from '@mac/sync';
import { DEMO, startTestServer, type TestServer } from '../testing.js';
import { CATEGORY_SLUGS, createRng, entryFields, entryMap, envInt, randomDate, randomSummary, replayLog, seedFrom, signIn, stateVectorMap, type Actor, type Rng } from './harness.js';

const RUNS = envInt('MAC_CONVERGENCE_RUNS', 10);
const OPS = envInt('MAC_CONVERGENCE_OPS', 200);
const MAX_DELAY_MS = envInt('MAC_CONVERGENCE_DELAY_MS', 25);
const SEED = seedFrom('MAC_CONVERGENCE_SEED');

let server: TestServer;
let police: Actor, police2: Actor, hv: Actor, lead: Actor;

/**
 * A `ws` WebSocket that carries our session cookie and delays every message by a seeded random amount,
 * in order (a slow network, not a reordering one). What is still waiting when the socket closes is lost,
 * as unsent bytes are when a connection drops; the close itself arrives after what was received before it.
 */
function delayedWebSocket(actor: Actor, origin: string, rng: Rng) {
  return class DelayedWebSocket extends WebSocket {
    private readonly outbound = fifo();
    private readonly inbound = fifo();

    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie: actor.cookie, origin } });
    }

    override send(data: unknown, ...rest: unknown[]): void {
      this.outbound.push(rng.int(MAX_DELAY_MS + 1), () => {
        if (this.readyState === WebSocket.OPEN) (super.send as (...a: unknown[]) => void)(data, ...rest);
      });
    }

    override emit(event: string | symbol, ...args: unknown[]): boolean {
      if (event !== 'message' && event !== 'close' && event !== 'open') return super.emit(event, ...args);
      this.inbound.push(event === 'message' ? rng.int(MAX_DELAY_MS + 1) : 0, () => super.emit(event, ...args));
      return true;
    }
  };
}

/**
 * A first-in first-out line where each item waits its own delay after the one before it has gone:
 * TCP delays, it never reorders (two timers due in the same millisecond may fire in either order).
 */
function fifo() {
  const items: Array<{ due: number; run: () => void }> = [];
  let timer: NodeJS.Timeout | null = null;
  let lastDue = 0;
  const drain = () => {
    timer = null;
    while (items.length > 0 && items[0]!.due <= performance.now()) items.shift()!.run();
    if (items.length > 0) timer = setTimeout(drain, Math.max(0, items[0]!.due - performance.now()));
  };
  return {
    push(delayMs: number, run: () => void) {
      lastDue = Math.max(lastDue, performance.now() + delayMs);
      items.push({ due: lastDue, run });
      if (timer === null) timer = setTimeout(drain, Math.max(0, items[0]!.due - performance.now()));
    },
  };
}

interface Replica {
  actor: Actor;
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Every close the server sent this replica (across resyncs). */
  closes: Array<{ code: number; reason: string }>;
  created: string[];
  withdrawn: string[];
  resyncs: number;
}

/**
 * A replica behaves as the MAC web client does (apps/web/src/sync/live-doc.ts): on a 44xx close it throws
 * its copy away and loads the server's (losing whatever the server refused, and anything unsent); on
 * 4429 it reconnects a little later with its changes.
 */
function replica(actor: Actor, docName: string, rng: Rng): Replica {
  const r = { actor, closes: [], created: [], withdrawn: [], resyncs: 0 } as unknown as Replica;
  const open = () => {
    r.doc = new Y.Doc();
    r.provider = new WebsocketProvider(server.origin.replace(/^http/, 'ws') + '/sync', docName, r.doc, {
      WebSocketPolyfill: delayedWebSocket(actor, server.origin, rng) as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      maxBackoffTime: 200,
    });
    const provider = r.provider;
    provider.on('connection-close', (event: CloseEvent | null) => {
      if (!event || provider !== r.provider) return;
      r.closes.push({ code: event.code, reason: event.reason });
      if (event.code === 4429) {
        setTimeout(() => provider === r.provider && provider.connect(), 300);
      } else if (event.code >= 4400 && event.code < 4500) {
        setTimeout(() => {
          if (provider !== r.provider) return;
          provider.destroy();
          r.doc.destroy();
          r.resyncs++;
          open();
        }, 0);
      }
    });
  };
  open();
  return r;
}

const AMENDABLE = ['summary', 'detail', 'impactOnChild', 'actionTaken', 'sourceRef', 'recordedBy', 'date', 'time', 'category'] as const;

function amendValue(rng: Rng, field: (typeof AMENDABLE)[number]): string {
  switch (field) {
    case 'date':
      return randomDate(rng);
    case 'time':
      return rng.bool() ? '' : `${String(rng.int(24)).padStart(2, '0')}:${String(rng.int(60)).padStart(2, '0')}`;
    case 'category':
      return rng.pick(CATEGORY_SLUGS);
    default:
      return randomSummary(rng, field);
  }
}

/** One valid edit by the replica, as its user would make it through the UI (the stock doc API). */
function edit(r: Replica, rng: Rng): void {
  const entries = r.doc.getMap<string>('entries');
  // Withdrawn entries included: a colleague may have withdrawn one while this replica was offline.
  // Each replica amends the entries it wrote: an entry is one value, so two people changing one entry at
  // once are refused (packages/sync room-manager.test.ts), which this run is not about.
  const mine = [...entries.values()].map((value) => storedFieldsOf(value)!).filter((m) => m.agency === r.actor.agency && r.created.includes(m.id as string));
  const roll = rng.int(100);
  if (roll < 45 || mine.length === 0) {
    const e = entryFields(r.actor, { recordedAt: new Date().toISOString() }, rng);
    entries.set(e.id, entryMap(e as unknown as Record<string, unknown>));
    r.created.push(e.id);
    return;
  }
  const target = rng.pick(mine);
  if (roll < 88) {
    // One to three fields in one new value, only if one changes (as amendEntry does).
    const next = { ...target };
    for (let n = rng.range(1, 3); n > 0; n--) {
      const field = rng.pick(AMENDABLE);
      next[field] = amendValue(rng, field);
    }
    if (Object.keys(next).some((k) => next[k] !== target[k])) entries.set(target.id as string, entryText(next));
    return;
  }
  if (target.status === 'active') {
    entries.set(target.id as string, entryText({ ...target, status: 'withdrawn', withdrawnReason: randomSummary(rng, 'withdrawn') }));
    r.withdrawn.push(target.id as string);
  }
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every entry's stored fields by id (an entry is one JSON text in the document). */
function entriesJson(doc: Y.Doc): Record<string, Record<string, unknown> | null> {
  return Object.fromEntries([...doc.getMap('entries').entries()].map(([id, value]) => [id, storedFieldsOf(value)]));
}

async function run(seed: number): Promise<{ ops: number; disconnects: number; entries: number; ms: number; refused: number; lost: number }> {
  const started = performance.now();
  const rng = createRng(seed);
  const created = await server.api(lead.cookie, 'POST', '/api/chronologies', { child: { givenName: 'Converge', familyName: `Run ${seed}` }, memberAgencies: [police.agency, hv.agency] });
  expect(created.status).toBe(201);
  const chronologyId: string = created.body.id;
  const docName = sharedDocName(chronologyId);
  const replicas = [police, police2, hv].map((actor) => replica(actor, docName, rng.fork()));
  try {
    await vi.waitFor(() => expect(replicas.every((r) => r.provider.synced)).toBe(true), { timeout: 10_000 });
    let ops = 0;
    let disconnects = 0;
    for (let step = 0; step < OPS * replicas.length; step++) {
      const r = rng.pick(replicas);
      if (rng.int(100) < 3) {
        if (r.provider.shouldConnect) {
          r.provider.disconnect();
          disconnects++;
        } else r.provider.connect();
      } else {
        edit(r, rng);
        ops++;
      }
      if (rng.int(4) === 0) await wait(rng.int(4));
    }
    for (const r of replicas) if (!r.provider.shouldConnect) r.provider.connect();

    // Quiescence: everyone connected and synced, every replica holding what the server holds.
    const live = async () => (await server.deps.rooms.room(docName)).live;
    await vi
      .waitFor(
        async () => {
          await server.deps.rooms.flush();
          const sv = stateVectorMap(Y.encodeStateVector(await live()));
          for (const r of replicas) {
            expect(r.provider.synced).toBe(true);
            expect(stateVectorMap(Y.encodeStateVector(r.doc))).toEqual(sv);
          }
        },
        { timeout: 30_000, interval: 50 },
      )
      .catch(() => {}); // the assertions below say what differs

    const context = `seed ${seed} (replay: MAC_CONVERGENCE_SEED=${seed} MAC_CONVERGENCE_RUNS=1)`;
    const serverSv = stateVectorMap(Y.encodeStateVector(await live()));
    const serverEntries = entriesJson(await live());
    for (const r of replicas) {
      expect(stateVectorMap(Y.encodeStateVector(r.doc)), `state vector of ${r.actor.email} — ${context}`).toEqual(serverSv);
      expect(entriesJson(r.doc), `entries of ${r.actor.email} — ${context}`).toEqual(serverEntries);
    }
    const replayed = await replayLog(server, docName);
    expect(stateVectorMap(Y.encodeStateVector(replayed)), `the update log replayed — ${context}`).toEqual(serverSv);
    expect(entriesJson(replayed), `the update log replayed — ${context}`).toEqual(serverEntries);
    replayed.destroy();
    const projection = new Map((await server.deps.repos.entries.all(chronologyId)).map((row) => [row.id, row]));
    expect([...projection.keys()].sort(), `projection ids — ${context}`).toEqual(Object.keys(serverEntries).sort());
    for (const [id, entry] of Object.entries(serverEntries) as Array<[string, Record<string, unknown>]>) {
      const row = projection.get(id) as unknown as Record<string, unknown>;
      for (const [field, value] of Object.entries(entry)) expect(field === 'restricted' ? Boolean(row[field]) : row[field], `projection ${id}.${field} — ${context}`).toEqual(value);
    }
    // Nothing valid was refused or lost: every entry anyone created is there and every withdrawal stuck.
    // (Soft: convergence above is checked whatever happens here.)
    const refused = replicas.flatMap((r) => r.closes.filter((c) => c.code >= 4400).map((c) => `${r.actor.email}: ${c.code} ${c.reason}`));
    const lost = replicas.flatMap((r) => r.created.filter((id) => serverEntries[id] === undefined).map((id) => `${r.actor.email} created ${id}`));
    const unwithdrawn = replicas.flatMap((r) => r.withdrawn.filter((id) => serverEntries[id] !== undefined && (serverEntries[id] as { status?: string }).status !== 'withdrawn'));
    expect
      .soft(
        { refused: refused.length, lost: lost.length, unwithdrawn: unwithdrawn.length, firstRefusals: [...new Set(refused)].slice(0, 3) },
        `no valid edit is refused, no created entry or withdrawal lost — ${context}`,
      )
      .toEqual({ refused: 0, lost: 0, unwithdrawn: 0, firstRefusals: [] });
    return { ops, disconnects, entries: Object.keys(serverEntries).length, ms: performance.now() - started, refused: refused.length, lost: lost.length };
  } finally {
    for (const r of replicas) {
      r.provider.destroy();
      r.doc.destroy();
    }
  }
}

beforeAll(async () => {
  server = await startTestServer();
  [police, hv, lead] = await Promise.all([signIn(server, DEMO.police), signIn(server, DEMO.hv), signIn(server, DEMO.lead)]);
  const admin = await signIn(server, DEMO.admin);
  const made = await server.api(admin.cookie, 'POST', '/api/admin/users', { email: 'second.officer@tvp.example.org', name: 'Second Officer', role: 'practitioner', agency: police.agency, password: 'a second officer passphrase' });
  expect(made.status).toBe(201);
  await server.approve('users', made.body.user.id);
  police2 = await signIn(server, 'second.officer@tvp.example.org', 'a second officer passphrase');
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

describe('convergence', () => {
  it(`${RUNS} seeded runs of 3 clients × ${OPS} edits with delays and disconnects converge (seed ${SEED})`, async () => {
    const totals = { ops: 0, disconnects: 0, entries: 0, refused: 0, lost: 0 };
    const started = performance.now();
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const seed = (SEED + i) >>> 0;
      const result = await run(seed);
      totals.ops += result.ops;
      totals.disconnects += result.disconnects;
      totals.entries += result.entries;
      totals.refused += result.refused;
      totals.lost += result.lost;
      times.push(result.ms);
      if (RUNS >= 20 && (i + 1) % Math.floor(RUNS / 10) === 0) console.log(`convergence: ${i + 1}/${RUNS} runs, ${Math.round((performance.now() - started) / 1000)} s`);
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(`convergence seed ${SEED}: ${RUNS} runs, ${totals.ops} edits, ${totals.disconnects} disconnects, ${totals.entries} entries; ${totals.refused} refusals of valid clients, ${totals.lost} created entries lost; ${seconds.toFixed(1)} s (${(seconds / RUNS).toFixed(2)} s a run)`);
  }, 60_000 + RUNS * 30_000);
});
