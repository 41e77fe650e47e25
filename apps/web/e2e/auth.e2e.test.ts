// Signing in and out, the caseload, and what happens when a session ends under a live page.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { axe, describeViolations, launch, openPage, screenshot, unexpected } from './support/browser.js';
import { ACCOUNTS, chronologyIdOf, signIn, waitForSaved } from './support/app.js';
import { seedChronology } from './support/seed.js';
import './support/provided.js';

const baseURL = inject('baseURL');
const password = inject('password');
// The app asks /api/me once on load; on the sign-in page the answer is (rightly) 401.
const EXPECTED = [/status of 401/];

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function expectAccessible(page: Parameters<typeof axe>[0]) {
  const violations = await axe(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

describe('signing in', () => {
  it('shows a GOV.UK error summary and inline errors, then signs in to the caseload', async () => {
    const { page, context, problems, dialogs } = await openPage(browser);
    await page.goto(`${baseURL}/`);
    await page.waitForURL(/\/sign-in$/);
    await expect.poll(() => page.title()).toContain('MAC');
    await page.getByRole('heading', { name: 'Sign in to MAC' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'sign-in');

    await page.getByRole('button', { name: 'Sign in' }).click();
    const summary = page.locator('mac-sign-in-page [data-error-summary]');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Enter your email address');
    expect(await summary.textContent()).toContain('Enter your password');
    expect(await page.evaluate(() => document.querySelector('mac-app mac-sign-in-page')?.shadowRoot?.activeElement?.hasAttribute('data-error-summary'))).toBe(true);
    expect(await page.locator('mac-sign-in-page #email-error').textContent()).toContain('Enter your email address');
    await expectAccessible(page);
    await screenshot(page, 'sign-in-errors');

    // The summary's link takes the user to the field.
    await summary.getByRole('link', { name: 'Enter your email address' }).click();
    expect(await page.evaluate(() => document.querySelector('mac-sign-in-page')?.shadowRoot?.activeElement?.id)).toBe('email');
    expect(page.url()).not.toContain('#');

    await page.getByLabel('Email address').fill(ACCOUNTS.police);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Enter a correct email address and password' }).waitFor();

    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Your caseload' }).waitFor();
    expect(await page.locator('[data-signed-in-as]').textContent()).toContain('Thames Valley Police');
    const rows = page.locator('mac-caseload-page table[data-caseload] tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator('mac-caseload-page table').textContent()).toContain('Ruby Hartley');
    await expectAccessible(page);
    await screenshot(page, 'caseload');

    await page.getByLabel('Search by child’s name or NHS number').fill('ruby');
    await expect.poll(() => rows.count()).toBe(1);
    await page.getByLabel('Search by child’s name or NHS number').fill('999 386 5427');
    await expect.poll(async () => (await rows.first().textContent()) ?? '').toContain('Jayden');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.locator('mac-sign-in-page [data-notice]').waitFor();
    expect(await page.locator('mac-sign-in-page [data-notice]').textContent()).toContain('You have signed out');
    expect(unexpected(problems, EXPECTED)).toEqual([]);
    expect(dialogs).toEqual([]);
    await context.close();
  });

  it('returns to the page asked for after signing in', async () => {
    const { page, context } = await openPage(browser);
    await signIn(page, baseURL, ACCOUNTS.police, password);
    const id = await chronologyIdOf(page, 'Ruby');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.goto(`${baseURL}/chronologies/${id}?agency=thames-valley-police`);
    await page.waitForURL(/\/sign-in\?next=/);
    await page.getByLabel('Email address').fill(ACCOUNTS.police);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(new RegExp(`/chronologies/${id}\\?agency=thames-valley-police$`));
    await page.getByRole('heading', { name: 'Ruby Hartley' }).waitFor();
    await context.close();
  });
});

describe('when the session ends', () => {
  it('shows a clear signed-out message and the sign-in page, not a broken page', async () => {
    const { page, context, problems } = await openPage(browser);
    await signIn(page, baseURL, ACCOUNTS.hv, password);
    const id = await chronologyIdOf(page, 'Ruby');
    await page.goto(`${baseURL}/chronologies/${id}`);
    await waitForSaved(page);
    // The session ends on the server (as when it times out, or is ended from another window): the
    // live connection is closed with 4401 and the page must say so.
    const ended = await context.newPage();
    await ended.goto(`${baseURL}/sign-in`);
    await ended.evaluate(() => fetch('/api/auth/logout', { method: 'POST' }));
    await ended.close();
    await page.locator('mac-sign-in-page [data-notice]').waitFor({ timeout: 10_000 });
    expect(await page.locator('mac-sign-in-page [data-notice]').textContent()).toContain('signed out because your session ended');
    expect(page.url()).toContain(`/sign-in?next=${encodeURIComponent(`/chronologies/${id}`)}`);
    await page.getByRole('heading', { name: 'Sign in to MAC' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'session-ended');
    expect(unexpected(problems, EXPECTED)).toEqual([]);
    await context.close();
  });
});

describe('what people may see', () => {
  it('gives someone outside every chronology an empty caseload, and a chronology they cannot see is "not available"', async () => {
    const { page: police, context: policeContext } = await openPage(browser);
    await signIn(police, baseURL, ACCOUNTS.police, password);
    const id = await chronologyIdOf(police, 'Ruby');
    await policeContext.close();

    const { page, context } = await openPage(browser);
    await signIn(page, baseURL, ACCOUNTS.outsider, password);
    await page.locator('mac-caseload-page [data-result-count]').getByText('0 chronologies').waitFor();
    await page.goto(`${baseURL}/chronologies/${id}`);
    await page.getByRole('heading', { name: 'Chronology not available' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'not-available');
    await context.close();
  });

  it('tells someone whose agency is removed from a chronology, at once, that their access has ended', async () => {
    const { page: lead, context: leadContext } = await openPage(browser);
    await signIn(lead, baseURL, ACCOUNTS.lead, password);
    const id = await seedChronology(lead, 'Removal', 20);

    const { page, context } = await openPage(browser);
    await signIn(page, baseURL, ACCOUNTS.hv, password);
    await page.goto(`${baseURL}/chronologies/${id}`);
    await waitForSaved(page);
    const removed = await lead.evaluate(async (chronologyId) => (await fetch(`/api/chronologies/${chronologyId}/members/oxford-health-hv`, { method: 'DELETE' })).status, id);
    expect(removed).toBe(200);
    await page.getByRole('alert').getByText('Your access to this chronology has ended').waitFor({ timeout: 5000 });
    await page.getByRole('heading', { name: 'Access ended' }).waitFor();
    // Nothing of the chronology is left on screen.
    expect(await page.locator('mac-entry-table').count()).toBe(0);
    expect(await page.locator('mac-timeline').count()).toBe(0);
    expect(await page.getByText('Removal Loadtest').count()).toBe(0);
    const violations = await axe(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await screenshot(page, 'access-ended', { fullPage: false });
    await context.close();
    await leadContext.close();
  });
});
