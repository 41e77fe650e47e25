// Importing a single-agency chronology from a CSV file: check it (every row beside what was
// understood of it, or its problems), then import it, all or nothing; re-imported rows are skipped.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axe, describeViolations, launch, openPage, screenshot, unexpected, type Watched } from './support/browser.js';
import { ACCOUNTS, rowIdWithText, signInQuickly, waitForSaved } from './support/app.js';
import { seedChronology } from './support/seed.js';
import './support/provided.js';

const baseURL = inject('baseURL');
const password = inject('password');
const HEADER = 'date,time,agency,category,summary,detail,impact_on_child,action_taken,source_ref,recorded_by';
const GOOD = [
  HEADER,
  '05/04/2024,14:30,Thames Valley Police,Domestic abuse incident,Officers attended a report of shouting at the family home,Neighbour called 999.,Child present and upset.,DASH completed.,OCC 1,PC Lee',
  '?03/2024,,thames-valley-police,missing-episode,Reported missing overnight and found at a friend’s address,,,,OCC 2,',
  '01/2024..02/2024,,thames-valley-police,other,"Patrols near the school, ""Operation Lantern""",,,,OCC 3,',
].join('\n');
const BAD = [
  HEADER,
  '31/02/2024,,thames-valley-police,injury,A date that does not exist,,,,,',
  '2024-03-01,25:00,thames-valley-police,not-a-category,A bad time and an unknown category,,,,,',
  "2024-03-02,,oxfordshire-csc,injury,Another agency's row,,,,,",
  '2024-03-03,,thames-valley-police,injury,,,,,,',
  '03/2024,,thames-valley-police,injury,A good row among the bad,,,,,',
].join('\n');

let browser: Browser;
let police: Watched;
let chronologyId: string;

