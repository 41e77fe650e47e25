// Finding 9 of issue 11: a full disk must not crash the server. The data directory is put on a real,
// size-limited file system (a small tmpfs, mounted here as root) which is then filled: writes are refused
// with a specific, retryable answer (REST 507 storage_full, websocket close 4507), reads go on, the
// audit-anchor timer and the other background writers survive, and once space is freed writes resume by
// themselves, with the audit records of the reads made meanwhile in the chain. No injected faults: the
// disk is really full. Without permission to mount, the suite is skipped and says why.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CLOSE } from '@mac/sync';
import { entryText, sharedDocName } from '@mac/sync';
import { anchorFile, checkAnchor, readAnchor } from './services/audit-anchor.js';
import { connect } from './sync-testing.js';
import { DEMO, inlineDb, startTestServer, type TestServer } from './testing.js';

const mountPoint = mkdtempSync(join(tmpdir(), 'mac-full-disk-'));
const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=24m,mode=0700', 'tmpfs', mountPoint], { encoding: 'utf8' });
const mounted = mount.status === 0;
if (!mounted) console.warn(`[storage-full] skipped: could not mount a small tmpfs at ${mountPoint} (needs root): ${mount.stderr.trim() || mount.error?.message}`);

const filler = join(mountPoint, 'filler');
let server: TestServer;
let police: string;
let chronologyId: string;
let policeMe: { id: string; agency: string };

/** Writes zeros until the file system says ENOSPC: the disk is then really full. */
function fillDisk(): void {
  const fd = openSync(filler, 'w');
  const chunk = Buffer.alloc(64 * 1024);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
    // The last pages: smaller writes until not even 512 bytes fit.
    for (const size of [4096, 512]) {
      try {
        for (;;) writeSync(fd, Buffer.alloc(size));
      } catch {
        // full at this size
      }
    }
  } finally {
    closeSync(fd);
  }
}

beforeAll(async () => {
  if (!mounted) return;
  const dataDir = join(mountPoint, 'data');
  mkdirSync(dataDir);
  server = await startTestServer({}, { dataDir, anchorEveryMs: 50, storageRetryMs: 50 });
  police = await server.login(DEMO.police);
  const me = (await server.api(police, 'GET', '/api/me')).body;
  policeMe = { id: me.id, agency: me.agency.slug };
  chronologyId = (await server.api(police, 'GET', '/api/chronologies')).body.chronologies[0].id;
});

afterAll(async () => {
  try {
    await server?.close();
  } finally {
    if (mounted) spawnSync('umount', ['-l', mountPoint]); // lazy: never leave a mount behind, even if a file is still open
    rmSync(mountPoint, { recursive: true, force: true });
  }
});

function entryMap(summary: string) {
  const fields = {
    id: crypto.randomUUID(), date: '2024-05-06', time: '', agency: policeMe.agency, category: 'police-attendance', summary, detail: '', impactOnChild: '', actionTaken: '',
    sourceRef: '', recordedBy: '', restricted: false, authorId: policeMe.id, recordedAt: new Date().toISOString(), status: 'active', withdrawnReason: '', sharing: 'family', sharingReason: '',
  };
  return { id: fields.id, map: entryText(fields) };
}

describe.skipIf(!mounted)('a full disk', () => {
  it('[F9] refuses writes retryably, keeps reads and the process going, and resumes by itself when space returns', async () => {
    const post = (summary: string) => server.api(police, 'POST', `/api/chronologies/${chronologyId}/entries`, { date: '2024-07-01', category: 'police-attendance', summary });
    expect((await post('Before the disk filled')).status).toBe(201);
    // A live client, connected while there was room.
    const live = connect(server.origin, police, sharedDocName(chronologyId));
    await vi.waitFor(() => expect(live.provider.synced).toBe(true), { timeout: 5000 });

    // Empty the WAL into the database (so the next commit needs new blocks), then fill the disk.
    inlineDb(server.deps).sqlite.pragma('wal_checkpoint(TRUNCATE)');
    fillDisk();
    const filledAt = new Date().toISOString();

    // REST write: 507 in the API's error shape, retryable, nothing changed.
    const refused = await post('Written while the disk was full');
    expect(refused.status).toBe(507);
    expect(refused.body.error).toMatchObject({ code: 'storage_full', retryable: true });
    expect(refused.body.error.message).toMatch(/storage is full/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);

    // Reads keep working (their audit records wait in memory).
    const read = await server.api(police, 'GET', `/api/chronologies/${chronologyId}/entries?text=while%20the%20disk`);
    expect(read.status).toBe(200);
    expect(read.body.entries).toHaveLength(0);
    expect((await server.api(police, 'GET', `/api/chronologies/${chronologyId}`)).status).toBe(200);
    expect(server.deps.storage.deferred.length).toBeGreaterThan(0);

    // The websocket writer is closed with the retryable storage code; its change is not stored.
    const wsEntry = entryMap('Typed live while the disk was full');
    live.doc.getMap('entries').set(wsEntry.id, wsEntry.map);
    await vi.waitFor(() => expect(live.closes.map((c) => c.code)).toContain(CLOSE.STORAGE_FULL), { timeout: 5000 });

    // The anchor timer has met the full disk several times and the process is still serving.
    await vi.waitFor(() => expect([...server.deps.storage.places].some((p) => p.includes('audit anchor'))).toBe(true), { timeout: 5000 });
    expect((await server.api(police, 'GET', '/api/me')).status).toBe(200);

    // Space returns: without a restart, the waiting audit records are written, then new writes succeed,
    // and the live client's change (kept by the client, sent again on reconnecting) is stored.
    const spaceAt = new Date().toISOString();
    rmSync(filler);
    await vi.waitFor(() => expect(server.deps.storage.deferred).toHaveLength(0), { timeout: 5000 });
    const after = await post('Written after space returned');
    expect(after.status).toBe(201);
    await vi.waitFor(async () => {
      const found = await server.api(police, 'GET', `/api/chronologies/${chronologyId}/entries?text=Typed%20live`);
      expect(found.body.entries.map((e: { id: string }) => e.id)).toEqual([wsEntry.id]);
    }, { timeout: 15_000, interval: 200 });
    expect(server.deps.storage.failingSince).toBeNull();
    live.destroy();

    // The chain is intact, holds the reads made while the disk was full, and the anchor caught up.
    expect((await server.deps.repos.audit.verify()).ok).toBe(true);
    const whileFull = (await server.deps.repos.audit.list({ chronologyId, actorId: policeMe.id, limit: 200 })).filter((r) => r.at >= filledAt && r.at <= spaceAt && r.outcome === 'allowed');
    expect(whileFull.length).toBeGreaterThanOrEqual(2); // the list and the chronology read, at least
    await vi.waitFor(async () => expect(readAnchor(anchorFile(server.deps.config))?.seq).toBe((await server.deps.repos.audit.list({ limit: 1 }))[0]!.seq), { timeout: 5000 });
    expect(await checkAnchor(server.deps.repos, anchorFile(server.deps.config))).toBeNull();
  }, 60_000);
});
