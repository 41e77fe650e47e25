/**
 * Websocket fuzzing against the real server, in this process (so the event loop we measure is the
 * server's): authenticated connections of two agencies (police, health visiting) to a real chronology's
 * shared document send malformed and hostile frames: random bytes, truncated y-protocol messages, huge
 * varints, unknown message types, V2 updates, updates with missing dependencies, valid Yjs updates that
 * break the permission rules, awareness floods, invalid websocket frames over a raw TCP socket, broken
 * handshakes. The server must close each such connection (usually on the first bad message) with one of
 * its codes; the fuzzer reconnects and continues.
 *
 * Throughout: the event-loop lag is measured (goal: p99 under 100 ms; reported), a well-behaved hv client keeps getting
 * `GET /api/me` 200, and its websocket writes keep reaching a well-behaved police client (and back). At
 * the end NOTHING stored has changed except those deliberate writes: the update log, the entry projection,
 * every other table, the document's state vector.
 *
 * CI: MAC_FUZZ_FRAMES=10000 (default, ~1 min). Full: MAC_FUZZ_FRAMES=100000. Replay: MAC_FUZZ_SEED=<seed>.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { Entry } from '@mac/domain';
import { sharedDocName } from '@mac/sync';
import { connect, type Client } from '../sync-testing.js';
import { DEMO, startTestServer, type TestServer } from '../testing.js';
import {
  awarenessUpdate,
  chronologyWith,
  createRng,
  entryFields,
  entryMap,
  envInt,
  isSyncStep2,
  MSG,
  rawUpgrade,
  replayLog,
  round,
  seedFrom,
  signIn,
  stateVectorMap,
  storedState,
  summarise,
  type Actor,
  type StoredState,
} from './harness.js';
import { createCaseSource, type CaseSource, type FuzzCase, type FuzzWorld, type RawCase, type WsCase } from './ws-fuzz-cases.js';

const FRAMES = envInt('MAC_FUZZ_FRAMES', 10_000);
const WORKERS_PER_ACTOR = envInt('MAC_FUZZ_WORKERS', 5);
const SEED = seedFrom('MAC_FUZZ_SEED');
const PROBE_TIMEOUT_MS = 10_000;
// Node's histogram counts the timer interval itself (an idle loop reads ~10.1 ms at 10 ms resolution):
// the lag is what exceeds it.
const LAG_RESOLUTION_MS = 10;

let server: TestServer;
let policeFuzz: Actor, hvFuzz: Actor, observerActor: Actor, watcherActor: Actor;
let chronologyId: string;
let docName: string;
let observer: Client, watcher: Client;
let baseUpdate: Uint8Array;
const withdrawn = new Map<string, string>();
let idsByAgency = new Map<string, string[]>();

const synced = (c: Client) => vi.waitFor(() => expect(c.provider.synced).toBe(true), { timeout: 10_000 });

// ---------------------------------------------------------------------------------------------
// Deliberate valid writes (the only changes allowed) and the health of the well-behaved clients

const deliberate = new Map<string, Entry>();
const deliveryMs: number[] = [];
const restMs: number[] = [];
let resets = 0;
const violations: Array<{ what: string; category?: string; sample?: string }> = [];

function violation(what: string, category?: string, frame?: FuzzCase) {
  let sample: string | undefined;
  if (frame?.transport === 'ws' && frame.frames[0] !== undefined) {
    const f = frame.frames[0];
    sample = f instanceof Uint8Array ? Buffer.from(f.subarray(0, 96)).toString('hex') : `text:${f.text.slice(0, 60)}`;
  } else if (frame?.transport === 'raw') {
    sample = frame.path ?? JSON.stringify(frame.handshake ?? {}) + (frame.frames[0] ? Buffer.from(frame.frames[0].subarray(0, 48)).toString('hex') : '');
  }
  if (violations.length < 500) violations.push({ what, category, sample });
}

async function deliberateWrite(writer: Client, writerActor: Actor, reader: Client, n: number): Promise<void> {
  const e = entryFields(writerActor, { summary: `Deliberate write ${n} during fuzzing` });
  deliberate.set(e.id, e);
  const t = performance.now();
  writer.doc.getMap('entries').set(e.id, entryMap(e as unknown as Record<string, unknown>));
  try {
    await vi.waitFor(() => expect(reader.doc.getMap('entries').has(e.id)).toBe(true), { timeout: 5_000, interval: 2 });
    deliveryMs.push(performance.now() - t);
  } catch {
    violation(`a valid write by ${writerActor.email} was not broadcast within 5 s (${writer.closes.map((c) => c.code).join(',')})`);
  }
}

async function healthLoop(stop: () => boolean): Promise<void> {
  for (let i = 0; !stop(); i++) {
    const t = performance.now();
    // A connection per request: a reused keep-alive socket that the server timed out would be our
    // artefact, not its failure. A connection reset while the fuzzers open and drop hundreds of sockets
    // is retried once, as any HTTP client retries an idempotent GET (counted in `resets`, printed below);
    // the server must answer the retry.
    const probe = async () => {
      const res = await fetch(server.origin + '/api/me', { headers: { cookie: observerActor.cookie, connection: 'close' } });
      await res.arrayBuffer();
      return res;
    };
    try {
      let res: Response;
      try {
        res = await probe();
      } catch (err) {
        if (!/ECONNRESET/.test(String((err as Error).cause ?? err))) throw err;
        resets++;
        res = await probe();
      }
      restMs.push(performance.now() - t);
      if (res.status !== 200) violation(`GET /api/me answered ${res.status}`);
    } catch (err) {
      violation(`GET /api/me failed after ${Math.round(performance.now() - t)} ms: ${String((err as Error).cause ?? err)}`);
    }
    if (i % 4 === 0) {
      if (i % 8 === 0) await deliberateWrite(observer, observerActor, watcher, i);
      else await deliberateWrite(watcher, watcherActor, observer, i);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

// ---------------------------------------------------------------------------------------------
// Fuzzing connections

interface Stats {
  cases: number;
  frames: number;
  codes: Record<string, number>;
  open: number;
  timeouts: number;
}
const stats = new Map<string, Stats>();
let budgetFrames = 0;
let floodFrames = 0;
let connectionsOpened = 0;

function statsOf(category: string): Stats {
  let s = stats.get(category);
  if (!s) stats.set(category, (s = { cases: 0, frames: 0, codes: {}, open: 0, timeouts: 0 }));
  return s;
}

interface Conn {
  ws: WebSocket;
  code: number | null;
  answers: number;
  wake: (() => void) | null;
}

function openConn(actor: Actor): Promise<Conn> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${server.origin.replace(/^http/, 'ws')}/sync/${docName}`, { headers: { cookie: actor.cookie, origin: server.origin } });
    ws.binaryType = 'arraybuffer';
    const conn: Conn = { ws, code: null, answers: 0, wake: null };
    ws.on('message', (data: ArrayBuffer) => {
      if (isSyncStep2(new Uint8Array(data))) {
        conn.answers++;
        conn.wake?.();
      }
    });
    ws.on('close', (code) => {
      conn.code = code;
      conn.wake?.();
      reject(new Error(`closed before opening: ${code}`));
    });
    ws.on('error', () => {});
    ws.on('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    ws.on('open', () => {
      connectionsOpened++;
      resolve(conn);
    });
  });
}

/** Our sync step 1, answered by the server's step 2 only if the connection survived what came before it. */
async function probe(): Promise<Uint8Array> {
  return MSG.syncStep1(Y.encodeStateVector((await server.deps.rooms.room(docName)).live));
}

