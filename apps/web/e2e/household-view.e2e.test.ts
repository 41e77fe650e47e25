// The household view (issue 14 item 5) on the demo's Turner household: Kai (2018) and his half-brother Leo
// (2025). The lead, who may open both, sees both timelines one above another on one time axis: zooming
// one zooms the other, unless they are told to move apart. Leo's health visitor, a member of Leo's
// chronology only, sees Kai's name, age and lead and a plain sentence that she cannot open his chronology,
// and her browser asks nothing about Kai's chronology. Keyboard and axe throughout.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axe, describeViolations, focused, launch, openPage, screenshot, unexpected } from './support/browser.js';
import { ACCOUNTS, chronologyIdOf, signInQuickly, waitForSaved } from './support/app.js';
import './support/provided.js';

const baseURL = inject('baseURL');
const password = inject('password');

let browser: Browser;

async function expectAccessible(page: Page) {
  const violations = await axe(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

const PAGE = 'mac-app mac-household-page';
const rangeOf = (page: Page, child: string) => page.locator(`${PAGE} section[data-child]`, { hasText: child }).locator('mac-timeline [data-range]').textContent();

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('the household view', () => {
  it('shows the lead both children’s timelines on one time axis, moving together by keyboard, apart when asked', async () => {
    const { page, problems, context } = await openPage(browser);
    await signInQuickly(page, baseURL, ACCOUNTS.lead, password);
    const leo = await chronologyIdOf(page, 'Leo');
    await page.goto(`${baseURL}/chronologies/${leo}`);
    await waitForSaved(page);
    // From the household panel of Leo's chronology.
    await page.locator('mac-household-panel').getByRole('link', { name: /See the household/ }).click();
    await page.getByRole('heading', { name: 'Turner household', level: 1 }).waitFor();
    expect(await page.title()).toBe('Turner household – MAC');
    const sections = page.locator(`${PAGE} section[data-child]`);
    expect(await sections.count()).toBe(2);
    // Oldest first, each headed with name, age and lead.
    const kai = sections.nth(0);
    const leoSection = sections.nth(1);
    expect(await kai.getByRole('heading', { level: 2 }).textContent()).toBe('Kai Turner');
    expect(await leoSection.getByRole('heading', { level: 2 }).textContent()).toBe('Leo Turner');
    expect(await kai.locator('.child-facts').textContent()).toMatch(/2 Apr 2018 \(\d+ years\)/);
    expect(await kai.locator('.child-facts').textContent()).toContain('Priya Shah');
    await kai.locator('mac-timeline .mark').first().waitFor();
    await leoSection.locator('mac-timeline .mark').first().waitFor();
    expect(await kai.getByRole('heading', { name: 'Kai Turner’s timeline', level: 3 }).count()).toBe(1);

    // One axis: both show the same days, whoever's entries run longer.
    await expect.poll(async () => (await rangeOf(page, 'Kai Turner')) === (await rangeOf(page, 'Leo Turner'))).toBe(true);
    const shared = await rangeOf(page, 'Kai Turner');
    // The same day is at the same place: the plots are as wide as each other.
    const widths = await page.locator(`${PAGE} mac-timeline .axis-track`).evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().width)));
    expect(new Set(widths).size).toBe(1);

    // Zoom Kai's timeline from the keyboard: Leo's follows.
    await kai.locator('mac-timeline .plot').focus();
    await page.keyboard.press('+');
    await expect.poll(() => rangeOf(page, 'Kai Turner')).not.toBe(shared);
    const zoomed = await rangeOf(page, 'Kai Turner');
    await expect.poll(() => rangeOf(page, 'Leo Turner')).toBe(zoomed);
    await expectAccessible(page);
    await screenshot(page, 'household-view-lead', { fullPage: true });

    // Back to every child's entries, then apart: zooming Leo's leaves Kai's where it was.
    await page.getByRole('button', { name: 'Show every child’s entries' }).click();
    await expect.poll(() => rangeOf(page, 'Leo Turner')).toBe(shared);
    await page.getByLabel(/Move the timelines together/).uncheck();
    await leoSection.getByRole('button', { name: 'Zoom in', exact: true }).click();
    await expect.poll(() => rangeOf(page, 'Leo Turner')).not.toBe(shared);
    expect(await rangeOf(page, 'Kai Turner')).toBe(shared);

    // An entry opens under its child's timeline, read-only here; closing it returns to the timeline.
    await kai.locator('mac-timeline .mark').first().click();
    const details = kai.locator('mac-entry-details');
    await details.locator('[data-read-only]').waitFor();
    expect(await details.locator('[data-read-only]').textContent()).toContain('open it in Kai Turner’s chronology');
    await expectAccessible(page);
    await details.getByRole('button', { name: 'Close entry' }).click();
    await expect.poll(async () => (await focused(page)).tag).toBe('div');
    expect(await details.count()).toBe(0);

    // The table is the text alternative, reached from the timeline's own link.
    await kai.getByRole('button', { name: 'View these entries as a table' }).click();
    await kai.locator('mac-entry-table tr[data-id]').first().waitFor();
    await expectAccessible(page);
    expect(unexpected(problems)).toEqual([]);
    await context.close();
  });

  it('shows Leo’s health visitor Kai’s name, age and lead, says she cannot open his chronology, and asks nothing about it', async () => {
    const { page, problems, context } = await openPage(browser);
    await signInQuickly(page, baseURL, ACCOUNTS.hv, password);
    const leo = await chronologyIdOf(page, 'Leo');
    const householdId = await page.evaluate(async (id) => ((await (await fetch(`/api/chronologies/${id}/household`)).json()) as { household: { id: string } }).household.id, leo);
    const asked: string[] = [];
    page.on('request', (r) => {
      const m = /\/api\/chronologies\/([0-9a-f-]{36})/.exec(r.url());
      if (m) asked.push(m[1]!);
    });
    const sockets: string[] = [];
    page.on('websocket', (ws) => sockets.push(ws.url()));
    await page.goto(`${baseURL}/households/${householdId}`);
    await page.getByRole('heading', { name: 'Turner household', level: 1 }).waitFor();
    const sections = page.locator(`${PAGE} section[data-child]`);
    const kai = sections.nth(0);
    const leoSection = sections.nth(1);
    await leoSection.locator('mac-timeline .mark').first().waitFor();
    expect(await kai.getByRole('heading', { level: 2 }).textContent()).toBe('Kai Turner');
    expect(await kai.locator('.child-facts').textContent()).toContain('Priya Shah');
    expect(await kai.locator('[data-cannot-open]').textContent()).toContain('You cannot open Kai Turner’s chronology');
    // Nothing of Kai's: no timeline, no link, no table.
    expect(await kai.locator('mac-timeline, mac-entry-table, a').count()).toBe(0);
    expect(await page.locator(PAGE).getByText('You may open one of their chronologies').count()).toBe(1);
    // One child to open: nothing to move together.
    expect(await page.getByLabel(/Move the timelines together/).count()).toBe(0);
    // Her browser asked only about Leo's chronology, and opened no live document.
    expect(asked.length).toBeGreaterThan(0);
    expect(new Set(asked)).toEqual(new Set([leo]));
    expect(sockets).toEqual([]);
    // Leo's timeline works by keyboard: Tab reaches it, + zooms.
    const before = await rangeOf(page, 'Leo Turner');
    await leoSection.locator('mac-timeline .plot').focus();
    await page.keyboard.press('+');
    await expect.poll(() => rangeOf(page, 'Leo Turner')).not.toBe(before);
    await expectAccessible(page);
    await screenshot(page, 'household-view-hv', { fullPage: true });
    expect(unexpected(problems)).toEqual([]);
    await context.close();
  });

  it('answers someone who may open no child with “not available”, as for a household that does not exist', async () => {
    const { page, problems, context } = await openPage(browser);
    await signInQuickly(page, baseURL, ACCOUNTS.outsider, password, '/households/00000000-0000-4000-8000-000000000000');
    await page.getByRole('heading', { name: 'Household not available', level: 1 }).waitFor();
    await expectAccessible(page);
    // The 404 is the answer the page expects; the browser logs it as a failed request.
    expect(unexpected(problems, [/404/])).toEqual([]);
    await context.close();
  });
});

