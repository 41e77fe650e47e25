// Printing: the chronology page prints as a clean table of every entry shown, without the
// timeline, panels or controls.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, launch, openPage, screenshot } from './support/browser.js';
import { ACCOUNTS, chronologyIdOf, signIn, waitForSaved } from './support/app.js';
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

describe('print', () => {
  it('prints every entry shown as a table, and nothing else of the page', async () => {
    const { page, context, problems } = await openPage(browser);
    await signIn(page, baseURL, ACCOUNTS.dsl, password);
    const id = await chronologyIdOf(page, 'Ruby');
    await page.goto(`${baseURL}/chronologies/${id}`);
    await waitForSaved(page);
    const shown = Number(/Showing (\d+) of/.exec((await page.locator('mac-filters [data-filter-count]').textContent()) ?? '')?.[1]);
    expect(shown).toBeGreaterThan(50);
    // On screen the table is virtualised: far fewer rows than entries exist in the DOM.
    expect(await page.locator('mac-entry-table tr.row').count()).toBeLessThan(shown);

    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await expect.poll(() => page.locator('mac-entry-table tr.row').count()).toBe(shown);
    expect(await page.locator('mac-timeline').evaluate((el) => getComputedStyle(el).display)).toBe('none');
    expect(await page.locator('mac-filters').evaluate((el) => getComputedStyle(el).display)).toBe('none');
    expect(await page.locator('header.header').evaluate((el) => getComputedStyle(el).display)).toBe('none');
    await screenshot(page, 'print-preview');
    writeFileSync(join(ARTIFACTS, 'print.pdf'), await page.pdf({ format: 'A4', landscape: true, printBackground: false }));

    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await page.emulateMedia({ media: 'screen' });
    await expect.poll(() => page.locator('mac-entry-table tr.row').count()).toBeLessThan(shown);
    expect(problems.filter((p) => !/status of 401/.test(p))).toEqual([]);
    await context.close();
  });
});
