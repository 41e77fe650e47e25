// Single sign-on on the sign-in page, and keeping the session alive only while someone uses the page.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axe, describeViolations, launch, openPage, screenshot } from './support/browser.js';
import { ACCOUNTS, signInQuickly } from './support/app.js';
import './support/provided.js';

const baseURL = inject('baseURL');
const password = inject('password');
const idpURL = inject('idpURL');

/** Who the test provider signs in at its next sign-in (null: the person cancels). */
async function nextAtProvider(subject: string | null): Promise<void> {
  const res = await fetch(`${idpURL}/__test/next-subject${subject === null ? '' : `?subject=${subject}`}`, { method: 'POST' });
  expect(res.status).toBe(204);
}

let browser: Browser;

async function expectAccessible(page: Page) {
  const violations = await axe(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

describe('single sign-on', () => {
  it('signs in through the organisation’s provider and back, as the person the provider names', async () => {
    const { page, context } = await openPage(browser);
    await page.goto(`${baseURL}/sign-in`);
    const sso = page.getByRole('link', { name: 'Sign in with your organisation account' });
    await sso.waitFor();
    expect(await sso.getAttribute('href')).toBe('/api/auth/oidc/login');
    await expectAccessible(page);
    await nextAtProvider('dsl');
    await sso.click();
    // Round trip through the real provider (code flow, PKCE); the caseload of the DSL comes back.
    await page.locator('mac-caseload-page [data-result-count]').waitFor();
    const me = await page.evaluate(async () => (await (await fetch('/api/me')).json()) as { email: string });
    expect(me.email).toBe(ACCOUNTS.dsl);
    await context.close();
  });

  it('is offered only when the server has it, and says in plain words why it failed', async () => {
    const { page, context } = await openPage(browser);
    // A provider that cancels: back on the sign-in page with a plain message, never the provider's text.
    await nextAtProvider(null);
    await page.goto(`${baseURL}/sign-in`);
    await page.getByRole('link', { name: 'Sign in with your organisation account' }).click();
    const summary = page.locator('mac-sign-in-page [data-error-summary]');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Signing in with your organisation account was cancelled or refused');
    expect(await summary.textContent()).not.toContain('script');
    await expect.poll(() => page.evaluate(() => document.querySelector('mac-sign-in-page')?.shadowRoot?.activeElement?.hasAttribute('data-error-summary'))).toBe(true);
    await expectAccessible(page);
    await screenshot(page, 'sign-in-sso-error', { fullPage: false });

    // A code the page does not know still gets a message, never the code itself.
    await page.goto(`${baseURL}/sign-in?error=oidc_something_new`);
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Signing in did not work');
    expect(await summary.textContent()).not.toContain('oidc_');

    // A server without a provider: no button (its status answered as such a server's would be).
    await page.route('**/api/auth/oidc/status', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"enabled":false}' }));
    await page.goto(`${baseURL}/sign-in`);
    await page.getByRole('heading', { name: 'Sign in to MAC' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByRole('link', { name: 'Sign in with your organisation account' }).count()).toBe(0);
    await context.close();
  });
});

describe('activity', () => {
  it('tells the server about keys and clicks, at most once a minute, and nothing else', async () => {
    const { page, context } = await openPage(browser);
    await page.clock.install();
    await signInQuickly(page, baseURL, ACCOUNTS.dsl, password);
    await page.locator('mac-caseload-page [data-result-count]').waitFor();
    await page.waitForLoadState('networkidle');
    const pings: number[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/me') pings.push(Date.now());
    });
    // The entry search's box: typing there asks the server nothing until it is submitted. (The children's
    // search box asks the server as one types, since the caseload is paged there: that request is itself
    // the server hearing from the page, so no activity report would follow it.)
    await page.locator('mac-caseload-page #entry-search').click();
    await page.keyboard.type('r');
    expect(pings).toHaveLength(0); // the page has just loaded: the server heard from it

    await page.clock.fastForward('01:01');
    await page.keyboard.type('u');
    await expect.poll(() => pings.length).toBe(1);
    await page.keyboard.type('by');
    await page.mouse.click(5, 300);
    await page.clock.fastForward('00:30');
    await page.keyboard.type(' ');
    expect(pings).toHaveLength(1);

    // Left alone, the page asks nothing, however long it waits.
    await page.clock.fastForward('10:00');
    await page.waitForTimeout(200);
    expect(pings).toHaveLength(1);
    await page.keyboard.press('Backspace');
    await expect.poll(() => pings.length).toBe(2);
    await context.close();
  });
});
