// Meeting mode: the lead professional presents, a practitioner follows and sees the presenter's
// filters, view and open entry move live, and can stop following at any time.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axe, describeViolations, launch, openPage, screenshot, textOf, unexpected, type Watched } from './support/browser.js';
import { ACCOUNTS, chronologyIdOf, signIn, waitForSaved } from './support/app.js';
import './support/provided.js';

const baseURL = inject('baseURL');
const password = inject('password');

let browser: Browser;
let lead: Watched;
let police: Watched;

async function rangeText(page: Page): Promise<string> {
  return (await page.locator('mac-timeline [data-range]').textContent()) ?? '';
}

async function countText(page: Page): Promise<string> {
  return (await page.locator('mac-filters [data-filter-count]').textContent()) ?? '';
}

beforeAll(async () => {
  browser = await launch();
  lead = await openPage(browser);
  police = await openPage(browser);
  await signIn(lead.page, baseURL, ACCOUNTS.lead, password);
  await signIn(police.page, baseURL, ACCOUNTS.police, password);
  const id = await chronologyIdOf(lead.page, 'Jayden');
  await lead.page.goto(`${baseURL}/chronologies/${id}`);
  await police.page.goto(`${baseURL}/chronologies/${id}`);
  await waitForSaved(lead.page);
  await waitForSaved(police.page);
});

afterAll(async () => {
  await browser?.close();
});

describe('meeting mode', () => {
  it('lets a practitioner follow the presenting lead, live', async () => {
    const present = lead.page.getByRole('button', { name: /Present to the meeting|Presenting to the meeting/ });
    await present.click();
    expect(await present.getAttribute('aria-pressed')).toBe('true');

    const follow = police.page.locator('mac-presence').getByRole('button', { name: /Follow Priya Shah/ });
    await follow.waitFor();
    expect(await textOf(police.page.locator('mac-presence'))).toContain('Presenting');
    await follow.click();
    await police.page.locator('[data-following]').getByText('You are following Priya Shah').waitFor();

    // Filters.
    const before = await countText(police.page);
    await lead.page.locator('mac-filters').getByRole('button', { name: 'Filter by agency or category' }).click();
    await lead.page.locator('mac-filters').getByText('Thames Valley Police', { exact: true }).click();
    // The follower gets the presenter's filters (the counts may differ: each sees only what their
    // agency may see, such as its own restricted entries).
    await expect.poll(() => police.page.url(), { timeout: 3000 }).toContain('agency=thames-valley-police');
    await expect.poll(() => police.page.locator('mac-filters #agency-thames-valley-police').isChecked()).toBe(true);
    expect(await countText(police.page)).not.toBe(before);

    // Zoom and the visible range.
    await lead.page.locator('mac-timeline').getByRole('button', { name: 'Zoom in', exact: true }).click();
    await lead.page.locator('mac-timeline').getByRole('button', { name: 'Zoom in', exact: true }).click();
    await lead.page.locator('mac-timeline').getByRole('button', { name: 'Earlier', exact: true }).click();
    const leadRange = await rangeText(lead.page);
    await expect.poll(() => rangeText(police.page), { timeout: 3000 }).toBe(leadRange);

    // The entry the presenter opens.
    await lead.page.locator('mac-entry-table tr.row').nth(1).click();
    const heading = (await lead.page.locator('mac-entry-details h2').textContent())!.trim();
    await expect.poll(async () => ((await police.page.locator('mac-entry-details h2').textContent().catch(() => '')) ?? '').trim(), { timeout: 3000 }).toBe(heading);

    const violations = await axe(police.page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await screenshot(lead.page, 'meeting-presenter', { fullPage: false });
    await police.page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(police.page, 'meeting-follower', { fullPage: false });
  });

  it('lets the follower stop following at any time', async () => {
    await police.page.locator('[data-following]').getByRole('button', { name: 'Stop following' }).click();
    await police.page.locator('[data-following]').waitFor({ state: 'detached' });
    const before = await countText(police.page);
    await lead.page.locator('mac-filters').getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => countText(lead.page)).not.toBe(before);
    await police.page.waitForTimeout(600);
    expect(await countText(police.page)).toBe(before);
  });

  it('ends following when the presenter stops', async () => {
    await police.page.locator('mac-presence').getByRole('button', { name: /Follow Priya Shah/ }).click();
    await police.page.locator('[data-following]').waitFor();
    await lead.page.getByRole('button', { name: 'Presenting to the meeting' }).click();
    await police.page.locator('[data-following]').waitFor({ state: 'detached', timeout: 3000 });
    expect(await police.page.locator('[data-announcement]').textContent()).toContain('stopped presenting');
    expect(unexpected([...lead.problems, ...police.problems], [/status of 401/])).toEqual([]);
  });
});
