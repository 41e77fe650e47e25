// A lean first load (issue 18): signing in and the caseload download none of the larger pages (the
// chronology page with Yjs, the timeline and the pattern engine; admin, pack, import, emergency
// access), which come on first navigation; a page whose chunk cannot be fetched says so, accessibly,
// and loads when asked again.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { axe, describeViolations, focused, launch, openPage, unexpected } from './support/browser.js';
import { ACCOUNTS, signIn, waitForSaved } from './support/app.js';
import './support/provided.js';

const baseURL = inject('baseURL');
const password = inject('password');
const LAZY = /\/assets\/(chronology-page|snapshot-page|import-page|pack-page|admin-page|emergency-access-page)-[\w-]+\.js$/;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('the first load', () => {
  it('signing in and the caseload fetch none of the larger pages; opening a chronology fetches its page', async () => {
    const { page, context, problems } = await openPage(browser);
    const scripts: string[] = [];
    page.on('response', (r) => {
      if (r.url().endsWith('.js')) scripts.push(new URL(r.url()).pathname);
    });
    await signIn(page, baseURL, ACCOUNTS.dsl, password);
    await page.locator('mac-caseload-page').getByRole('link', { name: 'Ruby Hartley' }).waitFor();
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((s) => LAZY.test(s))).toEqual([]);
    await page.locator('mac-caseload-page').getByRole('link', { name: 'Ruby Hartley' }).click();
    await page.locator('mac-chronology-page h1').waitFor();
    expect(scripts.filter((s) => LAZY.test(s)).map((s) => LAZY.exec(s)?.[1])).toEqual(['chronology-page']);
    await waitForSaved(page);
    expect(problems, problems.join('\n')).toEqual([]);
    await context.close();
  });

  it('a page that cannot be fetched says so with a way to try again, and then opens', async () => {
    const { page, context, problems } = await openPage(browser);
    await signIn(page, baseURL, ACCOUNTS.dsl, password);
    let offline = true;
    await page.route(LAZY, (route) => (offline ? route.abort('internetdisconnected') : route.continue()));
    await page.locator('mac-caseload-page').getByRole('link', { name: 'Ruby Hartley' }).click();
    const failed = page.getByRole('alert').filter({ hasText: 'This page could not be loaded' });
    await failed.waitFor();
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'h1', text: 'This page could not be loaded' });
    const violations = await axe(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    offline = false;
    await failed.getByRole('button', { name: 'Try again' }).click();
    await page.locator('mac-chronology-page h1', { hasText: 'Ruby Hartley' }).waitFor();
    await expect.poll(() => focused(page), { timeout: 10_000 }).toMatchObject({ tag: 'h1', text: 'Ruby Hartley' });
    await waitForSaved(page);
    expect(unexpected(problems, [/net::ERR_INTERNET_DISCONNECTED/, /Failed to fetch dynamically imported module/])).toEqual([]);
    await context.close();
  });
});
