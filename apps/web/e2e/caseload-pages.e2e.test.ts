// The caseload a page at a time from the server (GET /api/chronologies?q&limit&after): Next and Previous,
// the count of how many in all, focus on the results heading after a page change, and the search by name
// asked of the server, finding a child who is not on the first page. The demo caseload is a handful, so
// the test asks the real server for pages of 2 (it rewrites the page's request; the page itself asks for
// the server's default of 50) rather than creating fifty chronologies that every other file would list.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { axe, describeViolations, focused, launch, openPage, unexpected } from './support/browser.js';
import { ACCOUNTS, signInQuickly } from './support/app.js';
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

describe('the caseload, a page at a time', () => {
  it('pages with Next and Previous, counts every page, and searches on the server', async () => {
    const { page, context, problems } = await openPage(browser);
    const asked: URL[] = [];
    await page.route(/\/api\/chronologies(\?.*)?$/, async (route) => {
      const url = new URL(route.request().url());
      if (route.request().method() !== 'GET') return route.continue();
      asked.push(url);
      if (!url.searchParams.has('limit')) url.searchParams.set('limit', '2');
      // A search the server is slow to answer: its answer comes after a newer one's.
      if (url.searchParams.get('q') === 'slow nobody') await new Promise((r) => setTimeout(r, 1_500));
      return route.continue({ url: url.toString() });
    });
    await signInQuickly(page, baseURL, ACCOUNTS.lead, password);
    const caseload = page.locator('mac-caseload-page');
    const status = caseload.locator('[data-result-count]');
    const names = () => caseload.locator('table[data-caseload] td.child a').allTextContents();

    // The whole caseload as the server counts it (this file asks for 200 itself: not rewritten).
    const all = await page.evaluate(async () => (await (await fetch('/api/chronologies?limit=200')).json()) as { total: number; chronologies: Array<{ child: { givenName: string; familyName: string } }> });
    expect(all.total).toBeGreaterThanOrEqual(3);
    const total = all.total.toLocaleString('en-GB');

    await expect.poll(() => status.textContent()).toContain(`Showing 1 to 2 of ${total} chronologies`);
    const first = await names();
    expect(first).toHaveLength(2);
    // The page asked for the server's page, not the whole caseload, and with no search.
    expect(asked[0]!.searchParams.get('q')).toBeNull();

    await caseload.getByRole('link', { name: 'Next page' }).click();
    await expect.poll(() => status.textContent()).toContain(`Showing 3 to ${Math.min(4, all.total)} of ${total} chronologies`);
    expect(asked.at(-1)!.searchParams.get('after')).toBeTruthy();
    const second = await names();
    expect(second.some((n) => first.includes(n))).toBe(false);
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'h2', text: 'Children' });
    const violations = await axe(page);
    expect(violations, describeViolations(violations)).toEqual([]);

    await caseload.getByRole('link', { name: 'Previous page' }).click();
    await expect.poll(() => status.textContent()).toContain(`Showing 1 to 2 of ${total} chronologies`);
    expect(await names()).toEqual(first);
    expect(await caseload.getByRole('link', { name: 'Previous page' }).count()).toBe(0);

    // The oldest chronology is on the last page: the search finds it on the server all the same.
    const oldest = all.chronologies.at(-1)!.child;
    const full = `${oldest.givenName} ${oldest.familyName}`;
    expect(first).not.toContain(full);
    await caseload.getByLabel('Search by child’s name or NHS number').fill(full.toUpperCase());
    await caseload.locator('table[data-caseload] td.child a', { hasText: full }).waitFor();
    expect(asked.some((u) => u.searchParams.get('q') === full.toUpperCase())).toBe(true);
    expect(await status.textContent()).toMatch(/\d+ chronolog(y|ies) found/);

    // Enter asks at once; an older search answered last never replaces the newer one's answer.
    const box = caseload.getByLabel('Search by child’s name or NHS number');
    const slow = page.waitForResponse((r) => new URL(r.url()).searchParams.get('q') === 'slow nobody');
    await box.fill('slow nobody');
    await box.press('Enter');
    await box.fill(oldest.givenName);
    await box.press('Enter');
    await (await slow).finished();
    // Let the page read the slow answer (no assertion on time: a wrong page would show it from now on).
    await page.waitForTimeout(300);
    await caseload.locator('table[data-caseload] td.child a', { hasText: full }).waitFor();
    expect(await status.textContent()).not.toContain('No chronologies found');

    // A search that finds nothing says so, not that the caseload is empty.
    await box.fill('zzqx nobody');
    await box.press('Enter');
    await expect.poll(() => status.textContent()).toContain('No chronologies found');
    expect(await caseload.getByText('You have no chronologies yet').count()).toBe(0);
    expect(await caseload.locator('table[data-caseload]').count()).toBe(0);
    expect(unexpected(problems)).toEqual([]);
    await context.close();
  });
});
