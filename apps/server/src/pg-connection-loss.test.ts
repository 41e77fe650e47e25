// The storage-port issue's fault: a PostgreSQL connection lost mid-session (a restart, a failover). Writes
// are refused with a clear, retryable answer (REST 503 storage_unavailable; a live writer's connection is
// closed with 4507, a 45xx the client reconnects after), nothing acknowledged is lost, and the service
// resumes by itself when the database is back: no restart of MAC. The database is really stopped
// (pg_ctl stop -m fast) and started again on the same port; nothing is injected.
//
// It runs its own throwaway cluster, not the run's shared one, which other files are using meanwhile. On
// SQLite (the `server` project) there is no connection to lose, so it is skipped there.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CLOSE, entryText, sharedDocName } from '@mac/sync';
import { postgresInstalled, startPgCluster, type PgCluster } from '@mac/db/pg-testing';
import { connect } from './sync-testing.js';
import { DEMO, startTestServer, type TestServer } from './testing.js';

const onPostgres = process.env.MAC_TEST_BACKEND === 'postgres' && postgresInstalled();

let cluster: PgCluster;
let server: TestServer;

beforeAll(async () => {
  if (!onPostgres) return;
  cluster = await startPgCluster();
  server = await startTestServer({ databaseUrl: await cluster.freshDatabase() }, { storageRetryMs: 50 });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await cluster?.stop();
});

describe.skipIf(!onPostgres)('PostgreSQL lost mid-session', () => {
  it('refuses writes retryably while it is gone, loses nothing acknowledged, and resumes when it returns', async () => {
    const police = await server.login(DEMO.police);
    const me = (await server.api(police, 'GET', '/api/me')).body;
    const chronologyId = (await server.api(police, 'GET', '/api/chronologies')).body.chronologies[0].id as string;
    const post = (summary: string) => server.api(police, 'POST', `/api/chronologies/${chronologyId}/entries`, { date: '2024-07-01', category: 'police-attendance', summary });
    const summaries = async () => ((await server.api(police, 'GET', `/api/chronologies/${chronologyId}/entries?limit=2000`)).body.entries as Array<{ summary: string }>).map((e) => e.summary);

    // Acknowledged before the database goes: one over REST, one live.
    expect((await post('Acknowledged over REST before the restart')).status).toBe(201);
    const live = connect(server.origin, police, sharedDocName(chronologyId));
    await vi.waitFor(() => expect(live.provider.synced).toBe(true), { timeout: 10_000 });
    const typed = (summary: string) => {
      const id = crypto.randomUUID();
      const fields = {
        id, date: '2024-07-02', time: '', agency: me.agency.slug, category: 'police-attendance', summary, detail: '', impactOnChild: '', actionTaken: '', sourceRef: '', recordedBy: '',
        restricted: false, authorId: me.id, recordedAt: new Date().toISOString(), status: 'active', withdrawnReason: '', sharing: 'family', sharingReason: '',
      };
      live.doc.getMap('entries').set(id, entryText(fields));
      return id;
    };
    typed('Acknowledged live before the restart');
    await vi.waitFor(async () => expect(await summaries()).toContain('Acknowledged live before the restart'), { timeout: 10_000, interval: 100 });

    await cluster.pause();

    // REST: 503 in the API's error shape, retryable, not a 500 and not a crash.
    const refused = await post('Written while the database was away');
    expect(refused.status).toBe(503);
    expect(refused.body.error).toMatchObject({ code: 'storage_unavailable', retryable: true });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Reads need the database too: refused the same way, never answered from nothing.
    expect((await server.api(police, 'GET', `/api/chronologies/${chronologyId}/entries`)).status).toBe(503);
    // The load balancer's health check says this node cannot serve (routes/health.ts).
    const unhealthy = await server.api(null, 'GET', '/api/health');
    expect(unhealthy.status).toBe(503);
    expect(unhealthy.body).toStrictEqual({ status: 'unavailable', database: 'unreachable', redis: 'not-configured' });

    // Live: the writer is closed with the retryable storage code (45xx: keep local changes, reconnect).
    typed('Typed live while the database was away');
    await vi.waitFor(() => expect(live.closes.map((c) => c.code)).toContain(CLOSE.STORAGE_FULL), { timeout: 15_000 });
    expect(live.closes.some((c) => c.code >= 4400 && c.code < 4500)).toBe(false);

    await cluster.resume();
    await vi.waitFor(async () => expect((await server.api(null, 'GET', '/api/health')).body).toStrictEqual({ status: 'ok', database: 'ok', redis: 'not-configured' }), { timeout: 30_000, interval: 250 });

    // Without restarting MAC: healthy again (above); writes succeed again, and the live change the client kept is stored once
    // it has reconnected (the stock provider offers its whole state again).
    await vi.waitFor(async () => expect((await post('Written after the database returned')).status).toBe(201), { timeout: 30_000, interval: 250 });
    await vi.waitFor(async () => expect(await summaries()).toContain('Typed live while the database was away'), { timeout: 30_000, interval: 250 });
    const after = await summaries();
    for (const s of ['Acknowledged over REST before the restart', 'Acknowledged live before the restart', 'Written after the database returned']) expect(after).toContain(s);
    expect(after).not.toContain('Written while the database was away');
    expect(after.filter((s) => s === 'Written after the database returned')).toHaveLength(1);
    live.destroy();

    // The audit chain survived the outage whole.
    expect((await server.deps.repos.audit.verify()).ok).toBe(true);
  }, 120_000);
});
