// Episodes, not noise: the patterns panel shows one card per episode (the rules that fired as its
// reasons inside it), opening with a plain sentence; the strengths recorded in its window beside them;
// an old episode followed by a plan collapsed as history, drawn when opened; a long list drawn 25 at a
// time. Axe clean, open and closed.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axe, describeViolations, focused, launch, openPage, textOf, type Watched } from './support/browser.js';
import { ACCOUNTS, signInQuickly, waitForSaved } from './support/app.js';
import { seedChronology, syntheticCsv } from './support/seed.js';
import './support/provided.js';

const baseURL = inject('baseURL');
const password = inject('password');
const CSV = [
  'date,time,agency,category,summary,detail,impact_on_child,action_taken,source_ref,recorded_by',
  // Spring 2024: concerns from three agencies, then a child in need plan.
  '2024-03-01,,thames-valley-police,domestic-abuse-incident,Police called to the home,,,,,',
  '2024-03-05,,oxford-health-hv,neglect-concern,Home conditions poor at the visit,,,,,',
  '2024-03-12,,northway-primary,emotional-abuse-concern,Child withdrawn and tearful,,,,,',
  '2024-03-20,,thames-valley-police,domestic-abuse-incident,Second call-out,,,,,',
  '2024-05-01,,oxfordshire-csc,child-in-need-plan-start,Child in need plan agreed,,,,,',
  // Autumn 2026: six concerns from four agencies in twelve weeks, after none before; a strength among them.
  '2026-09-01,,northway-primary,neglect-concern,Arrived hungry and unwashed,,,,,',
  '2026-09-11,,thames-valley-police,domestic-abuse-incident,Neighbour reported shouting,,,,,',
  '2026-09-21,,oxford-health-hv,emotional-abuse-concern,Parent belittling the child at the visit,,,,,',
  '2026-10-11,,northway-primary,positive-change,Attending breakfast club every day,,,,,',
  '2026-10-11,,northway-primary,neglect-concern,Same clothes all week,,,,,',
  '2026-10-31,,east-oxford-gp,parental-mental-health,Mother disclosed low mood,,,,,',
  '2026-11-23,,thames-valley-police,domestic-abuse-incident,Police attended again,,,,,',
].join('\n');

let browser: Browser;
let lead: Watched;
let id: string;

async function expectAccessible(page: Page) {
  const violations = await axe(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

beforeAll(async () => {
  browser = await launch();
  lead = await openPage(browser);
  await signInQuickly(lead.page, baseURL, ACCOUNTS.lead, password);
  id = await seedChronology(lead.page, 'Esme', 0);
  const status = await lead.page.evaluate(
    async ([chronologyId, csv]) => (await fetch(`/api/chronologies/${chronologyId}/import?fileName=seed.csv`, { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: csv })).status,
    [id, CSV] as const,
  );
  expect(status).toBe(200);
  await lead.page.goto(`${baseURL}/chronologies/${id}`);
  await waitForSaved(lead.page);
});

afterAll(async () => {
  await browser?.close();
});

describe('pattern episodes in the panel', () => {
  it('shows one card per episode, opening with a plain sentence, with its reasons and strengths inside', async () => {
    const page = lead.page;
    const current = page.locator('mac-patterns [data-episodes="current"] > li[data-episode]');
    await current.first().waitFor();
    expect(await current.count()).toBe(1);
    const autumn = current.first();
    expect(await textOf(autumn.locator('h3'))).toContain('Sep–Nov 2026');
    expect(await textOf(autumn.locator('[data-summary]'))).toBe('Six concerns from four agencies in 12 weeks, after none in the three months before.');
    // The rules that fired are reasons inside the one card, each with its threshold in words.
    const reasons = autumn.locator('li.card[data-highlight]');
    expect(await reasons.count()).toBeGreaterThan(1);
    expect(await textOf(autumn.locator('[data-threshold]').first())).toMatch(/^Threshold: .* within \d+ days/);
    expect(await textOf(page.locator('mac-patterns'))).not.toMatch(/windowDays|minConcerns|window days/);
    // The strength recorded in its window is shown with it, and the episode is still high or medium as found.
    expect(await textOf(autumn.locator('[data-strengths]'))).toContain('Attending breakfast club every day');
    // No entry is in two cards: every highlight's card sits in exactly one episode.
    const all = await page.locator('mac-patterns li.card[data-highlight]').evaluateAll((els) => els.map((e) => e.getAttribute('data-highlight')));
    expect(new Set(all).size).toBe(all.length);
    await expectAccessible(page);
  });

  it('collapses an old episode followed by a plan as history, and opens it on request', async () => {
    const page = lead.page;
    const history = page.locator('mac-patterns details[data-history]');
    await history.waitFor();
    expect(await history.getAttribute('open')).toBeNull();
    // A closed history draws none of its episodes (a large chronology has hundreds).
    const spring = history.locator('li[data-episode][data-status="past"]');
    expect(await spring.count()).toBe(0);
    await history.locator('summary').click();
    await spring.first().waitFor();
    expect(await spring.count()).toBe(1);
    expect(await textOf(spring.first().locator('h3'))).toContain('Mar 2024');
    expect(await textOf(spring.first())).toContain('a plan followed');
    await expectAccessible(page);
  });
});

describe('a long list of patterns', () => {
  it('draws 25 at a time; "Show 25 more" draws the next and takes the focus to the first of them', async () => {
    const page = lead.page;
    // 700 entries over eight years from six agencies: far more patterns than one page of the list.
    const big = await seedChronology(page, 'Longlist', 0);
    const status = await page.evaluate(
      async ([chronologyId, csv]) => (await fetch(`/api/chronologies/${chronologyId}/import?fileName=long.csv`, { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: csv })).status,
      [big, syntheticCsv(700, 7)] as const,
    );
    expect(status).toBe(200);
    await page.goto(`${baseURL}/chronologies/${big}`);
    await waitForSaved(page);
    // One episode whose reasons are the long list (the first list with a "show more").
    const more = page.locator('mac-patterns [data-more]').first();
    await more.waitFor({ timeout: 20_000 });
    const key = (await more.getAttribute('data-more'))!;
    expect(key).toMatch(/^(current|episode:.+)$/);
    const items = page.locator(`mac-patterns ol[data-list="${key}"] > li`);
    const total = Number(/Showing 25 of (\d+)/.exec(await textOf(more))?.[1]);
    expect(total, 'the seeded chronology must find more than one page of patterns').toBeGreaterThan(25);
    expect(await items.count()).toBe(25);

    await more.locator('button').click();
    await expect.poll(() => items.count()).toBe(Math.min(50, total));
    // The focus is on the first card the button added: its heading.
    const added = items.nth(25).locator(':scope > :is(h3, h4)');
    expect(await focused(page)).toMatchObject({ tag: await added.evaluate((el) => el.tagName.toLowerCase()), text: (await added.textContent())!.replace(/\s+/g, ' ').trim() });
    const moreAfter = page.locator(`mac-patterns [data-more="${key}"]`);
    if (total > 50) expect(await textOf(moreAfter)).toContain(`Showing 50 of ${total}`);
    else expect(await moreAfter.count()).toBe(0);
    await expectAccessible(page);
  });
});
