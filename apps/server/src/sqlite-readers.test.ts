// MAC_SQLITE_READERS: how many SQLite reading threads the server opens (packages/db/src/sqlite/read-lanes.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SqliteStore } from '@mac/db';
import { loadConfig } from './config.js';
import { openStore } from './create-deps.js';

const base = { PORT: '0', MAC_DEMO_PASSWORD: 'correct horse battery staple 1' } as NodeJS.ProcessEnv;
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('MAC_SQLITE_READERS', () => {
  it('is 1 by default, and refuses anything but a whole number from 1 to 8, naming itself', () => {
    expect(loadConfig(base).sqliteReaders).toBe(1);
    expect(loadConfig({ ...base, MAC_SQLITE_READERS: '3' }).sqliteReaders).toBe(3);
    for (const bad of ['0', '9', '1.5', 'two', '-1']) expect(() => loadConfig({ ...base, MAC_SQLITE_READERS: bad }), bad).toThrow(/MAC_SQLITE_READERS must be/);
  });

  it('opens that many reading threads on the data directory, and reads through each', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mac-readers-'));
    dirs.push(dir);
    const store = (await openStore(loadConfig({ ...base, MAC_DATA_DIR: dir, MAC_SQLITE_READERS: '2', MAC_SQLITE_THREAD: 'worker' }))) as SqliteStore;
    try {
      await store.repos.agencies.upsert({ slug: 'tvp', name: 'Thames Valley Police', kind: 'police' });
      await Promise.all(Array.from({ length: 8 }, () => store.repos.users.list()));
      expect(store.stats().readsPerThread).toHaveLength(2);
      expect(store.stats().readsPerThread.every((n) => n > 0)).toBe(true);
    } finally {
      await store.close();
    }
  });
});
