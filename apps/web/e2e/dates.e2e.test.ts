// Natural dates: what people write ("around March 2023", "Sept 2022", "c. 2021") is accepted in the
// entry form, over the REST API and in a CSV import, and always stored in the exchange format's
// canonical form; "early 2021" is refused with a message saying what to write instead.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { axe, describeViolations, launch, openPage, textOf, unexpected, type Watched } from './support/browser.js';
import { ACCOUNTS, rowIdWithText, signInQuickly, waitForSaved } from './support/app.js';
import { seedChronology } from './support/seed.js';
import './support/provided.js';

const baseURL = inject('baseURL');
const password = inject('password');

let browser: Browser;
let lead: Watched;
let id: string;

interface StoredEntry {
  id: string;
  date: string;
  summary: string;
}

async function entries(): Promise<StoredEntry[]> {
  return lead.page.evaluate(async (chronologyId) => ((await (await fetch(`/api/chronologies/${chronologyId}/entries`)).json()) as { entries: StoredEntry[] }).entries, id);
}

beforeAll(async () => {
  browser = await launch();
  lead = await openPage(browser);
  await signInQuickly(lead.page, baseURL, ACCOUNTS.lead, password);
  id = await seedChronology(lead.page, 'Dara', 0);
  await lead.page.goto(`${baseURL}/chronologies/${id}`);
  await waitForSaved(lead.page);
});

afterAll(async () => {
  await browser?.close();
});

describe('natural dates', () => {
  it('says what it understood as the user types, and stores the canonical form', async () => {
    const page = lead.page;
    await page.getByRole('button', { name: 'Add an entry' }).click();
    const form = page.locator('mac-entry-form');
    const date = form.getByLabel('Date of the event');
    await date.fill('around March 2023');
    const understood = form.locator('#date-understood');
    await expect.poll(() => understood.textContent()).toContain('We read this as: around March 2023 (approximate month)');

    await date.fill('late 2021');
    await expect.poll(() => understood.textContent()).toContain('does not say which months');
    await form.getByLabel('Category', { exact: true }).selectOption('neglect-concern');
    await form.getByLabel('Summary', { exact: true }).fill('Home conditions poor, date from a later recollection');
    await form.getByRole('button', { name: 'Add entry' }).click();
    // Refused in the form, with the message linked from the error summary.
    await form.locator('[data-error-summary]').waitFor();
    expect(await textOf(form.locator('[data-error-summary]'))).toContain('does not say which months');
    const violations = await axe(page);
    expect(violations, describeViolations(violations)).toEqual([]);

    await date.fill('around March 2023');
    await form.getByRole('button', { name: 'Add entry' }).click();
    await rowIdWithText(page, 'Home conditions poor, date from a later recollection');
    const stored = (await entries()).find((e) => e.summary.startsWith('Home conditions poor'));
    expect(stored?.date).toBe('?2023-03');
    expect(await textOf(page.locator('mac-entry-table tr.row', { hasText: 'Home conditions poor' }))).toContain('c. Mar 2023');
  });

  it('accepts natural dates over the REST API and refuses a vague season with a clear 422', async () => {
    const post = (date: string) =>
      lead.page.evaluate(
        async ([chronologyId, d]) => {
          const res = await fetch(`/api/chronologies/${chronologyId}/entries`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ date: d, category: 'other', summary: `Posted with the date "${d}"` }),
          });
          return { status: res.status, body: (await res.json()) as { entry?: { date: string }; error?: { code: string; fields: Array<{ field: string; message: string }> } } };
        },
        [id, date] as const,
      );
    for (const [text, canonical] of [
      ['Sept 2022', '2022-09'],
      ['Mar 2023', '2023-03'],
      ['c. 2021', '?2021'],
      ['circa 2020', '?2020'],
      ['approximately 14/03/2021', '?2021-03-14'],
    ] as const) {
      const res = await post(text);
      expect(res.status, text).toBe(201);
      expect(res.body.entry?.date, text).toBe(canonical);
    }
    const before = (await entries()).length;
    const refused = await post('early 2021');
    expect(refused.status).toBe(422);
    expect(refused.body.error?.fields[0]).toMatchObject({ field: 'date' });
    expect(refused.body.error?.fields[0]?.message).toContain('does not say which months');
    expect((await entries()).length).toBe(before);
  });

  it('accepts natural dates in a CSV import', async () => {
    const csv = ['date,time,agency,category,summary', 'about March 2019,,oxfordshire-csc,other,Imported with about March 2019', 'Sept 2018,,oxfordshire-csc,other,Imported with Sept 2018'].join('\n');
    const status = await lead.page.evaluate(
      async ([chronologyId, body]) => (await fetch(`/api/chronologies/${chronologyId}/import?fileName=natural.csv`, { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body })).status,
      [id, csv] as const,
    );
    expect(status).toBe(200);
    const all = await entries();
    expect(all.find((e) => e.summary === 'Imported with about March 2019')?.date).toBe('?2019-03');
    expect(all.find((e) => e.summary === 'Imported with Sept 2018')?.date).toBe('2018-09');
    expect(unexpected(lead.problems, [/status of 422/, /status of 401/])).toEqual([]);
  });
});
