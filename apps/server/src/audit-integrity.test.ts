import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './config.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditChainBroken, startServer } from './server.js';
import { DEMO, inlineDb, runCli, startTestServer, type TestServer } from './testing.js';

const serverDir = fileURLToPath(new URL('..', import.meta.url));

function cli(dataDir: string, ...args: string[]) {
  return cliWith({ MAC_DATA_DIR: dataDir }, ...args);
}

function cliWith(env: Record<string, string>, ...args: string[]) {
  const inherited = { ...process.env };
  delete inherited.MAC_AUDIT_ANCHOR_FILE;
  return runCli({ ...inherited, ...env }, ...args);
}

/** The real command line in its own process, as an operator runs it (Node loads the server under tsx: seconds). */
function cliProcess(dataDir: string, ...args: string[]) {
  const inherited = { ...process.env };
  delete inherited.MAC_AUDIT_ANCHOR_FILE;
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: serverDir, env: { ...inherited, MAC_DATA_DIR: dataDir }, encoding: 'utf8' });
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  const police = await server.login(DEMO.police);
  const list = await server.api(police, 'GET', '/api/chronologies');
  await server.api(police, 'GET', `/api/chronologies/${list.body.chronologies[0].id}/entries`);
});
afterAll(async () => {
  await server?.stop();
});

describe('audit integrity', () => {
  it('verify-audit passes on an intact log and names the first record altered directly in the file', async () => {
    const { dataDir, deps } = server;
    const total = await deps.repos.audit.count();
    expect(total).toBeGreaterThan(10);
    await server.close();
    const ok = await cli(dataDir, 'verify-audit');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(new RegExp(`${total} records intact`));

    // An attacker with the file: drop the append-only trigger and rewrite one record's details.
    const db = new Database(join(dataDir, 'mac.sqlite'));
    const triggers = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'").all() as { name: string }[];
    expect(triggers.length).toBeGreaterThan(0);
    for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
    const target = db.prepare("SELECT seq FROM audit_log WHERE action = 'entry:read' ORDER BY seq LIMIT 1").get() as { seq: number };
    db.prepare("UPDATE audit_log SET actor_label = 'Nobody' WHERE seq = ?").run(target.seq);
    db.close();

    // Through the real command line once: its exit code is what an operator's script checks.
    const broken = cliProcess(dataDir, 'verify-audit');
    expect(broken.status).toBe(2);
    expect(broken.stderr).toContain(`AUDIT CHAIN BROKEN at record ${target.seq}`);

    // And the service refuses to start on it.
    await expect(startServer({ ...server.deps.config }, { log: () => {} })).rejects.toBeInstanceOf(AuditChainBroken);
  });

  it('catches the newest records cut off with the sequence rewound, through the anchor outside the database', async () => {
    const victim = await startTestServer();
    const police = await victim.login(DEMO.police);
    await victim.api(police, 'GET', '/api/chronologies');
    const { dataDir } = victim;
    const config = { ...victim.deps.config };
    await victim.close();
    const db = new Database(join(dataDir, 'mac.sqlite'));
    for (const t of db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'").all() as { name: string }[]) db.exec(`DROP TRIGGER ${t.name}`);
    const last = (db.prepare('SELECT max(seq) AS seq FROM audit_log').get() as { seq: number }).seq;
    db.prepare('DELETE FROM audit_log WHERE seq > ?').run(last - 3);
    db.prepare("UPDATE sqlite_sequence SET seq = ? WHERE name = 'audit_log'").run(last - 3);
    db.close();
    const result = await cli(dataDir, 'verify-audit');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`AUDIT CHAIN TRUNCATED: record ${last}`);
    await expect(startServer(config, { log: () => {} })).rejects.toThrow(/newest records were removed/);
  });

  it('[F13] verify-audit fails when the anchor is missing, unless told --no-anchor', async () => {
    const victim = await startTestServer();
    const { dataDir } = victim;
    await victim.close();
    const anchor = join(dataDir, 'audit.anchor');
    expect(existsSync(anchor)).toBe(true);
    // The attacker cuts off the newest records and deletes the anchor that would reveal it.
    rmSync(anchor);
    const refused = await cli(dataDir, 'verify-audit');
    expect(refused.status).toBe(3);
    expect(refused.stderr).toContain(`AUDIT ANCHOR MISSING: no anchor at ${anchor}`);
    expect(refused.stderr).toContain('--no-anchor');
    const told = await cli(dataDir, 'verify-audit', '--no-anchor');
    expect(told.status, told.stderr).toBe(0);
    expect(told.stdout).toContain('no anchor checked');
    expect((await cli(dataDir, 'verify-audit', '--no-anchr')).status).toBe(1);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('[F13] the anchor can live outside the data directory (MAC_AUDIT_ANCHOR_FILE), read once into the config', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'mac-anchor-'));
    const anchor = join(elsewhere, 'keys', 'audit.anchor');
    const config = loadConfig({ MAC_AUDIT_ANCHOR_FILE: anchor } as NodeJS.ProcessEnv);
    expect(config.auditAnchorFile).toBe(anchor);
    const victim = await startTestServer({ auditAnchorFile: anchor });
    const { dataDir } = victim;
    await victim.close();
    expect(existsSync(anchor)).toBe(true);
    expect(existsSync(join(dataDir, 'audit.anchor'))).toBe(false);
    expect((await cliWith({ MAC_DATA_DIR: dataDir, MAC_AUDIT_ANCHOR_FILE: anchor }, 'verify-audit')).status).toBe(0);
    // Without being told where it is, verify-audit looks in the data directory, finds none and fails.
    expect((await cli(dataDir, 'verify-audit')).status).toBe(3);
    // And the anchor outside still catches a truncation.
    const db = new Database(join(dataDir, 'mac.sqlite'));
    for (const t of db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'").all() as { name: string }[]) db.exec(`DROP TRIGGER ${t.name}`);
    const last = (db.prepare('SELECT max(seq) AS seq FROM audit_log').get() as { seq: number }).seq;
    db.prepare('DELETE FROM audit_log WHERE seq > ?').run(last - 2);
    db.prepare("UPDATE sqlite_sequence SET seq = ? WHERE name = 'audit_log'").run(last - 2);
    db.close();
    const truncated = await cliWith({ MAC_DATA_DIR: dataDir, MAC_AUDIT_ANCHOR_FILE: anchor }, 'verify-audit', '--no-anchor');
    expect(truncated.status).toBe(2);
    expect(truncated.stderr).toContain(`AUDIT CHAIN TRUNCATED: record ${last}`);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(elsewhere, { recursive: true, force: true });
  });

  it('refuses UPDATE and DELETE on the audit log through SQLite itself', async () => {
    const fresh = await startTestServer();
    try {
      expect(() => inlineDb(fresh.deps).sqlite.prepare("UPDATE audit_log SET action = 'x'").run()).toThrow(/append-only/);
      expect(() => inlineDb(fresh.deps).sqlite.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    } finally {
      await fresh.stop();
    }
  });
});
