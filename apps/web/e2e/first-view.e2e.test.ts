// The first view of a chronology (issue 17): drawn as soon as the shared document has arrived, without
// waiting for the agency's restricted document or for the patterns, which follow into the same page
// without a row shown twice; the documents are asked for before the patterns' inputs, and the page stays
// writable after the large opening state is applied (the app applies it with Yjs's update listeners
// off). How long it takes is measured by `pnpm --filter @mac/web bench:first-view`, not here.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, WebSocketRoute } from 'playwright-core';
import { axe, describeViolations, launch, openPage, unexpected } from './support/browser.js';
import { ACCOUNTS, PAGE_ELEMENT, addEntry, signIn, waitForSaved } from './support/app.js';
import { seedChronology } from './support/seed.js';
import './support/provided.js';

const baseURL = inject('baseURL');
const password = inject('password');

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const filterCount = 'mac-filters [data-filter-count]';

describe('the first view of a chronology', () => {
  it('shows the shared entries while the restricted document is held back, then adds the restricted ones once each; patterns are asked for after; still writable', async () => {
    const { page, context, problems } = await openPage(browser);
    await signIn(page, baseURL, ACCOUNTS.lead, password);
    const id = await seedChronology(page, 'Firstview', 40);
    const restricted = `Restricted first-view entry ${Date.now().toString(36)}`;
    const created = await page.evaluate(
      async ([chronologyId, summary]) =>
        (
          await fetch(`/api/chronologies/${chronologyId}/entries`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ date: '2024-05-06', category: 'other', summary, restricted: true }),
          })
        ).status,
      [id, restricted] as const,
    );
    expect(created).toBe(201);

    // The restricted document's socket reaches the server, but what the server says is held back.
    let held = true;
    const queued: Array<{ route: WebSocketRoute; message: string | Buffer }> = [];
    await page.routeWebSocket(/\/sync\/.*\/restricted\//, (ws) => {
      const server = ws.connectToServer();
      server.onMessage((message) => (held ? queued.push({ route: ws, message }) : ws.send(message)));
    });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    await page.goto(`${baseURL}/chronologies/${id}`);

    await expect.poll(() => page.locator(filterCount).textContent(), { timeout: 20_000 }).toContain('Showing 40 of 40');
    await page.waitForFunction(() => performance.getEntriesByName('mac:first-view').length > 0);
    expect(await page.locator('mac-chronology-page h2#entries-title').textContent()).toContain('(loading…)');
    expect(await page.locator('mac-entry-table tr.row').count()).toBeGreaterThan(0);
    expect(await page.evaluate(() => performance.getEntriesByName('mac:live').length)).toBe(0);
    expect(await page.locator('mac-entry-table').getByText(restricted).count()).toBe(0);

    // Only once the first view was drawn did the page ask for the patterns' inputs.
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((r) => /\/patterns\/reviews$/.test(new URL(r.name).pathname)));
    const order = await page.evaluate(() => {
      const firstView = performance.getEntriesByName('mac:first-view')[0]!.startTime;
      const patterns = performance.getEntriesByType('resource').filter((r) => /\/patterns(\/family|\/reviews)?$|\/pattern-config$/.test(new URL(r.name).pathname));
      return { firstView, patterns: patterns.map((r) => r.startTime) };
    });
    expect(order.patterns.length).toBeGreaterThan(0);
    for (const start of order.patterns) expect(start).toBeGreaterThanOrEqual(order.firstView);
    expect(requests.filter((p) => p.endsWith('/patterns/reviews')).length).toBeGreaterThan(0);
    // The reviews only: the page works the highlights out itself, the server's evaluation is never asked for.
    expect(requests.filter((p) => p.endsWith('/patterns'))).toEqual([]);

    const violations = await axe(page);
    expect(violations, describeViolations(violations)).toEqual([]);

    held = false;
    for (const { route, message } of queued.splice(0)) route.send(message);
    await page.waitForFunction(() => performance.getEntriesByName('mac:live').length > 0, null, { timeout: 20_000 });
    await expect.poll(() => page.locator(filterCount).textContent()).toContain('Showing 41 of 41');
    await waitForSaved(page);
    expect(await page.locator('mac-chronology-page h2#entries-title').textContent()).not.toContain('loading');
    // Each entry once: the page holds 41, the restricted one among them one time.
    const held41 = await page.evaluate(
      ([selector, summary]) => {
        const live = (document.querySelector(selector) as unknown as { live: { entries(): ReadonlyMap<string, { summary: string }> } }).live;
        const all = [...live.entries().values()];
        return { total: all.length, restricted: all.filter((e) => e.summary === summary).length };
      },
      [PAGE_ELEMENT, restricted] as const,
    );
    expect(held41).toEqual({ total: 41, restricted: 1 });

    // Written after the opening state was applied: sent, stored and acknowledged.
    const summary = `Written after the first view ${Date.now().toString(36)}`;
    await addEntry(page, { date: '07/06/2024', category: 'other', summary });
    await waitForSaved(page);
    await expect.poll(() => page.locator(filterCount).textContent()).toContain('Showing 42 of 42');
    const stored = await page.evaluate(async (chronologyId) => (await (await fetch(`/api/chronologies/${chronologyId}/entries?limit=100`)).json()) as { entries: Array<{ summary: string }> }, id);
    expect(stored.entries.filter((e) => e.summary === summary)).toHaveLength(1);
    expect(unexpected(problems)).toEqual([]);
    await context.close();
  });
});
