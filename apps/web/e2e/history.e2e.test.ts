// The entry history panel stays live: open on an entry, it shows an amendment made elsewhere (another
// tab of the same agency, through the API) and a withdrawal made in the panel itself, without being
// closed and opened again.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { axe, describeViolations, launch, openPage, textOf, unexpected, type Watched } from './support/browser.js';
import { ACCOUNTS, addEntry, rowIdWithText, signInQuickly, waitForSaved } from './support/app.js';
import { seedChronology } from './support/seed.js';
import './support/provided.js';

const baseURL = inject('baseURL');
const password = inject('password');

let browser: Browser;
let police: Watched;
let id: string;

beforeAll(async () => {
  browser = await launch();
  const lead = await openPage(browser);
  await signInQuickly(lead.page, baseURL, ACCOUNTS.lead, password);
  id = await seedChronology(lead.page, 'Noah', 0);
  await lead.context.close();
  police = await openPage(browser);
  await signInQuickly(police.page, baseURL, ACCOUNTS.police, password, `/chronologies/${id}`);
  await waitForSaved(police.page);
});

afterAll(async () => {
  await browser?.close();
});

describe('entry history', () => {
  it('follows an amendment made elsewhere and a withdrawal made in the panel', async () => {
    const page = police.page;
    await addEntry(page, { date: '14/02/2024', category: 'domestic-abuse-incident', summary: 'Officers attended a report of shouting' });
    const entryId = await rowIdWithText(page, 'Officers attended a report of shouting');
    await waitForSaved(page);
    const details = page.locator('mac-entry-details');
    await details.getByRole('button', { name: 'Show history' }).click();
    const history = details.locator('.history');
    await history.getByText('Recorded by Tom Whitfield').waitFor();
    expect(await history.getByText('Amended by').count()).toBe(0);

    // The same agency amends it through the API (another tab, an agency system): the open history follows.
    const status = await page.evaluate(
      async ([chronologyId, e]) =>
        (await fetch(`/api/chronologies/${chronologyId}/entries/${e}`, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ detail: 'Neighbour says it happens weekly.' }) })).status,
      [id, entryId] as const,
    );
    expect(status).toBe(200);
    await history.getByText('Amended by Tom Whitfield').waitFor({ timeout: 5000 });
    expect(await textOf(history)).toContain('Neighbour says it happens weekly.');

    // Withdrawn in the panel while the history is open.
    await details.getByRole('button', { name: 'Withdraw entry' }).click();
    await details.getByLabel('Why are you withdrawing this entry?').fill('Recorded against the wrong child');
    await details.getByRole('button', { name: 'Withdraw entry' }).click();
    await details.getByText('This entry has been withdrawn').waitFor();
    await history.getByText('Withdrawn by Tom Whitfield').waitFor({ timeout: 5000 });
    expect(await textOf(history)).toContain('Recorded against the wrong child');
    const violations = await axe(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    expect(unexpected(police.problems, [/status of 401/])).toEqual([]);
  });
});
