/**
 * Upgrades (issue 12): a data directory written by an earlier release opens in the current code with
 * nothing lost. The fixture (test-fixtures/release-de6d6d0, see its README) was made by that release's own
 * code; a copy is opened here, so the migrations since then run on real old data.
 */
import { cpSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sharedDocName } from '@mac/sync';
import { connect } from './sync-testing.js';
import { DEMO, runCli, startTestServer, type TestServer } from './testing.js';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
const FIXTURE = join(serverDir, 'test-fixtures', 'release-de6d6d0');
const CHRONOLOGY = 'bcfee2b9-22ea-424b-bac2-ac254d37019a';
const AMENDED = '71b80d21-b2ad-463a-946f-bc82f27d0bb4';
const RESTRICTED = '59f58399-cf14-4248-872a-ec75127665e2';
/** Entries of each chronology's shared document in the fixture (counted in its projection when made). */
const SHARED_ENTRIES: Record<string, number> = {
  '1e005f63-336a-4b75-937e-c3c20f8d0364': 24,
  '3ad440a0-0df8-49cd-b423-d0f502a6e445': 104,
  [CHRONOLOGY]: 53,
  'f8cb8c78-ce1c-4e52-9ffd-f5ddaf98adcf': 80,
};

const dataDir = mkdtempSync(join(tmpdir(), 'mac-upgrade-'));
let server: TestServer;

beforeAll(async () => {
  cpSync(FIXTURE, dataDir, { recursive: true });
  // The audit chain of the old release verifies under the new code, against the anchor it wrote.
  const verify = await runCli({ ...process.env, MAC_DATA_DIR: dataDir }, 'verify-audit');
  expect(verify.status, verify.stdout + verify.stderr).toBe(0);
  // SQLite only: the fixture is a SQLite data directory (a PostgreSQL one would need its own fixture).
  // The first open (verify-audit's) copied the old database before migrating it, and nothing since has.
  expect(readdirSync(join(dataDir, 'backups')).filter((f) => f.startsWith('mac-before-'))).toHaveLength(1);
  server = await startTestServer({ databaseUrl: null }, { dataDir });
});
afterAll(async () => {
  await server?.stop();
});

async function allEntries(cookie: string, chronologyId: string): Promise<Array<{ id: string; summary: string; restricted: boolean }>> {
  const res = await server.api(cookie, 'GET', `/api/chronologies/${chronologyId}/entries?limit=2000`);
  expect(res.status).toBe(200);
  expect(res.body.next).toBeUndefined();
  return res.body.entries;
}

describe('a data directory of the release at de6d6d0', () => {
  it('keeps every entry as each user saw it, restricted entries inside their agency, and histories', async () => {
    const lead = await server.login(DEMO.lead);
    const list = await server.api(lead, 'GET', '/api/chronologies');
    expect(list.body.chronologies.map((c: { id: string }) => c.id).sort()).toEqual(Object.keys(SHARED_ENTRIES).sort());

    const police = await server.login(DEMO.police);
    const seenByPolice = await allEntries(police, CHRONOLOGY);
    expect(seenByPolice.find((e) => e.id === AMENDED)?.summary).toBe('Upgrade fixture: attended the home (amended)');
    expect(seenByPolice.find((e) => e.id === RESTRICTED)?.restricted).toBe(true);
    // Another agency sees the shared entries and none of the police's restricted ones.
    const hv = await server.login(DEMO.hv);
    const seenByHv = await allEntries(hv, CHRONOLOGY);
    expect(seenByHv.filter((e) => !e.restricted)).toHaveLength(SHARED_ENTRIES[CHRONOLOGY]!);
    expect(seenByHv.some((e) => e.id === RESTRICTED)).toBe(false);

    const history = await server.api(police, 'GET', `/api/chronologies/${CHRONOLOGY}/entries/${AMENDED}/history`);
    expect(history.status).toBe(200);
    expect(JSON.stringify(history.body)).toContain('Upgrade fixture: attended the home');
    expect(JSON.stringify(history.body)).toContain('(amended)');
  });

  it('serves each shared document live with the entries its projection held', async () => {
    const lead = await server.login(DEMO.lead);
    for (const [chronologyId, count] of Object.entries(SHARED_ENTRIES)) {
      const client = connect(server.origin, lead, sharedDocName(chronologyId));
      try {
        await vi.waitFor(() => expect(client.provider.synced).toBe(true), { timeout: 10_000 });
        expect(client.doc.getMap('entries').size).toBe(count);
      } finally {
        client.destroy();
      }
    }
  });

  it('still has an audit chain that verifies, and accepts new writes onto it', async () => {
    const police = await server.login(DEMO.police);
    const created = await server.api(police, 'POST', `/api/chronologies/${CHRONOLOGY}/entries`, { date: '2026-12-05', category: 'police-attendance', summary: 'Written after the upgrade' });
    expect(created.status).toBe(201);
    expect((await server.deps.repos.audit.verify()).ok).toBe(true);
  });
});