/** Whether a frame may be a sync step 1 (type 0, step 0, in any varint spelling): the server answers those too. */
function maybeSyncStep1(frame: Uint8Array): boolean {
  let at = 0;
  const read = (): number | null => {
    let n = 0;
    for (let shift = 0; at < frame.length; shift += 7) {
      const b = frame[at++]!;
      n += (b & 127) * 2 ** shift;
      if (b < 128) return n;
    }
    return null;
  };
  return read() === 0 && read() === 0;
}

/**
 * Sends the case's frames and a probe on a fresh connection, then waits for the server to either close
 * it or answer the probe. Frames that are themselves valid sync requests are answered too, so the probe
 * is the (k+1)-th answer.
 */
async function runWsCase(conn: Conn, c: WsCase): Promise<'closed' | 'open' | 'timeout'> {
  let expected = 1;
  for (const frame of c.frames) {
    if (frame instanceof Uint8Array) {
      if (maybeSyncStep1(frame)) expected++;
      conn.ws.send(frame);
    } else conn.ws.send(frame.text);
  }
  conn.ws.send(await probe());
  let timer: NodeJS.Timeout | undefined;
  await new Promise<void>((resolve) => {
    conn.wake = () => {
      if (conn.code !== null || conn.answers >= expected) resolve();
    };
    timer = setTimeout(resolve, PROBE_TIMEOUT_MS);
    conn.wake();
  });
  clearTimeout(timer);
  conn.wake = null;
  return conn.code !== null ? 'closed' : conn.answers >= expected ? 'open' : 'timeout';
}

