// The child's voice in the browser (issue 15): a chronology nobody has heard the child in says so at
// the top of the page; the entry form records the child's words and whether they were seen alone (GOV.UK
// textarea and radios, axe clean), the server stores exactly that, the table and the details show it,
// "last heard from / last seen alone" per agency updates and opens the entry; an answer can be taken
// back; and a value outside the list is refused by the API naming the field, storing nothing.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axe, describeViolations, launch, openPage, textOf, type Watched } from './support/browser.js';
import { ACCOUNTS, PAGE_ELEMENT, rowIdWithText, signInQuickly, waitForSaved } from './support/app.js';
import { seedChronology } from './support/seed.js';
import './support/provided.js';

const baseURL = inject('baseURL');
const password = inject('password');

let browser: Browser;
let lead: Watched;
let id: string;

interface StoredEntry {
  id: string;
  summary: string;
  childsVoice: string;
  seenAlone: string;
}

async function entries(): Promise<StoredEntry[]> {
  return lead.page.evaluate(async (chronologyId) => ((await (await fetch(`/api/chronologies/${chronologyId}/entries`)).json()) as { entries: StoredEntry[] }).entries, id);
}

async function expectAccessible(page: Page) {
  const violations = await axe(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

/** Today in the partnership's time zone, as the form takes it (DD/MM/YYYY). */
function today(): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: '2-digit', month: '2-digit', year: 'numeric' }).formatToParts(new Date());
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${get('day')}/${get('month')}/${get('year')}`;
}

const voice = (page: Page) => page.locator(`${PAGE_ELEMENT} mac-childs-voice`);
const panel = (page: Page) => page.locator(`${PAGE_ELEMENT} .area-panel`);

beforeAll(async () => {
  browser = await launch();
  lead = await openPage(browser);
  await signInQuickly(lead.page, baseURL, ACCOUNTS.lead, password);
  id = await seedChronology(lead.page, 'Voicey', 0);
  await lead.page.goto(`${baseURL}/chronologies/${id}`);
  await waitForSaved(lead.page);
});

afterAll(async () => {
  await browser?.close();
});

describe("the child's voice", () => {
  it('says plainly when no agency has recorded the child’s words, and lists every member agency as not recorded', async () => {
    const page = lead.page;
    expect(await textOf(voice(page).locator('[data-voice-quiet]'))).toContain('No agency has recorded the child’s own words in this chronology.');
    await voice(page).getByText('Last heard from and last seen alone, by agency').click();
    const police = voice(page).locator('tr[data-agency="thames-valley-police"]');
    expect(await textOf(police)).toContain('Not recorded');
    expect(await voice(page).locator('tbody tr').count()).toBe(6);
    await expectAccessible(page);
  });

  it('records the child’s words and “seen alone” from the form, shows them, and updates “last heard from”', async () => {
    const page = lead.page;
    await page.getByRole('button', { name: 'Add an entry' }).click();
    const form = page.locator('mac-entry-form');
    await form.getByLabel('Date of the event').fill(today());
    await form.getByLabel('Category', { exact: true }).selectOption('other');
    await form.getByLabel('Summary', { exact: true }).fill('Home visit: spoke with Voicey in her room');
    // "Not recorded" is chosen until the practitioner answers.
    expect(await form.getByLabel('Not recorded').isChecked()).toBe(true);
    await form.getByLabel('The child’s voice (optional)').fill('“I don’t like it when they shout. I go under my bed.”');
    await form.getByLabel('Yes', { exact: true }).check();
    await expectAccessible(page);
    await form.getByRole('button', { name: 'Add entry' }).click();

    const entryId = await rowIdWithText(page, 'Home visit: spoke with Voicey in her room');
    await expect.poll(async () => (await entries()).find((e) => e.id === entryId)).toMatchObject({
      childsVoice: '“I don’t like it when they shout. I go under my bed.”',
      seenAlone: 'yes',
    });
    // The table shows the words and the answer; the details show both as rows.
    const row = page.locator(`mac-entry-table tr[data-id="${entryId}"]`);
    expect(await textOf(row)).toContain('I go under my bed');
    expect(await textOf(row.locator('[data-seen-alone="yes"]'))).toBe('Seen alone: Yes');
    const details = panel(page).locator('mac-entry-details');
    await details.waitFor();
    expect(await textOf(details)).toContain('The child’s voice');
    expect(await textOf(details)).toContain('Seen alone');

    // The warning has gone; the agency's row names the day and opens the entry.
    await voice(page).locator('[data-voice-latest]').waitFor();
    expect(await voice(page).locator('[data-voice-quiet]').count()).toBe(0);
    expect(await textOf(voice(page).locator('[data-voice-latest]'))).toMatch(/by Oxfordshire Children's Social Care \(\s*today\s*\)/);
    const csc = voice(page).locator('tr[data-agency="oxfordshire-csc"]');
    expect(await textOf(csc.locator('td').nth(0))).toContain('today');
    expect(await textOf(csc.locator('td').nth(1))).toContain('today');
    await page.keyboard.press('Escape');
    await expect.poll(() => panel(page).count(), { timeout: 10_000 }).toBe(0);
    await csc.locator(`button[data-entry="${entryId}"]`).first().click();
    await panel(page).locator(`mac-entry-details [data-entry-details="${entryId}"]`).waitFor();
    await expectAccessible(page);
  });

  it('takes an answer back by amending to “Not recorded”, keeping the words', async () => {
    const page = lead.page;
    const entryId = await rowIdWithText(page, 'Home visit: spoke with Voicey in her room');
    await page.locator(`mac-entry-table tr[data-id="${entryId}"] button.summary`).click();
    await panel(page).locator('mac-entry-details [data-action="amend"]').click();
    const form = page.locator('mac-entry-form');
    expect(await form.getByLabel('Yes', { exact: true }).isChecked()).toBe(true);
    expect(await form.getByLabel('The child’s voice (optional)').inputValue()).toContain('I go under my bed');
    await form.getByLabel('Not recorded').check();
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(async () => (await entries()).find((e) => e.id === entryId)?.seenAlone).toBe('');
    expect((await entries()).find((e) => e.id === entryId)?.childsVoice).toContain('I go under my bed');
    await waitForSaved(page);
    const csc = voice(page).locator('tr[data-agency="oxfordshire-csc"]');
    await expect.poll(() => textOf(csc.locator('td').nth(1))).toContain('Not recorded');
  });

  it('shows the professional pack preview the child’s words and when each agency last heard from the child, axe clean', async () => {
    const page = lead.page;
    await page.goto(`${baseURL}/chronologies/${id}`);
    await waitForSaved(page);
    await page.getByRole('link', { name: 'Prepare a conference pack' }).click();
    const pack = page.locator('mac-pack-page');
    await pack.getByRole('heading', { name: 'Prepare a conference pack' }).waitFor();
    await pack.getByLabel('Professional version').check();
    await pack.getByLabel('Date of the conference').fill(today());
    await pack.getByRole('button', { name: 'Preview the pack' }).click();
    await pack.locator('[data-pack-preview="professional"]').waitFor();
    expect(await textOf(pack.locator('[data-pack-rows]'))).toContain('I go under my bed');
    const table = pack.locator('[data-pack-voice]');
    expect(await textOf(table)).toContain("Oxfordshire Children's Social Care");
    expect(await textOf(table)).toContain('on the day of the conference');
    expect(await pack.locator('[data-pack-voice-quiet]').count()).toBe(0);
    await expectAccessible(page);
  });

  it('refuses a “seen alone” outside the list through the API, naming the field, and stores nothing', async () => {
    const before = (await entries()).length;
    const res = await lead.page.evaluate(
      async (chronologyId) => {
        const r = await fetch(`/api/chronologies/${chronologyId}/entries`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ date: '2024-01-01', category: 'other', summary: 'Bad seen alone', seenAlone: 'sometimes' }),
        });
        return { status: r.status, body: (await r.json()) as { error: { fields: { field: string }[] } } };
      },
      id,
    );
    expect(res.status).toBe(422);
    expect(res.body.error.fields.map((f) => f.field)).toEqual(['seenAlone']);
    expect((await entries()).length).toBe(before);
    expect(lead.problems.filter((p) => !/422/.test(p))).toEqual([]);
  });
});
