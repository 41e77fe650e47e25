// Screening results in the browser: the entry form shows the right inputs for the chosen category and
// refuses bad values GOV.UK style; a high result is marked on the timeline; an expected-event
// highlight shows its deadline, in the panel and drawn on the timeline, and shows as late once the
// expected entry arrives; the "start again" cycles are drawn as repeated bands, reachable by keyboard;
// and the demo children (Ruby's cycles, Jayden's missed return home interviews) show theirs.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { axe, describeViolations, focused, launch, openPage, textOf, type Watched } from './support/browser.js';
import { ACCOUNTS, chronologyIdOf, rowIdWithText, signInQuickly, waitForSaved } from './support/app.js';
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
  riskLevel?: string;
  score?: number;
  areaGrades?: string;
}

async function entries(): Promise<StoredEntry[]> {
  return lead.page.evaluate(async (chronologyId) => ((await (await fetch(`/api/chronologies/${chronologyId}/entries`)).json()) as { entries: StoredEntry[] }).entries, id);
}

async function expectAccessible(page: Page) {
  const violations = await axe(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

function card(page: Page, title: string): Locator {
  return page.locator('mac-patterns li.card', { has: page.locator('h3, h4', { hasText: title }) });
}

beforeAll(async () => {
  browser = await launch();
  lead = await openPage(browser);
  await signInQuickly(lead.page, baseURL, ACCOUNTS.lead, password);
  id = await seedChronology(lead.page, 'Sami', 0);
  await lead.page.goto(`${baseURL}/chronologies/${id}`);
  await waitForSaved(lead.page);
});

afterAll(async () => {
  await browser?.close();
});

describe('screening results', () => {
  it('shows the checklist inputs for its category, refuses a bad score and a contradicting level, and marks a high result', async () => {
    const page = lead.page;
    await page.getByRole('button', { name: 'Add an entry' }).click();
    const form = page.locator('mac-entry-form');
    await form.getByLabel('Date of the event').fill('12/03/2024');
    // No screening inputs until a screening category is chosen.
    expect(await form.locator('#score').count()).toBe(0);
    await form.getByLabel('Category', { exact: true }).selectOption('domestic-abuse-risk-assessment');
    await form.getByLabel('Summary', { exact: true }).fill('Domestic abuse risk checklist completed with mother');
    await form.getByLabel('Medium').check();
    await form.getByLabel('Number of yes answers (optional)').fill('30');
    await form.getByRole('button', { name: 'Add entry' }).click();
    const summary = form.locator('[data-error-summary]');
    await summary.getByRole('link', { name: 'Enter the number of yes answers as a whole number from 0 to 27' }).waitFor();
    expect(await textOf(form.locator('#score-error'))).toContain('Enter the number of yes answers as a whole number from 0 to 27');
    await expectAccessible(page);
    // The link takes focus to the field at fault.
    await summary.getByRole('link', { name: 'Enter the number of yes answers as a whole number from 0 to 27' }).click();
    await expect.poll(() => page.evaluate(() => document.querySelector('mac-app mac-chronology-page')?.shadowRoot?.querySelector('mac-entry-form')?.shadowRoot?.activeElement?.id)).toBe('score');

    await form.getByLabel('Number of yes answers (optional)').fill('16');
    await form.getByRole('button', { name: 'Add entry' }).click();
    await summary.getByRole('link', { name: 'Select high: the checklist has 14 or more yes answers' }).waitFor();
    expect(await entries()).toEqual([]);

    await form.getByLabel('High').check();
    await form.getByRole('button', { name: 'Add entry' }).click();
    const entryId = await rowIdWithText(page, 'Domestic abuse risk checklist completed with mother');
    const stored = (await entries()).find((e) => e.id === entryId);
    expect(stored).toMatchObject({ riskLevel: 'high', score: 16 });
    // The timeline marks the high result with a badge and says so in words.
    const mark = page.locator(`mac-timeline button.mark[data-key="${entryId}"]`);
    await mark.locator('[data-risk="high"]').waitFor();
    expect(await textOf(mark.locator('.visually-hidden'))).toContain('high screening result: High risk (16 yes answers)');
    await expectAccessible(page);
  });

  it('asks for a grade per Graded Care Profile area and shows the level the worst area gives', async () => {
    const page = lead.page;
    await page.getByRole('button', { name: 'Add an entry' }).click();
    const form = page.locator('mac-entry-form');
    await form.getByLabel('Date of the event').fill('20/03/2024');
    await form.getByLabel('Category', { exact: true }).selectOption('neglect-assessment');
    await form.getByLabel('Summary', { exact: true }).fill('Graded Care Profile 2 completed with mother');
    expect(await form.locator('#riskLevel').count()).toBe(0);
    await form.getByLabel('Physical care', { exact: true }).selectOption('2');
    await form.getByLabel('Emotional care', { exact: true }).selectOption('1');
    await form.getByRole('button', { name: 'Add entry' }).click();
    await form.locator('[data-error-summary]').getByRole('link', { name: 'Choose a grade for safety, developmental care' }).waitFor();
    await expectAccessible(page);
    await form.getByLabel('Safety', { exact: true }).selectOption('4');
    await form.getByLabel('Developmental care', { exact: true }).selectOption('3');
    expect(await textOf(form.locator('[data-gcp2-level]'))).toContain('Level: grade 4 (the worst area)');
    await form.getByRole('button', { name: 'Add entry' }).click();
    const entryId = await rowIdWithText(page, 'Graded Care Profile 2 completed with mother');
    expect((await entries()).find((e) => e.id === entryId)).toMatchObject({
      riskLevel: '4',
      areaGrades: 'physical-care:2,safety:4,emotional-care:1,developmental-care:3',
    });
  });

  it('shows a missing episode’s return home interview as overdue with its deadline, then late when it is recorded', async () => {
    const page = lead.page;
    const post = (body: Record<string, unknown>) =>
      page.evaluate(
        async ([chronologyId, b]) => (await fetch(`/api/chronologies/${chronologyId}/entries`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(b) })).status,
        [id, body] as const,
      );
    expect(await post({ date: '2024-04-02', category: 'missing-episode', summary: 'Missing overnight; found at a friend’s flat' })).toBe(201);
    const missing = card(page, 'Missing episode without a return home interview');
    await missing.locator('[data-expected="overdue"]').waitFor();
    expect(await textOf(missing.locator('[data-expected]'))).toContain('Overdue: expected by 5 Apr 2024');
    // Drawn on the timeline too: from the episode to its deadline, marked overdue in words.
    const deadline = page.locator('mac-timeline [data-bands] button[data-band="deadline"]');
    await deadline.and(page.locator('[data-status="overdue"]')).waitFor();
    expect(await deadline.count()).toBe(1);
    expect(await textOf(deadline)).toContain('Overdue');
    expect(await textOf(deadline.locator('.visually-hidden'))).toContain('a return home interview expected by 5 Apr 2024, overdue: not recorded');
    expect(await textOf(page.locator('mac-timeline #timeline-bands'))).toContain('1 expected-event deadline (1 overdue)');
    await expectAccessible(page);
    expect(await post({ date: '2024-04-09', category: 'return-home-interview', summary: 'Return home interview held at school' })).toBe(201);
    await missing.locator('[data-expected="late"]').waitFor();
    const late = await textOf(missing.locator('[data-expected]'));
    expect(late).toContain('Late: expected by 5 Apr 2024');
    expect(late).toContain('recorded 9 Apr 2024');
    await deadline.and(page.locator('[data-status="late"]')).waitFor();
    expect(await textOf(deadline.locator('.visually-hidden'))).toContain('late: recorded on 9 Apr 2024, 4 days after the deadline');
    await expectAccessible(page);
  });

  it('draws each “start again” cycle as a band, reachable by keyboard, and chooses its highlight from it', async () => {
    const page = lead.page;
    const post = (body: Record<string, unknown>) =>
      page.evaluate(
        async ([chronologyId, b]) => (await fetch(`/api/chronologies/${chronologyId}/entries`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(b) })).status,
        [id, body] as const,
      );
    // Closed, referred again two months later; closed again, referred again.
    expect(await post({ date: '2023-06-01', category: 'case-closed', summary: 'Closed: no further action' })).toBe(201);
    expect(await post({ date: '2023-08-01', category: 'referral-to-social-care', summary: 'Referral from school about neglect' })).toBe(201);
    const cycles = page.locator('mac-timeline [data-bands] button[data-band="cycle"]');
    // One cycle is below the rule's threshold of two: no band yet.
    await page.locator('mac-timeline [data-bands] button[data-band="deadline"]').waitFor();
    expect(await cycles.count()).toBe(0);
    expect(await post({ date: '2023-10-01', category: 'case-closed', summary: 'Stepped down to early help' })).toBe(201);
    expect(await post({ date: '2023-12-01', category: 'referral-to-social-care', summary: 'Referral from police after an incident' })).toBe(201);
    await expect.poll(() => cycles.count()).toBe(2);
    // The same cycles run through the lanes as bands behind the entries.
    expect(await page.locator('mac-timeline .overlay [data-cycle-band]').count()).toBe(2);
    expect(await textOf(cycles.nth(0).locator('.visually-hidden'))).toBe("Start again cycle 1 of 2: Case closed on 1 Jun 2023, then Contact or referral to children's social care / MASH on 1 Aug 2023, 61 days later.");
    expect(await textOf(cycles.nth(1))).toContain('↻ 2');
    expect(await textOf(page.locator('mac-timeline #timeline-bands'))).toContain('2 “start again” cycles and 1 expected-event deadline (1 late)');
    await expectAccessible(page);

    // One tab stop for the row; the arrows move along it; Enter chooses the highlight in the panel.
    await cycles.nth(0).focus();
    await page.keyboard.press('ArrowRight');
    expect((await focused(page)).data.bandKey).toBe(await cycles.nth(1).getAttribute('data-band-key'));
    await page.keyboard.press('Enter');
    await card(page, 'Closed, then referred again').and(page.locator('.card--selected')).waitFor();
    await expect.poll(() => cycles.nth(1).getAttribute('aria-pressed')).toBe('true');
    await expectAccessible(page);
    // Pressed again, it lets the highlight go, as its card in the panel does.
    await page.keyboard.press('Enter');
    await expect.poll(() => cycles.nth(1).getAttribute('aria-pressed')).toBe('false');
    expect(await page.locator('mac-patterns li.card--selected').count()).toBe(0);
  });
});

