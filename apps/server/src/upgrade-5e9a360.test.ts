/**
 * Upgrades (issue 17): a data directory written by the release at 5e9a360, whose documents hold one plain
 * object per entry, opens in the current code (one JSON text per entry: packages/sync doc-shape.ts) with
 * nothing lost. The fixture (test-fixtures/release-5e9a360, see its README) was made by that release's own
 * code, and so was its record of what every demo user saw through the API (views.json.gz): each user still
 * sees every entry and every history exactly so, and every document is served live, converted, with the
 * same entries.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readEntries, restrictedDocName, sharedDocName } from '@mac/sync';
import { connect } from './sync-testing.js';
import { DEMO, runCli, startTestServer, type TestServer } from './testing.js';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
const FIXTURE = join(serverDir, 'test-fixtures', 'release-5e9a360');
const CHRONOLOGY = 'cb41a918-b2c3-43e5-86b7-8427ff682c38';
const AMENDED = 'b2a54a2f-18d8-43c3-99f9-48f8f7c8dc24';
const RESTRICTED = 'd1b3cbd4-1b25-4f10-bb4c-921acf1a9685';
const WITHDRAWN = '442094ad-6aee-401e-bf9d-4d24efd7beb7';

type ApiEntry = Record<string, unknown> & { id: string; restricted: boolean };
/** What that release showed each user: per chronology, its entries and histories, as indices into `seen`. */
interface Recorded {
  seen: unknown[];
  views: Record<string, Record<string, { entries: number[]; histories: Record<string, number> }>>;
}
const recorded = JSON.parse(gunzipSync(readFileSync(join(FIXTURE, 'views.json.gz'))).toString('utf8')) as Recorded;

const dataDir = mkdtempSync(join(tmpdir(), 'mac-upgrade-5e9a360-'));
let server: TestServer;

beforeAll(async () => {
  for (const file of ['audit.anchor', 'audit.key']) copyFileSync(join(FIXTURE, file), join(dataDir, file));
  // Stored compressed to keep the repository small; the database itself is as that release left it.
  writeFileSync(join(dataDir, 'mac.sqlite'), gunzipSync(readFileSync(join(FIXTURE, 'mac.sqlite.gz'))));
  // The audit chain of the old release verifies under the new code, against the anchor it wrote.
  const verify = await runCli({ ...process.env, MAC_DATA_DIR: dataDir }, 'verify-audit');
  expect(verify.status, verify.stdout + verify.stderr).toBe(0);
  // SQLite only: the fixture is a SQLite data directory; the documents' updates are the same on PostgreSQL.
  server = await startTestServer({ databaseUrl: null }, { dataDir });
});
afterAll(async () => {
  await server?.stop();
});

/** The entries a user sees in a chronology: as the timeline lists them (as recorded), or withdrawn ones too. */
async function entriesSeen(cookie: string, chronologyId: string, includeWithdrawn = false): Promise<ApiEntry[]> {
  const res = await server.api(cookie, 'GET', `/api/chronologies/${chronologyId}/entries?limit=2000${includeWithdrawn ? '&includeWithdrawn=1' : ''}`);
  expect(res.status).toBe(200);
  expect(res.body.next).toBeUndefined();
  return res.body.entries;
}

