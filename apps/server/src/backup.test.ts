/**
 * The restore drill of docs/operations.md, run for real: an online backup taken while the server is
 * serving writes, restored into a new data directory, verified and started.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { startServer } from './server.js';
import { DEMO, inlineDb, runCli, startTestServer, TEST_PASSWORD, type TestServer } from './testing.js';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
let server: TestServer;
const restoreDir = mkdtempSync(join(tmpdir(), 'mac-restore-'));

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
  rmSync(restoreDir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('backs up online while writes continue, and the restored copy verifies and serves', async () => {
    const police = await server.login(DEMO.police);
    const chronologyId = (await server.api(police, 'GET', '/api/chronologies')).body.chronologies[0].id;
    const write = (i: number) => server.api(police, 'POST', `/api/chronologies/${chronologyId}/entries`, { date: '2024-07-01', category: 'police-attendance', summary: `Backup drill ${i}` });
    for (let i = 0; i < 5; i++) expect((await write(i)).status).toBe(201);

    const target = join(restoreDir, 'backup.sqlite');
    // The backup runs in another process against the live database while this one keeps writing.
    const writes = (async () => {
      for (let i = 5; i < 25; i++) await write(i);
    })();
    // Asynchronously: spawnSync would stop this process (and the server in it) for the whole backup, so
    // no write would really go on meanwhile, and the server's keep-alive sockets would time out under the
    // client's feet (ECONNRESET) on a slow machine.
    const backup = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'backup', target], { cwd: serverDir, env: { ...process.env, MAC_DATA_DIR: server.dataDir } });
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += String(chunk)));
      child.on('close', (status) => resolve({ status, stderr }));
    });
    await writes;
    expect(backup.status, backup.stderr).toBe(0);

    // Restore: the backup becomes the database of a new data directory, with the same audit key.
    const dataDir = join(restoreDir, 'data');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dataDir);
    copyFileSync(target, join(dataDir, 'mac.sqlite'));
    copyFileSync(join(server.dataDir, 'audit.key'), join(dataDir, 'audit.key'));
    // A restored backup has no anchor of its own (the live one is newer than the backup): say so explicitly.
    const verify = await runCli({ ...process.env, MAC_DATA_DIR: dataDir }, 'verify-audit', '--no-anchor');
    expect(verify.status, verify.stderr).toBe(0);

    // Inline: the integrity check below reads the connection itself.
    const restored = await startServer(loadConfig({ MAC_DATA_DIR: dataDir, PORT: '0', MAC_DEMO_PASSWORD: TEST_PASSWORD, MAC_SQLITE_THREAD: 'inline' } as NodeJS.ProcessEnv, null), { log: () => {} });
    try {
      const login = await fetch(restored.url + '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', origin: restored.url }, body: JSON.stringify({ email: DEMO.police, password: TEST_PASSWORD }) });
      expect(login.status).toBe(200);
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const entries = await (await fetch(`${restored.url}/api/chronologies/${chronologyId}/entries?text=Backup%20drill`, { headers: { cookie } })).json();
      // Everything committed before the backup started is there; the projection agrees with the log.
      const summaries = entries.entries.map((e: { summary: string }) => e.summary);
      for (let i = 0; i < 5; i++) expect(summaries).toContain(`Backup drill ${i}`);
      expect((await restored.deps.repos.audit.verify()).ok).toBe(true);
      const integrity = inlineDb(restored.deps).sqlite.pragma('integrity_check', { simple: true });
      expect(integrity).toBe('ok');
    } finally {
      await restored.close();
    }
  });
});
