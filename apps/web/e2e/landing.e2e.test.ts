// Where people land and where focus goes: signing in and opening a chronology put focus on the new
// page's main heading (a screen reader announces it), an administrator starts on the administration
// page (they have no caseload), and a cold load of the sign-in page logs nothing to the console.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { axe, describeViolations, focused, launch, openPage } from './support/browser.js';
import { ACCOUNTS, signIn, waitForSaved } from './support/app.js';
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

describe('landing and focus', () => {
  it('a cold load of the sign-in page asks who is signed in without a failed request in the console', async () => {
    const { page, context, problems } = await openPage(browser);
    const answers: number[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/api/')) answers.push(r.status());
    });
    await page.goto(`${baseURL}/`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(page.url()).toBe(`${baseURL}/sign-in`);
    expect(answers.filter((s) => s >= 400)).toEqual([]);
    expect(problems, problems.join("\n")).toEqual([]);
    await context.close();
  });

  it('focus moves to the caseload heading after signing in, then to the child’s name after opening a chronology', async () => {
    const { page, context, problems } = await openPage(browser);
    await signIn(page, baseURL, ACCOUNTS.dsl, password);
    await expect.poll(() => focused(page), { timeout: 10_000 }).toMatchObject({ tag: 'h1', text: 'Your caseload' });
    await page.locator('mac-caseload-page').getByRole('link', { name: 'Ruby Hartley' }).click();
    await page.locator('mac-chronology-page h1').waitFor();
    await expect.poll(() => focused(page), { timeout: 10_000 }).toMatchObject({ tag: 'h1', text: 'Ruby Hartley' });
    // And back (once connected: leaving mid-handshake makes the browser warn about a closed socket): the caseload's heading again.
    await waitForSaved(page);
    await page.locator('mac-chronology-page').getByRole('link', { name: 'Back to your caseload' }).click();
    await expect.poll(() => focused(page), { timeout: 10_000 }).toMatchObject({ tag: 'h1', text: 'Your caseload' });
    expect(problems, problems.join("\n")).toEqual([]);
    await context.close();
  });

  it('a count the server is still working out shows as “Counting…” and fills in without a reload', async () => {
    const { page, context, problems } = await openPage(browser);
    // The server lists a count it has not worked out within MAC_CASELOAD_COUNT_WAIT_MS as null; on this
    // idle test server every count is quick, so the first two listings are made to say so.
    let listings = 0;
    await page.route(/\/api\/chronologies(\?.*)?$/, async (route) => {
      if (route.request().method() !== 'GET') return route.continue();
      listings += 1;
      const response = await route.fetch();
      if (listings > 2) return route.fulfill({ response });
      const body = (await response.json()) as { chronologies: Array<{ openHighlights: number | null }> };
      for (const c of body.chronologies) c.openHighlights = null;
      return route.fulfill({ response, json: body });
    });
    await signIn(page, baseURL, ACCOUNTS.dsl, password);
    const ruby = page.locator('table[data-caseload] tr', { hasText: 'Ruby Hartley' });
    await expect.poll(() => ruby.locator('[data-open-patterns]').textContent(), { timeout: 10_000 }).toContain('Counting…');
    // Asked again by itself: a number in place of every “Counting…”.
    await expect.poll(() => ruby.locator('[data-open-patterns]').textContent(), { timeout: 10_000 }).toMatch(/^\s*\d+\s*$/);
    expect(listings).toBeGreaterThanOrEqual(3);
    await expect.poll(() => page.locator('[data-counting]').count()).toBe(0);
    expect(problems, problems.join("\n")).toEqual([]);
    await context.close();
  });

  it('signing in to a page that was asked for focuses that page’s heading', async () => {
    const { page, context, problems } = await openPage(browser);
    await page.goto(`${baseURL}/notifications`);
    await page.getByLabel('Email address').fill(ACCOUNTS.police);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${baseURL}/notifications`);
    await expect.poll(() => focused(page), { timeout: 10_000 }).toMatchObject({ tag: 'h1' });
    expect(problems, problems.join("\n")).toEqual([]);
    await context.close();
  });

  it('an administrator lands on the administration page, also when following a link to the caseload', async () => {
    const { page, context, problems } = await openPage(browser);
    await signIn(page, baseURL, ACCOUNTS.admin, password);
    await page.waitForURL(`${baseURL}/admin`);
    await expect.poll(() => focused(page), { timeout: 10_000 }).toMatchObject({ tag: 'h1', text: 'Administration' });
    expect(await page.locator('mac-caseload-page').count()).toBe(0);
    // The service name in the header links to "/": for an administrator that is the administration page.
    await page.locator('header .header__service').click();
    await page.waitForURL(`${baseURL}/admin`);
    await page.goto(`${baseURL}/`);
    await page.waitForURL(`${baseURL}/admin`);
    await page.locator('mac-admin-page h1').waitFor();
    const violations = await axe(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    expect(problems, problems.join("\n")).toEqual([]);
    await context.close();
  });

  it('a practitioner still lands on the caseload', async () => {
    const { page, context } = await openPage(browser);
    await signIn(page, baseURL, ACCOUNTS.hv, password);
    await page.waitForURL(`${baseURL}/`);
    await page.locator('mac-caseload-page h1').waitFor();
    await context.close();
  });
});
