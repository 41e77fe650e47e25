// Finding 15 of issue 11: the data directory is 0700 and the database, its WAL and shared-memory files and
// backups are 0600 whatever the umask. The test runs with the most permissive umask there is (0o000), under
// which anything relying on the umask comes out world-readable.
import { chmodSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase, openDatabase } from './open.js';

const mode = (path: string) => statSync(path).mode & 0o777;
let root: string;
let previousUmask: number;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'mac-modes-'));
  previousUmask = process.umask(0o000);
});
afterAll(() => {
  process.umask(previousUmask);
  rmSync(root, { recursive: true, force: true });
});

describe('private files', () => {
  it('[F15] a new data directory is 0700 and the database, WAL and -shm are 0600 under umask 000', () => {
    const dataDir = join(root, 'nested', 'data');
    const db = openDatabase({ dataDir });
    try {
      db.sqlite.prepare("insert into agencies (slug, name, kind, created_at) values ('a', 'A', 'police', '2024-01-01')").run();
      expect(mode(dataDir).toString(8)).toBe('700');
      for (const file of ['mac.sqlite', 'mac.sqlite-wal', 'mac.sqlite-shm']) {
        expect(existsSync(join(dataDir, file)), file).toBe(true);
        expect(mode(join(dataDir, file)).toString(8), file).toBe('600');
      }
    } finally {
      db.close();
    }
  });

  it('[F15] an online backup is 0600 under umask 000', async () => {
    const db = openDatabase({ dataDir: join(root, 'data2') });
    try {
      const target = join(root, 'backup.sqlite');
      await backupDatabase(db, target);
      expect(mode(target).toString(8)).toBe('600');
      expect(existsSync(`${target}-journal`)).toBe(false);
    } finally {
      db.close();
    }
  });

  it('[F15] an existing database left world-readable is made 0600 when opened', () => {
    const dataDir = join(root, 'data3');
    openDatabase({ dataDir }).close();
    chmodSync(join(dataDir, 'mac.sqlite'), 0o644);
    const db = openDatabase({ dataDir });
    db.close();
    expect(mode(join(dataDir, 'mac.sqlite')).toString(8)).toBe('600');
  });
});
