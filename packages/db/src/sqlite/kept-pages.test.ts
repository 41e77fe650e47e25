// Pages of entries kept on the SQLite store's client (../kept-pages.ts), checked by a point read of the
// chronology's entry version: the cases of ../kept-pages-contract.ts, which PostgreSQL runs too.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { describeKeptPagesContract } from '../kept-pages-contract.js';
import { openSqliteStore } from './store.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describeKeptPagesContract('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mac-kept-pages-'));
  dirs.push(dir);
  // Inline: the same client code as with workers (the lanes and point reads), without the threads' start-up.
  const store = await openSqliteStore({ dataDir: dir }, { auditKey: new Uint8Array(randomBytes(32)), thread: 'inline' });
  return { store, hits: () => store.stats().keptPageHits, pageReads: () => store.stats().reads, versionReads: () => store.stats().versionReads };
});