describe('the household in a conference pack', () => {
  it('Leo’s health visitor includes the household: Kai’s name, age and lead, that she cannot open his chronology, and none of his entries', async () => {
    // Kai's entry ids, read by the lead (who may open his chronology): none may be in Leo's pack.
    const lead = await openPage(browser);
    await signInQuickly(lead.page, baseURL, ACCOUNTS.lead, password);
    const kaiId = await chronologyIdOf(lead.page, 'Kai');
    const kaiEntries = await lead.page.evaluate(async (id) => ((await (await fetch(`/api/chronologies/${id}/entries?limit=2000`)).json()) as { entries: Array<{ id: string }> }).entries.map((e) => e.id), kaiId);
    expect(kaiEntries.length).toBeGreaterThan(0);
    await lead.context.close();

    const { page, problems, context } = await openPage(browser);
    await signInQuickly(page, baseURL, ACCOUNTS.hv, password);
    const leo = await chronologyIdOf(page, 'Leo');
    await page.goto(`${baseURL}/chronologies/${leo}/pack`);
    const pack = page.locator('mac-pack-page');
    await pack.getByLabel('Professional version').check();
    await pack.getByLabel('Date of the conference').fill('10/12/2026');
    await pack.getByLabel('Include the household').check();
    await pack.getByRole('button', { name: 'Preview the pack' }).click();
    await pack.locator('[data-pack-preview="professional"]').waitFor();
    const siblings = pack.locator('[data-pack-siblings] tbody tr');
    expect(await siblings.count()).toBe(1);
    const kai = (await siblings.first().textContent()) ?? '';
    expect(kai).toContain('Kai Turner');
    expect(kai).toContain('2 Apr 2018 (8 years)');
    expect(kai).toContain('Priya Shah');
    expect(kai).toMatch(/No\s*$/);
    const ids = await pack.locator('[data-pack-rows] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-entry')));
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.filter((id) => kaiEntries.includes(id!))).toEqual([]);
    await expectAccessible(page);
    await screenshot(page, 'pack-household-hv', { fullPage: true });
    expect(unexpected(problems)).toEqual([]);
    await context.close();
  });
});
