// The entry panel as people use it: a half-typed entry is not lost without a warning (in-app links,
// Escape), Escape closes the panel, the page title says "Error: " while the form shows errors, the
// sticky status bar never covers what the page scrolls to, and "changes since" names the pack until
// its conference has happened.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axe, describeViolations, launch, openPage, unexpected } from './support/browser.js';
import { ACCOUNTS, PAGE_ELEMENT, rowIdWithText, signInQuickly, waitForSaved } from './support/app.js';
import { seedChronology } from './support/seed.js';
import './support/provided.js';

const baseURL = inject('baseURL');
const password = inject('password');

let browser: Browser;
let chronologyId: string;
beforeAll(async () => {
  browser = await launch();
  const { page, context } = await openPage(browser);
  await signInQuickly(page, baseURL, ACCOUNTS.lead, password);
  chronologyId = await seedChronology(page, 'Panelia', 40);
  await context.close();
});
afterAll(async () => {
  await browser?.close();
});

async function openChronology(page: Page) {
  await signInQuickly(page, baseURL, ACCOUNTS.lead, password, `/chronologies/${chronologyId}`);
  await waitForSaved(page);
}

const panel = (page: Page) => page.locator(`${PAGE_ELEMENT} .area-panel`);

describe('the entry panel', () => {
  it('warns before a half-typed entry is lost by following "Back to your caseload", and keeps it when the user stays', async () => {
    const w = await openPage(browser, { viewport: { width: 1280, height: 800 } });
    const { page } = w;
    await openChronology(page);
    // Nothing typed yet: leaving asks nothing.
    await page.getByRole('button', { name: 'Add an entry' }).click();
    const form = page.locator('mac-entry-form');
    await form.getByLabel('Summary', { exact: true }).fill('Half-typed: seen at the school gate');
    await page.locator(PAGE_ELEMENT).getByRole('link', { name: 'Back to your caseload' }).click();
    await expect.poll(() => w.dialogs.length, { timeout: 10_000 }).toBe(1);
    expect(w.dialogs[0]).toMatch(/^confirm: You have not saved the entry you are writing/);
    // Dismissed: still here, with what was typed.
    expect(new URL(page.url()).pathname).toBe(`/chronologies/${chronologyId}`);
    expect(await form.getByLabel('Summary', { exact: true }).inputValue()).toBe('Half-typed: seen at the school gate');
    // Accepted: the caseload.
    w.answerDialogs(true);
    await page.locator(PAGE_ELEMENT).getByRole('link', { name: 'Back to your caseload' }).click();
    await page.waitForURL(`${baseURL}/`);
    expect(w.dialogs).toHaveLength(2);
    expect(w.problems).toEqual([]);
    await w.context.close();
  });

  it('Escape closes the panel: at once when nothing is typed, after asking when something is', async () => {
    const w = await openPage(browser, { viewport: { width: 1280, height: 800 } });
    const { page } = w;
    await openChronology(page);
    const id = await rowIdWithText(page, 'Synthetic entry 3:');
    await page.locator(`mac-entry-table tr[data-id="${id}"] button.summary`).click();
    await panel(page).locator('mac-entry-details').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => panel(page).count(), { timeout: 10_000 }).toBe(0);

    await page.getByRole('button', { name: 'Add an entry' }).click();
    await page.locator('mac-entry-form').getByLabel('Summary', { exact: true }).fill('Something typed');
    await page.keyboard.press('Escape');
    await expect.poll(() => w.dialogs.length, { timeout: 10_000 }).toBe(1);
    expect(await panel(page).locator('mac-entry-form').count()).toBe(1);
    w.answerDialogs(true);
    await page.locator('mac-entry-form').getByLabel('Summary', { exact: true }).focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => panel(page).count(), { timeout: 10_000 }).toBe(0);
    expect(w.problems).toEqual([]);
    await w.context.close();
  });

  it('puts "Error: " before the page title while the form shows errors (GOV.UK), and takes it away once fixed', async () => {
    const w = await openPage(browser, { viewport: { width: 1280, height: 800 } });
    const { page } = w;
    await openChronology(page);
    const title = await page.title();
    expect(title).not.toMatch(/^Error/);
    await page.getByRole('button', { name: 'Add an entry' }).click();
    const form = page.locator('mac-entry-form');
    await form.getByRole('button', { name: 'Add entry' }).click();
    await form.locator('[data-error-summary]').waitFor();
    expect(await page.title()).toBe(`Error: ${title}`);
    const violations = await axe(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await form.getByLabel('Date of the event').fill('03/02/2024');
    await form.getByLabel('Category', { exact: true }).selectOption('other');
    await form.getByLabel('Summary', { exact: true }).fill('Fixed after the errors');
    await form.getByRole('button', { name: 'Add entry' }).click();
    await panel(page).locator('mac-entry-details').waitFor();
    await expect.poll(() => page.title(), { timeout: 10_000 }).toBe(title);
    await waitForSaved(page);
    expect(w.problems).toEqual([]);
    await w.context.close();
  });

  it('the sticky status bar covers neither the open entry nor what the page scrolls to', async () => {
    const w = await openPage(browser, { viewport: { width: 1280, height: 800 } });
    const { page } = w;
    await openChronology(page);
    const id = await rowIdWithText(page, 'Synthetic entry 5:');
    await page.locator(`mac-entry-table tr[data-id="${id}"] button.summary`).click();
    await panel(page).locator('mac-entry-details').waitFor();
    const bottomOfBar = () => page.locator(`${PAGE_ELEMENT} .live-bar`).evaluate((el) => el.getBoundingClientRect().bottom);
    // While the table beside it is in view (past its end the panel leaves with it, as sticky things do).
    for (const y of [300, 600, 900]) {
      await page.evaluate((top) => window.scrollTo(0, top), y);
      const bar = await bottomOfBar();
      const top = await panel(page).evaluate((el) => el.getBoundingClientRect().top);
      expect(top, `scrolled to ${y}`).toBeGreaterThanOrEqual(bar);
    }
    // Scrolling a heading into view (as a link or focus does) leaves it below the bar, however tall the
    // bar is: narrower, its status and presence stack and it is nearly twice as tall.
    // Offline, the status says more and the bar grows again.
    for (const [width, offline] of [[1280, false], [1100, false], [1100, true]] as const) {
      await page.setViewportSize({ width, height: 800 });
      if (offline) {
        await w.context.setOffline(true);
        await page.locator('mac-status [data-status="offline"]').waitFor();
      }
      console.log(`[sticky] bar ${await page.locator(`${PAGE_ELEMENT} .live-bar`).evaluate((el) => el.getBoundingClientRect().height)} px at ${width}${offline ? ' offline' : ''}`);
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await page.locator(`${PAGE_ELEMENT} #entries-title`).evaluate((el) => el.scrollIntoView({ block: 'start' }));
      const heading = await page.locator(`${PAGE_ELEMENT} #entries-title`).evaluate((el) => el.getBoundingClientRect().top);
      expect(heading, `at ${width} px${offline ? ', offline' : ''}`).toBeGreaterThanOrEqual(await bottomOfBar());
    }
    await w.context.setOffline(false);
    expect(unexpected(w.problems, [/ERR_INTERNET_DISCONNECTED|WebSocket/])).toEqual([]);
    await w.context.close();
  });

  it('before its conference, "changes since" names the pack and the day it was made', async () => {
    const w = await openPage(browser, { viewport: { width: 1280, height: 800 } });
    const { page } = w;
    await signInQuickly(page, baseURL, ACCOUNTS.lead, password);
    const conference = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const status = await page.evaluate(
      async ([id, date]) => (await fetch(`/api/chronologies/${id}/packs`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ kind: 'professional', format: 'csv', conferenceDate: date }) })).status,
      [chronologyId, conference] as const,
    );
    expect(status).toBe(200);
    await page.goto(`${baseURL}/chronologies/${chronologyId}`);
    await waitForSaved(page);
    const today = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Europe/London' }).format(new Date());
    const button = page.locator(`${PAGE_ELEMENT} [data-action="changes"]`);
    await expect.poll(async () => (await button.textContent())?.trim(), { timeout: 10_000 }).toBe(`Show changes since the pack of ${today}`);
    await button.click();
    await expect.poll(async () => page.locator(`${PAGE_ELEMENT} #changes-title`).textContent(), { timeout: 10_000 }).toBe(`Changes since the pack of ${today}`);
    expect(w.problems).toEqual([]);
    await w.context.close();
  });
});
