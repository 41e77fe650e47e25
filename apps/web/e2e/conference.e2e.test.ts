// Conference preparation: the lead makes an entry professionals-only, previews the family version
// (exactly what the family will get), produces the PDF and a professional CSV; then the chronology
// changes and the lead sees what changed since the conference, and the pack's snapshot read-only.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, axe, describeViolations, launch, openPage, screenshot, textOf, unexpected, type Watched } from './support/browser.js';
import { ACCOUNTS, rowIdWithText, signInQuickly, waitForSaved } from './support/app.js';
import { seedChronology } from './support/seed.js';
import './support/provided.js';

const baseURL = inject('baseURL');
const password = inject('password');
const CSV = [
  'date,time,agency,category,summary,detail,impact_on_child,action_taken,source_ref,recorded_by,sharing',
  '2024-01-10,,oxfordshire-csc,referral-to-social-care,Referral from school about bruising,,,,CSC-1,Priya Shah,family',
  '2024-02-02,,thames-valley-police,domestic-abuse-incident,Police called to a domestic incident at home,,,,OCC-7,PC Lee,family',
  // Two rows that do not say: undecided, so out of the family version until the lead decides them.
  '2024-03-15,,oxfordshire-csc,other,Strategy discussion held,,,,CSC-2,Priya Shah,',
  '2024-04-01,,northway-primary,other,Home visit: house cold and no food in the fridge,,,,CSC-3,Priya Shah,',
  '2024-05-20,,northway-primary,school-absence,Attendance below 80% this term,,,,SIMS,Helen Okoro,family',
].join('\n');

let browser: Browser;
let lead: Watched;
let id: string;

