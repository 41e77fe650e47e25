// Reviews of highlighted patterns: the lead dismisses one (a reason is required) and reviews another;
// both stay in the panel with who, when and the note; a practitioner sees the reviews but cannot
// review; a change to an entry behind a review reopens it, live.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { axe, describeViolations, launch, openPage, screenshotOf, textOf, unexpected, type Watched } from './support/browser.js';
import { ACCOUNTS, signInQuickly, waitForSaved } from './support/app.js';
import { seedChronology } from './support/seed.js';
import './support/provided.js';

const baseURL = inject('baseURL');
const password = inject('password');
const CSV = [
  'date,time,agency,category,summary,detail,impact_on_child,action_taken,source_ref,recorded_by',
  '2024-01-15,,oxford-health-hv,missed-health-appointment,Not brought to the 12-month review,,,,,',
  '2024-03-12,,oxford-health-hv,missed-health-appointment,Not brought to the rebooked review,,,,,',
  '2024-02-01,,oxfordshire-csc,neglect-concern,Home conditions poor at visit,,,,,',
  '2024-06-01,,oxfordshire-csc,neglect-concern,No food in the house at visit,,,,,',
  '2024-09-01,,oxfordshire-csc,neglect-concern,Child hungry at school again,,,,,',
].join('\n');

let browser: Browser;
let lead: Watched;
let id: string;

