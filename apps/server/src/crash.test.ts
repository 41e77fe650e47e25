/**
 * Crash safety: the server is killed with SIGKILL at a random moment while a client streams entries over
 * the websocket and another streams them over REST. After each restart, every entry that any other client
 * saw broadcast, and every REST write that was acknowledged, must be there; the database must pass
 * `PRAGMA integrity_check` (on SQLite) and the audit chain must verify. The `server-pg` project runs it on
 * PostgreSQL. CI runs a few rounds; MAC_CRASH_ROUNDS=100 for the full mode.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import Database from 'better-sqlite3';
import { entryText, sharedDocName } from '@mac/sync';
import { connect, type Client } from './sync-testing.js';
import { DEMO, TEST_PASSWORD, testDatabaseUrl } from './testing.js';

const ROUNDS = Number(process.env.MAC_CRASH_ROUNDS ?? 3);
const serverDir = fileURLToPath(new URL('..', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'mac-crash-'));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

// On SQLite (the default) the data directory's file; under the `server-pg` project a fresh PostgreSQL database.
let databaseUrl: string | null = null;

// One port for every restart, so clients that outlive a crash reconnect to the new process by themselves.
let port = 0;
/** The processes this test killed or stopped itself. */
const stopped = new WeakSet<ChildProcess>();

function killServer(child: ChildProcess, signal: 'SIGKILL' | 'SIGTERM'): void {
  stopped.add(child);
  child.kill(signal);
}

function startProcess(): Promise<{ child: ChildProcess; origin: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'start'], {
      cwd: serverDir,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', MAC_DATA_DIR: dataDir, MAC_DEMO_PASSWORD: TEST_PASSWORD, NODE_ENV: 'test', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /MAC listening on (http:\/\/\S+)\r?\n/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, origin: m[1]! });
      }
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      // After it started, an exit we did not cause is a crash of its own: say what it printed.
      if (!stopped.has(child)) console.error(`[crash test] server exited by itself (${code ?? signal}):\n${out.slice(-4000)}`);
      reject(new Error(`server exited with ${code}: ${out}`));
    });
  });
}

