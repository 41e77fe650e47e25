// Several nodes (issue 19 items 1–3), for real: two server PROCESSES (`cli.ts start`) on different ports,
// one PostgreSQL database and one Redis (redis-server from Debian, started here), stock y-websocket
// clients split across them with writers on both. What must hold:
// - every client, both nodes and the database hold the same entries soon after the writes stop, and each
//   document's sequence numbers run 1..n without gaps;
// - a REST write on node A appears live on node B's clients;
// - the same entry id created by two agencies, one on each node: exactly one is accepted (the other's
//   connection is closed 4409, one refusal in the audit log);
// - Redis stopped and started again during writes: nothing is lost, and every client converges after it
//   is back (and, meanwhile, by catch-up from PostgreSQL);
// - presence shows across nodes, with server-stamped identities.
// On SQLite (the `server` project) there is nothing to share: skipped there; the server-pg project runs it.
import { randomBytes, randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { openPgStore, type Store } from '@mac/db';
import { entryText, restrictedDocName, sharedDocName } from '@mac/sync';
import { WebsocketProvider } from 'y-websocket';
import { connect, cookieWebSocket, type Client } from '../sync-testing.js';
import { DEMO, testDatabaseUrl } from '../testing.js';
import { api, login, startNode, stopNode, type NodeProcess as Node } from './node-process.js';
import { redisInstalled, startRedis, type TestRedis } from './redis-testing.js';

const onPostgres = process.env.MAC_TEST_BACKEND === 'postgres';
const WAIT = { timeout: 10_000, interval: 50 };

function entryFields(principal: { id: string; agency: string }, summary: string, id: string = randomUUID()) {
  return {
    id,
    date: '2024-05-06',
    time: '',
    agency: principal.agency,
    category: 'police-attendance',
    summary,
    detail: '',
    impactOnChild: '',
    actionTaken: '',
    sourceRef: '',
    recordedBy: '',
    restricted: false,
    authorId: principal.id,
    recordedAt: new Date().toISOString(),
    status: 'active',
    withdrawnReason: '',
    sharing: 'undecided',
    sharingReason: '',
  };
}

/** A new entry written into a stock client's document (y-websocket sends it). */
function write(c: Client, principal: { id: string; agency: string }, summary: string, id?: string): string {
  const fields = entryFields(principal, summary, id);
  c.doc.getMap('entries').set(fields.id, entryText(fields)); // one JSON text per entry
  return fields.id;
}

/**
 * A refused client does not come back (the web app stops and says why; the stock client would reconnect
 * and offer the refused entry again, a second refusal): so each refusal below is counted once.
 */
function stayClosedWhenRefused(c: Client): void {
  c.provider.on('connection-close', (event: CloseEvent | null) => {
    if (event && event.code >= 4400 && event.code < 4500) c.provider.shouldConnect = false;
  });
}

const idsOf = (c: Client) => [...c.doc.getMap('entries').keys()].sort();

const KILL_ROUNDS = Number(process.env.MAC_CLUSTER_KILL_ROUNDS ?? 2);
let nodeEnv: Record<string, string>;
let redis: TestRedis;
let databaseUrl: string;
let a: Node;
let b: Node;
let db: Store;
const clients: Client[] = [];
let chronologyId: string;
let docName: string;
let police: { cookie: string; id: string; agency: string };
let hv: { cookie: string; id: string; agency: string };
let lead: string;

const run = onPostgres && redisInstalled();
if (onPostgres && !redisInstalled()) console.warn('[two-nodes] redis-server is not installed (scripts/setup.mjs installs it): skipped');

async function me(origin: string, email: string) {
  const cookie = await login(origin, email);
  const body = (await api(origin, cookie, 'GET', '/api/me')).body as { id: string; agency: { slug: string } };
  return { cookie, id: body.id, agency: body.agency.slug };
}

function client(node: Node, cookie: string): Client {
  const c = connect(node.origin, cookie, docName);
  clients.push(c);
  return c;
}

const synced = (c: Client) => vi.waitFor(() => expect(c.provider.synced).toBe(true), WAIT);

/** The entry ids the database's update log holds for the document, and its sequence numbers. */
async function stored(): Promise<{ ids: string[]; seqs: number[] }> {
  const rows = await db.repos.updateLog.load(docName);
  const doc = new Y.Doc();
  for (const row of rows) Y.applyUpdate(doc, row.data);
  return { ids: [...doc.getMap('entries').keys()].sort(), seqs: rows.map((r) => r.docSeq) };
}

beforeAll(async () => {
  if (!run) return;
  redis = await startRedis();
  databaseUrl = (await testDatabaseUrl())!;
  const auditKey = randomBytes(32);
  const env = { DATABASE_URL: databaseUrl, REDIS_URL: redis.url, MAC_AUDIT_KEY: auditKey.toString('hex') };
  nodeEnv = env;
  // One after the other: the first migrates and seeds, the second finds it done (both at once is tested elsewhere).
  a = await startNode('a', env);
  b = await startNode('b', env);
  db = await openPgStore({ url: databaseUrl, auditKey: new Uint8Array(auditKey), maxConnections: 2 });
  police = await me(a.origin, DEMO.police);
  hv = await me(b.origin, DEMO.hv);
  lead = await login(a.origin, DEMO.lead);
  const list = await api(a.origin, hv.cookie, 'GET', '/api/chronologies');
  chronologyId = list.body.chronologies.find((c: { memberAgencies: string[] }) => c.memberAgencies.includes('thames-valley-police')).id;
  docName = sharedDocName(chronologyId);
}, 120_000);

afterAll(async () => {
  for (const c of clients) c.destroy();
  await db?.close();
  for (const node of [a, b]) if (node) await stopNode(node);
  await redis?.stop();
}, 30_000);

describe.skipIf(!run)('two server processes on one PostgreSQL and one Redis', () => {
  it('writers on both nodes: every client, both nodes and the database converge; sequence numbers have no gaps; a REST write on A appears on B’s clients', async () => {
    const onA = [client(a, police.cookie), client(a, hv.cookie)];
    const onB = [client(b, police.cookie), client(b, hv.cookie)];
    const all = [...onA, ...onB];
    await Promise.all(all.map(synced));
    const before = new Set(idsOf(onA[0]!));
    const written: string[] = [];
    for (let round = 0; round < 10; round++) {
      for (const [i, c] of all.entries()) written.push(write(c, i % 2 === 0 ? police : hv, `round ${round} writer ${i}`));
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const expected = [...before, ...written].sort();
    const started = Date.now();
    await vi.waitFor(async () => {
      for (const c of all) expect(idsOf(c)).toEqual(expected);
      expect((await stored()).ids).toEqual(expected);
    }, WAIT);
    console.log(`[two-nodes] ${written.length} entries from 4 writers on 2 nodes: converged ${Date.now() - started} ms after the last write`);
    // Both nodes' projections (what REST reads) hold them too.
    for (const node of [a, b]) {
      const cookie = node === a ? police.cookie : (await me(b.origin, DEMO.police)).cookie;
      const list = await api(node.origin, cookie, 'GET', `/api/chronologies/${chronologyId}/entries?limit=2000`);
      const listed = new Set((list.body.entries as Array<{ id: string }>).map((e) => e.id));
      expect(written.filter((id) => !listed.has(id))).toEqual([]);
    }
    const { seqs } = await stored();
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! + i));

    const posted = await api(a.origin, lead, 'POST', `/api/chronologies/${chronologyId}/entries`, { date: '2024-05-07', category: 'strategy-discussion', summary: 'Posted over REST on node A' });
    expect(posted.status).toBe(201);
    for (const c of onB) await vi.waitFor(() => expect(c.doc.getMap('entries').has(posted.body.entry.id)).toBe(true), WAIT);
    expect(all.flatMap((c) => c.closes.filter((x) => x.code >= 4000))).toEqual([]);
  });

  it('the same entry id from two agencies on two nodes at once: exactly one accepted, the other closed 4409 with one refusal audited', async () => {
    const onA = client(a, police.cookie);
    const onB = client(b, hv.cookie);
    await Promise.all([synced(onA), synced(onB)]);
    const refusals = async () => (await db.repos.audit.list({ chronologyId, action: 'sync.update', limit: 1000 })).filter((r) => r.outcome === 'refused').length;
    const refusedBefore = await refusals();
    const id = randomUUID();
    // Both in the same moment: neither node has heard of the other's before inspecting its own.
    write(onA, police, 'police says', id);
    write(onB, hv, 'health says', id);
    await vi.waitFor(() => expect(onA.closes.length + onB.closes.length).toBeGreaterThan(0), WAIT);
    const closes = [...onA.closes, ...onB.closes];
    expect(closes.map((c) => c.code)).toEqual([4409]);
    const winner = onA.closes.length === 0 ? 'police says' : 'health says';
    await vi.waitFor(async () => {
      expect((await db.repos.entries.getInDoc(chronologyId, docName, id))?.summary).toBe(winner);
    }, WAIT);
    await vi.waitFor(async () => expect((await refusals()) - refusedBefore).toBe(1), WAIT);
    expect(await db.repos.audit.verify()).toMatchObject({ ok: true });
  });

  it('the same entry id in two documents of one chronology on two nodes (the shared one and the police’s restricted one): exactly one accepted, the other closed 4409 with one refusal audited', async () => {
    const restrictedName = restrictedDocName(chronologyId, police.agency);
    // Node A has the shared document loaded too (as a police officer's browser would), so it knows the
    // chronology's entry ids as of now; what B creates afterwards it learns only through the store.
    const sharedOnA = client(a, police.cookie);
    const restrictedOnA = connect(a.origin, police.cookie, restrictedName);
    clients.push(restrictedOnA);
    const sharedOnB = client(b, hv.cookie);
    await Promise.all([synced(sharedOnA), synced(restrictedOnA), synced(sharedOnB)]);
    for (const c of [restrictedOnA, sharedOnB]) stayClosedWhenRefused(c);
    const refusals = async () => (await db.repos.audit.list({ chronologyId, action: 'sync.update', limit: 1000 })).filter((r) => r.outcome === 'refused').length;
    const holders = async (id: string) => {
      const held: string[] = [];
      for (const name of [docName, restrictedName]) if ((await db.repos.entries.getInDoc(chronologyId, name, id)) !== null) held.push(name);
      return held;
    };
    const restrictedEntry = (id: string) => entryText({ ...entryFields(police, 'police, restricted', id), restricted: true });

    // At once: neither node has seen the other's before inspecting its own.
    const id = randomUUID();
    restrictedOnA.doc.getMap('entries').set(id, restrictedEntry(id));
    write(sharedOnB, hv, 'health, shared', id);
    let before = await refusals();
    await vi.waitFor(() => expect(restrictedOnA.closes.length + sharedOnB.closes.length).toBeGreaterThan(0), WAIT);
    expect([...restrictedOnA.closes, ...sharedOnB.closes].map((c) => c.code)).toEqual([4409]);
    await vi.waitFor(async () => expect(await holders(id)).toEqual([restrictedOnA.closes.length === 0 ? restrictedName : docName]), WAIT);
    await vi.waitFor(async () => expect((await refusals()) - before).toBe(1), WAIT);

    // One after the other, on another chronology whose shared document node A has never loaded: B creates
    // an id there; A, which loaded the chronology's entry ids (with the restricted document) before, hears
    // nothing of it, and may still not reuse the id in the restricted document: only the store can tell.
    const list = await api(b.origin, hv.cookie, 'GET', '/api/chronologies');
    const other = (list.body.chronologies as Array<{ id: string; memberAgencies: string[] }>).find((c) => c.id !== chronologyId && c.memberAgencies.includes(police.agency) && c.memberAgencies.includes(hv.agency));
    expect(other, 'a second demo chronology with police and health visiting').toBeDefined();
    const otherShared = sharedDocName(other!.id);
    const otherRestricted = restrictedDocName(other!.id, police.agency);
    const refusalsOn = async (id: string) => (await db.repos.audit.list({ chronologyId: id, action: 'sync.update', limit: 1000 })).filter((r) => r.outcome === 'refused').length;
    const restrictedAgain = connect(a.origin, police.cookie, otherRestricted);
    clients.push(restrictedAgain);
    const sharedAgain = connect(b.origin, hv.cookie, otherShared);
    clients.push(sharedAgain);
    await Promise.all([synced(restrictedAgain), synced(sharedAgain)]);
    for (const c of [restrictedAgain, sharedAgain]) stayClosedWhenRefused(c);
    const later = randomUUID();
    write(sharedAgain, hv, 'health first', later);
    await vi.waitFor(async () => expect(await db.repos.entries.getInDoc(other!.id, otherShared, later)).not.toBeNull(), WAIT);
    before = await refusalsOn(other!.id);
    restrictedAgain.doc.getMap('entries').set(later, restrictedEntry(later));
    await vi.waitFor(() => expect(restrictedAgain.closes.map((c) => c.code)).toEqual([4409]), WAIT);
    await vi.waitFor(async () => expect((await refusalsOn(other!.id)) - before).toBe(1), WAIT);
    expect(await db.repos.entries.getInDoc(other!.id, otherRestricted, later)).toBeNull();
    expect(sharedAgain.closes).toEqual([]);
    expect(await db.repos.audit.verify()).toMatchObject({ ok: true });
  });

  it('Redis stopped and started again during writes: nothing is lost, every client converges after it returns', async () => {
    const onA = client(a, police.cookie);
    const onB = client(b, hv.cookie);
    await Promise.all([synced(onA), synced(onB)]);
    const before = new Set(idsOf(onA));
    const written: string[] = [];
    const writeSome = async (n: number) => {
      for (let i = 0; i < n; i++) {
        written.push(write(onA, police, `A ${written.length}`));
        written.push(write(onB, hv, `B ${written.length}`));
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    await writeSome(5);
    expect((await api(a.origin, null, 'GET', '/api/health')).body).toStrictEqual({ status: 'ok', database: 'ok', redis: 'ok' });
    await redis.pause();
    await writeSome(5);
    // Without Redis a node still serves (by catch-up from PostgreSQL): healthy, and it says Redis is away.
    await vi.waitFor(async () => {
      const health = await api(b.origin, null, 'GET', '/api/health');
      expect(health.status).toBe(200);
      expect(health.body).toStrictEqual({ status: 'ok', database: 'ok', redis: 'unreachable' });
    }, WAIT);
    // While Redis is down the nodes catch up from PostgreSQL every 2 s: the clients converge anyway.
    const expectedDown = [...before, ...written].sort();
    await vi.waitFor(() => {
      expect(idsOf(onA)).toEqual(expectedDown);
      expect(idsOf(onB)).toEqual(expectedDown);
    }, WAIT);
    await writeSome(3);
    await redis.resume();
    const back = Date.now();
    await writeSome(3);
    const expected = [...before, ...written].sort();
    await vi.waitFor(async () => {
      expect(idsOf(onA)).toEqual(expected);
      expect(idsOf(onB)).toEqual(expected);
      expect((await stored()).ids).toEqual(expected);
    }, WAIT);
    console.log(`[two-nodes] Redis back: clients converged ${Date.now() - back} ms after it returned`);
    expect([...onA.closes, ...onB.closes].filter((c) => c.code >= 4000)).toEqual([]);
  });

  it('presence across nodes: a client on A sees one on B with the identity B stamped', async () => {
    const onA = client(a, police.cookie);
    const onB = client(b, hv.cookie);
    await Promise.all([synced(onA), synced(onB)]);
    onB.provider.awareness.setLocalStateField('viewing', 'timeline');
    await vi.waitFor(() => {
      expect(onA.provider.awareness.getStates().get(onB.doc.clientID)).toMatchObject({ viewing: 'timeline', user: { id: hv.id, agency: hv.agency } });
    }, WAIT);
  });
});

describe.skipIf(!run)('a node killed during writes', () => {
  it(`SIGKILL, ${KILL_ROUNDS} rounds: its clients move to the other node; nothing acknowledged is lost; numbers have no gaps; the audit chain verifies`, async () => {
    for (let round = 1; round <= KILL_ROUNDS; round++) {
      const victimIsA = round % 2 === 1;
      const victim = victimIsA ? a : b;
      const survivor = victimIsA ? b : a;
      const writerCookie = (await me(victim.origin, DEMO.police)).cookie;
      const observer = client(survivor, (await me(survivor.origin, DEMO.hv)).cookie);
      const writer = client(victim, writerCookie);
      await Promise.all([synced(observer), synced(writer)]);
      const seen = new Set<string>(); // broadcast to another node's client: committed
      observer.doc.getMap('entries').observe((event) => {
        for (const key of event.keysChanged) seen.add(key);
      });
      const acknowledged = new Set<string>(); // REST 201: committed
      let writing = true;
      const restLead = await login(victim.origin, DEMO.lead);
      const restLoop = (async () => {
        for (let i = 0; writing; i++) {
          try {
            const res = await api(victim.origin, restLead, 'POST', `/api/chronologies/${chronologyId}/entries`, { date: '2024-05-08', category: 'strategy-discussion', summary: `REST ${round}.${i}` });
            if (res.status === 201) acknowledged.add(res.body.entry.id);
          } catch {
            // the node died under this request: not acknowledged
          }
          await new Promise((resolve) => setTimeout(resolve, 30));
        }
      })();
      const wsLoop = (async () => {
        for (let i = 0; writing; i++) {
          write(writer, police, `ws ${round}.${i}`);
          await new Promise((resolve) => setTimeout(resolve, 15));
        }
      })();
      await new Promise((resolve) => setTimeout(resolve, 400 + Math.random() * 600));
      victim.child.kill('SIGKILL');
      await new Promise((resolve) => victim.child.once('exit', resolve));
      writing = false;
      await Promise.all([restLoop, wsLoop]);
      // The writer's browser reconnects through the load balancer to the other node: same document, its
      // unsent work with it.
      writer.provider.destroy();
      const moved = new WebsocketProvider(survivor.origin.replace(/^http/, 'ws') + '/sync', docName, writer.doc, {
        WebSocketPolyfill: cookieWebSocket(writerCookie, survivor.origin) as unknown as typeof globalThis.WebSocket,
        disableBc: true,
      });
      // What the moved client went through, printed if the wait below fails (a rare failure in CI was not
      // reproducible alone: this says whether it was refused, never connected, or connected and not heard).
      const movedEvents: string[] = [];
      const t0 = Date.now();
      moved.on('status', (e: { status: string }) => movedEvents.push(`${Date.now() - t0} ms status ${e.status}`));
      moved.on('sync', (s: boolean) => movedEvents.push(`${Date.now() - t0} ms synced ${s}`));
      moved.on('connection-close', (e: CloseEvent | null) => movedEvents.push(`${Date.now() - t0} ms close ${e?.code} ${e?.reason}`));
      moved.on('connection-error', () => movedEvents.push(`${Date.now() - t0} ms connection error`));
      try {
        await vi.waitFor(async () => {
          const { ids } = await stored();
          const inLog = new Set(ids);
          expect([...seen, ...acknowledged].filter((id) => !inLog.has(id))).toEqual([]);
          expect(idsOf(writer).filter((id) => !inLog.has(id))).toEqual([]);
          expect(idsOf(observer)).toEqual(ids);
        }, { timeout: 15_000, interval: 100 });
      } catch (err) {
        console.error(`[two-nodes] round ${round}: the moved client: ${movedEvents.join('; ')}\n[two-nodes] the survivor's output (tail):\n${survivor.output().slice(-6_000)}`);
        throw err;
      } finally {
        moved.destroy();
      }
      // The killed node comes back (a new process; the load balancer sends it clients again).
      rmSync(victim.dataDir, { recursive: true, force: true });
      const restarted = await startNode(victimIsA ? 'a' : 'b', nodeEnv);
      if (victimIsA) a = restarted;
      else b = restarted;
    }
    const { seqs } = await stored();
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! + i));
    expect(await db.repos.audit.verify()).toMatchObject({ ok: true });
  }, 180_000);
});
