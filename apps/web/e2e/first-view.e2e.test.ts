// The first view of a chronology (issue 17): drawn from the REST API's first page of entries, asked for
// by the app alongside the agencies before the page exists, without waiting for the live documents
// (the shared one, the agency's restricted one) or for the patterns, which follow into the same page
// without a row shown twice; the documents are asked for before the patterns' inputs, and the page stays
// live and writable once the documents take over (the large opening state applied with Yjs's update
// listeners off). How long it takes is measured by `pnpm --filter @mac/web bench:first-view`, not here.
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
  it('shows every entry from the first page while the restricted document is held back, each once when it arrives; patterns are asked for after; still writable', async () => {
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

    // The first page (41 entries: all of them) is shown, the agency's restricted entry among them, while
    // its document is still held back; it cannot be amended until its document is here.
    await expect.poll(() => page.locator(filterCount).textContent(), { timeout: 20_000 }).toContain('Showing 41 of 41');
    await page.waitForFunction(() => performance.getEntriesByName('mac:first-view').length > 0);
    expect(await page.locator('mac-chronology-page h2#entries-title').textContent()).toContain('(loading…)');
    expect(await page.locator('mac-entry-table tr.row').count()).toBeGreaterThan(0);
    expect(await page.evaluate(() => performance.getEntriesByName('mac:live').length)).toBe(0);
    await page.locator('mac-filters').getByLabel('Search the entries').fill(restricted);
    await page.locator('mac-entry-table').getByText(restricted).click();
    await page.locator('mac-entry-details').getByText(restricted).first().waitFor();
    expect(await page.locator('mac-entry-details [data-action="amend"]').count()).toBe(0);

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
    await expect.poll(() => page.locator(filterCount).textContent()).toContain('Showing 1 of 41');
    await waitForSaved(page);
    expect(await page.locator('mac-chronology-page h2#entries-title').textContent()).not.toContain('loading');
    // Its document is here: the restricted entry may be amended now.
    await page.locator('mac-entry-details [data-action="amend"]').waitFor();
    await page.locator('mac-filters').getByLabel('Search the entries').fill('');
    await expect.poll(() => page.locator(filterCount).textContent()).toContain('Showing 41 of 41');
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

  it('draws the first rows from the first page before the shared document has synced, asked for while the agencies still load; then the document takes over and stays live', async () => {
    const { page, context, problems } = await openPage(browser);
    await signIn(page, baseURL, ACCOUNTS.lead, password);
    const id = await seedChronology(page, 'Firstpage', 620);

    // The agencies are held back until the chronology and its first page have been asked for: the app
    // asks for them alongside, not after.
    const asked: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      asked.push(url.pathname + url.search);
    });
    let releaseAgencies = () => {};
    const agenciesHeld = new Promise<void>((resolve) => (releaseAgencies = resolve));
    await page.route('**/api/agencies', async (route) => {
      await agenciesHeld;
      await route.continue();
    });
    // The shared document's socket reaches the server, but what the server says is held back.
    let held = true;
    const queued: Array<{ route: WebSocketRoute; message: string | Buffer }> = [];
    await page.routeWebSocket(new RegExp(`/sync/${id}$`), (ws) => {
      const server = ws.connectToServer();
      server.onMessage((message) => (held ? queued.push({ route: ws, message }) : ws.send(message)));
    });
    await page.goto(`${baseURL}/chronologies/${id}`);
    await expect.poll(() => asked.some((p) => p.startsWith(`/api/chronologies/${id}/entries?limit=`)), { timeout: 20_000 }).toBe(true);
    // The chronology as the app asks for it: no count, nothing worked out or looked up (GET /:id?openHighlights=none).
    expect(asked.some((p) => p === `/api/chronologies/${id}?openHighlights=none`)).toBe(true);
    releaseAgencies();

    // The first page: the timeline and the first rows, said to be only the first entries, announced politely.
    await page.waitForFunction(() => performance.getEntriesByName('mac:first-view').length > 0, null, { timeout: 20_000 });
    expect(await page.locator(filterCount).textContent()).toContain('Showing 500 of the first 500 entries: the rest are loading');
    expect(await page.locator('mac-entry-table tr.row').count()).toBeGreaterThan(0);
    expect(await page.locator('mac-timeline .mark, mac-timeline .cluster').count()).toBeGreaterThan(0);
    expect(await page.locator('mac-chronology-page h2#entries-title').textContent()).toContain('(loading…)');
    expect(await page.evaluate(() => performance.getEntriesByName('mac:live').length)).toBe(0);
    expect(queued.length).toBeGreaterThan(0);
    const firstRow = await page.locator('mac-entry-table tr.row').first().textContent();
    const violations = await axe(page);
    expect(violations, describeViolations(violations)).toEqual([]);

    // The document arrives and takes over: every entry, the same first row, then live as ever.
    held = false;
    for (const { route, message } of queued.splice(0)) route.send(message);
    await page.waitForFunction(() => performance.getEntriesByName('mac:live').length > 0, null, { timeout: 20_000 });
    await expect.poll(() => page.locator(filterCount).textContent()).toContain('Showing 620 of 620 entries');
    expect(await page.locator('mac-entry-table tr.row').first().textContent()).toBe(firstRow);
    const elsewhere = `Written elsewhere after the first view ${Date.now().toString(36)}`;
    const created = await page.evaluate(
      async ([chronologyId, summary]) =>
        (
          await fetch(`/api/chronologies/${chronologyId}/entries`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ date: '2030-01-02', category: 'other', summary }),
          })
        ).status,
      [id, elsewhere] as const,
    );
    expect(created).toBe(201);
    await expect.poll(() => page.locator(filterCount).textContent()).toContain('Showing 621 of 621 entries');
    const summary = `Written in the page after the first page ${Date.now().toString(36)}`;
    await addEntry(page, { date: '03/01/2030', category: 'other', summary });
    await waitForSaved(page);
    await expect.poll(() => page.locator(filterCount).textContent()).toContain('Showing 622 of 622 entries');
    expect(unexpected(problems)).toEqual([]);
    await context.close();
  });

  it('an empty chronology: its first page (no entries) is its whole first view, and it becomes writable once its documents are here', async () => {
    const { page, context, problems } = await openPage(browser);
    await signIn(page, baseURL, ACCOUNTS.lead, password);
    const id = await seedChronology(page, 'Emptyfirst', 0);
    await page.goto(`${baseURL}/chronologies/${id}`);
    await page.waitForFunction(() => performance.getEntriesByName('mac:first-view').length > 0, null, { timeout: 20_000 });
    expect(await page.locator('mac-entry-table').getByText('There are no entries yet.').count()).toBe(1);
    await page.waitForFunction(() => performance.getEntriesByName('mac:live').length > 0, null, { timeout: 20_000 });
    expect(await page.locator(filterCount).textContent()).toContain('Showing 0 of 0 entries');
    const summary = `First entry of an empty chronology ${Date.now().toString(36)}`;
    await addEntry(page, { date: '04/02/2025', category: 'other', summary });
    await waitForSaved(page);
    await expect.poll(() => page.locator(filterCount).textContent()).toContain('Showing 1 of 1 entry');
    expect(unexpected(problems)).toEqual([]);
    await context.close();
  });
});
