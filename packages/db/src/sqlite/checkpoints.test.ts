// The checkpointer thread (checkpointer.ts): the log is copied into the database file by it, never inside
// one of the writer's commits, and the log stays bounded.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CHECKPOINT_FRAMES } from './checkpoints.js';
import { openSqliteStore, type SqliteStore, type SqliteStoreOptions } from './store.js';
import { readWalIndex } from './wal-index.js';

const opened: Array<{ store: SqliteStore; dir: string }> = [];
afterEach(async () => {
  for (const { store, dir } of opened.splice(0)) {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

async function open(opts: Partial<SqliteStoreOptions> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'mac-ckpt-'));
  const store = await openSqliteStore({ dataDir: dir }, { auditKey: new Uint8Array(randomBytes(32)), ...opts });
  opened.push({ store, dir });
  return { store, file: join(dir, 'mac.sqlite') };
}

/** About `frames` frames of log: updates of 8 KB (two overflow pages and a leaf each), 20 to a commit. */
async function writeFrames(store: SqliteStore, frames: number) {
  const update = new Uint8Array(8_000).fill(5);
  for (let i = 0; i * 60 < frames; i++) {
    await store.appendUpdates(Array.from({ length: 20 }, (_, j) => ({ docName: `doc-${(i * 20 + j) % 7}`, update, claims: [], principalId: 'p' })));
  }
}

async function until<T>(what: () => Promise<T> | T, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await what();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the SQLite store checkpoints on its own thread', () => {
  it('the writer does not checkpoint itself when the log passes SQLite’s default threshold', async () => {
    // The checkpointer held back (a threshold and a pause it will not see): whatever is copied now was
    // copied by the writer, as SQLite's default wal_autocheckpoint=1000 does inside the commit that
    // crosses 1,000 frames.
    const { store, file } = await open({ checkpoints: { frames: 1_000_000, idleMs: Infinity } });
    await writeFrames(store, 3 * CHECKPOINT_FRAMES);
    const wal = readWalIndex(file)!;
    expect(wal.frames).toBeGreaterThan(2 * CHECKPOINT_FRAMES);
    expect(wal.backfilled).toBe(0);
    expect((await store.checkpoints())!.checkpoints).toBe(0);
  });

  it('(the reference: with SQLite’s default, the writer copies the log itself inside its commits)', async () => {
    // What the first test rules out, shown to happen: the writer's commit that crosses 1,000 frames copies them.
    const { store, file } = await open({ checkpoints: { onWriter: true } });
    await writeFrames(store, 3 * CHECKPOINT_FRAMES);
    // Copied and started over at least once: fewer frames in the log than were written.
    expect(readWalIndex(file)!.frames).toBeLessThan(2 * CHECKPOINT_FRAMES);
    expect(await store.checkpoints()).toBeNull();
  });

  it('copies the log from the checkpointer, all of it once writes pause, and the next write starts the log over', async () => {
    const { store, file } = await open();
    await writeFrames(store, 3 * CHECKPOINT_FRAMES);
    const stats = await until(
      () => store.checkpoints(),
      (s) => s!.framesCopied >= 2 * CHECKPOINT_FRAMES,
    );
    expect(stats!.checkpoints).toBeGreaterThan(0);
    expect(stats!.framesCopied).toBeGreaterThanOrEqual(2 * CHECKPOINT_FRAMES);
    // Paused: the rest is copied without another write to trigger it.
    expect((await until(() => readWalIndex(file)!, (w) => w.waiting === 0)).waiting).toBe(0);
    // Fully copied, so the writer's next transaction restarts the log from its first frame: the file is
    // overwritten from its beginning instead of growing.
    await writeFrames(store, 60);
    expect(readWalIndex(file)!.frames).toBeLessThan(200);
    // Everything is still there, read back through the other connections.
    expect(await store.repos.updateLog.head('doc-0')).toBeGreaterThan(0);
  });

  it('has no checkpointer thread inline or in memory (the writer checkpoints as SQLite does by default)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mac-ckpt-'));
    const inline = await openSqliteStore({ dataDir: dir }, { auditKey: new Uint8Array(32), thread: 'inline' });
    opened.push({ store: inline, dir });
    expect(await inline.checkpoints()).toBeNull();
    const memory = await openSqliteStore({ memory: true }, { auditKey: new Uint8Array(32) });
    opened.push({ store: memory, dir: mkdtempSync(join(tmpdir(), 'mac-ckpt-')) });
    expect(await memory.checkpoints()).toBeNull();
  });
});