async function expectAccessible(page: Page) {
  const violations = await axe(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

async function api(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  return page.evaluate(
    async ([m, p, b]) => {
      const r = await fetch(p, { method: m, headers: b === undefined ? {} : { 'Content-Type': 'application/json' }, body: b === undefined ? undefined : JSON.stringify(b) });
      return { status: r.status, json: await r.json().catch(() => null) };
    },
    [method, path, body] as const,
  );
}

beforeAll(async () => {
  browser = await launch();
  lead = await openPage(browser);
  await signInQuickly(lead.page, baseURL, ACCOUNTS.lead, password);
  id = await seedChronology(lead.page, 'Connie', 0);
  const imported = await lead.page.evaluate(
    async ([chronologyId, csv]) => (await fetch(`/api/chronologies/${chronologyId}/import?fileName=seed.csv`, { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: csv })).status,
    [id, CSV] as const,
  );
  expect(imported).toBe(200);
  await lead.page.goto(`${baseURL}/chronologies/${id}`);
  await waitForSaved(lead.page);
});

afterAll(async () => {
  await browser?.close();
});

describe('conference packs', () => {
  it('lets the lead make another agency’s entry professionals-only', async () => {
    const page = lead.page;
    const rowId = await rowIdWithText(page, 'Police called to a domestic incident');
    await page.locator(`mac-entry-table tr[data-id="${rowId}"]`).click();
    const details = page.locator('mac-entry-details');
    await details.getByRole('button', { name: 'Make this entry professionals-only' }).click();
    await details.getByRole('button', { name: 'Make professionals-only' }).click();
    await details.locator('[data-error-summary]').getByRole('link', { name: 'Enter why the family should not see this entry' }).waitFor();
    await details.getByLabel('Why should the family not see this entry?').fill('Names the alleged perpetrator; disclosure decision pending');
    await details.getByRole('button', { name: 'Make professionals-only' }).click();
    await details.locator('.tags').getByText('Professionals only').waitFor();
    expect(await textOf(details)).toContain('Professionals only: Names the alleged perpetrator; disclosure decision pending');
    expect(await details.getByRole('button', { name: 'Make this entry professionals-only' }).count()).toBe(0);
    await expectAccessible(page);
  });

  it('lists the entries nobody has decided for the family, and lets the lead decide them in bulk with a reason', async () => {
    const page = lead.page;
    await page.getByRole('link', { name: 'Prepare a conference pack' }).click();
    const pack = page.locator('mac-pack-page');
    await pack.getByRole('heading', { name: 'Prepare a conference pack' }).waitFor();
    // The family preview leaves them out and counts them.
    await pack.getByLabel('Family version').check();
    await pack.getByLabel('Date of the conference').fill('12/03/2025');
    await pack.getByRole('button', { name: 'Preview the pack' }).click();
    await pack.locator('[data-pack-preview="family"]').waitFor();
    expect(await pack.locator('[data-row-count]').textContent()).toBe('2');
    expect(await pack.locator('[data-withheld]').textContent()).toContain('2 undecided');
    expect(await pack.locator('[data-pack-rows]').textContent()).not.toContain('Strategy discussion held');

    const decisions = pack.locator('mac-sharing-decisions');
    await decisions.getByRole('heading', { name: 'Entries not yet decided for the family' }).waitFor();
    await expect.poll(() => decisions.locator('[data-undecided] tbody tr').count()).toBe(2);
    expect(await decisions.locator('[data-undecided]').textContent()).toContain('Northway Primary School');
    // Nothing chosen: every problem is listed, each linking to its field.
    await decisions.getByRole('button', { name: 'Apply to 0 selected entries' }).click();
    const summary = decisions.locator('[data-error-summary]');
    await summary.waitFor();
    for (const message of ['Select the entries you have decided about', 'Select whether the family may see the selected entries', 'Enter the reason for your decision']) {
      await summary.getByRole('link', { name: message }).waitFor();
    }
    await expectAccessible(page);
    await decisions.getByLabel('Select all').check();
    await decisions.getByLabel('Yes, share them with the family').check();
    await decisions.getByLabel('Reason for your decision').fill('Discussed with the school and social care: nothing here puts anyone at risk');
    await decisions.getByRole('button', { name: 'Apply to 2 selected entries' }).click();
    await decisions.locator('[data-decided]').getByText('2 entries can now be shared with the family.').waitFor();
    await decisions.getByText('Every entry has a decision: none is waiting.').waitFor();
    // The preview was of the old decisions: it is gone, and a new one holds both entries.
    expect(await pack.locator('[data-pack-preview]').count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'pack-sharing-decided', { fullPage: false });

    // Each entry records the decision, by the lead, with the reason.
    const list = await api(page, 'GET', `/api/chronologies/${id}/entries`);
    const decided = (list.json.entries as Array<{ summary: string; sharing: string; sharingReason: string }>).filter((e) => /Strategy discussion|Home visit/.test(e.summary));
    expect(decided.map((e) => [e.sharing, e.sharingReason])).toEqual([
      ['family', 'Discussed with the school and social care: nothing here puts anyone at risk'],
      ['family', 'Discussed with the school and social care: nothing here puts anyone at risk'],
    ]);
    await page.goto(`${baseURL}/chronologies/${id}`);
    await waitForSaved(page);
    expect(unexpected(lead.problems, [/status of 401/])).toEqual([]);
  });

  it('previews exactly what the family will get, then produces the PDF', async () => {
    const page = lead.page;
    const [exported] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download as a CSV file' }).click()]);
    expect(exported.suggestedFilename()).toBe(`chronology-${id}.csv`);
    await page.getByRole('link', { name: 'Prepare a conference pack' }).click();
    await page.getByRole('heading', { name: 'Prepare a conference pack' }).waitFor();
    const pack = page.locator('mac-pack-page');
    // After an in-app navigation focus moves to the new page's heading (it appears only once loaded).
    await expect
      .poll(() => pack.evaluate((el) => el.shadowRoot?.activeElement?.textContent?.trim() ?? el.shadowRoot?.activeElement?.tagName ?? null))
      .toBe('Prepare a conference pack');
    await pack.getByRole('button', { name: 'Preview the pack' }).click();
    const summary = pack.locator('[data-error-summary]');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Select which version of the pack you need');
    expect(await summary.textContent()).toContain('Enter the date of the conference');
    await expectAccessible(page);
    await screenshot(page, 'pack-errors', { fullPage: false });

    await pack.getByLabel('Family version').check();
    await pack.getByLabel('Date of the conference').fill('12/03/2025');
    await pack.getByRole('button', { name: 'Preview the pack' }).click();
    await pack.locator('[data-pack-preview="family"]').waitFor();
    expect(await pack.locator('[data-family-warning]').textContent()).toContain('This is exactly what the family will be given');
    expect(await pack.locator('[data-row-count]').textContent()).toBe('4');
    expect(await pack.locator('[data-withheld]').textContent()).toContain('1 professionals-only');
    const table = (await pack.locator('[data-pack-rows]').textContent()) ?? '';
    expect(table).not.toContain('Police called to a domestic incident');
    expect(table).not.toContain('CSC-1'); // no source references in the family version
    expect(table).toContain('Home visit: house cold');
    await expectAccessible(page);
    await screenshot(page, 'pack-family-preview');

    const [download] = await Promise.all([page.waitForEvent('download'), pack.getByRole('button', { name: 'Produce the PDF' }).click()]);
    expect(download.suggestedFilename()).toBe('conference-pack-family-2025-03-12.pdf');
    const saved = join(ARTIFACTS, 'conference-pack-family.pdf');
    await download.saveAs(saved);
    expect(readFileSync(saved).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // A tagged PDF a screen reader can read: title, language, headings and a real table, and nothing
    // the family must not see in its structure either.
    const info = execFileSync('/usr/bin/pdfinfo', ['-enc', 'UTF-8', saved], { encoding: 'utf8' });
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    expect(info).toMatch(/^Title:\s+\S/m);
    const structure = execFileSync('/usr/bin/pdfinfo', ['-struct-text', '-enc', 'UTF-8', saved], { encoding: 'utf8' });
    for (const type of ['H1', 'H2', 'Table', 'TH', 'TD']) expect(structure).toMatch(new RegExp(`^\\s+${type}\\b`, 'm'));
    expect(structure).toContain('"Home visit: house cold and no food in the fridge"');
    expect(structure).not.toContain('Police called to a domestic incident');
    expect(readFileSync(saved).toString('latin1')).toMatch(/\/Lang \(en-GB\)/);
    await pack.locator('[data-produced]').getByText('The pack has been produced: conference-pack-family-2025-03-12.pdf').waitFor();
    await expect.poll(() => pack.locator('[data-snapshots] tbody tr').count(), { timeout: 10_000 }).toBe(1);
    await expectAccessible(page);

    // The professional version holds the entry, marked, and its sources.
    await pack.getByLabel('Professional version').check();
    await pack.getByRole('button', { name: 'Preview the pack' }).click();
    await pack.locator('[data-pack-preview="professional"]').waitFor();
    expect(await pack.locator('[data-row-count]').textContent()).toBe('5');
    expect(await pack.locator('[data-pack-rows]').textContent()).toContain('Names the alleged perpetrator');
    await expectAccessible(page);
    const [csv] = await Promise.all([page.waitForEvent('download'), pack.getByRole('button', { name: 'Produce a CSV file' }).click()]);
    expect(csv.suggestedFilename()).toBe('conference-pack-professional-2025-03-12.csv');
    const csvPath = join(ARTIFACTS, 'conference-pack-professional.csv');
    await csv.saveAs(csvPath);
    expect(readFileSync(csvPath, 'utf8')).toContain('Police called to a domestic incident');
    await expect.poll(() => pack.locator('[data-snapshots] tbody tr').count()).toBe(2);
    expect(unexpected(lead.problems, [/status of 401/])).toEqual([]);
  });

  it('marks what changed since the conference, and reopens the pack’s snapshot read-only', async () => {
    const page = lead.page;
    const list = await api(page, 'GET', `/api/chronologies/${id}/entries`);
    const bySummary = (text: string) => (list.json.entries as Array<{ id: string; summary: string }>).find((e) => e.summary.startsWith(text))!.id;
    expect((await api(page, 'PATCH', `/api/chronologies/${id}/entries/${bySummary('Strategy discussion')}`, { summary: 'Strategy discussion held: section 47 enquiry agreed' })).status).toBe(200);
    expect((await api(page, 'POST', `/api/chronologies/${id}/entries/${bySummary('Referral from school')}/withdraw`, { reason: 'Recorded on the wrong child' })).status).toBe(200);
    expect((await api(page, 'POST', `/api/chronologies/${id}/entries`, { date: '2025-04-02', category: 'other', summary: 'Core group meeting after the conference' })).status).toBe(201);

    await page.goto(`${baseURL}/chronologies/${id}`);
    await waitForSaved(page);
    const toggle = page.getByRole('button', { name: 'Show changes since the conference on 12 Mar 2025' });
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
    const box = page.locator('[data-changes]');
    await box.waitFor();
    expect(await box.locator('[data-changes-count]').textContent()).toContain('1 new, 1 amended, 1 withdrawn');
    expect(page.url()).toContain('since=');
    await page.locator('mac-entry-table [data-change="new"]').waitFor();
    expect(await page.locator('mac-entry-table [data-change="amended"]').textContent()).toBe('Changed since conference');
    expect(await page.locator('mac-timeline .mark [data-change="new"]').count()).toBe(1);
    const newMark = page.locator('mac-timeline .mark', { has: page.locator('[data-change="new"]') });
    expect(await newMark.locator('.visually-hidden').textContent()).toContain('new since the conference');

    await box.getByRole('button', { name: /Strategy discussion held: section 47/ }).click();
    const change = page.locator('mac-entry-details [data-change="amended"]');
    await change.waitFor();
    expect(await change.textContent()).toContain('Amended since the conference on 12 Mar 2025');
    expect(await change.locator('del').first().textContent()).toBe('Strategy discussion held');
    await expectAccessible(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'changes-since-conference', { fullPage: false });

    await box.getByRole('link', { name: 'See the chronology as the pack showed it' }).click();
    await page.locator('mac-snapshot-page [data-snapshot-banner]').waitFor();
    const snapshot = page.locator('mac-snapshot-page');
    await expect.poll(() => snapshot.locator('mac-entry-table tr.row').count()).toBe(5);
    const rows = await snapshot.locator('mac-entry-table tr.row').allTextContents();
    expect(rows.join(' ')).toContain('Referral from school about bruising');
    expect(rows.join(' ')).not.toContain('Core group meeting');
    expect(rows.join(' ')).not.toContain('section 47');
    await snapshot.locator('mac-entry-table tr.row', { hasText: 'Strategy discussion held' }).click();
    await snapshot.locator('mac-entry-details [data-read-only]').getByText('This is the entry as it was when the pack was produced').waitFor();
    expect(await snapshot.locator('mac-entry-details').getByRole('button', { name: /Amend|Withdraw/ }).count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'snapshot-read-only', { fullPage: false });

    // Off again: no marks.
    await page.goBack();
    await page.getByRole('button', { name: 'Show changes since the conference on 12 Mar 2025' }).click();
    await expect.poll(() => page.locator('mac-entry-table [data-change]').count()).toBe(0);
    expect(unexpected(lead.problems, [/status of 401/])).toEqual([]);
  });

  it('shows typed text without its text-direction controls, isolated, as the pack and the CSV do', async () => {
    const page = lead.page;
    // Free text may hold the controls (only one-line fields refuse them); they are never displayed.
    const created = await api(page, 'POST', `/api/chronologies/${id}/entries`, { date: '2025-04-03', category: 'other', summary: 'Note about a payment', detail: 'Paid \u202E01$\u202C by card' });
    expect(created.status).toBe(201);
    await page.goto(`${baseURL}/chronologies/${id}`);
    await waitForSaved(page);
    await page.locator(`mac-entry-table tr[data-id="${created.json.entry.id}"]`).click();
    const detail = page.locator('mac-entry-details .summary-list__row', { hasText: 'Detail' }).locator('dd bdi');
    await detail.waitFor();
    expect(await detail.textContent()).toBe('Paid 01$ by card');
    expect(unexpected(lead.problems, [/status of 401/])).toEqual([]);
  });
});