describe('a data directory of the release at 5e9a360 (one plain object per entry)', () => {
  it('shows every user every entry and history exactly as that release did', async () => {
    let compared = 0;
    for (const [email, chronologies] of Object.entries(recorded.views)) {
      const cookie = await server.login(email);
      const list = await server.api(cookie, 'GET', '/api/chronologies');
      expect(list.body.chronologies.map((c: { id: string }) => c.id).sort(), email).toEqual(Object.keys(chronologies).sort());
      for (const [chronologyId, then] of Object.entries(chronologies)) {
        const now = await entriesSeen(cookie, chronologyId);
        const before = then.entries.map((i) => recorded.seen[i] as ApiEntry);
        expect(now.map((e) => e.id), `${email} ${chronologyId}`).toEqual(before.map((e) => e.id));
        // Every field that release showed, with the same value (a later release may show more fields).
        now.forEach((entry, i) => expect(entry).toMatchObject(before[i]!));
        compared += now.length;
        for (const [entryId, history] of Object.entries(then.histories)) {
          const res = await server.api(cookie, 'GET', `/api/chronologies/${chronologyId}/entries/${entryId}/history`);
          expect(res.status).toBe(200);
          expect(res.body).toMatchObject(recorded.seen[history] as object);
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
    // The fixture's own writes, as made: amended, restricted to the police, withdrawn with its reason.
    const police = await entriesSeen(await server.login(DEMO.police), CHRONOLOGY, true);
    expect(police.find((e) => e.id === AMENDED)).toMatchObject({ summary: 'Upgrade fixture: attended the home (amended)' });
    expect(police.find((e) => e.id === RESTRICTED)).toMatchObject({ restricted: true, summary: 'Upgrade fixture: restricted intelligence' });
    expect(police.find((e) => e.id === WITHDRAWN)).toMatchObject({ status: 'withdrawn', withdrawnReason: 'Recorded against the wrong child', summary: 'Upgrade fixture: recorded against the wrong child' });
    // Its history (not recorded: that release's timeline leaves withdrawn entries out) shows the withdrawal.
    const history = await server.api(await server.login(DEMO.police), 'GET', `/api/chronologies/${CHRONOLOGY}/entries/${WITHDRAWN}/history`);
    expect(history.status).toBe(200);
    expect(JSON.stringify(history.body)).toContain('Recorded against the wrong child');
    expect((await entriesSeen(await server.login(DEMO.hv), CHRONOLOGY)).some((e) => e.id === RESTRICTED)).toBe(false);
  });

  it('serves every document live in today’s shape, with the entries the API shows, and stores the conversion in place of the log', async () => {
    const cookie = await server.login(DEMO.police);
    const seen = new Map((await entriesSeen(cookie, CHRONOLOGY, true)).map((e) => [e.id, e]));
    const docs = [
      { name: sharedDocName(CHRONOLOGY), restricted: false },
      { name: restrictedDocName(CHRONOLOGY, 'thames-valley-police'), restricted: true },
    ];
    for (const { name, restricted } of docs) {
      const client = connect(server.origin, cookie, name);
      try {
        await vi.waitFor(() => expect(client.provider.synced).toBe(true), { timeout: 10_000 });
        for (const value of client.doc.getMap('entries').values()) expect(typeof value).toBe('string');
        const live = readEntries(client.doc);
        expect(live.map((e) => e.id).sort()).toEqual([...seen.values()].filter((e) => e.restricted === restricted).map((e) => e.id).sort());
        for (const entry of live) expect(seen.get(entry.id)).toMatchObject(entry as unknown as Record<string, unknown>);
      } finally {
        client.destroy();
      }
      // Converted once, as it loaded: one update in place of the release's log.
      expect(await server.deps.repos.updateLog.load(name)).toHaveLength(1);
    }
  });

  it('takes new writes on converted entries, and its audit chain still verifies', async () => {
    const police = await server.login(DEMO.police);
    const amended = await server.api(police, 'PATCH', `/api/chronologies/${CHRONOLOGY}/entries/${AMENDED}`, { detail: 'Written after the upgrade' });
    expect(amended.status).toBe(200);
    expect(amended.body.entry).toMatchObject({ summary: 'Upgrade fixture: attended the home (amended)', detail: 'Written after the upgrade' });
    const created = await server.api(police, 'POST', `/api/chronologies/${CHRONOLOGY}/entries`, { date: '2026-12-05', category: 'police-attendance', summary: 'Written after the upgrade' });
    expect(created.status).toBe(201);
    // A withdrawn entry stays withdrawn: reinstating it is refused as before.
    const reinstated = await server.api(police, 'PATCH', `/api/chronologies/${CHRONOLOGY}/entries/${WITHDRAWN}`, { status: 'active' });
    expect(reinstated.status).toBeGreaterThanOrEqual(400);
    expect((await server.deps.repos.audit.verify()).ok).toBe(true);
  });
});
