/**
 * An import killed between two of its slices (docs/storage.md "Imports in slices"): the server process, its
 * SQLite writer in a worker thread as in production, is killed with SIGKILL once the import's journal and
 * some but not all of its entries are in the file; started again on the same data, it finishes the import
 * before it listens: every entry of the file once, none twice, one import record, and the audit chain
 * verifies (start-up checks it). import-slices.test.ts covers the same on both backends with the store
 * failing instead of the process dying. Runs with the other SIGKILL tests (`pnpm test:fuzz`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { DEMO, TEST_PASSWORD } from './testing.js';
import { CSV_HEADER } from './import-testing.js';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'mac-import-crash-'));
const ROWS = 2_500;

function start(): Promise<{ child: ChildProcess; origin: string; output: () => string }> {
  return new Promise((resolve, reject) => {
    // SQLite, its writer in a worker thread (the default), whatever the test run's environment says.
    const { DATABASE_URL: _pg, MAC_SQLITE_THREAD: _thread, ...env } = process.env;
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'start'], {
      cwd: serverDir,
      env: { ...env, PORT: '0', HOST: '127.0.0.1', MAC_DATA_DIR: dataDir, MAC_DEMO_PASSWORD: TEST_PASSWORD, NODE_ENV: 'test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /MAC listening on (http:\/\/\S+)\r?\n/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, origin: m[1]!, output: () => out });
      }
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${out}`));
    });
  });
}

async function login(origin: string, email: string): Promise<string> {
  const res = await fetch(origin + '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify({ email, password: TEST_PASSWORD }) });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

// Retried: a server that was just stopped may still be closing its files.
afterAll(() => rmSync(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }));

/** Stops a server and waits until its process has gone (its files closed), SIGKILL after 10 s. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

describe('an import killed between slices', () => {
  it('is finished at the next start: every entry once, one import record', async () => {
    const first = await start();
    const police = await login(first.origin, DEMO.police);
    const lead = await login(first.origin, DEMO.lead);
    const created = await fetch(first.origin + '/api/chronologies', {
      method: 'POST',
      headers: { cookie: lead, origin: first.origin, 'content-type': 'application/json' },
      body: JSON.stringify({ child: { givenName: 'Killed', familyName: 'Import', dateOfBirth: '2016-04-05' }, memberAgencies: ['thames-valley-police'] }),
    });
    expect(created.status).toBe(201);
    const chronologyId = ((await created.json()) as { id: string }).id;
    const csv = [CSV_HEADER, ...Array.from({ length: ROWS }, (_, i) => `2022-0${(i % 9) + 1}-${String((i % 28) + 1).padStart(2, '0')},,thames-valley-police,other,Killed import row ${i},,,,,`)].join('\n');
    const answer = fetch(`${first.origin}/api/chronologies/${chronologyId}/import`, { method: 'POST', headers: { cookie: police, origin: first.origin, 'content-type': 'text/csv' }, body: csv }).then(
      (res) => res.status,
      () => 'no answer',
    );

    // Watch the file from outside (read-only, as another process would) until the import is part stored.
    const file = new Database(join(dataDir, 'mac.sqlite'), { readonly: true, fileMustExist: true });
    const stored = () => (file.prepare('select count(*) as n from entries where chronology_id = ?').get(chronologyId) as { n: number }).n;
    const journals = () => (file.prepare('select count(*) as n from pending_imports').get() as { n: number }).n;
    let atKill = -1;
    for (let i = 0; i < 6_000 && atKill < 0; i++) {
      const n = stored();
      if (n > 0 && n < ROWS && journals() === 1) {
        first.child.kill('SIGKILL');
        atKill = n;
      } else await new Promise((r) => setTimeout(r, 5));
    }
    file.close();
    expect(atKill).toBeGreaterThan(0);
    expect(await answer).toBe('no answer');
    await new Promise<void>((resolve) => (first.child.exitCode !== null || first.child.signalCode !== null ? resolve() : first.child.once('exit', () => resolve())));

    // Started again on the same data: finished before it listens.
    const second = await start();
    try {
      expect(second.output()).toMatch(/finished import .* cut short earlier \(2500 entries\)/);
      const after = new Database(join(dataDir, 'mac.sqlite'), { readonly: true, fileMustExist: true });
      const rows = after.prepare('select id, summary from entries where chronology_id = ?').all(chronologyId) as Array<{ id: string; summary: string }>;
      expect(rows).toHaveLength(ROWS);
      expect(new Set(rows.map((r) => r.summary)).size).toBe(ROWS);
      expect(after.prepare('select count(*) as n from pending_imports').get()).toEqual({ n: 0 });
      expect(after.prepare("select count(*) as n from audit_log where action = 'chronology:import' and chronology_id = ?").get(chronologyId)).toEqual({ n: 1 });
      expect(after.prepare("select count(*) as n from audit_log where action = 'entry.create' and chronology_id = ?").get(chronologyId)).toEqual({ n: ROWS });
      after.close();
      // And the server answers with them all.
      const police2 = await login(second.origin, DEMO.police);
      const page = await fetch(`${second.origin}/api/chronologies/${chronologyId}/entries?limit=2000`, { headers: { cookie: police2 } });
      expect(((await page.json()) as { total?: number; entries: unknown[] }).entries).toHaveLength(2_000);
    } finally {
      // Awaited: the data directory is removed next (a CI run removed it under a server still stopping).
      await stop(second.child);
    }
  });
});
