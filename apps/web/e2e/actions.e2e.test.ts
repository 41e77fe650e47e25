// Actions (issue 15 item 3) in the browser, on a chronology of their own (so no other test's patterns or
// caseload change): the lead raises an action from the Actions section (an empty form answers with a GOV.UK
// error summary naming each field) and one from an entry's details; an action due before today is marked
// "Overdue" in words on the chronology and counted on the caseload; the health visitor, whose agency owns
// it, marks it done (the outcome is asked for first). axe stays clean in every state.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axe, describeViolations, launch, openPage, screenshot, unexpected, type Watched } from './support/browser.js';
import { ACCOUNTS, signInQuickly, waitForSaved } from './support/app.js';
import './support/provided.js';

const baseURL = inject('baseURL');
const password = inject('password');

let browser: Browser;
let lead: Watched;
let hv: Watched;
let chronologyId = '';
let entryId = '';

async function expectAccessible(page: Page) {
  const violations = await axe(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

beforeAll(async () => {
  browser = await launch();
  lead = await openPage(browser);
  hv = await openPage(browser);
  await signInQuickly(lead.page, baseURL, ACCOUNTS.lead, password);
  await signInQuickly(hv.page, baseURL, ACCOUNTS.hv, password);
  const made = await lead.page.evaluate(async () => {
    const post = async (path: string, body: unknown) => (await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).json();
    const c = await post('/api/chronologies', { child: { givenName: 'Tasha', familyName: 'Actionson', dateOfBirth: '2020-02-02' }, memberAgencies: ['oxford-health-hv'] });
    const e = await post(`/api/chronologies/${c.id}/entries`, { date: '2026-10-20', category: 'injury', summary: 'Bruise on the forearm seen at the visit' });
    return { chronologyId: c.id as string, entryId: e.entry.id as string };
  });
  chronologyId = made.chronologyId;
  entryId = made.entryId;
});

afterAll(async () => {
  await browser?.close();
});

describe('actions', () => {
  it('the lead raises actions from the Actions section and from an entry; an overdue one says so in words', async () => {
    const page = lead.page;
    await page.goto(`${baseURL}/chronologies/${chronologyId}`);
    await waitForSaved(page);
    const panel = page.locator('mac-actions-panel');
    await panel.getByRole('heading', { name: 'Actions' }).waitFor();
    await panel.locator('[data-no-actions]').waitFor();

    await panel.getByRole('button', { name: 'Raise an action' }).click();
    await panel.getByRole('button', { name: 'Raise the action' }).click();
    const errors = panel.locator('[data-action-errors]');
    await errors.getByRole('link', { name: 'Enter what is to be done' }).waitFor();
    await errors.getByRole('link', { name: 'Choose who owns the action' }).waitFor();
    expect(await errors.textContent()).toContain('due date');
    await expectAccessible(page);

    await panel.getByLabel('What is to be done').fill('Arrange a paediatric assessment of the bruise');
    await panel.getByLabel('Who owns it').selectOption({ label: 'Gemma Doyle' });
    await panel.getByLabel('Day').fill('3');
    await panel.getByLabel('Month').fill('11');
    await panel.getByLabel('Year').fill('2026');
    await panel.getByRole('button', { name: 'Raise the action' }).click();
    await panel.locator('[data-actions-done]', { hasText: 'Action raised' }).waitFor();
    const row = panel.locator('tr[data-action-row]', { hasText: 'Arrange a paediatric assessment' });
    await row.waitFor();
    expect(await row.locator('[data-standing]').textContent()).toMatch(/Overdue\s+Overdue by \d+ days/);
    expect(await row.textContent()).toContain('Gemma Doyle');
    // The patterns panel reads the actions too: the overdue one is a highlight with a plain sentence.
    await page.locator('mac-patterns').getByText(/An action due on 3 November 2026, owned by .+, is \d+ days overdue: “Arrange a paediatric assessment of the bruise”/).waitFor({ state: 'attached' });
    await expectAccessible(page);

    // From the entry's details: the form says what it is about, and the action links the entry.
    await page.locator(`mac-entry-table tr[data-id="${entryId}"] button.summary`).click();
    await page.getByRole('button', { name: 'Raise an action about this entry' }).click();
    await panel.locator('[data-action-from]', { hasText: 'Bruise on the forearm' }).waitFor();
    await expect.poll(() => panel.evaluate((el) => el.shadowRoot?.activeElement?.id ?? '')).toBe('action-title');
    await panel.getByLabel('What is to be done').fill('Share the body map with the GP');
    await panel.getByLabel('Who owns it').selectOption({ label: 'Priya Shah' });
    await panel.getByLabel('Day').fill('1');
    await panel.getByLabel('Month').fill('6');
    await panel.getByLabel('Year').fill('2099');
    await panel.getByRole('button', { name: 'Raise the action' }).click();
    const second = panel.locator('tr[data-action-row]', { hasText: 'Share the body map' });
    await second.waitFor();
    expect(await second.locator('[data-standing]').textContent()).toMatch(/^Due in \d{1,3}(,\d{3})* days$/); // counts in words group thousands: "26,476"
    const linked = await page.evaluate(async (id) => (await (await fetch(`/api/chronologies/${id}/actions`)).json()).actions.find((a: { title: string }) => a.title === 'Share the body map with the GP').entryIds, chronologyId);
    expect(linked).toEqual([entryId]);
    await expectAccessible(page);
    await screenshot(page, 'actions-lead');

    // The caseload counts the overdue one, in words.
    await page.goto(`${baseURL}/`);
    const cell = page.locator('table[data-caseload] tr', { hasText: 'Tasha Actionson' }).locator('[data-overdue-actions]');
    await cell.waitFor();
    expect((await cell.textContent())?.trim()).toBe('1 overdue');
    expect(unexpected(lead.problems)).toEqual([]);
  });

  it('the owner agency marks its action done, and is asked for the outcome first', async () => {
    const page = hv.page;
    await page.goto(`${baseURL}/chronologies/${chronologyId}`);
    await waitForSaved(page);
    const panel = page.locator('mac-actions-panel');
    const row = panel.locator('tr[data-action-row]', { hasText: 'Arrange a paediatric assessment' });
    await row.waitFor();
    // Health visiting owns the first action, not the second (the lead's agency owns that one).
    expect(await panel.locator('tr[data-action-row]', { hasText: 'Share the body map' }).getByRole('button').count()).toBe(0);
    await row.getByRole('button', { name: /Update/ }).click();
    await panel.getByLabel('Done', { exact: true }).check();
    await panel.getByRole('button', { name: 'Save' }).click();
    await panel.locator('[data-action-errors]').getByRole('link', { name: 'Enter the outcome: what was done' }).waitFor();
    await expectAccessible(page);
    await panel.getByLabel(/^Outcome/).fill('Seen by the paediatrician on 4 November');
    await panel.getByRole('button', { name: 'Save' }).click();
    await panel.locator('[data-actions-done]', { hasText: 'is now done' }).waitFor();
    expect((await row.locator('[data-standing]').textContent())?.trim()).toBe('Done');
    expect(await row.textContent()).toContain('Outcome: Seen by the paediatrician on 4 November');
    await expectAccessible(page);
    expect(unexpected(hv.problems)).toEqual([]);
  });
});
