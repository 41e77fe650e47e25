import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { answerOf, createStateMerger, type StateMerger } from './state-merger.js';

let merger: StateMerger;
afterEach(async () => {
  await merger.close();
});

/** Updates of a map written, overwritten and deleted by two clients, as a log holds them. */
function log(): Uint8Array[] {
  const updates: Uint8Array[] = [];
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on('update', (u: Uint8Array, origin: unknown) => {
    if (origin === 'remote') return;
    updates.push(u);
    Y.applyUpdate(b, u, 'remote');
  });
  b.on('update', (u: Uint8Array, origin: unknown) => {
    if (origin === 'remote') return;
    updates.push(u);
    Y.applyUpdate(a, u, 'remote');
  });
  const map = a.getMap('entries');
  for (let i = 0; i < 50; i++) map.set(`e${i}`, { summary: `Entry ${i}`, text: 'x'.repeat(200) });
  for (let i = 0; i < 10; i++) b.getMap('entries').set(`e${i}`, { summary: `Amended ${i}` });
  map.delete('e49');
  return updates;
}

describe('the state merger (a worker thread)', () => {
  it("refuses a thread's answer of another shape or an empty state (7 December: an answer of another shape became an empty state, stored)", () => {
    merger = createStateMerger(); // for afterEach: no thread starts without a merge
    const state = Y.encodeStateAsUpdate(new Y.Doc());
    // A bare state: what the thread answered before it said whether it converted.
    expect(() => answerOf(state)).toThrow(/shape/);
    expect(() => answerOf({ state: { byteLength: 5 }, converted: false })).toThrow(/shape/);
    expect(() => answerOf(undefined)).toThrow(/shape/);
    expect(() => answerOf({ state: new Uint8Array(0), converted: false })).toThrow(/0 bytes/);
    expect(answerOf({ state, converted: true })).toEqual({ state, converted: true });
  });


  it('gives the state of a garbage-collected document holding exactly the updates, byte for byte', async () => {
    merger = createStateMerger();
    const updates = log();
    const reference = new Y.Doc();
    reference.transact(() => {
      for (const u of updates) Y.applyUpdate(reference, u);
    });
    const merged = await merger.merge(updates);
    expect(merged).toEqual(Y.encodeStateAsUpdate(reference));
    // Overwritten content is dropped: smaller than the updates together.
    expect(merged.byteLength).toBeLessThan(updates.reduce((s, u) => s + u.byteLength, 0));
    expect(merger.merges).toBe(1);
  });

  it('warms up its thread without counting a merge, and merges exactly afterwards', async () => {
    merger = createStateMerger();
    await merger.warmUp();
    expect(merger.merges).toBe(0);
    const updates = log();
    const reference = new Y.Doc();
    for (const u of updates) Y.applyUpdate(reference, u);
    expect(await merger.merge(updates)).toEqual(Y.encodeStateAsUpdate(reference));
    expect(merger.merges).toBe(1);
  });

  it('refuses updates that do not integrate fully, and goes on merging others', async () => {
    merger = createStateMerger();
    const updates = log();
    await expect(merger.merge(updates.slice(1))).rejects.toThrow(/missing dependencies/);
    expect((await merger.merge(updates)).byteLength).toBeGreaterThan(0);
  });

  it('is warm once its thread has finished a task, and cold again once the thread is let go', async () => {
    merger = createStateMerger({ idleMs: 20 });
    expect(merger.warm).toBe(false);
    await merger.merge(log());
    expect(merger.warm).toBe(true);
    await expect.poll(() => merger.warm, { timeout: 5_000 }).toBe(false);
    await merger.warmUp();
    expect(merger.warm).toBe(true);
  });

  it('merges one at a time, in order, and refuses after close', async () => {
    merger = createStateMerger({ idleMs: 10 });
    const updates = log();
    const [first, second] = await Promise.all([merger.merge(updates.slice(0, 20)), merger.merge(updates)]);
    expect(first.byteLength).toBeLessThan(second.byteLength);
    // Let the thread go when idle, start another for the next merge.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await merger.merge(updates)).byteLength).toBe(second.byteLength);
    await merger.close();
    await expect(merger.merge(updates)).rejects.toThrow(/closed/);
  });
});
