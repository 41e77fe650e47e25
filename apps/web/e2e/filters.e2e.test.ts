// Filters: each one narrows the timeline and the table together, and the URL carries them, so a
// link opens exactly the same view.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axe, describeViolations, launch, openPage, screenshot, type Watched } from './support/browser.js';
import { ACCOUNTS, chronologyIdOf, signIn, waitForSaved } from './support/app.js';
import './support/provided.js';

const baseURL = inject('baseURL');
const password = inject('password');

let browser: Browser;
let w: Watched;

function count(page: Page): Promise<number> {
  return page
    .locator('mac-filters [data-filter-count]')
    .textContent()
    .then((t) => Number(/Showing (\d+)/.exec(t ?? '')?.[1]));
}

beforeAll(async () => {
  browser = await launch();
  w = await openPage(browser);
  await signIn(w.page, baseURL, ACCOUNTS.lead, password);
  const id = await chronologyIdOf(w.page, 'Leo');
  await w.page.goto(`${baseURL}/chronologies/${id}`);
  await waitForSaved(w.page);
});

afterAll(async () => {
  await browser?.close();
});

describe('filters', () => {
  it('narrow the timeline and the table together, and say why a date is not understood', async () => {
    const page = w.page;
    const all = await count(page);
    const filters = page.locator('mac-filters');
    await filters.getByRole('button', { name: 'Filter by agency or category' }).click();
    await filters.getByText('Health', { exact: true }).click();
    await expect.poll(() => count(page)).toBeLessThan(all);
    const health = await count(page);
    expect(await page.locator('mac-timeline .plot .mark, mac-timeline .plot .cluster').count()).toBeGreaterThan(0);
    expect(await page.locator('mac-entry-table tr.row').count()).toBe(Math.min(health, await page.locator('mac-entry-table tr.row').count()));
    for (const row of await page.locator('mac-entry-table tr.row .category').allTextContents()) {
      expect(row).toMatch(/health|A&E|brought|CAMHS|mental|self-harm|paediatric/i);
    }

    await filters.getByLabel('From', { exact: true }).fill('31/02/2025');
    await filters.getByLabel('From', { exact: true }).press('Tab');
    await filters.locator('#filter-from-error', { hasText: 'not a real date' }).waitFor();
    expect(await count(page)).toBe(health);
    await filters.getByLabel('From', { exact: true }).fill('2025');
    await filters.getByLabel('From', { exact: true }).press('Tab');
    await expect.poll(() => filters.locator('#filter-from-error').count()).toBe(0);
    await filters.getByLabel('Search the entries').fill('weight');
    await expect.poll(() => page.url()).toContain('q=weight');
    const narrowed = await count(page);
    expect(narrowed).toBeLessThanOrEqual(health);
    const violations = await axe(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await screenshot(page, 'filters', { fullPage: false });

    // The link reproduces the view.
    const url = page.url();
    expect(url).toMatch(/from=2025/);
    expect(url).toMatch(/group=health/);
    const { page: again, context } = await openPage(browser);
    await signIn(again, baseURL, ACCOUNTS.lead, password);
    await again.goto(url);
    await waitForSaved(again);
    expect(await count(again)).toBe(narrowed);
    expect(await again.locator('mac-filters').getByLabel('Search the entries').inputValue()).toBe('weight');
    expect(await again.locator('mac-filters').getByLabel('From', { exact: true }).inputValue()).toBe('2025');
    await context.close();

    await filters.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => count(page)).toBe(all);
    expect(new URL(page.url()).search).toBe('');
    expect(w.problems.filter((p) => !/status of 401/.test(p))).toEqual([]);
  });
});
