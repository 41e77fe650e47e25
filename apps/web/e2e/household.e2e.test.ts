// The household panel (issue 14) on the demo's Turner household: Leo and his half-brother Kai. Leo's
// health visitor sees that Kai exists, his age and lead, and cannot open his chronology; the lead opens
// it from the panel, and links (then removes) another child they lead, with the refusal for a missing
// choice shown by the field. axe stays clean throughout.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axe, describeViolations, launch, openPage, screenshot, unexpected, type Watched } from './support/browser.js';
import { ACCOUNTS, chronologyIdOf, signInQuickly, waitForSaved } from './support/app.js';
import './support/provided.js';

const baseURL = inject('baseURL');
const password = inject('password');

let browser: Browser;
let hv: Watched;
let lead: Watched;

async function expectAccessible(page: Page) {
  const violations = await axe(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

beforeAll(async () => {
  browser = await launch();
  hv = await openPage(browser);
  lead = await openPage(browser);
  await signInQuickly(hv.page, baseURL, ACCOUNTS.hv, password);
  await signInQuickly(lead.page, baseURL, ACCOUNTS.lead, password);
});

afterAll(async () => {
  await browser?.close();
});

describe('the household panel', () => {
  it('shows Leo’s health visitor that Kai exists, his age and lead, without a way into his chronology', async () => {
    const page = hv.page;
    const leo = await chronologyIdOf(page, 'Leo');
    await page.goto(`${baseURL}/chronologies/${leo}`);
    await waitForSaved(page);
    const panel = page.locator('mac-household-panel');
    await panel.getByRole('heading', { name: 'Household' }).waitFor();
    const kai = panel.locator('tr[data-sibling]');
    await kai.waitFor();
    expect(await kai.count()).toBe(1);
    const text = (await kai.textContent()) ?? '';
    expect(text).toContain('Kai Turner');
    expect(text).toMatch(/02\/04\/2018|2 Apr 2018/);
    expect(text).toContain('Half-sibling');
    expect(text).toContain('Priya Shah');
    expect(text).toContain('Your agency is not a member of this chronology');
    expect(await kai.getByRole('link').count()).toBe(0);
    // No linking for someone who leads nothing here.
    expect(await panel.getByText('Link another child you lead').count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'household-panel-hv');
    expect(unexpected(hv.problems)).toEqual([]);
  });

  it('lets the lead open Kai’s chronology, and link and remove another child they lead', async () => {
    const page = lead.page;
    const leo = await chronologyIdOf(page, 'Leo');
    await page.goto(`${baseURL}/chronologies/${leo}`);
    await waitForSaved(page);
    const panel = page.locator('mac-household-panel');
    await panel.locator('tr[data-sibling]').waitFor();

    await panel.getByText('Link another child you lead to this household').click();
    await panel.getByRole('button', { name: 'Link to this household' }).click();
    const errors = panel.locator('[data-household-errors]');
    await errors.getByRole('link', { name: 'Select the child to link' }).waitFor();
    await expectAccessible(page);

    await panel.getByLabel('Child', { exact: true }).selectOption({ label: 'Ruby Hartley' });
    await panel.getByLabel('How they stand in the household').selectOption({ label: 'Step-sibling' });
    await panel.getByRole('button', { name: 'Link to this household' }).click();
    await panel.locator('[data-household-done]', { hasText: 'Ruby Hartley is linked to this household.' }).waitFor();
    await expect.poll(() => panel.locator('tr[data-sibling]').count()).toBe(2);
    expect(await panel.locator('tr[data-sibling]').nth(1).textContent()).toContain('Step-sibling');
    await expectAccessible(page);

    await panel.getByRole('button', { name: 'Remove Ruby Hartley from the household' }).click();
    await panel.locator('[data-household-done]', { hasText: 'Ruby Hartley is no longer linked to this household.' }).waitFor();
    await expect.poll(() => panel.locator('tr[data-sibling]').count()).toBe(1);

    await panel.getByRole('link', { name: 'Kai Turner' }).click();
    await page.getByRole('heading', { name: 'Kai Turner', level: 1 }).waitFor();
    await waitForSaved(page);
    await page.locator('mac-household-panel tr[data-sibling]', { hasText: 'Leo Turner' }).waitFor();
    expect(unexpected(lead.problems)).toEqual([]);
  });
});
