// Everything from the keyboard, with focus visible: the timeline (pan, zoom, step between
// entries, open one), the table (arrow keys, sort) and the entry form.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axe, describeViolations, launch, openPage, screenshot, type Watched } from './support/browser.js';
import { ACCOUNTS, chronologyIdOf, signIn, waitForSaved } from './support/app.js';
import './support/provided.js';

const baseURL = inject('baseURL');
const password = inject('password');

let browser: Browser;
let w: Watched;

/** What has focus, through the shadow roots. */
function focused(page: Page) {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    const h = el as HTMLElement | null;
    return {
      tag: h?.tagName.toLowerCase() ?? null,
      key: h?.dataset.key ?? null,
      index: h?.dataset.index ?? null,
      id: h?.id ?? null,
      text: (h?.textContent ?? '').trim().slice(0, 80),
      outline: h ? getComputedStyle(h).outlineStyle + ' ' + getComputedStyle(h).backgroundColor : null,
    };
  });
}

function range(page: Page) {
  return page.locator('mac-timeline [data-range]').textContent();
}

beforeAll(async () => {
  browser = await launch();
  w = await openPage(browser);
  await signIn(w.page, baseURL, ACCOUNTS.dsl, password);
  const id = await chronologyIdOf(w.page, 'Ruby');
  await w.page.goto(`${baseURL}/chronologies/${id}`);
  await waitForSaved(w.page);
});

afterAll(async () => {
  await browser?.close();
});

describe('keyboard', () => {
  it('reaches the main content first with the skip link', async () => {
    await w.page.keyboard.press('Tab');
    expect((await focused(w.page)).text).toBe('Skip to main content');
    await w.page.keyboard.press('Enter');
    expect((await focused(w.page)).id).toBe('main-content');
  });

  it('pans and zooms the timeline, steps between entries and opens one', async () => {
    const page = w.page;
    await page.locator('mac-timeline .plot').focus();
    const start = await range(page);
    await page.keyboard.press('+');
    await expect.poll(() => range(page)).not.toBe(start);
    const zoomed = await range(page);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => range(page)).not.toBe(zoomed);
    await page.keyboard.press('-');
    await page.keyboard.press('0');
    await expect.poll(() => range(page)).toBe(start);

    // Tab moves from the plot to the entries (one tab stop); arrows move between them.
    await page.keyboard.press('Tab');
    const first = await focused(page);
    expect(first.key).toBeTruthy();
    await page.keyboard.press('ArrowRight');
    const second = await focused(page);
    expect(second.key).toBeTruthy();
    expect(second.key).not.toBe(first.key);
    await page.keyboard.press('ArrowDown');
    expect((await focused(page)).key).toBeTruthy();
    await screenshot(page, 'keyboard-timeline-focus', { fullPage: false });

    const key = (await focused(page)).key!;
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await focused(page)).id).toBe('details-title');
    // Closing returns focus to the entry it was opened from.
    await page.locator('mac-entry-details').getByRole('button', { name: 'Close entry' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await focused(page)).key).toBe(key);
  });

  it('moves through the table with the arrow keys and sorts from the keyboard', async () => {
    const page = w.page;
    await page.locator('mac-entry-table button[data-index="0"]').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect((await focused(page)).index).toBe('2');
    await page.keyboard.press('End');
    const last = await focused(page);
    const total = Number(/Showing (\d+)/.exec((await page.locator('mac-filters [data-filter-count]').textContent()) ?? '')?.[1]);
    expect(Number(last.index)).toBe(total - 1);
    await page.keyboard.press('Home');
    expect((await focused(page)).index).toBe('0');
    await screenshot(page, 'keyboard-table-focus', { fullPage: false });

    const summaryHeader = page.locator('mac-entry-table th', { hasText: 'Summary' });
    await summaryHeader.getByRole('button').focus();
    await page.keyboard.press('Enter');
    expect(await summaryHeader.getAttribute('aria-sort')).toBe('ascending');
    await page.keyboard.press('Enter');
    expect(await summaryHeader.getAttribute('aria-sort')).toBe('descending');
    expect(await page.locator('mac-entry-table th', { hasText: 'Date' }).getAttribute('aria-sort')).toBe('none');
  });

  it('fills in and submits the entry form from the keyboard', async () => {
    const page = w.page;
    await page.getByRole('button', { name: 'Add an entry' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await focused(page)).id).toBe('form-title');
    await page.keyboard.press('Tab');
    expect((await focused(page)).id).toBe('date');
    await page.keyboard.type('14/05/2024');
    await page.keyboard.press('Tab'); // time
    await page.keyboard.press('Tab'); // category
    expect((await focused(page)).id).toBe('category');
    await page.locator('mac-entry-form #category').selectOption('school-absence');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Attendance fell to 82% this half-term (keyboard test)');
    await page.locator('mac-entry-form').getByRole('button', { name: 'Add entry' }).focus();
    await screenshot(page, 'keyboard-form-focus', { fullPage: false });
    await page.keyboard.press('Enter');
    await page.locator('mac-entry-details h2', { hasText: 'keyboard test' }).waitFor();
    await waitForSaved(page);
    const violations = await axe(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it('shows a pattern’s entries and window on the timeline and in the table', async () => {
    const page = w.page;
    await page.locator('mac-patterns [data-highlight]').first().waitFor({ timeout: 10_000 });
    const first = page.locator('mac-patterns [data-highlight]').first();
    const title = (await first.locator('h3, h4').textContent())!.replace(/\s+/g, ' ').trim();
    expect(await first.locator('[data-threshold]').count()).toBe(1);
    await first.getByRole('button', { name: /Show on the timeline/ }).focus();
    await page.keyboard.press('Enter');
    expect(await first.getByRole('button', { name: /Shown on the timeline/ }).getAttribute('aria-pressed')).toBe('true');
    await page.locator('mac-timeline .band').waitFor();
    await expect.poll(() => page.locator('mac-timeline .plot .mark--highlighted').count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('mac-entry-table tr.row--highlighted').count()).toBeGreaterThan(0);
    await page.locator('mac-timeline').scrollIntoViewIfNeeded();
    await screenshot(page, 'pattern-shown', { fullPage: false });
    const violations = await axe(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    console.log(`[e2e] pattern shown: ${title}`);
  });

  it('zooms with Ctrl + wheel, moves with Shift + wheel, and opens a cluster by clicking it', async () => {
    const page = w.page;
    await page.locator('mac-timeline').getByRole('button', { name: 'Show all', exact: true }).click();
    const box = (await page.locator('mac-timeline .plot').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.6, box.y + 40);
    const start = await range(page);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -400);
    await page.keyboard.up('Control');
    await expect.poll(() => range(page)).not.toBe(start);
    const zoomed = await range(page);
    await page.keyboard.down('Shift');
    await page.mouse.wheel(0, 300);
    await page.keyboard.up('Shift');
    await expect.poll(() => range(page)).not.toBe(zoomed);
    await page.locator('mac-timeline').getByRole('button', { name: 'Show all', exact: true }).click();
    const cluster = page.locator('mac-timeline .cluster').first();
    if ((await cluster.count()) > 0) {
      const before = await range(page);
      await cluster.click();
      await expect.poll(() => range(page)).not.toBe(before);
    }
    expect(w.problems.filter((p) => !/status of 401/.test(p))).toEqual([]);
  });
});
