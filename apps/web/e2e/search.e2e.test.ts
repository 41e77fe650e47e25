// Search across the caseload (issue 15, item 6) in Chromium: the school's DSL searches for a word that a
// health visitor wrote in one child's chronology and the police wrote in a restricted entry there; the
// DSL finds the health visitor's entry only (child, date, agency, the word marked in the snippet), follows
// it to the entry in its chronology, and gets a clear message for a search of punctuation alone. axe clean.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axe, describeViolations, launch, openPage, screenshot, unexpected, type Watched } from './support/browser.js';
import { ACCOUNTS, signInQuickly } from './support/app.js';
import './support/provided.js';

const baseURL = inject('baseURL');
const password = inject('password');

let browser: Browser;
let dsl: Watched;
let hv: Watched;
let police: Watched;
const WORD = `trampoline${crypto.randomUUID().replace(/[^a-f]/g, '').slice(0, 6)}`;

async function expectAccessible(page: Page) {
  const violations = await axe(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

/** Adds an entry through the API as the page's user; returns its id. */
async function post(page: Page, chronologyId: string, body: Record<string, unknown>): Promise<string> {
  const res = await page.evaluate(
    async ([id, b]) => {
      const r = await fetch(`/api/chronologies/${id}/entries`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(b) });
      return { status: r.status, body: await r.json() };
    },
    [chronologyId, body] as const,
  );
  if (res.status !== 201) throw new Error(`entry not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.entry.id as string;
}

let chronologyId = '';
let childName = '';
let entryId = '';

beforeAll(async () => {
  browser = await launch();
  [dsl, hv, police] = await Promise.all([openPage(browser), openPage(browser), openPage(browser)]);
  await signInQuickly(dsl.page, baseURL, ACCOUNTS.dsl, password);
  await signInQuickly(hv.page, baseURL, ACCOUNTS.hv, password);
  await signInQuickly(police.page, baseURL, ACCOUNTS.police, password);
  // A chronology the school, health visiting and the police all belong to.
  const list = await dsl.page.evaluate(async () => (await (await fetch('/api/chronologies')).json()) as { chronologies: Array<{ id: string; memberAgencies: string[]; child: { givenName: string; familyName: string } }> });
  const shared = list.chronologies.find((c) => ['thames-valley-police', 'oxford-health-hv', 'northway-primary'].every((a) => c.memberAgencies.includes(a)))!;
  chronologyId = shared.id;
  childName = `${shared.child.givenName} ${shared.child.familyName}`;
  entryId = await post(hv.page, chronologyId, {
    date: '2024-06-03',
    category: 'health-assessment',
    summary: 'Health visitor home visit',
    detail: `Mother said the ${WORD} in the garden is where he plays after school; a bruise on his shin was explained by a fall.`,
  });
  await post(police.page, chronologyId, { date: '2024-06-04', category: 'police-attendance', summary: `Intelligence mentioning ${WORD}`, restricted: true });
});

afterAll(async () => {
  await browser?.close();
});

describe('search across the caseload', () => {
  it('finds the entries the DSL may see, marks the words, and leads to the entry in its chronology', async () => {
    const page = dsl.page;
    await page.goto(`${baseURL}/`);
    const search = page.locator('mac-caseload-search');
    await search.getByRole('search', { name: 'Entries in your caseload' }).waitFor();
    await search.getByLabel('Search what happened').fill(`${WORD} bruise`);
    await search.getByRole('button', { name: 'Search' }).click();
    const results = search.locator('[data-search-result]');
    await results.first().waitFor();
    // The police's restricted entry holds the word too: never shown to the school.
    expect(await results.count()).toBe(1);
    const result = results.first();
    expect(await result.getAttribute('data-entry-id')).toBe(entryId);
    const text = (await result.textContent()) ?? '';
    expect(text).toContain(childName);
    expect(text).toContain('Health visitor home visit');
    expect(text).toMatch(/3 Jun 2024|03\/06\/2024/);
    expect(text).not.toContain('Intelligence');
    const marked = await result.locator('mark').allTextContents();
    expect(marked.map((m) => m.toLowerCase())).toEqual(expect.arrayContaining([WORD, 'bruise']));
    expect(await search.locator('[data-search-status]').textContent()).toContain(`1 entry found for ‘${WORD} bruise’`);
    await expectAccessible(page);
    await screenshot(page, 'caseload-search-results');

    await result.getByRole('link', { name: 'Health visitor home visit' }).click();
    await page.waitForURL(`**/chronologies/${chronologyId}?entry=${entryId}`);
    await page.locator('mac-entry-panel', { hasText: 'Health visitor home visit' }).first().waitFor();
    expect(unexpected(dsl.problems)).toEqual([]);
  });

  it('says plainly when there is nothing to search for, and when nothing was found', async () => {
    const page = dsl.page;
    await page.goto(`${baseURL}/`);
    const search = page.locator('mac-caseload-search');
    const input = search.getByLabel('Search what happened');
    await input.fill('"*"');
    await search.getByRole('button', { name: 'Search' }).click();
    const error = search.locator('#entry-search-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('Enter a word to search for');
    expect(await input.getAttribute('aria-describedby')).toContain('entry-search-error');
    await expectAccessible(page);
    await input.fill(`AND( ${WORD}zzz`);
    await search.getByRole('button', { name: 'Search' }).click();
    await search.locator('[data-search-status]', { hasText: 'No entries found' }).waitFor();
    expect(await search.locator('#entry-search-error').count()).toBe(0);
    await expectAccessible(page);
    expect(unexpected(dsl.problems)).toEqual([]);
  });
});