async function runRawCase(actor: Actor, c: RawCase): Promise<void> {
  const s = statsOf(c.category);
  s.cases++;
  s.frames += Math.max(1, c.frames.length);
  budgetFrames += Math.max(1, c.frames.length);
  const res = await rawUpgrade(server.origin, c.path ?? `/sync/${docName}`, { Origin: server.origin, Cookie: actor.cookie }, { handshake: c.handshake });
  if ('status' in res) {
    s.codes[`http ${res.status}`] = (s.codes[`http ${res.status}`] ?? 0) + 1;
    if (c.expect !== 'refused') violation(`handshake refused with ${res.status}`, c.category, c);
    else if (res.status < 400 || res.status >= 500) violation(`a broken handshake answered ${res.status} (want 4xx)`, c.category, c);
    return;
  }
  connectionsOpened++;
  if (c.expect === 'refused') {
    violation('a broken handshake was accepted (101)', c.category, c);
    res.socket.destroy();
    return;
  }
  for (const frame of c.frames) res.socket.write(frame);
  const wait = c.expect === 'either' ? 100 : 5_000;
  let timer: NodeJS.Timeout | undefined;
  const code = await Promise.race([res.closed, new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), wait)))]);
  clearTimeout(timer);
  res.socket.destroy();
  const key = code === 'timeout' ? 'none' : code === null ? 'ended' : String(code);
  s.codes[key] = (s.codes[key] ?? 0) + 1;
  if (c.expect === 'close') {
    if (typeof code !== 'number') violation(`raw frame: no close frame (${key})`, c.category, c);
    else if (c.codes && !c.codes.includes(code)) violation(`raw frame: closed with ${code}, expected ${c.codes.join('/')}`, c.category, c);
  }
}

async function fuzzWorker(actor: Actor, source: CaseSource, done: () => boolean): Promise<void> {
  while (!done()) {
    const c = source.next(actor);
    if (c.transport === 'raw') {
      await runRawCase(actor, c);
      continue;
    }
    // A fresh connection per case: the server closes most of them anyway, and one that stays open
    // may still owe us an answer to something the case sent.
    let conn: Conn;
    try {
      conn = await openConn(actor);
    } catch (err) {
      violation(`could not open a connection: ${(err as Error).message}`);
      await new Promise((r) => setTimeout(r, 100));
      continue;
    }
    const s = statsOf(c.category);
    s.cases++;
    s.frames += c.frames.length;
    if (c.flood) floodFrames += c.frames.length;
    else budgetFrames += c.frames.length;
    const outcome = await runWsCase(conn, c);
    if (outcome === 'closed') {
      const code = conn.code!;
      s.codes[code] = (s.codes[code] ?? 0) + 1;
      if (c.expect === 'open') violation(`closed with ${code}, expected to stay open`, c.category, c);
      else if (c.codes && !c.codes.includes(code)) violation(`closed with ${code}, expected ${c.codes.join('/')}`, c.category, c);
    } else if (outcome === 'open') {
      s.open++;
      if (c.expect === 'close') violation('not closed: the server answered after it', c.category, c);
    } else {
      s.timeouts++;
      violation(`no answer and no close within ${PROBE_TIMEOUT_MS} ms`, c.category, c);
    }
    if (conn.code === null) conn.ws.terminate();
  }
}

