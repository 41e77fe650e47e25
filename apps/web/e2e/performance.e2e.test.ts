// A 5,000-entry chronology (made through the CSV import, as an agency system would) must show its
// first view quickly. The figure is logged and written to .artifacts/performance.json rather than
// asserted: timings on a shared test machine vary; the target is under 1 s (issue 17). The measurement
// that counts is `pnpm bench:first-view`, against a 50-entry chronology in the same run.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, launch, openPage, screenshot } from './support/browser.js';
import { ACCOUNTS, signIn, waitForSaved } from './support/app.js';
import { seedChronology } from './support/seed.js';
import './support/provided.js';

const baseURL = inject('baseURL');
const password = inject('password');

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('a 5,000-entry chronology', () => {
  it('shows its first view quickly and scrolls its table without rendering every row', async () => {
    const { page, context, problems } = await openPage(browser);
    await signIn(page, baseURL, ACCOUNTS.lead, password);
    const seeded = Date.now();
    const id = await seedChronology(page, 'Five-thousand', 5000);
    const seedMs = Date.now() - seeded;

    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      await page.goto(`${baseURL}/chronologies/${id}`);
      await page.waitForFunction(() => performance.getEntriesByName('mac:first-view').length > 0, null, { timeout: 30_000 });
      runs.push(await page.evaluate(() => performance.getEntriesByName('mac:first-view')[0]!.startTime));
    }
    await waitForSaved(page);
    expect(await page.locator('mac-filters [data-filter-count]').textContent()).toContain('Showing 5000 of 5000');
    await page.waitForFunction(() => performance.getEntriesByName('mac:patterns').length > 0, null, { timeout: 30_000 });
    const patternsMs = await page.evaluate(() => performance.getEntriesByName('mac:patterns')[0]!.duration);
    const renderedRows = await page.locator('mac-entry-table tr.row').count();
    const renderedMarks = await page.locator('mac-timeline .mark, mac-timeline .cluster').count();
    expect(renderedRows).toBeLessThan(60);

    // Scroll the table from top to bottom in steps; each step must render its rows.
    const scroll = await page.evaluate(async () => {
      const table = document.querySelector('mac-app mac-chronology-page')!.shadowRoot!.querySelector('mac-entry-table')!;
      const scroller = table.shadowRoot!.querySelector('.scroller') as HTMLElement;
      const times: number[] = [];
      for (let i = 0; i <= 20; i++) {
        const t = performance.now();
        scroller.scrollTop = (scroller.scrollHeight - scroller.clientHeight) * (i / 20);
        scroller.dispatchEvent(new Event('scroll'));
        await (table as unknown as { updateComplete: Promise<unknown> }).updateComplete;
        await new Promise((r) => requestAnimationFrame(() => r(null)));
        times.push(performance.now() - t);
      }
      const last = table.shadowRoot!.querySelector('tr.row:last-of-type')?.getAttribute('aria-rowindex');
      return { worstFrameMs: Math.max(...times), medianFrameMs: times.sort((a, b) => a - b)[10]!, lastRowIndex: last };
    });
    expect(scroll.lastRowIndex).toBe('5001');
    await screenshot(page, 'five-thousand', { fullPage: false });

    const figures = { entries: 5000, seedMs, firstViewMs: runs, bestFirstViewMs: Math.min(...runs), patternsMs, renderedRows, renderedMarks, scroll };
    console.log(`[e2e] 5,000 entries: first view ${runs.map((r) => `${Math.round(r)} ms`).join(', ')} (target < 1000 ms); patterns recomputed in ${Math.round(patternsMs)} ms; table scroll step median ${scroll.medianFrameMs.toFixed(1)} ms, worst ${scroll.worstFrameMs.toFixed(1)} ms`);
    writeFileSync(join(ARTIFACTS, 'performance.json'), `${JSON.stringify(figures, null, 2)}\n`);
    expect(problems.filter((p) => !/status of 401/.test(p))).toEqual([]);
    await context.close();
  });
});
