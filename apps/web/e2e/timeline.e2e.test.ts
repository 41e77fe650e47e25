// The timeline on a 1280×800 laptop: it is in the first screenful (the filters fold to one line), each
// lane has a density strip so a busy year looks busy at year zoom, the last year label is whole, and
// moving later stops at the entries instead of running on into empty future years.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { axe, describeViolations, launch, openPage, screenshot, screenshotOf } from './support/browser.js';
import { ACCOUNTS, PAGE_ELEMENT, signInQuickly, waitForSaved } from './support/app.js';
import { seedChronology } from './support/seed.js';
import './support/provided.js';

const baseURL = inject('baseURL');
const password = inject('password');

let browser: Browser;
let chronologyId: string;
beforeAll(async () => {
  browser = await launch();
  const { page, context } = await openPage(browser);
  await signInQuickly(page, baseURL, ACCOUNTS.lead, password);
  chronologyId = await seedChronology(page, 'Timelina', 100);
  // A bad year for children's social care: twenty concerns in March 2021.
  const statuses = await page.evaluate(async (id) => {
    const out: number[] = [];
    for (let i = 1; i <= 20; i++) {
      const res = await fetch(`/api/chronologies/${id}/entries`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ date: `2021-03-${String(i).padStart(2, '0')}`, category: 'neglect-concern', summary: `Neglect concern ${i} in March 2021` }),
      });
      out.push(res.status);
    }
    return out;
  }, chronologyId);
  expect(statuses.every((s) => s === 201)).toBe(true);
  await context.close();
});
afterAll(async () => {
  await browser?.close();
});

const DAY_MS = 86_400_000;
const epochDay = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;

describe('the timeline at 1280×800', () => {
  it('is in the first screenful, with a density strip per lane that shows the busy month at year zoom', async () => {
    const { page, context, problems } = await openPage(browser, { viewport: { width: 1280, height: 800 } });
    await signInQuickly(page, baseURL, ACCOUNTS.lead, password, `/chronologies/${chronologyId}`);
    await waitForSaved(page);
    const timeline = page.locator(`${PAGE_ELEMENT} mac-timeline`);
    await timeline.locator('[data-lane]').first().waitFor();
    expect(await timeline.locator('[data-range]').textContent()).toContain('zoom: years');

    // In view without scrolling: the plot starts in the upper part of the window and its first lanes are whole.
    const plot = await timeline.locator('.plot').evaluate((el) => el.getBoundingClientRect().top);
    const firstLane = await timeline.locator('[data-lane]').first().evaluate((el) => el.getBoundingClientRect().bottom);
    const firstLabel = await timeline.locator('.lane-label').first().evaluate((el) => el.getBoundingClientRect().bottom);
    console.log(`[timeline] plot top ${plot} px, first lane bottom ${firstLane} px in a 1280×800 window`);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    // Measured before: the plot began at 676 px, under a filter box, its lanes out of sight.
    expect(plot).toBeLessThan(620);
    expect(firstLabel).toBeLessThanOrEqual(800);
    await screenshot(page, 'timeline-year-zoom-1280', { fullPage: false });

    // The CSC lane: March 2021 is the darkest bin and the lane's name says so.
    const csc = timeline.locator('[data-lane="oxfordshire-csc"]');
    expect(await csc.locator('[data-density]').getAttribute('data-density')).toBe('month');
    const bins = await csc.locator('[data-density] span').evaluateAll((spans) => spans.map((s) => ({ level: s.className, count: Number((s as HTMLElement).dataset.count) })));
    const busiest = bins.reduce((a, b) => (b.count > a.count ? b : a));
    expect(busiest.count).toBeGreaterThanOrEqual(20);
    expect(busiest.level).toBe('d4');
    expect(bins.filter((b) => b.level === 'd4')).toHaveLength(1);
    expect(await csc.getAttribute('aria-label')).toMatch(/busiest month in view: Mar 2021, 2\d entries/);
    // A quiet lane shows its few entries in the lightest shades.
    const police = await timeline.locator('[data-lane="thames-valley-police"] [data-density] span').evaluateAll((spans) => spans.map((s) => s.className));
    expect(police.length).toBeGreaterThan(0);
    expect(police.every((c) => c === 'd1' || c === 'd2')).toBe(true);

    // The last year label is drawn whole, inside the axis.
    const labels = await timeline.locator('.axis-track').evaluate((track) => {
      const edge = track.getBoundingClientRect();
      return [...track.querySelectorAll('.tick')].map((t) => {
        const r = t.getBoundingClientRect();
        return { text: t.textContent, left: r.left - edge.left, right: r.right - edge.left, width: edge.width };
      });
    });
    for (const l of labels) {
      expect(l.left, `${l.text}`).toBeGreaterThanOrEqual(-0.5);
      expect(l.right, `${l.text}`).toBeLessThanOrEqual(l.width + 0.5);
    }

    const violations = await axe(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await screenshotOf(timeline, 'timeline-year-zoom-element');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('stops moving later at the entries: no panning into empty future years', async () => {
    const { page, context, problems } = await openPage(browser, { viewport: { width: 1280, height: 800 } });
    await signInQuickly(page, baseURL, ACCOUNTS.lead, password, `/chronologies/${chronologyId}`);
    await waitForSaved(page);
    const timeline = page.locator(`${PAGE_ELEMENT} mac-timeline`);
    await timeline.locator('[data-lane]').first().waitFor();
    await timeline.getByRole('button', { name: 'Zoom in', exact: true }).click();
    await timeline.getByRole('button', { name: 'Zoom in', exact: true }).click();
    const later = timeline.getByRole('button', { name: 'Later', exact: true });
    for (let i = 0; i < 30; i++) await later.click();
    const range = await timeline.evaluate((el) => (el as unknown as { currentRange(): { from: number; to: number } }).currentRange());
    // The seeded entries end in 2024; today may add a year. Never 2030-something.
    expect(range.to).toBeLessThan(epochDay('2026-07-01'));
    expect(range.to).toBeGreaterThan(epochDay('2024-06-01'));
    for (let i = 0; i < 40; i++) await timeline.getByRole('button', { name: 'Earlier', exact: true }).click();
    const back = await timeline.evaluate((el) => (el as unknown as { currentRange(): { from: number; to: number } }).currentRange());
    expect(back.from).toBeGreaterThan(epochDay('2016-06-01'));
    expect(problems).toEqual([]);
    await context.close();
  });
});
