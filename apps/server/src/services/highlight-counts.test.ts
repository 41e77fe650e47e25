import { describe, expect, it } from 'vitest';
import { agenciesVersion, createHighlightCounts, familyVersion, type HighlightCountInputs } from './highlight-counts.js';

const inputs = (overrides: Partial<HighlightCountInputs> = {}): HighlightCountInputs => ({
  chronologyId: 'c1',
  viewing: 'thames-valley-police',
  day: '2026-12-05',
  entryCount: 12,
  lastChangeAt: '2026-12-05T10:00:00.000Z',
  reviewCount: 1,
  overdueActions: 0,
  dateOfBirth: '2015-03-01',
  agencies: 'v1',
  family: '',
  ...overrides,
});

describe('highlight counts kept between caseload listings', () => {
  it('works a count out once for the same inputs, and again when any input changes', async () => {
    const counts = createHighlightCounts();
    let computed = 0;
    const compute = async () => ++computed;
    expect(await counts.count(inputs(), compute)).toBe(1);
    expect(await counts.count(inputs(), compute)).toBe(1);
    for (const change of [
      { viewing: '*' },
      { day: '2026-12-06' },
      { entryCount: 13 },
      { lastChangeAt: '2026-12-05T10:00:01.000Z' },
      { reviewCount: 2 },
      { overdueActions: 1 },
      { dateOfBirth: null },
      { agencies: 'v2' },
      { family: familyVersion(['c9'], { c9: 3 }, { c9: null }) },
      { family: familyVersion(['c9'], { c9: 4 }, { c9: null }) },
      { chronologyId: 'c2' },
    ] satisfies Array<Partial<HighlightCountInputs>>) {
      const before = computed;
      await counts.count(inputs(change), compute);
      expect(computed, JSON.stringify(change)).toBe(before + 1);
    }
  });

  it('shares one computation between listings asking at the same time', async () => {
    const counts = createHighlightCounts();
    let computed = 0;
    let release!: (n: number) => void;
    const compute = () => (computed++, new Promise<number>((r) => (release = r)));
    const both = Promise.all([counts.count(inputs(), compute), counts.count(inputs(), compute)]);
    release(7);
    expect(await both).toEqual([7, 7]);
    expect(computed).toBe(1);
  });

  it('peek: a kept count already worked out, and nothing else (nothing is started)', async () => {
    const counts = createHighlightCounts();
    expect(counts.peek(inputs())).toBeUndefined();
    let release!: (n: number) => void;
    const working = counts.count(inputs(), () => new Promise<number>((r) => (release = r)));
    expect(counts.peek(inputs())).toBeUndefined();
    release(4);
    await working;
    expect(counts.peek(inputs())).toBe(4);
    expect(counts.peek(inputs({ entryCount: 13 }))).toBeUndefined();
    expect(counts.size).toBe(1);
  });

  it('ready: a kept count already worked out, made the most recently used; nothing else, nothing started', async () => {
    const counts = createHighlightCounts(2);
    expect(counts.ready(inputs({ chronologyId: 'a' }))).toBeUndefined();
    expect(counts.size).toBe(0);
    let release!: (n: number) => void;
    const working = counts.count(inputs({ chronologyId: 'a' }), () => new Promise<number>((r) => (release = r)));
    expect(counts.ready(inputs({ chronologyId: 'a' }))).toBeUndefined();
    release(4);
    await working;
    let computed = 0;
    const compute = async () => ++computed;
    await counts.count(inputs({ chronologyId: 'b' }), compute);
    // a is used by `ready`: b is now the least recently used, and the next count drops it.
    expect(counts.ready(inputs({ chronologyId: 'a' }))).toBe(4);
    await counts.count(inputs({ chronologyId: 'c' }), compute);
    expect(counts.peek(inputs({ chronologyId: 'a' }))).toBe(4);
    expect(counts.peek(inputs({ chronologyId: 'b' }))).toBeUndefined();
    expect(counts.ready(inputs({ chronologyId: 'a', entryCount: 13 }))).toBeUndefined();
  });

  it('keeps no failure: the next listing works it out again', async () => {
    const counts = createHighlightCounts();
    await expect(counts.count(inputs(), async () => Promise.reject(new Error('storage away')))).rejects.toThrow('storage away');
    expect(await counts.count(inputs(), async () => 3)).toBe(3);
  });

  it('keeps at most `max` counts, dropping the least recently used', async () => {
    const counts = createHighlightCounts(2);
    let computed = 0;
    const compute = async () => ++computed;
    await counts.count(inputs({ chronologyId: 'a' }), compute);
    await counts.count(inputs({ chronologyId: 'b' }), compute);
    await counts.count(inputs({ chronologyId: 'a' }), compute); // kept; now the most recent
    await counts.count(inputs({ chronologyId: 'c' }), compute); // drops b
    expect(counts.size).toBe(2);
    expect(computed).toBe(3);
    await counts.count(inputs({ chronologyId: 'a' }), compute);
    expect(computed).toBe(3);
    await counts.count(inputs({ chronologyId: 'b' }), compute);
    expect(computed).toBe(4);
  });

  it('works out only a few counts at once, the rest in the order asked, and a failure frees its place', async () => {
    const counts = createHighlightCounts(100, 3);
    const started: string[] = [];
    const finish = new Map<string, { resolve: (n: number) => void; reject: (e: Error) => void }>();
    const compute = (id: string) => () => {
      started.push(id);
      return new Promise<number>((resolve, reject) => finish.set(id, { resolve, reject }));
    };
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    const results = ids.map((id) => counts.count(inputs({ chronologyId: id }), compute(id)));
    const settle = () => new Promise((r) => setImmediate(r));
    await settle();
    expect(started).toEqual(['a', 'b', 'c']);
    // One chronology's page starts at once, whatever waits, and takes no place.
    let pageStarted = false;
    const page = counts.count(inputs({ chronologyId: 'page' }), async () => ((pageStarted = true), 5), { first: true });
    expect(pageStarted).toBe(true);
    expect(await page).toBe(5);
    expect(started).toEqual(['a', 'b', 'c']);
    // A page asking for a count a caseload has left waiting starts that one at once, and it is not run twice.
    const waitingF = counts.count(inputs({ chronologyId: 'f' }), compute('f-page'), { first: true });
    expect(started).toEqual(['a', 'b', 'c', 'f']);
    // The same count asked again while it waits is still one computation.
    const again = counts.count(inputs({ chronologyId: 'e' }), compute('e-again'));
    finish.get('b')!.resolve(2);
    await settle();
    expect(started).toEqual(['a', 'b', 'c', 'f', 'd']);
    finish.get('a')!.reject(new Error('storage away'));
    await settle();
    expect(started).toEqual(['a', 'b', 'c', 'f', 'd', 'e']);
    for (const id of ['c', 'd', 'e']) finish.get(id)!.resolve(id.charCodeAt(0));
    await settle();
    finish.get('f')!.resolve(6);
    expect(await waitingF).toBe(6);
    await expect(results[0]).rejects.toThrow('storage away');
    expect(await Promise.all(results.slice(1))).toEqual([2, 99, 100, 101, 6]);
    expect(await again).toBe(101);
    // Places were handed on, never lost (the page's start took none): three new ones start at once.
    const later = ['x', 'y', 'z'].map((id) => counts.count(inputs({ chronologyId: id }), compute(id)));
    await settle();
    expect(started.slice(-3)).toEqual(['x', 'y', 'z']);
    for (const id of ['x', 'y', 'z']) finish.get(id)!.resolve(0);
    expect(await Promise.all(later)).toEqual([0, 0, 0]);
  });

  it('countWithin: the count when it is worked out in time, null when not (it goes on and is kept), a failure in time thrown', async () => {
    const counts = createHighlightCounts();
    expect(await counts.countWithin(inputs({ chronologyId: 'fast' }), async () => 3, 1_000)).toBe(3);
    let finish!: (n: number) => void;
    let computed = 0;
    const slow = () => (computed++, new Promise<number>((resolve) => (finish = resolve)));
    expect(await counts.countWithin(inputs(), slow, 10)).toBeNull();
    // 0 looks without waiting: still null while it is worked out, the count once it is, worked out once.
    expect(await counts.countWithin(inputs(), slow, 0)).toBeNull();
    finish(7);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await counts.countWithin(inputs(), slow, 0)).toBe(7);
    expect(computed).toBe(1);
    await expect(counts.countWithin(inputs({ chronologyId: 'broken' }), async () => Promise.reject(new Error('broken')), 1_000)).rejects.toThrow('broken');
    // A failure after the wait is no unhandled rejection (Vitest fails the run on one), and is not kept.
    let fail!: (err: Error) => void;
    expect(await counts.countWithin(inputs({ chronologyId: 'late' }), () => new Promise<number>((_resolve, reject) => (fail = reject)), 10)).toBeNull();
    fail(new Error('late'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await counts.countWithin(inputs({ chronologyId: 'late' }), async () => 4, 1_000)).toBe(4);
  });

  it('countWithin with `until` (the listing\'s own audit record): waits past `ms` until it has settled, and no longer', async () => {
    const counts = createHighlightCounts();
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const pending = () => {
      let settle!: (n: number) => void;
      const promise = new Promise<number>((resolve) => (settle = resolve));
      return { promise, settle };
    };
    // Worked out after `ms` (0) but before the record is durable: in time.
    const record = pending();
    const count = pending();
    const asked = counts.countWithin(inputs({ chronologyId: 'a' }), () => count.promise, 0, record.promise);
    await pause(20);
    count.settle(5);
    record.settle(0);
    expect(await asked).toBe(5);
    // Settled by the same event as the record (one commit): still in time.
    const record2 = pending();
    const count2 = pending();
    const asked2 = counts.countWithin(inputs({ chronologyId: 'b' }), () => count2.promise, 0, record2.promise);
    await pause(20);
    record2.settle(0);
    count2.settle(6);
    expect(await asked2).toBe(6);
    // Not worked out once the record is durable: null, as without it.
    const asked3 = counts.countWithin(inputs({ chronologyId: 'c' }), () => new Promise<number>(() => undefined), 0, Promise.resolve());
    expect(await asked3).toBeNull();
  });

  it('fingerprints the agencies by slug and kind, in any order', () => {
    const a = agenciesVersion([{ slug: 'x', kind: 'police' }, { slug: 'y', kind: 'education' }]);
    expect(agenciesVersion([{ slug: 'y', kind: 'education' }, { slug: 'x', kind: 'police' }])).toBe(a);
    expect(agenciesVersion([{ slug: 'x', kind: 'police' }, { slug: 'y', kind: 'camhs' }])).not.toBe(a);
  });
});
