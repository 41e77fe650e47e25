// Changing your own password. A user made for this file by the administrator (the demo accounts'
// password, which every other file signs in with, is never changed) finds "Change password" in the
// header; the browser's own checks (empty fields, a confirmation that does not match) and the
// server's (a wrong current password, a too-common new one) are shown in an error summary that takes
// focus and beside each field; the change itself ends every session of theirs: this page goes to the
// sign-in page with a notice, another browser's open chronology is signed out, and only the new
// password signs in. Every state is checked with axe, and the header is checked on a small screen.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axe, describeViolations, focused, launch, openPage, screenshot, unexpected } from './support/browser.js';
import { ACCOUNTS, chronologyIdOf, signInQuickly, waitForSaved } from './support/app.js';
import './support/provided.js';

const baseURL = inject('baseURL');
const password = inject('password');

const USER = { email: 'pw.change@tvp.example.org', name: 'Priya Whitcombe', password: 'lantern orchard pebble' };
const NEW_PASSWORD = 'river candle orbit';

// The form's 422s (wrong current password, the policy) are on purpose; so are the 401s of a page
// whose session the change ended, and of the old password afterwards.
const EXPECTED = [/status of 422/, /status of 401/];

let browser: Browser;

async function expectAccessible(page: Page) {
  const violations = await axe(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

function loginStatus(page: Page, email: string, pw: string): Promise<number> {
  return page.evaluate(
    async ([e, p]) => (await fetch('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: e, password: p }) })).status,
    [email, pw] as const,
  );
}

beforeAll(async () => {
  browser = await launch();
  const admin = await openPage(browser);
  await signInQuickly(admin.page, baseURL, ACCOUNTS.admin, password);
  const made = await admin.page.evaluate(async (body) => {
    const res = await fetch('/api/admin/users', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, id: ((await res.json()) as { user?: { id: string } }).user?.id ?? '' };
  }, { email: USER.email, name: USER.name, role: 'practitioner', agency: 'thames-valley-police', password: USER.password });
  expect(made.status).toBe(201);
  await admin.context.close();
  // The second administrator approves it (the two-person rule).
  const second = await openPage(browser);
  await signInQuickly(second.page, baseURL, ACCOUNTS.admin2, password);
  const approved = await second.page.evaluate(async (id) => (await fetch(`/api/approvals/users/${id}`, { method: 'POST' })).status, made.id);
  expect(approved).toBe(204);
  await second.context.close();
});

afterAll(async () => {
  await browser?.close();
});

describe('changing your password', () => {
  it('offers “Change password” in the header, whose links stay on a small screen without overlapping', async () => {
    const { page, context } = await openPage(browser, { viewport: { width: 320, height: 640 } });
    await signInQuickly(page, baseURL, USER.email, USER.password);
    const link = page.getByRole('link', { name: 'Change password' });
    await link.waitFor();
    // Nothing scrolls sideways (WCAG 1.4.10); the links sit below the name, inside the screen, none
    // over another, each a target of at least 24 by 24 pixels (WCAG 2.5.8).
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    const who = (await page.locator('[data-signed-in-as]').boundingBox())!;
    const links = await Promise.all([page.locator('[data-notifications-link]'), link, page.getByRole('button', { name: 'Sign out' })].map(async (l) => (await l.boundingBox())!));
    for (const box of links) {
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(320);
      expect(box.y).toBeGreaterThanOrEqual(who.y + who.height);
      expect(box.height).toBeGreaterThanOrEqual(24);
    }
    const overlap = (a: (typeof links)[number], b: (typeof links)[number]) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    expect(links.some((a, i) => links.slice(i + 1).some((b) => overlap(a, b)))).toBe(false);
    await expectAccessible(page);
    await screenshot(page, 'header-small-screen', { fullPage: false });
    await context.close();
  });

  it('checks the form, shows the server’s answers, then signs the user out everywhere and only the new password works', async () => {
    // Another device of the same person, signed in before, with a chronology open.
    const other = await openPage(browser);
    await signInQuickly(other.page, baseURL, USER.email, USER.password);
    const ruby = await chronologyIdOf(other.page, 'Ruby');
    await other.page.goto(`${baseURL}/chronologies/${ruby}`);
    await waitForSaved(other.page);

    const { page, context, problems, dialogs } = await openPage(browser);
    await signInQuickly(page, baseURL, USER.email, USER.password);
    const account = page.locator('mac-change-password-page');
    const summary = account.locator('[data-error-summary]');
    const submit = account.getByRole('button', { name: 'Change password' });
    const current = account.getByLabel('Current password', { exact: true });
    const fresh = account.getByLabel('New password', { exact: true });
    const confirm = account.getByLabel('Confirm new password', { exact: true });

    // From the header, next to "Sign out"; focus moves to the page's heading.
    await page.getByRole('link', { name: 'Change password' }).click();
    await page.waitForURL(/\/account\/password$/);
    await account.getByRole('heading', { name: 'Change your password', level: 1 }).waitFor();
    expect(await page.title()).toBe('Change your password – MAC');
    await expect.poll(() => focused(page).then((f) => f.tag)).toBe('h1');
    expect(await account.locator('[data-warning]').textContent()).toContain('Changing your password signs you out everywhere, including on other devices');
    expect(await account.locator('#newPassword-hint').textContent()).toBe('At least 12 characters. Three random words work well, like ‘river candle orbit’.');
    expect(await current.getAttribute('autocomplete')).toBe('current-password');
    expect(await fresh.getAttribute('autocomplete')).toBe('new-password');
    expect(await confirm.getAttribute('autocomplete')).toBe('new-password');
    await expectAccessible(page);
    await screenshot(page, 'change-password', { fullPage: false });

    // Nothing typed: every field is asked for, and the summary takes focus.
    await submit.click();
    await summary.waitFor();
    for (const message of ['Enter your current password', 'Enter a new password', 'Confirm your new password']) {
      await summary.getByRole('link', { name: message }).waitFor();
    }
    await expect.poll(() => focused(page).then((f) => f.data.errorSummary !== undefined)).toBe(true);
    expect(await page.title()).toBe('Error: Change your password – MAC');
    expect(await account.locator('#currentPassword-error').textContent()).toContain('Enter your current password');
    expect(await current.getAttribute('aria-describedby')).toBe('currentPassword-error');
    await expectAccessible(page);
    await screenshot(page, 'change-password-empty', { fullPage: false });

    // The confirmation does not match: said beside it; the server is not asked.
    let asked = 0;
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/auth/password') asked++;
    });
    await current.fill(USER.password);
    await fresh.fill(NEW_PASSWORD);
    await confirm.fill('river candle orbiter');
    // Show and Hide, one field at a time; every password is hidden again when the form is sent.
    await account.getByRole('button', { name: 'Show new password', exact: true }).click();
    expect(await fresh.getAttribute('type')).toBe('text');
    expect(await confirm.getAttribute('type')).toBe('password');
    await account.getByRole('button', { name: 'Hide new password', exact: true }).waitFor();
    await expectAccessible(page);
    await submit.click();
    await account.locator('#confirmPassword-error', { hasText: 'The passwords do not match: enter your new password again' }).waitFor();
    expect(await summary.locator('li').count()).toBe(1);
    expect(await confirm.getAttribute('aria-describedby')).toBe('confirmPassword-error');
    expect(await fresh.getAttribute('type')).toBe('password');
    expect(asked).toBe(0);
    await expectAccessible(page);

    // A wrong current password: the server's answer, beside the field; that field is emptied.
    await current.fill('not my password at all');
    await confirm.fill(NEW_PASSWORD);
    await submit.click();
    await account.locator('#currentPassword-error', { hasText: 'Enter your current password correctly' }).waitFor();
    await summary.getByRole('link', { name: 'Enter your current password correctly' }).waitFor();
    expect(await summary.locator('li').count()).toBe(1);
    await expect.poll(() => focused(page).then((f) => f.data.errorSummary !== undefined)).toBe(true);
    expect(await current.inputValue()).toBe('');
    expect(await fresh.inputValue()).toBe(NEW_PASSWORD);
    expect(asked).toBe(1);
    await expectAccessible(page);

    // A new password the policy refuses: the server's words beside the new password.
    await current.fill(USER.password);
    await fresh.fill('password1234');
    await confirm.fill('password1234');
    await submit.click();
    await account.locator('#newPassword-error', { hasText: 'Password is too common' }).waitFor();
    await summary.getByRole('link', { name: /Password is too common/ }).waitFor();
    expect(await summary.locator('li').count()).toBe(1);
    expect(await fresh.getAttribute('aria-describedby')).toBe('newPassword-hint newPassword-error');
    expect(await account.locator('#currentPassword-error').count()).toBe(0);
    expect(await current.inputValue()).toBe(USER.password);
    await expectAccessible(page);
    await screenshot(page, 'change-password-policy', { fullPage: false });
    // The summary's link takes the user to the field.
    await summary.getByRole('link', { name: /Password is too common/ }).click();
    expect((await focused(page)).id).toBe('newPassword');

    // The change: this page goes to the sign-in page, with a notice that takes focus.
    await fresh.fill(NEW_PASSWORD);
    await confirm.fill(NEW_PASSWORD);
    await submit.click();
    await page.waitForURL(/\/sign-in$/);
    const notice = page.locator('mac-sign-in-page [data-notice]');
    await notice.getByText('Your password has been changed. Sign in with your new password.').waitFor();
    await expect.poll(() => focused(page).then((f) => f.data.notice !== undefined)).toBe(true);
    expect(await page.title()).toBe('Sign in – MAC');
    expect(await page.locator('[data-signed-in-as]').count()).toBe(0);
    expect(await page.evaluate(async () => (await fetch('/api/me')).status)).toBe(401);
    await expectAccessible(page);
    await screenshot(page, 'change-password-done', { fullPage: false });

    // The other device's open chronology is signed out too.
    await other.page.locator('mac-sign-in-page [data-notice]').getByText('signed out because your session ended').waitFor({ timeout: 10_000 });
    expect(await other.page.evaluate(async () => (await fetch('/api/me')).status)).toBe(401);
    await expectAccessible(other.page);

    // Only the new password signs in now, through the form as a person does.
    expect(await loginStatus(page, USER.email, USER.password)).toBe(401);
    await page.getByLabel('Email address').fill(USER.email);
    await page.getByLabel('Password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('[data-signed-in-as]').getByText(`${USER.name}, Thames Valley Police`).waitFor();
    await page.getByRole('heading', { name: 'Your caseload' }).waitFor();

    expect(unexpected(problems, EXPECTED)).toEqual([]);
    expect(unexpected(other.problems, EXPECTED)).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(other.dialogs).toEqual([]);
    await other.context.close();
    await context.close();
  });

  it('sends a signed-out visitor to sign in first, and back to the form afterwards', async () => {
    const { page, context } = await openPage(browser);
    await page.goto(`${baseURL}/account/password`);
    await page.waitForURL(/\/sign-in\?next=%2Faccount%2Fpassword$/);
    await page.getByLabel('Email address').fill(USER.email);
    await page.getByLabel('Password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/account\/password$/);
    await page.locator('mac-change-password-page').getByRole('heading', { name: 'Change your password' }).waitFor();
    await context.close();
  });
});
