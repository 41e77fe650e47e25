// At 390 px (a phone): the caseload is a card per child with every fact on screen, the chronology's
// highlights come before its table, and the timeline's plot keeps nearly the whole width.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axe, describeViolations, launch, openPage, screenshot } from './support/browser.js';
import { ACCOUNTS, PAGE_ELEMENT, chronologyIdOf, signInQuickly, waitForSaved } from './support/app.js';
import './support/provided.js';

const baseURL = inject('baseURL');
const password = inject('password');
const PHONE = { width: 390, height: 844 };

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Nothing runs off the side of the window. */
async function expectNoSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
}

describe('at 390 px', () => {
  it('shows the caseload as a card per child, entries, last change and open patterns on screen', async () => {
    const { page, context, problems } = await openPage(browser, { viewport: PHONE });
    await signInQuickly(page, baseURL, ACCOUNTS.dsl, password);
    const caseload = page.locator('mac-caseload-page');
    await caseload.locator('[data-caseload-cards]').waitFor();
    expect(await caseload.locator('table[data-caseload]').isVisible()).toBe(false);
    const card = caseload.locator('[data-card]').filter({ hasText: 'Ruby Hartley' });
    for (const term of ['Entries', 'Open patterns', 'Last change']) {
      const row = card.locator('.summary-list__row', { hasText: term });
      const box = (await row.boundingBox())!;
      expect(box.x, term).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, term).toBeLessThanOrEqual(PHONE.width);
      expect(Number.isFinite(Number((await row.locator('dd').textContent())?.trim())) || term === 'Last change').toBe(true);
    }
    await expectNoSidewaysScroll(page);
    const violations = await axe(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await screenshot(page, 'phone-caseload', { fullPage: false });
    await screenshot(page, 'phone-caseload-full');
    // On a laptop, the table as before.
    await page.setViewportSize({ width: 1280, height: 800 });
    await caseload.locator('table[data-caseload]').waitFor();
    expect(await caseload.locator('[data-caseload-cards]').isVisible()).toBe(false);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('puts the highlights before the table and keeps the timeline readable', async () => {
    const { page, context, problems } = await openPage(browser, { viewport: PHONE });
    await signInQuickly(page, baseURL, ACCOUNTS.dsl, password);
    const id = await chronologyIdOf(page, 'Ruby');
    await page.goto(`${baseURL}/chronologies/${id}`);
    await waitForSaved(page);
    const chronology = page.locator(PAGE_ELEMENT);
    await chronology.locator('mac-timeline [data-lane]').first().waitFor();
    const top = (selector: string) => chronology.locator(selector).evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
    expect(await top('.area-patterns')).toBeLessThan(await top('.area-table'));
    // The plot: each lane's track has nearly the whole width (its name is above it, not beside it).
    const track = (await chronology.locator('mac-timeline .lane-track').first().boundingBox())!;
    expect(track.width).toBeGreaterThan(300);
    expect(track.height).toBeGreaterThan(30);
    const label = (await chronology.locator('mac-timeline .lane-label').first().boundingBox())!;
    expect(label.y + label.height).toBeLessThanOrEqual(track.y + 0.5);
    // And the marks are drawn on it, inside the screen.
    const marks = await chronology.locator('mac-timeline .lane-track .mark').evaluateAll((list) => list.map((m) => m.getBoundingClientRect().toJSON() as DOMRect));
    expect(marks.length).toBeGreaterThan(5);
    expect(marks.every((m) => m.height > 0 && m.right > 0 && m.left < 390)).toBe(true);
    await expectNoSidewaysScroll(page);
    const violations = await axe(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await screenshot(page, 'phone-chronology', { fullPage: false });
    await chronology.locator('mac-timeline').scrollIntoViewIfNeeded();
    await screenshot(page, 'phone-chronology-timeline', { fullPage: false });
    await screenshot(page, 'phone-chronology-full');
    expect(problems).toEqual([]);
    await context.close();
  });
});
