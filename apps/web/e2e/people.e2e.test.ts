// The people around the child (issue 14 item 3) on the demo's Leo and Kai, as the lead: adding a person
// (the refusal of an empty form shown by its fields), flagging them with a reason (who and when shown),
// naming them on a new entry with the form's checkboxes (the details list them), and merging a second
// record of the same person on Kai's chronology after the confirm step. axe stays clean throughout.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axe, describeViolations, launch, openPage, screenshot, unexpected, type Watched } from './support/browser.js';
import { ACCOUNTS, chronologyIdOf, rowIdWithText, signInQuickly, waitForSaved } from './support/app.js';
import './support/provided.js';

const baseURL = inject('baseURL');
const password = inject('password');

let browser: Browser;
let lead: Watched;
const NAME = 'Morgan Testwood';

async function expectAccessible(page: Page) {
  const violations = await axe(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

const panelOf = (page: Page) => page.locator('mac-people-panel');
const today = () => new Date().toLocaleDateString('en-GB', { timeZone: 'Europe/London' });

async function openChronology(page: Page, givenName: string) {
  const id = await chronologyIdOf(page, givenName);
  await page.goto(`${baseURL}/chronologies/${id}`);
  await waitForSaved(page);
  await panelOf(page).getByRole('heading', { name: 'People around the child' }).waitFor();
  await panelOf(page).locator('[data-people-panel] [role="status"]', { hasText: 'Loading' }).waitFor({ state: 'detached' });
}

async function addPerson(page: Page, relationship: string) {
  const panel = panelOf(page);
  await panel.getByRole('button', { name: 'Add a person around the child' }).click();
  await panel.getByLabel('Given name').fill('Morgan');
  await panel.getByLabel('Family name').fill('Testwood');
  await panel.getByLabel('Date of birth (optional)').fill('14/03/1988');
  await panel.getByLabel('Relationship to this child').selectOption({ label: relationship });
  await panel.getByRole('button', { name: 'Add this person' }).click();
  await panel.locator('[data-people-done]', { hasText: `${NAME} has been added.` }).waitFor();
}

beforeAll(async () => {
  browser = await launch();
  lead = await openPage(browser);
  await signInQuickly(lead.page, baseURL, ACCOUNTS.lead, password);
});

afterAll(async () => {
  await browser?.close();
});

describe('the people around the child', () => {
  it('adds a person (an empty form is refused field by field) and flags them with a reason', async () => {
    const page = lead.page;
    await openChronology(page, 'Leo');
    const panel = panelOf(page);
    await panel.getByRole('button', { name: 'Add a person around the child' }).click();
    await panel.getByRole('button', { name: 'Add this person' }).click();
    const errors = panel.locator('[data-people-errors]');
    await errors.getByRole('link', { name: /Given name/ }).waitFor();
    expect(await errors.getByRole('link', { name: /Family name/ }).count()).toBe(1);
    await expectAccessible(page);
    await panel.getByRole('button', { name: 'Cancel' }).click();

    await addPerson(page, 'Mother’s partner');
    const card = panel.locator('[data-person]', { has: page.getByRole('heading', { name: NAME }) });
    expect(await card.textContent()).toContain('Mother’s partner');
    expect(await card.textContent()).toMatch(/14\/03\/1988|14 Mar 1988/);

    await card.getByRole('button', { name: `Add a flag on ${NAME}` }).click();
    await card.getByLabel('What the flag is about').selectOption({ label: 'Poses a risk to children' });
    await card.getByLabel('Reason').fill('Breach of restraining order');
    await card.getByLabel('All professionals who may see this person').check();
    await expectAccessible(page);
    await card.getByRole('button', { name: 'Add the flag' }).click();
    await panel.locator('[data-people-done]', { hasText: `${NAME} has been flagged.` }).waitFor();
    const flag = panel.locator('[data-person]', { has: page.getByRole('heading', { name: NAME }) }).locator('[data-flag="poses-risk-to-children"]');
    const text = (await flag.textContent()) ?? '';
    expect(text).toContain('Poses a risk to children');
    expect(text).toContain('Breach of restraining order');
    expect(text).toMatch(/Set by .+, Oxfordshire Children's Social Care, on /);
    await expectAccessible(page);
    await screenshot(page, 'people-panel-lead');
  });

  it('names the person on a new entry with the form’s checkboxes; the entry’s details list them', async () => {
    const page = lead.page;
    await page.getByRole('button', { name: 'Add an entry' }).click();
    const form = page.locator('mac-entry-panel mac-entry-form');
    await form.getByLabel('Date of the event').fill(today());
    await form.getByLabel('Category', { exact: true }).selectOption('other');
    await form.getByLabel('Summary', { exact: true }).fill('Morgan Testwood seen at the home');
    await form.getByRole('group', { name: 'People involved (optional)' }).waitFor();
    await form.getByLabel(`${NAME}, mother’s partner`).check();
    await expectAccessible(page);
    await form.getByRole('button', { name: 'Add entry' }).click();
    const entryId = await rowIdWithText(page, 'Morgan Testwood seen at the home');
    const details = page.locator(`mac-entry-details [data-entry-details="${entryId}"]`);
    await details.waitFor();
    await expect.poll(async () => (await details.locator('[data-entry-people]').textContent()) ?? '').toContain(`${NAME} (mother’s partner)`);
    await expectAccessible(page);
  });

  it('suggests the record added on Kai’s chronology as the same person, and merges it only after the confirm step', async () => {
    const page = lead.page;
    await openChronology(page, 'Kai');
    await addPerson(page, 'Mother’s partner');
    await openChronology(page, 'Leo');
    const panel = panelOf(page);
    const suggestion = panel.locator('[data-merge-suggestion]', { hasText: NAME });
    await suggestion.waitFor();
    const ask = suggestion.getByRole('button', { name: /^Merge these records/ });
    expect(await ask.textContent()).toContain(`${NAME} and ${NAME}`);
    await ask.click();
    await suggestion.locator('[data-merge-confirm]').waitFor();
    await expectAccessible(page);
    // Nothing merged yet: the confirm step can be left.
    await suggestion.getByRole('button', { name: 'Cancel' }).click();
    await suggestion.getByRole('button', { name: /Merge these records/ }).click();
    await suggestion.getByRole('button', { name: 'Confirm merge' }).click();
    await panel.locator('[data-people-done]', { hasText: 'The records have been merged.' }).waitFor();
    await expect.poll(() => panel.locator('[data-merge-suggestion]', { hasText: NAME }).count()).toBe(0);
    // One person, with both children's relationships, still flagged.
    await openChronology(page, 'Kai');
    const cards = panelOf(page).locator('[data-person]', { has: page.getByRole('heading', { name: NAME }) });
    await expect.poll(() => cards.count()).toBe(1);
    expect(await cards.locator('[data-flag="poses-risk-to-children"]').count()).toBe(1);
    await expectAccessible(page);
    expect(unexpected(lead.problems)).toEqual([]);
  });
});