/** Presence above its rate for longer than 5 s: the connection is closed (4429). */
async function awarenessRateFlood(actor: Actor): Promise<void> {
  const s = statsOf('flood-awareness-rate');
  s.cases++;
  const conn = await openConn(actor);
  const clientId = 1 + Math.floor(Math.random() * 2 ** 30);
  const started = performance.now();
  // Four messages a tick: on a loaded machine a 5 ms timer fires every 20 ms or more, and one message a
  // tick would then stay under the limit (20 a second) and prove nothing.
  for (let clock = 1; conn.code === null && performance.now() - started < 12_000; clock += 4) {
    for (let k = 0; k < 4; k++) {
      conn.ws.send(MSG.awareness(awarenessUpdate([{ clientId, clock: clock + k, state: { cursor: clock + k } }])));
      s.frames++;
      floodFrames++;
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  await vi.waitFor(() => expect(conn.code).not.toBeNull(), { timeout: 2_000 }).catch(() => {});
  const key = conn.code === null ? 'none' : String(conn.code);
  s.codes[key] = (s.codes[key] ?? 0) + 1;
  if (conn.code !== 4429) violation(`an awareness flood of ${s.frames} messages over ${Math.round(performance.now() - started)} ms ended with ${key}, expected 4429`, 'flood-awareness-rate');
  if (conn.code === null) conn.ws.terminate();
}

// ---------------------------------------------------------------------------------------------

beforeAll(async () => {
  // Without the per-account admission limits (RoomManager.admit), which would turn the fuzzing accounts
  // away after a few refusals: what is fuzzed here is what each connection does with each frame.
  server = await startTestServer({ syncLimits: { connectionsPerMinute: 1e9, refusalBurst: 1e9 } });
  [policeFuzz, hvFuzz, observerActor, watcherActor] = await Promise.all([signIn(server, DEMO.police), signIn(server, DEMO.hv), signIn(server, DEMO.hv), signIn(server, DEMO.police)]);
  chronologyId = await chronologyWith(server, [policeFuzz.agency, hvFuzz.agency]);
  docName = sharedDocName(chronologyId);
  // One withdrawn entry per agency (for attempts to reinstate it): valid writes made before the snapshot.
  for (const actor of [watcherActor, observerActor]) {
    const created = await server.api(actor.cookie, 'POST', `/api/chronologies/${chronologyId}/entries`, { date: '2024-01-02', category: 'police-attendance', summary: 'To be withdrawn' });
    expect(created.status).toBe(201);
    const w = await server.api(actor.cookie, 'POST', `/api/chronologies/${chronologyId}/entries/${created.body.entry.id}/withdraw`, { reason: 'Entered twice' });
    expect(w.status).toBe(200);
    withdrawn.set(actor.agency, created.body.entry.id);
  }
  observer = connect(server.origin, observerActor.cookie, docName);
  watcher = connect(server.origin, watcherActor.cookie, docName);
  await Promise.all([synced(observer), synced(watcher)]);
  // Both well-behaved clients write once, so the server knows whose their Yjs client ids are.
  await deliberateWrite(observer, observerActor, watcher, -1);
  await deliberateWrite(watcher, watcherActor, observer, -2);
  await server.deps.rooms.flush();
  baseUpdate = Y.encodeStateAsUpdate((await server.deps.rooms.room(docName)).live);
  idsByAgency = new Map();
  for (const row of await server.deps.repos.entries.all(chronologyId)) {
    // Active entries only: amending a withdrawn one is allowed over the websocket (docs/security.md),
    // so an "invalid amendment" of one could be valid.
    if (row.docName !== docName || row.status !== 'active') continue;
    const list = idsByAgency.get(row.agency) ?? [];
    list.push(row.id);
    idsByAgency.set(row.agency, list);
  }
}, 60_000);

afterAll(async () => {
  observer?.destroy();
  watcher?.destroy();
  await server?.stop();
});

describe('websocket fuzzing', () => {
  it(`survives ${FRAMES} malformed and hostile frames (seed ${SEED}) and changes nothing stored`, async () => {
    const rng = createRng(SEED);
    const deliberateBefore = deliberate.size;
    const before: StoredState = await storedState(server, chronologyId, docName);
    const svBefore = stateVectorMap(Y.encodeStateVector((await server.deps.rooms.room(docName)).live));
    const ownersBefore = await server.deps.repos.docClients.owners(docName);

    // Loaded for the whole run: the well-behaved clients stay connected.
    const liveRoom = await server.deps.rooms.room(docName);
    const world: FuzzWorld = {
      docName,
      base: () => baseUpdate,
      idsOf: (agency) => idsByAgency.get(agency) ?? [],
      otherAgencyOf: (agency) => (agency === policeFuzz.agency ? hvFuzz.agency : policeFuzz.agency),
      withdrawnIdOf: (agency) => withdrawn.get(agency),
      clientIdOfOther: (agency) => (agency === policeFuzz.agency ? observer.doc.clientID : watcher.doc.clientID),
      observerAwarenessId: () => observer.doc.clientID,
      liveUpdate: () => Y.encodeStateAsUpdate(liveRoom.live),
    };
    const source = createCaseSource(rng, world, { poolSize: 20 });
    source.warm([policeFuzz, hvFuzz]);

    const lag = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
    lag.enable();
    const started = performance.now();
    let stopHealth = false;
    const health = healthLoop(() => stopHealth);
    const done = () => budgetFrames >= FRAMES;
    const floods = (async () => {
      // One sustained presence flood per fuzzing principal, and more in long runs.
      const rounds = Math.max(1, Math.floor(FRAMES / 25_000));
      for (let r = 0; r < rounds && !done(); r++) await Promise.all([awarenessRateFlood(policeFuzz), awarenessRateFlood(hvFuzz)]);
    })();
    const workers: Promise<void>[] = [];
    for (let w = 0; w < WORKERS_PER_ACTOR; w++) {
      workers.push(fuzzWorker(policeFuzz, source, done));
      workers.push(fuzzWorker(hvFuzz, source, done));
    }
    await Promise.all(workers);
    await floods;
    stopHealth = true;
    await health;
    lag.disable();
    const seconds = (performance.now() - started) / 1000;

    // -------------------------------------------------------------------------------------------
    // The report
    const lagOf = (ns: number) => Math.max(0, ns / 1e6 - LAG_RESOLUTION_MS);
    const lagMs = { p50: lagOf(lag.percentile(50)), p99: lagOf(lag.percentile(99)), max: lagOf(lag.max) };
    const rows = [...stats.entries()].sort((a, b) => a[0].localeCompare(b[0]));
    const table = rows.map(([category, s]) => ({ category, cases: s.cases, frames: s.frames, closes: Object.entries(s.codes).map(([k, v]) => `${k}×${v}`).join(' '), open: s.open, timeouts: s.timeouts }));
    console.log(`ws-fuzz seed ${SEED}: ${budgetFrames} hostile frames (+${floodFrames} flood frames) over ${connectionsOpened} connections in ${round(seconds)} s`);
    console.table(table);
    console.log('event-loop lag ms', { p50: round(lagMs.p50, 2), p99: round(lagMs.p99, 2), max: round(lagMs.max, 1) });
    console.log('GET /api/me ms', summarise(restMs), 'connection resets retried', resets, 'valid write delivery ms', summarise(deliveryMs));
    if (violations.length) console.log('violations (first 40):', violations.slice(0, 40));

    // -------------------------------------------------------------------------------------------
    // The well-behaved clients are still there, still themselves
    expect.soft(server.deps.rooms.connections().filter((c) => c.docName === docName).length).toBeGreaterThanOrEqual(2);
    expect.soft(observer.closes, 'the observer was never disconnected').toEqual([]);
    expect.soft(watcher.closes, 'the watcher was never disconnected').toEqual([]);
    const seen = watcher.provider.awareness.getStates().get(observer.doc.clientID) as { user?: { id: string; name: string } } | undefined;
    expect.soft(seen?.user?.id, 'the observer’s presence still carries its own identity').toBe(observerActor.id);
    expect.soft((await server.api(observerActor.cookie, 'GET', '/api/me')).status).toBe(200);

    // -------------------------------------------------------------------------------------------
    // Nothing stored changed but the deliberate writes
    const after = await storedState(server, chronologyId, docName);
    const written = [...deliberate.values()].slice(deliberateBefore);
    expect.soft(after.log.slice(0, before.log.length), 'the update log rows from before are untouched').toEqual(before.log);
    expect.soft(after.log.length - before.log.length, 'one new update-log row per deliberate write, no more').toBe(written.length);
    expect.soft(after.totalUpdates - before.totalUpdates, 'no row in any other document').toBe(written.length);
    for (const [id, row] of before.entries) expect.soft(after.entries.get(id), `projection of ${id}`).toEqual(row);
    const newIds = [...after.entries.keys()].filter((id) => !before.entries.has(id)).sort();
    expect.soft(newIds, 'the only new entries are the deliberate ones').toEqual(written.map((e) => e.id).sort());
    for (const e of written) {
      const { chronologyId: _c, docName: _d, dateFirst: _f, dateLast: _l, updatedAt: _u, updatedBy: _b, ...stored } = after.entries.get(e.id)!;
      // The projection keeps an absent screening result as null, and no people named as '' (personIds); the
      // entry has no such field.
      const absent = Object.fromEntries(Object.entries(stored).filter(([k, v]) => v !== null && !(k === 'personIds' && v === '')));
      expect.soft({ ...absent, restricted: Boolean(stored.restricted) }).toEqual(e);
    }
    // entry_versions moves with every change to `entries` (triggers): the deliberate writes move it.
    const { entries: _e, doc_updates: _u, doc_clients: _c, entry_versions: _v, ...otherTables } = after.tables;
    const { entries: _e0, doc_updates: _u0, doc_clients: _c0, entry_versions: _v0, ...otherTablesBefore } = before.tables;
    expect.soft(otherTables, 'no other table changed').toEqual(otherTablesBefore);
    // Client ids claimed by the fuzzers' presence are recorded; nobody else's ownership changed.
    const owners = await server.deps.repos.docClients.owners(docName);
    for (const [client, owner] of ownersBefore) expect.soft(owners.get(client), `owner of client id ${client}`).toBe(owner);
    const fuzzers = new Set([policeFuzz.id, hvFuzz.id]);
    expect.soft([...owners].filter(([client, owner]) => !ownersBefore.has(client) && !fuzzers.has(owner)), 'new client-id owners are fuzzers').toEqual([]);
    const live = (await server.deps.rooms.room(docName)).live;
    const svAfter = stateVectorMap(Y.encodeStateVector(live));
    const newClients = Object.keys(svAfter).filter((c) => !(c in svBefore));
    const writers = new Set([String(observer.doc.clientID), String(watcher.doc.clientID)]);
    expect.soft(newClients.filter((c) => !writers.has(c)), 'no Yjs client id was added to the document by the fuzzers').toEqual([]);
    const replayed = await replayLog(server, docName);
    expect.soft(replayed.getMap('entries').toJSON()).toEqual(live.getMap('entries').toJSON());
    replayed.destroy();

    expect.soft(violations, `violations (seed ${SEED})`).toEqual([]);
    expect.soft(budgetFrames).toBeGreaterThanOrEqual(FRAMES);
    // The lag is reported above, not asserted: a timing depends on the machine (the goal, p99 under
    // 100 ms, is checked in the full mode's figures in the notes).
  }, 120_000 + FRAMES * 30);
});
