// Household events (issue 14, item 2) in the browser: a police officer records a call-out once, from the
// household panel of Hana's chronology, for Hana and her brother Ivo. Both timelines mark it (a visible
// house and words for screen readers), Ivo's open page sees it arrive live, and the entry details link to
// the copy on the other child's chronology, only for a reader who may open it: Hana's health visitor, who
// is no member of Ivo's chronology, gets no link. A missing choice of children is refused by the field.
// axe stays clean throughout.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axe, describeViolations, launch, openPage, screenshot, unexpected, type Watched } from './support/browser.js';
import { ACCOUNTS, signInQuickly, waitForSaved } from './support/app.js';
import './support/provided.js';

const baseURL = inject('baseURL');
const password = inject('password');

let browser: Browser;
let police: Watched;
let policeOnIvo: Watched;
let hv: Watched;
let hana = '';
let ivo = '';
const SUMMARY = 'Police called to the family home: shouting heard by neighbours';

async function expectAccessible(page: Page) {
  const violations = await axe(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

beforeAll(async () => {
  browser = await launch();
  const lead = await openPage(browser);
  police = await openPage(browser);
  policeOnIvo = await openPage(browser);
  hv = await openPage(browser);
  await signInQuickly(lead.page, baseURL, ACCOUNTS.lead, password);
  await signInQuickly(police.page, baseURL, ACCOUNTS.police, password);
  await signInQuickly(policeOnIvo.page, baseURL, ACCOUNTS.police, password);
  await signInQuickly(hv.page, baseURL, ACCOUNTS.hv, password);
  const made = await lead.page.evaluate(async () => {
    const post = async (path: string, body: unknown) => (await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).json();
    const a = await post('/api/chronologies', { child: { givenName: 'Hana', familyName: 'Eventsby', dateOfBirth: '2019-03-03' }, memberAgencies: ['thames-valley-police', 'oxford-health-hv'] });
    const b = await post('/api/chronologies', { child: { givenName: 'Ivo', familyName: 'Eventsby', dateOfBirth: '2021-06-06' }, memberAgencies: ['thames-valley-police'] });
    await post('/api/households', { chronologyIds: [a.id, b.id], name: 'Eventsby household' });
    return { hana: a.id as string, ivo: b.id as string };
  });
  hana = made.hana;
  ivo = made.ivo;
});

afterAll(async () => {
  await browser?.close();
});

describe('household events in the browser', () => {
  it('the police record a call-out once for both children, from the household panel; both timelines mark it, live', async () => {
    await policeOnIvo.page.goto(`${baseURL}/chronologies/${ivo}`);
    await waitForSaved(policeOnIvo.page);
    const page = police.page;
    await page.goto(`${baseURL}/chronologies/${hana}`);
    await waitForSaved(page);
    const panel = page.locator('mac-household-panel');
    await panel.locator('tr[data-sibling]').waitFor();
    const form = panel.locator('mac-household-event-form');
    await form.getByText('Record an event for the whole household').click();
    // Both children are chosen at first; none chosen is refused by the field.
    await form.getByLabel('Hana Eventsby').uncheck();
    await form.getByLabel('Ivo Eventsby').uncheck();
    const entryForm = form.locator('mac-entry-form');
    await entryForm.getByLabel('Date of the event').fill('20/11/2026');
    await entryForm.getByLabel('Category', { exact: true }).selectOption('domestic-abuse-incident');
    await entryForm.getByLabel('Summary', { exact: true }).fill(SUMMARY);
    await entryForm.getByRole('button', { name: 'Record for the household' }).click();
    await form.locator('[data-household-event-errors]').getByRole('link', { name: 'Select at least one child the event is about' }).waitFor();
    await expectAccessible(page);

    await form.getByLabel('Hana Eventsby').check();
    await form.getByLabel('Ivo Eventsby').check();
    await entryForm.getByRole('button', { name: 'Record for the household' }).click();
    const done = form.locator('[data-household-event-done]');
    await done.waitFor();
    expect(await done.textContent()).toContain('recorded on the chronologies of Hana Eventsby and Ivo Eventsby');
    await expectAccessible(page);

    // Hana's timeline and table: a house on the mark, words for screen readers, a tag in the table.
    const row = page.locator('mac-entry-table tr.row', { hasText: SUMMARY });
    await row.waitFor();
    expect(await row.locator('[data-household-tag]').textContent()).toBe('Household event');
    const mark = page.locator('mac-timeline button.mark', { has: page.locator('[data-household-event]') });
    await mark.first().waitFor({ state: 'attached' });
    expect(await mark.first().locator('.visually-hidden').textContent()).toContain('household event');
    // Ivo's open page: the copy arrives over the websocket, marked the same way.
    const ivoRow = policeOnIvo.page.locator('mac-entry-table tr.row', { hasText: SUMMARY });
    await ivoRow.waitFor();
    expect(await ivoRow.locator('[data-household-tag]').count()).toBe(1);
    await screenshot(page, 'household-event-recorded');
    expect(unexpected(police.problems)).toEqual([]);
    expect(unexpected(policeOnIvo.problems)).toEqual([]);
  });

  it('the details link to the copy on the other child’s chronology, for a reader who may open it', async () => {
    const page = police.page;
    await page.locator('mac-entry-table tr.row', { hasText: SUMMARY }).locator('button.summary').click();
    const copies = page.locator('mac-household-copies');
    const link = copies.getByRole('link', { name: 'The same event on Ivo Eventsby’s chronology' });
    await link.waitFor();
    await expectAccessible(page);
    await link.click();
    await page.waitForURL(new RegExp(`/chronologies/${ivo}\\?entry=`));
    await page.locator('mac-entry-details').getByText(SUMMARY).first().waitFor();
    await page.locator('mac-household-copies').getByRole('link', { name: 'The same event on Hana Eventsby’s chronology' }).waitFor();
    expect(unexpected(police.problems)).toEqual([]);
  });

  it('Hana’s health visitor sees the event marked on Hana’s timeline, and no link to Ivo’s chronology', async () => {
    const page = hv.page;
    await page.goto(`${baseURL}/chronologies/${hana}`);
    await waitForSaved(page);
    await page.locator('mac-entry-table tr.row', { hasText: SUMMARY }).locator('button.summary').click();
    const copies = page.locator('mac-household-copies');
    await copies.locator('[data-no-copies]').waitFor();
    expect(await copies.getByRole('link').count()).toBe(0);
    expect(await copies.textContent()).not.toContain('Ivo');
    await expectAccessible(page);
    expect(unexpected(hv.problems)).toEqual([]);
  });
});
