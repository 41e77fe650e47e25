// Closing the PostgreSQL store never waits for ever (pool-close.ts; a stop that hung was seen rarely in the server's tests
// after PostgreSQL had been restarted under load). What is under way gets `closeWaitMs` to finish; then the
// pool is ended, and connections still lent out after another `closeWaitMs` are closed by the store, their
// statements failing and their transactions rolled back. Real PostgreSQL 15; the stuck calls are real too:
// a statement waiting for a table lock another connection holds, and a lock held by `exclusively` around
// work that never ends.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, inject, it, vi } from 'vitest';
import { openPgStore, type PgStore } from './store.js';
import { freshDatabaseFrom } from './test-cluster.js';
import './provided.js';

const auditKey = new Uint8Array(randomBytes(32));
let url: string;
let store: PgStore;
let blocker: pg.Client;

beforeEach(async () => {
  url = await freshDatabaseFrom(inject('pgAdminUrl'));
  store = await openPgStore({ url, auditKey, closeWaitMs: 300 });
  blocker = new pg.Client({ connectionString: url });
  await blocker.connect();
});
afterEach(async () => {
  await blocker.end().catch(() => undefined);
  vi.restoreAllMocks();
});

describe('closing the PostgreSQL store', () => {
  it('waits for a call under way that finishes, and it succeeds', async () => {
    const pending = store.ping();
    await store.close();
    await expect(pending).resolves.toBeUndefined();
    await expect(store.ping()).rejects.toThrow(/closed/);
  });

  it('does not wait for ever on a statement that does not return: names it, closes its connection, and the call fails', async () => {
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((line: unknown) => void errors.push(String(line)));
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE doc_updates IN ACCESS EXCLUSIVE MODE');
    const stuck = store.appendUpdates([{ docName: 'chronology:stuck', update: new Uint8Array([0, 0]), principalId: 'p', claims: [] }]);
    const failed = stuck.then(
      () => 'stored',
      () => 'failed',
    );
    const started = performance.now();
    await store.close();
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(errors.some((line) => line.includes('still under way') && line.includes('appendUpdates'))).toBe(true);
    expect(await failed).toBe('failed');
    await blocker.query('ROLLBACK');
    // Nothing of the cut-short call was stored.
    const { rows } = await blocker.query("SELECT count(*)::int AS n FROM doc_updates WHERE doc_name = 'chronology:stuck'");
    expect(rows[0].n).toBe(0);
  });

  it('does not wait for ever on a connection lent out and never given back', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    void store.exclusively('never-ends', async () => {
      entered();
      await new Promise(() => undefined);
    });
    await inside;
    const started = performance.now();
    await store.close();
    expect(performance.now() - started).toBeLessThan(10_000);
    // The lock went with its connection.
    const { rows } = await blocker.query("SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory'");
    expect(rows[0].n).toBe(0);
  });
});