async function login(origin: string, email: string): Promise<string> {
  let res: Response | undefined;
  for (let attempt = 1; !res; attempt++) {
    try {
      res = await fetch(origin + '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify({ email, password: TEST_PASSWORD }) });
    } catch (err) {
      // Seen once in 300 restarts: refused right after the new process said it was listening. Say so
      // (the exit handler prints the server's output if it died) and try again shortly.
      if (attempt >= 5) throw err;
      console.warn(`[crash test] sign-in attempt ${attempt} failed: ${String((err as Error).cause ?? err)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  if (res.status !== 200) throw new Error(`login failed ${res.status}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('crash safety', () => {
  it(`loses no broadcast or acknowledged write across ${ROUNDS} SIGKILLs`, async () => {
    const seen = new Set<string>();
    const acknowledged = new Set<string>();
    let chronologyId = '';
    let police = { id: '', agency: '' };
    port = await freePort();
    databaseUrl = await testDatabaseUrl();
    // Survivors: connected before the first crash, never recreated; they reconnect after each restart.
    let survivors: Client[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const { child, origin } = await startProcess();
      const policeCookie = await login(origin, DEMO.police);
      const hvCookie = await login(origin, DEMO.hv);
      if (!chronologyId) {
        const list = await (await fetch(origin + '/api/chronologies', { headers: { cookie: hvCookie } })).json();
        chronologyId = list.chronologies.find((c: { memberAgencies: string[] }) => c.memberAgencies.includes('thames-valley-police')).id;
        const me = await (await fetch(origin + '/api/me', { headers: { cookie: policeCookie } })).json();
        police = { id: me.id, agency: me.agency.slug };
        survivors = [connect(origin, policeCookie, sharedDocName(chronologyId)), connect(origin, hvCookie, sharedDocName(chronologyId))];
      }
      const writer: Client = connect(origin, policeCookie, sharedDocName(chronologyId));
      const observer: Client = connect(origin, hvCookie, sharedDocName(chronologyId));
      await vi.waitFor(() => expect(writer.provider.synced && observer.provider.synced).toBe(true), { timeout: 10_000 });
      observer.doc.getMap('entries').observe((event) => {
        for (const key of event.keysChanged) seen.add(key);
      });
      let stop = false;
      const wsLoop = (async () => {
        for (let i = 0; !stop; i++) {
          const id = crypto.randomUUID();
          const m = { id, date: '2024-06-01', time: '', agency: police.agency, category: 'police-attendance', summary: `crash round ${round} ws ${i}`, detail: '', impactOnChild: '', actionTaken: '', sourceRef: '', recordedBy: '', restricted: false, authorId: police.id, recordedAt: new Date().toISOString(), status: 'active', withdrawnReason: '', sharing: 'family', sharingReason: '' };
          writer.doc.getMap('entries').set(id, entryText(m));
          await new Promise((r) => setTimeout(r, 2));
        }
      })();
      const restLoop = (async () => {
        for (let i = 0; !stop; i++) {
          try {
            const res = await fetch(`${origin}/api/chronologies/${chronologyId}/entries`, {
              method: 'POST',
              headers: { cookie: hvCookie, origin, 'content-type': 'application/json' },
              body: JSON.stringify({ date: '2024-06-02', category: 'health-assessment', summary: `crash round ${round} rest ${i}` }),
            });
            if (res.status === 201) acknowledged.add((await res.json()).entry.id);
          } catch {
            // the server died mid-request: not acknowledged
          }
        }
      })();
      // The kill comes at a random moment, but only once this round has writes in flight of both kinds
      // (a positive signal: on a loaded machine a fixed delay could pass before the first write landed).
      const seenBefore = seen.size;
      const ackedBefore = acknowledged.size;
      await vi.waitFor(() => expect(seen.size - seenBefore >= 4 && acknowledged.size - ackedBefore >= 2).toBe(true), { timeout: 30_000, interval: 20 });
      await new Promise((r) => setTimeout(r, Math.random() * 500));
      killServer(child, 'SIGKILL');
      stop = true;
      await Promise.all([wsLoop, restLoop]);
      writer.destroy();
      observer.destroy();
      await new Promise((r) => child.exitCode !== null || child.signalCode ? r(null) : child.once('exit', r));
    }
    expect(seen.size).toBeGreaterThan(10);
    expect(acknowledged.size).toBeGreaterThan(5);

    const { child, origin } = await startProcess();
    try {
      // The survivors reconnect and converge with the restarted server: same entries everywhere.
      const cookie = await login(origin, DEMO.hv);
      const serverIds = () => allEntryIds(origin, chronologyId, cookie);
      await vi.waitFor(async () => {
        const ids = await serverIds();
        for (const s of survivors) {
          expect(s.provider.synced).toBe(true);
          expect(new Set(s.doc.getMap('entries').keys())).toEqual(ids);
        }
      }, { timeout: 20_000, interval: 250 });
      for (const s of survivors) s.destroy();
      const ids = await allEntryIds(origin, chronologyId, cookie);
      const lostSeen = [...seen].filter((id) => !ids.has(id));
      const lostAcked = [...acknowledged].filter((id) => !ids.has(id));
      expect(lostSeen).toEqual([]);
      expect(lostAcked).toEqual([]);
    } finally {
      killServer(child, 'SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    // The audit chain verifies after the crashes, up to the anchor the server kept.
    const verify = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'verify-audit'], {
      cwd: serverDir,
      env: { ...process.env, MAC_DATA_DIR: dataDir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) },
      encoding: 'utf8',
    });
    expect(verify.status, verify.stdout + verify.stderr).toBe(0);
    if (databaseUrl === null) {
      const db = new Database(join(dataDir, 'mac.sqlite'), { readonly: true });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();
    }
  }, Math.max(180_000, ROUNDS * 15_000));
});

/** Every entry id the server lists, page by page (the list is paged: at most 2,000 a page). */
async function allEntryIds(origin: string, chronologyId: string, cookie: string): Promise<Set<string>> {
  const ids = new Set<string>();
  let cursor: string | undefined;
  do {
    const res = await fetch(`${origin}/api/chronologies/${chronologyId}/entries?limit=2000${cursor ? `&cursor=${cursor}` : ''}`, { headers: { cookie } });
    const page = (await res.json()) as { entries: Array<{ id: string }>; next?: string };
    for (const e of page.entries) ids.add(e.id);
    cursor = page.next;
  } while (cursor !== undefined);
  return ids;
}
