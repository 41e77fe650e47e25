// The port's contract suite (store-contract.ts) against the SQLite adapter. The suite moves the clock, and
// a clock (a function) cannot cross to the worker thread, so it runs the adapter inline: the same host,
// units of work and group commit; sqlite/store.test.ts runs the worker transport itself.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from './sqlite/store.js';
import { describeStoreContract } from './store-contract.js';

describeStoreContract('sqlite (inline)', async ({ now }) => {
  const dir = mkdtempSync(join(tmpdir(), 'mac-contract-'));
  const store = await openSqliteStore({ dataDir: dir }, { auditKey: new Uint8Array(randomBytes(32)), thread: 'inline', now });
  const close = store.close.bind(store);
  return Object.assign(store, {
    close: async () => {
      await close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
});
