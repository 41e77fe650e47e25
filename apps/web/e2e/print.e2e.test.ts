// Printing: the chronology page prints as a clean table of every entry shown, without the timeline,
// panels or controls; on A4 in either orientation a 100-entry chronology takes about ten pages, the
// header row repeats on each, and each page is marked OFFICIAL-SENSITIVE.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, launch, openPage, screenshot } from './support/browser.js';
import { ACCOUNTS, chronologyIdOf, signIn, signInQuickly, waitForSaved } from './support/app.js';
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

/** Page count and the text of each page of a PDF (pdfinfo and pdftotext, from poppler-utils). */
function readPdf(path: string): { pages: number; text: string[] } {
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).split('\f').slice(0, pages);
  return { pages, text };
}

async function preparePrint(page: Page, rows: number) {
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await expect.poll(() => page.locator('mac-entry-table tr.row').count(), { timeout: 10_000 }).toBe(rows);
}

describe('print', () => {
  it('prints every entry shown as a table, and nothing else of the page', async () => {
    const { page, context, problems } = await openPage(browser);
    await signIn(page, baseURL, ACCOUNTS.dsl, password);
    const id = await chronologyIdOf(page, 'Ruby');
    await page.goto(`${baseURL}/chronologies/${id}`);
    await waitForSaved(page);
    const shown = Number(/Showing (\d+) of/.exec((await page.locator('mac-filters [data-filter-count]').textContent()) ?? '')?.[1]);
    expect(shown).toBeGreaterThan(50);
    // On screen the table is virtualised: far fewer rows than entries exist in the DOM.
    expect(await page.locator('mac-entry-table tr.row').count()).toBeLessThan(shown);

    await preparePrint(page, shown);
    expect(await page.locator('mac-timeline').evaluate((el) => getComputedStyle(el).display)).toBe('none');
    expect(await page.locator('mac-filters').evaluate((el) => getComputedStyle(el).display)).toBe('none');
    expect(await page.locator('header.header').evaluate((el) => getComputedStyle(el).display)).toBe('none');
    await screenshot(page, 'print-preview');
    writeFileSync(join(ARTIFACTS, 'print.pdf'), await page.pdf({ preferCSSPageSize: true, printBackground: false }));

    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await page.emulateMedia({ media: 'screen' });
    await expect.poll(() => page.locator('mac-entry-table tr.row').count(), { timeout: 10_000 }).toBeLessThan(shown);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('prints 100 entries on about ten A4 pages, portrait or landscape, with the header row and OFFICIAL-SENSITIVE on every page', async () => {
    const { page, context, problems } = await openPage(browser);
    await signInQuickly(page, baseURL, ACCOUNTS.lead, password);
    const id = await seedChronology(page, 'Printwell', 100);
    await page.goto(`${baseURL}/chronologies/${id}`);
    await waitForSaved(page);
    await preparePrint(page, 100);

    const figures: string[] = [];
    const layouts = [
      { name: 'css', options: { preferCSSPageSize: true } },
      { name: 'portrait', options: { format: 'A4', landscape: false } },
      { name: 'landscape', options: { format: 'A4', landscape: true } },
    ] as const;
    for (const layout of layouts) {
      // The page asks for A4 landscape (@page), which Chromium applies to any paper: to print portrait,
      // as a person may choose, the test overrides the page's size for that one PDF.
      await page.evaluate((portrait) => {
        const sheet = new CSSStyleSheet();
        if (portrait) sheet.replaceSync('@page { size: A4 portrait; }');
        document.adoptedStyleSheets = portrait ? [sheet] : [];
      }, layout.name === 'portrait');
      const file = join(ARTIFACTS, `print-100-${layout.name}.pdf`);
      writeFileSync(file, await page.pdf({ ...layout.options, printBackground: false }));
      const { pages, text } = readPdf(file);
      const [width, height] = (/Page size:\s+([\d.]+) x ([\d.]+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' })) ?? []).slice(1).map(Number);
      expect(width! < height!, `${layout.name}: ${width} x ${height}`).toBe(layout.name === 'portrait');
      figures.push(`${layout.name}: ${pages} pages`);
      // About 8 to 12 entries a page: 100 entries on 8 to 14 pages (the first page also has the heading).
      expect(pages, layout.name).toBeGreaterThanOrEqual(8);
      expect(pages, layout.name).toBeLessThanOrEqual(14);
      text.forEach((t, i) => {
        expect(t, `${layout.name} page ${i + 1}: marking`).toContain('OFFICIAL-SENSITIVE');
        // Narrow (portrait) the labels wrap, so their words are checked, not whole labels.
        for (const word of ['Summary', 'Impact on', 'voice', 'Action', 'Source']) expect(t, `${layout.name} page ${i + 1}: header row`).toContain(word);
      });
      // Every entry's source reference is printed: the last columns are not squeezed to nothing.
      const all = text.join('\n');
      for (const n of [1, 50, 100]) expect(all, layout.name).toMatch(new RegExp(`REF-${n}\\b`));
    }
    console.log(`[print] 100 entries: ${figures.join(', ')}`);

    // The header cells side by side, none overlapping another or too narrow for its label, at the
    // printable width of A4 portrait (190 mm at 96 px an inch) and landscape (277 mm).
    for (const width of [718, 1047]) {
      await page.setViewportSize({ width, height: 1000 });
      const cells = await page.locator('mac-entry-table').evaluate((el) =>
        [...el.shadowRoot!.querySelectorAll('thead th')].map((th) => {
          const cell = th.getBoundingClientRect();
          const label = th.querySelector('.print-label')!.getBoundingClientRect();
          return { text: th.textContent!.trim(), left: cell.left, right: cell.right, labelRight: label.right, width: cell.width };
        }),
      );
      // Date, agency, category, summary, impact, the child's voice, action, source.
      expect(cells).toHaveLength(8);
      for (let i = 0; i < cells.length; i++) {
        const c = cells[i]!;
        expect(c.width, `${c.text} at ${width}`).toBeGreaterThan(40);
        expect(c.labelRight, `${c.text}'s label inside its cell at ${width}`).toBeLessThanOrEqual(c.right + 0.5);
        if (i > 0) expect(c.left, `${c.text} after ${cells[i - 1]!.text} at ${width}`).toBeGreaterThanOrEqual(cells[i - 1]!.right - 0.5);
      }
    }
    expect(problems).toEqual([]);
    await context.close();
  });
});