describe('the demo children on the timeline', () => {
  it('draws Ruby’s “start again” cycles and Jayden’s missing-episode deadlines from the demo data, axe clean', async () => {
    const page = lead.page;
    await page.goto(`${baseURL}/chronologies/${await chronologyIdOf(page, 'Ruby')}`);
    await waitForSaved(page);
    const cycles = page.locator('mac-timeline [data-bands] button[data-band="cycle"]');
    await cycles.first().waitFor();
    const rubyCycles = await cycles.count();
    expect(rubyCycles).toBeGreaterThanOrEqual(2);
    expect(await page.locator('mac-timeline .overlay [data-cycle-band]').count()).toBe(rubyCycles);
    expect(await textOf(cycles.first().locator('.visually-hidden'))).toMatch(/^Start again cycle 1 of \d+: /);
    await expectAccessible(page);

    await page.goto(`${baseURL}/chronologies/${await chronologyIdOf(page, 'Jayden')}`);
    await waitForSaved(page);
    const deadlines = page.locator('mac-timeline [data-bands] button[data-band="deadline"]');
    await deadlines.first().waitFor();
    const statuses = await deadlines.evaluateAll((buttons) => buttons.map((b) => (b as HTMLElement).dataset.status));
    // Jayden had eight missing episodes and three return home interviews: some deadlines were missed.
    expect(statuses).toContain('overdue');
    expect(await textOf(page.locator('mac-timeline #timeline-bands'))).toMatch(/expected-event deadlines? \(\d+ overdue/);
    await expectAccessible(page);
  });
});
