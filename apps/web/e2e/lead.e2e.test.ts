// What only a lead professional does: start a chronology for a child, and choose which agencies
// share it.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axe, describeViolations, launch, openPage, screenshot, unexpected, type Watched } from './support/browser.js';
import { ACCOUNTS, signInQuickly, waitForSaved } from './support/app.js';
import './support/provided.js';

const baseURL = inject('baseURL');
const password = inject('password');

let browser: Browser;
let lead: Watched;

async function expectAccessible(page: Page) {
  const violations = await axe(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

beforeAll(async () => {
  browser = await launch();
  lead = await openPage(browser);
  await signInQuickly(lead.page, baseURL, ACCOUNTS.lead, password);
});

afterAll(async () => {
  await browser?.close();
});

describe('the lead professional', () => {
  it('starts a chronology for a child', async () => {
    const page = lead.page;
    await page.getByRole('link', { name: 'Start a new chronology' }).click();
    await page.getByRole('heading', { name: 'Start a new chronology' }).waitFor();
    const form = page.locator('mac-new-chronology-page');
    await expectAccessible(page);
    await form.getByLabel('NHS number (optional)').fill('943 476 5918');
    await form.getByLabel('Date of birth (optional)').fill('03/2019');
    await form.getByRole('button', { name: 'Start the chronology' }).click();
    const summary = form.locator('[data-error-summary]');
    await summary.waitFor();
    expect(await summary.locator('li').allTextContents()).toEqual([
      'Enter the child’s first name',
      'Enter the child’s last name',
      'Date of birth must be an exact day, for example 27/03/2019',
      'Enter a valid NHS number: 10 digits, like 943 476 5919',
    ]);
    await expectAccessible(page);
    await screenshot(page, 'new-chronology-errors', { fullPage: false });

    await form.getByLabel('First name').fill('Amara');
    await form.getByLabel('Last name').fill('Okafor');
    await form.getByLabel('Date of birth (optional)').fill('27/03/2019');
    await form.getByLabel('NHS number (optional)').fill('');
    await form.getByLabel('Thames Valley Police').check();
    await form.getByLabel('Northway Primary School').check();
    await form.getByRole('button', { name: 'Start the chronology' }).click();
    await page.getByRole('heading', { name: 'Amara Okafor' }).waitFor();
    await waitForSaved(page);
    expect(await page.locator('mac-timeline [data-lane]').evaluateAll((lanes) => lanes.map((l) => l.getAttribute('data-lane')))).toEqual([
      'oxfordshire-csc',
      'thames-valley-police',
      'northway-primary',
    ]);
    await expectAccessible(page);
  });

  it('adds and removes member agencies', async () => {
    const page = lead.page;
    await page.getByRole('link', { name: 'Member agencies' }).click();
    const members = page.locator('mac-members-page');
    await members.getByRole('heading', { name: 'Member agencies' }).waitFor();
    await expect.poll(() => members.locator('[data-members] tbody tr').count()).toBe(3);
    expect(await members.locator('tr[data-member="oxfordshire-csc"]').textContent()).toContain('Lead professional’s agency');
    await expectAccessible(page);

    await members.getByRole('button', { name: 'Add agency' }).click();
    await members.locator('[data-error-summary]').getByRole('link', { name: 'Select an agency to add' }).waitFor();
    await members.getByLabel('Add an agency').selectOption({ label: 'Oxford Health – Health Visiting' });
    await members.getByRole('button', { name: 'Add agency' }).click();
    await members.locator('[data-done]').getByText('Oxford Health – Health Visiting has been added').waitFor();
    expect(await members.locator('[data-members] tbody tr').count()).toBe(4);

    await members.getByRole('button', { name: 'Remove Thames Valley Police' }).click();
    const confirm = members.locator('[data-confirm]');
    expect(await confirm.textContent()).toContain('People at Thames Valley Police will lose access');
    await expectAccessible(page);
    await screenshot(page, 'members-confirm-remove', { fullPage: false });
    await confirm.getByRole('button', { name: 'Yes, remove Thames Valley Police' }).click();
    await members.locator('[data-done]').getByText('Thames Valley Police has been removed').waitFor();
    expect(await members.locator('tr[data-member="thames-valley-police"]').count()).toBe(0);
    await expectAccessible(page);
    expect(unexpected(lead.problems, [/status of 401/])).toEqual([]);
  });

  it('is the only one offered these', async () => {
    const { page, context } = await openPage(browser);
    await signInQuickly(page, baseURL, ACCOUNTS.police, password);
    await page.locator('mac-caseload-page [data-result-count]').waitFor();
    expect(await page.getByRole('link', { name: 'Start a new chronology' }).count()).toBe(0);
    await context.close();
  });
});