async function expectAccessible(page: Page) {
  const violations = await axe(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

function card(page: Page, title: string): Locator {
  return page.locator('mac-patterns li.card', { has: page.locator('h3, h4', { hasText: title }) });
}

beforeAll(async () => {
  browser = await launch();
  lead = await openPage(browser);
  await signInQuickly(lead.page, baseURL, ACCOUNTS.lead, password);
  id = await seedChronology(lead.page, 'Rhys', 0);
  const status = await lead.page.evaluate(
    async ([chronologyId, csv]) => (await fetch(`/api/chronologies/${chronologyId}/import?fileName=seed.csv`, { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: csv })).status,
    [id, CSV] as const,
  );
  expect(status).toBe(200);
  await lead.page.goto(`${baseURL}/chronologies/${id}`);
  await waitForSaved(lead.page);
});

afterAll(async () => {
  await browser?.close();
});

describe('reviewing highlights', () => {
  it('dismisses one with a reason and reviews another, and keeps both in the panel (their episode filed as history)', async () => {
    const page = lead.page;
    const notBrought = card(page, 'Not brought to health appointments');
    await notBrought.waitFor();
    expect(await notBrought.locator('[data-review="none"]').textContent()).toContain('Not reviewed yet');

    await notBrought.getByRole('button', { name: /^Review or dismiss/ }).click();
    await notBrought.getByRole('button', { name: 'Save review' }).click();
    const summary = notBrought.locator('[data-error-summary]');
    await summary.getByRole('link', { name: 'Select whether you have reviewed the pattern or are dismissing it' }).waitFor();
    await notBrought.getByLabel('Dismissed: it is not a concern').check();
    await notBrought.getByRole('button', { name: 'Save review' }).click();
    await summary.getByRole('link', { name: 'Enter why you are dismissing this pattern' }).waitFor();
    await expectAccessible(page);
    await notBrought.getByLabel('Why are you dismissing it?').fill('Both appointments were rebooked by the clinic, not missed by the family.');
    await notBrought.getByRole('button', { name: 'Save review' }).click();
    await notBrought.locator('[data-review="dismissed"]').waitFor();
    const dismissed = await textOf(notBrought.locator('[data-review]'));
    expect(dismissed).toContain('Dismissed by Priya Shah');
    expect(dismissed).toContain('Both appointments were rebooked by the clinic');

    // The second from the keyboard alone: focus goes to the first choice, then on through the form.
    const repeated = card(page, 'Repeated concern of one kind');
    await repeated.getByRole('button', { name: /^Review or dismiss/ }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.querySelector('mac-app mac-chronology-page')?.shadowRoot?.querySelector('mac-patterns')?.shadowRoot?.activeElement?.id)).toBe('review-status');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Discussed at the strategy meeting; neglect assessment started.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await repeated.locator('[data-review="reviewed"]').waitFor();
    // Focus stays with the card: on the review just saved.
    expect(await page.evaluate(() => document.querySelector('mac-app mac-chronology-page')?.shadowRoot?.querySelector('mac-patterns')?.shadowRoot?.activeElement?.getAttribute('data-review'))).toBe('reviewed');
    expect(await textOf(repeated.locator('[data-review]'))).toContain('Reviewed by Priya Shah');
    // Both patterns of the 2024 episode are now reviewed and it ended long ago: it is history, opened
    // for the reviewer so the card and the focus stay put.
    expect(await page.locator('mac-patterns li[data-episode][data-status="past"]', { has: page.locator('h4', { hasText: 'Repeated concern of one kind' }) }).count()).toBe(1);
    expect(await page.locator('mac-patterns details[data-history]').getAttribute('open')).not.toBeNull();
    expect(await page.locator('mac-patterns #patterns-title').textContent()).toMatch(/not reviewed/);
    await expectAccessible(page);
    await screenshotOf(page.locator('mac-patterns'), 'pattern-reviews');

    // From the server, after a reload: the same reviews, nothing hidden (the history opens on request).
    await page.reload();
    await waitForSaved(page);
    await page.locator('mac-patterns details[data-history] summary').click();
    await card(page, 'Not brought to health appointments').locator('[data-review="dismissed"]').waitFor();
    await card(page, 'Repeated concern of one kind').locator('[data-review="reviewed"]').waitFor();
  });

  it('shows reviews to a practitioner, who cannot review', async () => {
    const { page, context } = await openPage(browser);
    await signInQuickly(page, baseURL, ACCOUNTS.hv, password, `/chronologies/${id}`);
    await waitForSaved(page);
    await page.locator('mac-patterns details[data-history] summary').click();
    await card(page, 'Not brought to health appointments').locator('[data-review="dismissed"]').waitFor();
    expect(await page.locator('mac-patterns').getByRole('button', { name: /Review or dismiss|Review again/ }).count()).toBe(0);
    await expectAccessible(page);
    await context.close();
  });

  it('reopens a review the moment an entry behind it changes', async () => {
    const page = lead.page;
    const entries = await page.evaluate(async (chronologyId) => ((await (await fetch(`/api/chronologies/${chronologyId}/entries`)).json()) as { entries: Array<{ id: string; summary: string }> }).entries, id);
    const target = entries.find((e) => e.summary.startsWith('No food in the house'))!;
    const patched = await page.evaluate(
      async ([chronologyId, entryId]) =>
        (await fetch(`/api/chronologies/${chronologyId}/entries/${entryId}`, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ detail: 'Fridge empty; mother said payday is Friday.' }) })).status,
      [id, target.id] as const,
    );
    expect(patched).toBe(200);
    const repeated = card(page, 'Repeated concern of one kind');
    await repeated.locator('[data-review="reopened"]').waitFor({ timeout: 5000 });
    const reopened = await textOf(repeated.locator('[data-review]'));
    expect(reopened).toContain('1 entry changed since the last review: it needs reviewing again');
    // The review it reopens is still shown: who, and the note.
    expect(reopened).toContain('Reviewed by Priya Shah');
    expect(reopened).toContain('Discussed at the strategy meeting; neglect assessment started.');
    // The other review is untouched.
    await card(page, 'Not brought to health appointments').locator('[data-review="dismissed"]').waitFor();
    await expectAccessible(page);
    await screenshotOf(repeated, 'pattern-reopened');
    expect(unexpected(lead.problems, [/status of 401/])).toEqual([]);
  });
});
