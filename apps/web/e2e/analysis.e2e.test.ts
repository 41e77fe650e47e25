// The analysis (issue 15): the lead writes the summary of what the pattern means for the child, live, and
// the police see it as it is typed; the police record a different view (refused first without reasons,
// with the GOV.UK error summary), and the lead sees it beside the summary and writes a summary for the
// family. axe stays clean throughout.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axe, describeViolations, launch, openPage, screenshot, unexpected, type Watched } from './support/browser.js';
import { ACCOUNTS, signInQuickly, waitForSaved } from './support/app.js';
import './support/provided.js';

const baseURL = inject('baseURL');
const password = inject('password');

let browser: Browser;
let lead: Watched;
let police: Watched;
let chronologyId: string;

async function expectAccessible(page: Page) {
  const violations = await axe(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

const SUMMARY = 'Neglect has escalated since September: three agencies report the child hungry and unkempt.';
const REASONS = 'The risk from the mother’s new partner is under-stated: two call-outs in October.';

beforeAll(async () => {
  browser = await launch();
  lead = await openPage(browser);
  police = await openPage(browser);
  await signInQuickly(lead.page, baseURL, ACCOUNTS.lead, password);
  await signInQuickly(police.page, baseURL, ACCOUNTS.police, password);
  chronologyId = await lead.page.evaluate(async () => {
    const res = await fetch('/api/chronologies', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ child: { givenName: 'Ellis', familyName: 'Analysis', dateOfBirth: '2019-03-04' }, memberAgencies: ['thames-valley-police', 'northway-primary'] }),
    });
    return ((await res.json()) as { id: string }).id;
  });
});

afterAll(async () => {
  await browser?.close();
});

describe('the analysis', () => {
  it('the lead writes the summary live, and the police see it as it is written', async () => {
    await lead.page.goto(`${baseURL}/chronologies/${chronologyId}`);
    // Connected before leaving (a socket closed while it opens is a console warning, not our concern here).
    await waitForSaved(lead.page);
    await lead.page.getByRole('link', { name: 'Analysis', exact: true }).click();
    const page = lead.page.locator('mac-analysis-page');
    await page.getByRole('heading', { name: 'Analysis', level: 1 }).waitFor();
    await police.page.goto(`${baseURL}/chronologies/${chronologyId}/analysis`);
    const policePage = police.page.locator('mac-analysis-page');
    await policePage.locator('[data-summary-empty]').waitFor();
    // Only the lead has a place to write the summary.
    expect(await policePage.locator('textarea#summary').count()).toBe(0);

    const summary = page.getByLabel('What the pattern means for Ellis');
    await expect.poll(() => summary.isEnabled()).toBe(true);
    await summary.fill(SUMMARY.slice(0, 40));
    await summary.press('End');
    await summary.pressSequentially(SUMMARY.slice(40));
    await expect.poll(() => policePage.locator('[data-summary]').textContent(), { timeout: 10_000 }).toBe(SUMMARY);
    await expect.poll(() => page.locator('[data-save-status]').textContent(), { timeout: 10_000 }).toBe('All changes saved');
    expect(await page.locator('#summary-count').textContent()).toMatch(/You have 19,9\d\d characters remaining/);
    await expectAccessible(lead.page);
    await expectAccessible(police.page);
    await screenshot(lead.page, 'analysis-lead-writing');
  });

  it('the police record a different view, with reasons, and the lead sees it beside the summary', async () => {
    const policePage = police.page.locator('mac-analysis-page');
    const form = policePage.locator('[data-view-form]');
    await form.getByLabel('Takes a different view').check();
    await form.getByRole('button', { name: /Record .*view/ }).click();
    const errors = policePage.locator('[data-error-summary]');
    await errors.getByRole('link', { name: /reasons for taking a different view/ }).waitFor();
    await expectAccessible(police.page);

    await form.getByLabel(/Why .* takes a different view/).fill(REASONS);
    await form.getByRole('button', { name: /Record .*view/ }).click();
    await policePage.locator('[data-done]').waitFor();
    const view = policePage.locator('[data-view="thames-valley-police"]');
    await view.waitFor();
    expect(await view.locator('[data-position]').textContent()).toBe('Takes a different view');
    expect(await view.textContent()).toContain(REASONS);
    await expectAccessible(police.page);
    await screenshot(police.page, 'analysis-police-differs');

    await lead.page.reload();
    const page = lead.page.locator('mac-analysis-page');
    const seen = page.locator('[data-view="thames-valley-police"]');
    await seen.waitFor();
    expect(await seen.textContent()).toContain(REASONS);
    expect(await page.locator('[data-updated]').textContent()).toMatch(/Version \d+, by /);
    // The history: the police's first (refused) attempt recorded nothing; their one view is there.
    await page.getByText('Earlier versions and views').click();
    await page.locator('[data-history-views]').waitFor();
    expect(await page.locator('[data-history-views] li').count()).toBe(1);
    expect(await page.locator('[data-history-versions]').textContent()).toContain(SUMMARY);
    await expectAccessible(lead.page);

    await page.getByLabel(/in words for Ellis’s family/).fill('We are worried that Ellis is often hungry. We want to help.');
    await page.getByRole('button', { name: 'Save the summary for the family' }).click();
    await page.locator('[data-done]', { hasText: 'The summary for the family has been saved.' }).waitFor();
    await expectAccessible(lead.page);

    // The pack preview: the family version carries only the family summary, the professional one the police's dissent.
    await lead.page.goto(`${baseURL}/chronologies/${chronologyId}/pack`);
    const pack = lead.page.locator('mac-pack-page');
    await pack.getByLabel('Family version').check();
    await pack.getByLabel('Date of the conference').fill('12/03/2027');
    await pack.getByRole('button', { name: 'Preview the pack' }).click();
    const familyAnalysis = pack.locator('[data-pack-analysis="family"]');
    await familyAnalysis.waitFor();
    expect(await familyAnalysis.textContent()).toContain('We are worried that Ellis is often hungry.');
    expect(await pack.locator('[data-pack-preview="family"]').textContent()).not.toContain(REASONS);
    expect(await pack.locator('[data-pack-preview="family"]').textContent()).not.toContain(SUMMARY);
    await expectAccessible(lead.page);
    await pack.getByLabel('Professional version').check();
    await pack.getByRole('button', { name: 'Preview the pack' }).click();
    await pack.locator('[data-pack-analysis="professional"]', { hasText: SUMMARY }).waitFor();
    expect(await pack.locator('[data-pack-analysis-views]').textContent()).toContain(REASONS);
    await expectAccessible(lead.page);
    expect(unexpected(lead.problems), JSON.stringify(unexpected(lead.problems))).toEqual([]);
    expect(unexpected(police.problems)).toEqual([]);
  });
});
