// The keeping of pages itself (kept-pages.ts), with a stand-in source: what it does when the version
// cannot be read, and when reads of two versions return out of order. The stores' kept pages against real
// databases: sqlite/kept-pages.test.ts, pg/kept-pages.test.ts.
import { describe, expect, it } from 'vitest';
import type { EntryPage, EntryPageQuery } from './entry-pages.js';
import { keptPages, pageKey } from './kept-pages.js';

const school: EntryPageQuery = { limit: 500, restrictedVisibleTo: 'northway-primary' };
const statement = (chronologyId: string, q: EntryPageQuery) => ({ sql: 'page', params: [chronologyId, q.restrictedVisibleTo, q.limit] });

describe('keptPages', () => {
  const page = (label: string): EntryPage => ({ json: new TextEncoder().encode(JSON.stringify([label])), count: 1, last: null, more: false });

  it('reads afresh when the version cannot be read at once (a busy database)', async () => {
    let version: number | null = 1;
    let reads = 0;
    const kept = keptPages({
      statement,
      version: () => (version === null ? null : Promise.resolve(version)),
      pageAt: async () => ({ page: page(`read ${++reads}`), version: 1 }),
    });
    await kept.page('c', school);
    version = null;
    await kept.page('c', school);
    expect(reads).toBe(2);
    expect(kept.stats().hits).toBe(0);
  });

  it('keeps the newer page when a read of an older version returns after it', async () => {
    const answers: Array<(v: { page: EntryPage; version: number }) => void> = [];
    let now = 2;
    const kept = keptPages({ statement, version: () => Promise.resolve(now), pageAt: () => new Promise((resolve) => answers.push(resolve)) });
    const slow = kept.page('c', school);
    const fast = kept.page('c', school);
    answers[1]!({ page: page('v2'), version: 2 });
    await fast;
    answers[0]!({ page: page('v1'), version: 1 });
    await slow;
    expect(Buffer.from((await kept.page('c', school)).json).toString()).toBe('["v2"]');
    expect(kept.stats().hits).toBe(1);
    now = 3;
    const afresh = kept.page('c', school);
    await new Promise((r) => setImmediate(r));
    answers[2]!({ page: page('v3'), version: 3 });
    expect(Buffer.from((await afresh).json).toString()).toBe('["v3"]');
  });

  it('keeps no page read without a version, and answers only the question it was read for', async () => {
    let reads = 0;
    let version: number | null = null;
    const kept = keptPages({ statement, version: () => Promise.resolve(1), pageAt: async (c, q) => ({ page: page(`${c} ${q.restrictedVisibleTo} ${++reads}`), version }) });
    await kept.page('c', school);
    await kept.page('c', school);
    expect(reads).toBe(2);
    version = 1;
    await kept.page('c', school);
    expect(Buffer.from((await kept.page('c', school)).json).toString()).toBe('["c northway-primary 3"]');
    expect(Buffer.from((await kept.page('c', { ...school, restrictedVisibleTo: 'thames-valley-police' })).json).toString()).toBe('["c thames-valley-police 4"]');
    expect(Buffer.from((await kept.page('d', school)).json).toString()).toBe('["d northway-primary 5"]');
    expect(kept.stats()).toMatchObject({ hits: 1, pages: 3 });
    expect(pageKey({ sql: 'a', params: [1] })).not.toBe(pageKey({ sql: 'a', params: ['1'] }));
  });

  it('drops the least recently used page past its limits', async () => {
    let reads = 0;
    const kept = keptPages({ statement, version: () => Promise.resolve(1), pageAt: async () => ({ page: page(`read ${++reads}`), version: 1 }) }, { pages: 2, bytes: 1_000 });
    await kept.page('a', school);
    await kept.page('b', school);
    await kept.page('a', school); // a hit: 'a' is now the most recently used
    await kept.page('c', school); // drops 'b'
    expect(kept.stats()).toMatchObject({ hits: 1, pages: 2 });
    await kept.page('a', school);
    expect(kept.stats().hits).toBe(2);
    await kept.page('b', school);
    expect(reads).toBe(4);
  });
});
