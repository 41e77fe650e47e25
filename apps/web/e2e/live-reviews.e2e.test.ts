// Reviews of highlights, live and kept: the lead reviews a pattern and a DSL with the chronology open
// in another browser sees it without reloading, following the lead in meeting mode too; a health
// visitor's new entry then joins the pattern, and the card keeps the review (who, when, the note) and
// says it reopened because 1 entry joined since. A dismissal by the DSL reaches the lead the same way.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { axe, describeViolations, launch, openPage, screenshotOf, textOf, unexpected, type Watched } from './support/browser.js';
import { ACCOUNTS, addEntry, rowIdWithText, signInQuickly, waitForSaved } from './support/app.js';
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
let dsl: Watched;
let id: string;

function card(page: Page, title: string): Locator {
  return page.locator('mac-patterns li.card', { has: page.locator('h3, h4', { hasText: title }) });
}

async function expectAccessible(page: Page) {
  const violations = await axe(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

beforeAll(async () => {
  browser = await launch();
  lead = await openPage(browser);
  await signInQuickly(lead.page, baseURL, ACCOUNTS.lead, password);
  id = await seedChronology(lead.page, 'Mia', 0);
  const status = await lead.page.evaluate(
    async ([chronologyId, csv]) => (await fetch(`/api/chronologies/${chronologyId}/import?fileName=seed.csv`, { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: csv })).status,
    [id, CSV] as const,
  );
  expect(status).toBe(200);
  await lead.page.goto(`${baseURL}/chronologies/${id}`);
  await waitForSaved(lead.page);
  dsl = await openPage(browser);
  await signInQuickly(dsl.page, baseURL, ACCOUNTS.dsl, password, `/chronologies/${id}`);
  await waitForSaved(dsl.page);
});

afterAll(async () => {
  await browser?.close();
});

describe('live reviews and review history', () => {
  it('shows the lead’s review to a DSL in another browser without a reload, while following the lead in meeting mode', async () => {
    await lead.page.getByRole('button', { name: /Present to the meeting/ }).click();
    const follow = dsl.page.locator('mac-presence').getByRole('button', { name: /Follow Priya Shah/ });
    await follow.waitFor();
    await follow.click();
    await dsl.page.locator('[data-following]').getByText('You are following Priya Shah').waitFor();

    const repeated = card(lead.page, 'Repeated concern of one kind');
    await card(dsl.page, 'Repeated concern of one kind').locator('[data-review="none"]').waitFor();
    await repeated.getByRole('button', { name: /^Review or dismiss/ }).click();
    await repeated.getByLabel('Reviewed: the pattern has been considered').check();
    await repeated.getByLabel('Note').fill('Neglect assessment started after the strategy meeting.');
    await repeated.getByRole('button', { name: 'Save review' }).click();
    await repeated.locator('[data-review="reviewed"]').waitFor();
    const saved = Date.now();

    const seen = card(dsl.page, 'Repeated concern of one kind').locator('[data-review="reviewed"]');
    await seen.waitFor({ timeout: 5000 });
    console.log(`[live-reviews] review seen in the other browser ${Date.now() - saved} ms after the save completed`);
    const text = await textOf(seen);
    expect(text).toContain('Reviewed by Priya Shah');
    expect(text).toContain('Neglect assessment started after the strategy meeting.');
    await expectAccessible(dsl.page);
    await lead.page.getByRole('button', { name: 'Presenting to the meeting' }).click();
  });

  it('keeps the review when a new entry joins the pattern, and says it reopened because 1 entry joined', async () => {
    const hv = await openPage(browser);
    await signInQuickly(hv.page, baseURL, ACCOUNTS.hv, password, `/chronologies/${id}`);
    await waitForSaved(hv.page);
    // The review is there for the health visitor too, on first load.
    await card(hv.page, 'Repeated concern of one kind').locator('[data-review="reviewed"]').waitFor();
    await addEntry(hv.page, { date: 'around October 2024', category: 'neglect-concern', summary: 'Child unkempt and hungry at the clinic' });
    await rowIdWithText(hv.page, 'Child unkempt and hungry at the clinic');

    for (const page of [lead.page, dsl.page, hv.page]) {
      const reopened = card(page, 'Repeated concern of one kind').locator('[data-review="reopened"]');
      await reopened.waitFor({ timeout: 5000 });
      const text = await textOf(reopened);
      expect(text).toContain('Reopened');
      expect(text).toContain('1 entry joined since the last review');
      expect(text).toContain('Reviewed by Priya Shah');
      expect(text).toContain('Neglect assessment started after the strategy meeting.');
      expect(await textOf(card(page, 'Repeated concern of one kind').locator('.meta'))).toContain('4 entries');
    }
    await expectAccessible(lead.page);
    await screenshotOf(card(lead.page, 'Repeated concern of one kind'), 'pattern-reopened-entry-joined');

    // After a reload, the server says the same.
    await lead.page.reload();
    await waitForSaved(lead.page);
    expect(await textOf(card(lead.page, 'Repeated concern of one kind').locator('[data-review="reopened"]'))).toContain('1 entry joined since the last review');
    expect(unexpected(hv.problems, [/status of 401/])).toEqual([]);
    await hv.context.close();
  });

  it('brings the DSL’s dismissal to the lead live, keeping the earlier review in the history', async () => {
    const repeated = card(dsl.page, 'Repeated concern of one kind');
    await repeated.getByRole('button', { name: /^Review or dismiss/ }).click();
    await repeated.getByLabel('Dismissed: it is not a concern').check();
    await repeated.getByLabel('Why are you dismissing it?').fill('The clinic visit was the same episode as the school report.');
    await repeated.getByRole('button', { name: 'Save review' }).click();
    await repeated.locator('[data-review="dismissed"]').waitFor();

    const atLead = card(lead.page, 'Repeated concern of one kind');
    await atLead.locator('[data-review="dismissed"]').waitFor({ timeout: 5000 });
    expect(await textOf(atLead.locator('[data-review]'))).toContain('Dismissed by Helen Okoro');
    const history = atLead.locator('[data-review-history]');
    await history.getByText('Earlier reviews (1)').click();
    expect(await textOf(history)).toContain('Neglect assessment started after the strategy meeting.');
    await expectAccessible(lead.page);
    await screenshotOf(atLead, 'pattern-review-history');
    expect(unexpected(lead.problems, [/status of 401/])).toEqual([]);
    expect(unexpected(dsl.problems, [/status of 401/])).toEqual([]);
  });
});