function file(name: string, text: string) {
  return { name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') };
}

async function expectAccessible(page: Page) {
  const violations = await axe(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

async function entryCount(page: Page): Promise<number> {
  return page.evaluate(async (id) => ((await (await fetch(`/api/chronologies/${id}/entries`)).json()) as { entries: unknown[] }).entries.length, chronologyId);
}

beforeAll(async () => {
  browser = await launch();
  const { page: lead, context } = await openPage(browser);
  await signInQuickly(lead, baseURL, ACCOUNTS.lead, password);
  chronologyId = await seedChronology(lead, 'Imogen', 0);
  await context.close();
  police = await openPage(browser);
  await signInQuickly(police.page, baseURL, ACCOUNTS.police, password, `/chronologies/${chronologyId}`);
  await waitForSaved(police.page);
});

afterAll(async () => {
  await browser?.close();
});

describe('importing a CSV file', () => {
  it('previews every row with its date as understood, then imports them all', async () => {
    const page = police.page;
    await page.getByRole('link', { name: 'Import entries from a CSV file' }).click();
    await page.getByRole('heading', { name: 'Import entries from a CSV file' }).waitFor();
    await expectAccessible(page);

    const imp = page.locator('mac-import-page');
    await imp.getByRole('button', { name: 'Check the file' }).click();
    await imp.locator('[data-error-summary]').getByRole('link', { name: 'Select a CSV file' }).waitFor();
    await expectAccessible(page);

    await imp.getByLabel('Upload a CSV file').setInputFiles(file('police-export.csv', GOOD));
    await imp.getByRole('button', { name: 'Check the file' }).click();
    const rows = imp.locator('[data-import-preview] tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await imp.locator('[data-import-preview] tr[data-status="ready"]').count()).toBe(3);
    const second = await rows.nth(1).textContent();
    expect(second).toContain('?03/2024');
    expect(second).toContain('around March 2024 (approximate month)');
    expect(second).toContain('Missing from home or care');
    expect(await rows.nth(2).textContent()).toContain('period from January 2024 to February 2024');
    expect(await rows.nth(2).textContent()).toContain('Patrols near the school, "Operation Lantern"');
    expect(await imp.locator('[data-preview-summary]').textContent()).toContain('3 are ready to import');
    expect(await entryCount(page)).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'import-preview');

    await imp.getByRole('button', { name: 'Import 3 entries' }).click();
    await imp.getByRole('heading', { name: '3 entries imported' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'import-done', { fullPage: false });
    expect(await entryCount(page)).toBe(3);

    await imp.getByRole('link', { name: 'Go to the chronology' }).click();
    await rowIdWithText(page, 'Officers attended a report of shouting');
  });

  it('shows every problem beside its row and imports nothing from a file with problems', async () => {
    const page = police.page;
    await page.goto(`${baseURL}/chronologies/${chronologyId}/import`);
    const imp = page.locator('mac-import-page');
    await imp.getByLabel('Upload a CSV file').setInputFiles(file('with-problems.csv', BAD));
    await imp.getByRole('button', { name: 'Check the file' }).click();
    const summary = imp.locator('[data-error-summary]');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Nothing was imported: 5 problems in 4 rows.');
    expect(await page.evaluate(() => document.querySelector('mac-import-page')?.shadowRoot?.activeElement?.hasAttribute('data-error-summary'))).toBe(true);

    const row = (n: number) => imp.locator(`[data-import-preview] tr[data-row="${n}"]`);
    expect(await row(1).getAttribute('data-status')).toBe('problem');
    expect(await row(1).textContent()).toContain('31/02/2024 is not a real date: February 2024 has 29 days');
    expect(await row(1).textContent()).toContain('day 31 of February 2024');
    expect(await row(2).textContent()).toContain('Time must be empty or HH:MM');
    expect(await row(2).textContent()).toContain('not-a-category');
    expect(await row(3).textContent()).toContain("can only be imported by Oxfordshire Children's Social Care or by the chronology's lead professional");
    expect(await row(4).textContent()).toContain('Summary: Enter a summary');
    expect(await row(5).getAttribute('data-status')).toBe('fine');
    expect(await imp.getByRole('button', { name: /^Import/ }).count()).toBe(0);

    // The summary's link takes the reader to the row.
    await summary.getByRole('link', { name: 'Line 5: Summary: Enter a summary' }).click();
    expect(await page.evaluate(() => document.querySelector('mac-import-page')?.shadowRoot?.activeElement?.id)).toBe('row-4');
    await expectAccessible(page);
    await screenshot(page, 'import-problems');
    expect(await entryCount(page)).toBe(3);
  });

  it('reports rows already imported as duplicates and skips them', async () => {
    const page = police.page;
    const imp = page.locator('mac-import-page');
    await imp.getByLabel('Upload a CSV file').setInputFiles(file('police-export.csv', GOOD));
    await imp.getByRole('button', { name: /Check the file/ }).click();
    await imp.locator('[data-nothing-new]').waitFor();
    expect(await imp.locator('[data-import-preview] tr[data-status="duplicate"]').count()).toBe(3);

    const mixed = `${GOOD}\n2024-06-01,,thames-valley-police,other,Welfare visit after the family moved house,,,,OCC 4,\n`;
    await imp.getByLabel('Upload a CSV file').setInputFiles(file('police-export-june.csv', mixed));
    await imp.getByRole('button', { name: /Check the file/ }).click();
    await imp.getByRole('button', { name: 'Import 1 entry' }).click();
    await imp.getByRole('heading', { name: '1 entry imported' }).waitFor();
    const skipped = await imp.locator('[data-skipped] li').allTextContents();
    expect(skipped).toHaveLength(3);
    expect(skipped[0]).toContain('Line 2: Officers attended');
    expect(await entryCount(page)).toBe(4);
    await expectAccessible(page);
    // The sign-in page's /api/me answers 401; a file with problems answers 422.
    expect(unexpected(police.problems, [/status of 401/, /status of 422/])).toEqual([]);
  });

  it('imports MAC’s own export of a demo chronology into another chronology as it is', async () => {
    const lead = await openPage(browser);
    await signInQuickly(lead.page, baseURL, ACCOUNTS.lead, password);
    const { csv, target } = await lead.page.evaluate(async () => {
      const list = (await (await fetch('/api/chronologies')).json()) as { chronologies: Array<{ id: string; memberAgencies: string[] }> };
      const source = list.chronologies[0]!;
      const csv = await (await fetch(`/api/chronologies/${source.id}/export.csv`)).text();
      const created = await fetch('/api/chronologies', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ child: { givenName: 'Copy', familyName: 'Roundtrip' }, memberAgencies: source.memberAgencies }) });
      return { csv, target: ((await created.json()) as { id: string }).id };
    });
    await lead.page.goto(`${baseURL}/chronologies/${target}/import`);
    const imp = lead.page.locator('mac-import-page');
    await imp.getByLabel('Upload a CSV file').setInputFiles(file('mac-export.csv', csv));
    await imp.getByRole('button', { name: /Check the file/ }).click();
    const importButton = imp.getByRole('button', { name: /^Import \d+ entr/ });
    await importButton.waitFor();
    expect(await imp.locator('[data-error-summary]').count()).toBe(0);
    await importButton.click();
    await imp.getByRole('heading', { name: /entries imported/ }).waitFor();
    await expectAccessible(lead.page);
    // Again: every row is now a duplicate (or withdrawn in the file), and nothing is an error.
    await imp.getByRole('button', { name: 'Import another file' }).click();
    await imp.getByLabel('Upload a CSV file').setInputFiles(file('mac-export.csv', csv));
    await imp.getByRole('button', { name: /Check the file/ }).click();
    await imp.locator('[data-nothing-new]').waitFor();
    expect(await imp.locator('[data-error-summary]').count()).toBe(0);
    expect(unexpected(lead.problems, [/status of 401/])).toEqual([]);
    await lead.context.close();
  });
});
