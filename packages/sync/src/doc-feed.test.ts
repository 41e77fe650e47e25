import { describe, expect, it } from 'vitest';
import { createDocFeed, type SequencedUpdate } from './doc-feed.js';

/** A document's log as the store holds it, and a feed over it that records what it applied. */
function setup(stored: number[] = []) {
  const log: SequencedUpdate[] = stored.map((seq) => ({ seq, update: new Uint8Array([seq]) }));
  const applied: Array<{ seq: number; source: 'bus' | 'store' }> = [];
  let writing = false;
  let reads = 0;
  const feed = createDocFeed({
    apply: (rows, source) => applied.push(...rows.map((row) => ({ seq: row.seq, source }))),
    readAfter: async (seq) => {
      reads += 1;
      return log.filter((row) => row.seq > seq);
    },
    writing: () => writing,
  });
  return {
    feed,
    applied,
    seqs: () => applied.map((a) => a.seq),
    store: (...seqs: number[]) => log.push(...seqs.map((seq) => ({ seq, update: new Uint8Array([seq]) }))),
    msg: (seq: number) => ({ seq, update: new Uint8Array([seq]) }),
    setWriting: (value: boolean) => (writing = value),
    reads: () => reads,
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the order of other nodes’ updates (doc-feed)', () => {
  it('applies the next number as it arrives, and ignores numbers it already has', () => {
    const t = setup();
    t.feed.start(3);
    t.feed.receive(t.msg(4));
    t.feed.receive(t.msg(5));
    t.feed.receive(t.msg(5)); // a duplicate
    t.feed.receive(t.msg(2)); // late: already loaded
    expect(t.applied).toEqual([
      { seq: 4, source: 'bus' },
      { seq: 5, source: 'bus' },
    ]);
    expect(t.feed.head).toBe(5);
    expect(t.reads()).toBe(0);
  });

  it('holds a number beyond the next and fills the gap from the store, in order, once', async () => {
    const t = setup([1, 2, 3, 4, 5]);
    t.feed.start(2);
    t.feed.receive(t.msg(5)); // 3 and 4 were lost on the bus
    expect(t.seqs()).toEqual([]);
    await settle();
    expect(t.seqs()).toEqual([3, 4, 5]);
    expect(t.applied.every((a) => a.source === 'store')).toBe(true);
    // 4 arriving late now changes nothing.
    t.feed.receive(t.msg(4));
    expect(t.seqs()).toEqual([3, 4, 5]);
  });

  it('applies messages that follow on while the store was being read, and nothing twice', async () => {
    const t = setup([1, 2, 3]);
    t.feed.start(1);
    t.feed.receive(t.msg(3)); // gap: reads after 1
    t.store(4);
    t.feed.receive(t.msg(4)); // arrives while the read is under way
    await settle();
    await settle();
    expect(t.seqs()).toEqual([2, 3, 4]);
    expect(new Set(t.seqs()).size).toBe(t.seqs().length);
  });

  it('while this node is storing writes of the document, a gap waits for them (their numbers are not known yet)', async () => {
    const t = setup([1, 2, 3]);
    t.feed.start(1);
    t.setWriting(true);
    t.feed.receive(t.msg(3)); // 2 may be this node's own write, stored but not yet reported
    await settle();
    expect(t.reads()).toBe(0);
    t.feed.committed(2); // it was ours: 3 follows on at once, no read needed
    expect(t.seqs()).toEqual([3]);
    expect(t.feed.head).toBe(3);
    t.setWriting(false);
    t.feed.settled();
    await settle();
    expect(t.reads()).toBe(0);
  });

  it('a gap left after this node’s writes settle is read then', async () => {
    const t = setup([1, 2, 3, 4]);
    t.feed.start(1);
    t.setWriting(true);
    t.feed.committed(3); // someone else committed 2 before us
    t.feed.receive(t.msg(4));
    await settle();
    expect(t.reads()).toBe(0);
    t.setWriting(false);
    t.feed.settled();
    await settle();
    // 2 from the store (3, ours, is applied again by Yjs as nothing), then 4.
    expect(t.seqs()).toEqual([2, 3, 4]);
    expect(t.feed.head).toBe(4);
  });

  it('subscribe, then read, then apply: messages before the load are held, applied or ignored at start', () => {
    const t = setup();
    t.feed.receive(t.msg(7)); // published while the room's log was being read
    t.feed.receive(t.msg(9));
    t.feed.receive(t.msg(8));
    expect(t.seqs()).toEqual([]);
    t.feed.start(7); // the read already held 7
    expect(t.seqs()).toEqual([8, 9]);
    expect(t.reads()).toBe(0);
  });

  it('catch-up reads what the bus lost (no message announced it), and a merged row after a compaction', async () => {
    const t = setup([1, 2]);
    t.feed.start(2);
    t.store(3, 4);
    await t.feed.catchUp();
    expect(t.seqs()).toEqual([3, 4]);
    // A compaction on another node: rows up to 6 became one row numbered 6; this node had applied up to 4.
    const u = setup([6, 7]);
    u.feed.start(4);
    await u.feed.catchUp();
    expect(u.seqs()).toEqual([6, 7]);
    expect(u.feed.head).toBe(7);
  });

  it('a failing store read is reported and tried again at the next catch-up', async () => {
    let fail = true;
    const errors: unknown[] = [];
    const applied: number[] = [];
    const feed = createDocFeed({
      apply: (rows) => applied.push(...rows.map((r) => r.seq)),
      readAfter: async (seq) => {
        if (fail) throw new Error('database down');
        return [2, 3].filter((s) => s > seq).map((s) => ({ seq: s, update: new Uint8Array([s]) }));
      },
      writing: () => false,
      onError: (err) => errors.push(err),
    });
    feed.start(1);
    await feed.catchUp();
    expect(errors).toHaveLength(1);
    expect(applied).toEqual([]);
    fail = false;
    await feed.catchUp();
    expect(applied).toEqual([2, 3]);
  });
});
