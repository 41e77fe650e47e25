// Administration: only an administrator is offered it. They add a user (the server's password
// policy shown beside the field), who can then sign in; they disable that user after a warning, and
// the user's open chronology is signed out at once; they unlink a single sign-on identity; they
// issue an agency's API token (shown once) and revoke it, after which the API refuses it. Every
// state is checked with axe, and the disabling is done with the keyboard alone.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { randomBytes } from 'node:crypto';
import { axe, describeViolations, focused, launch, openPage, screenshot, unexpected, type Watched } from './support/browser.js';
import { ACCOUNTS, chronologyIdOf, signInQuickly, waitForSaved } from './support/app.js';
import './support/provided.js';

const baseURL = inject('baseURL');
const password = inject('password');
const idpURL = inject('idpURL');

// The admin's page answers 422 (the password policy) on purpose; a disabled user's page gets 401s.
const EXPECTED = [/status of 422/, /status of 401/];

const suffix = randomBytes(4).toString('hex');
const NEW_USER = { email: `sam.carter.${suffix}@tvp.example.org`, name: `Sam Carter ${suffix}`, password: 'lantern orchard pebble' };

let browser: Browser;
let admin: Watched;

async function expectAccessible(page: Page) {
  const violations = await axe(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

/** Presses Tab until `matches` says focus has arrived, failing after `limit` presses. */
async function tabTo(page: Page, matches: (f: Awaited<ReturnType<typeof focused>>) => boolean, limit = 120) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (matches(await focused(page))) return;
  }
  throw new Error(`focus never arrived after ${limit} presses of Tab`);
}

function adminPage(page: Page) {
  return page.locator('mac-admin-page');
}

function userRow(page: Page, email: string) {
  return adminPage(page).locator(`tr[data-user="${email}"]`);
}

beforeAll(async () => {
  browser = await launch();
  admin = await openPage(browser);
  await signInQuickly(admin.page, baseURL, ACCOUNTS.admin, password);
});

afterAll(async () => {
  await browser?.close();
});

describe('administration', () => {
  it('is offered to administrators only; their caseload is as before', async () => {
    const { page, context, problems } = await openPage(browser);
    await signInQuickly(page, baseURL, ACCOUNTS.police, password);
    await page.locator('[data-notifications-link]').waitFor();
    expect(await page.locator('[data-admin-link]').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Administration' }).count()).toBe(0);
    // The address typed in: a plain message, and the admin API is never asked.
    const asked: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname.startsWith('/api/admin')) asked.push(r.url());
    });
    await page.goto(`${baseURL}/admin`);
    await adminPage(page).locator('[data-admins-only]').getByText('Only administrators can manage users and API tokens').waitFor();
    expect(asked).toEqual([]);
    await expectAccessible(page);
    expect(problems).toEqual([]);
    await context.close();

    const a = admin.page;
    // An administrator has no caseload (they never see chronology content): "/" is the administration page.
    await a.goto(`${baseURL}/`);
    await a.waitForURL(/\/admin$/);
    expect(await a.locator('mac-caseload-page').count()).toBe(0);
    expect(await a.locator('[data-notifications-link]').count()).toBe(0);
    await a.getByRole('link', { name: 'Administration' }).click();
    await a.waitForURL(/\/admin$/);
    await adminPage(a).getByRole('heading', { name: 'Administration', level: 1 }).waitFor();
    await adminPage(a).locator('table[data-users]').waitFor();
    expect(await a.title()).toBe('Administration – MAC');
    const police = userRow(a, ACCOUNTS.police);
    expect((await police.textContent())?.replace(/\s+/g, ' ')).toContain('Tom Whitfield police@tvp.example.org Thames Valley Police Practitioner Active');
    // An administrator cannot disable their own account from here.
    const self = userRow(a, ACCOUNTS.admin);
    expect(await self.textContent()).toContain('(you)');
    expect(await self.getByRole('button', { name: /Disable/ }).count()).toBe(0);
    await expectAccessible(a);
    await screenshot(a, 'admin');
  });

  it('adds a user, with the server’s password policy shown beside the field, and the new user can sign in', async () => {
    const page = admin.page;
    await page.goto(`${baseURL}/admin`);
    await adminPage(page).locator('table[data-users]').waitFor();
    const form = adminPage(page).locator('form[data-add-user]');
    const summary = adminPage(page).locator('[data-error-summary]');

    await form.getByRole('button', { name: 'Add user' }).click();
    await summary.waitFor();
    for (const message of ['Enter the person’s email address', 'Enter the person’s full name', 'Select the person’s role', 'Select the person’s agency', 'Enter an initial password']) {
      await summary.getByRole('link', { name: message }).waitFor();
    }
    await expect.poll(() => focused(page).then((f) => f.data.errorSummary !== undefined)).toBe(true);
    await expectAccessible(page);

    await form.getByLabel('Email address').fill(NEW_USER.email);
    await form.getByLabel('Full name').fill(NEW_USER.name);
    await form.getByLabel('Practitioner').check();
    await form.getByLabel('Agency').selectOption({ label: 'Thames Valley Police' });
    await form.getByLabel('Initial password').fill('Password1234');
    await form.getByRole('button', { name: 'Add user' }).click();
    // The server's words (its 422 names the field), in the summary and beside the field.
    await adminPage(page).locator('#password-error', { hasText: 'Password is too common' }).waitFor();
    await summary.getByRole('link', { name: /Password is too common/ }).waitFor();
    expect(await summary.locator('li').count()).toBe(1);
    expect(await adminPage(page).locator('#password').getAttribute('aria-describedby')).toBe('password-hint password-error');
    await expectAccessible(page);
    await screenshot(page, 'admin-password-policy', { fullPage: false });
    // The summary's link takes the user to the field.
    await summary.getByRole('link', { name: /Password is too common/ }).click();
    expect((await focused(page)).tag).toBe('input');
    expect(await adminPage(page).evaluate((el) => el.shadowRoot?.activeElement?.id)).toBe('password');

    await form.getByLabel('Initial password').fill(NEW_USER.password);
    await form.getByRole('button', { name: 'Show password' }).click();
    expect(await adminPage(page).locator('#password').getAttribute('type')).toBe('text');
    await form.getByRole('button', { name: 'Add user' }).click();
    const done = adminPage(page).locator('[data-done]');
    await done.waitFor();
    expect(await done.textContent()).toContain(`${NEW_USER.name} has been added as a practitioner at Thames Valley Police`);
    await expect.poll(() => focused(page).then((f) => f.data.done !== undefined)).toBe(true);
    expect(await summary.count()).toBe(0);
    const row = userRow(page, NEW_USER.email);
    expect((await row.textContent())?.replace(/\s+/g, ' ')).toContain(`${NEW_USER.name} ${NEW_USER.email} Thames Valley Police Practitioner Awaiting approval No`);
    // The form is empty again, ready for the next person.
    expect(await form.getByLabel('Email address').inputValue()).toBe('');
    expect(await form.getByLabel('Initial password').inputValue()).toBe('');
    await expectAccessible(page);

    // The same address again: said beside the email field.
    await form.getByLabel('Email address').fill(NEW_USER.email);
    await form.getByLabel('Full name').fill('Someone Else');
    await form.getByLabel('Practitioner').check();
    await form.getByLabel('Agency').selectOption({ label: 'Thames Valley Police' });
    await form.getByLabel('Initial password').fill('another lantern orchard');
    await form.getByRole('button', { name: 'Add user' }).click();
    await adminPage(page).locator('#email-error', { hasText: 'A user with that email address already exists' }).waitFor();

    // The two-person rule: the account works only once someone else approves it. Its creator cannot.
    const pendingRow = adminPage(page).locator('mac-approvals tr', { hasText: NEW_USER.email });
    await pendingRow.waitFor();
    expect(await pendingRow.textContent()).toContain('Waiting for another administrator or the agency’s lead');
    expect(await pendingRow.getByRole('button').count()).toBe(0);
    const { page: user, context } = await openPage(browser);
    await user.goto(`${baseURL}/sign-in`);
    await user.getByLabel('Email address').fill(NEW_USER.email);
    await user.getByLabel('Password').fill(NEW_USER.password);
    await user.getByRole('button', { name: 'Sign in' }).click();
    await user.getByText('has not approved it yet').first().waitFor();

    const second = await openPage(browser);
    await signInQuickly(second.page, baseURL, ACCOUNTS.admin2, password);
    await second.page.goto(`${baseURL}/admin`);
    const approveRow = adminPage(second.page).locator('mac-approvals tr', { hasText: NEW_USER.email });
    await approveRow.getByRole('button', { name: `Approve ${NEW_USER.name}` }).click();
    await adminPage(second.page).locator('mac-approvals [data-approved]').getByText(`${NEW_USER.name}’s account is approved`).waitFor();
    await expectAccessible(second.page);
    await second.context.close();

    await signInQuickly(user, baseURL, NEW_USER.email, NEW_USER.password);
    expect(await user.locator('[data-signed-in-as]').textContent()).toContain(`${NEW_USER.name}, Thames Valley Police`);
    await user.locator('mac-caseload-page table[data-caseload]').getByText('Ruby Hartley').waitFor();
    await context.close();
    expect(unexpected(admin.problems, [...EXPECTED, /status of 409/])).toEqual([]);
  });

  it('disables the user after a warning, with the keyboard alone, and signs out their open page at once', async () => {
    const newUser = await openPage(browser);
    const user = newUser.page;
    await signInQuickly(user, baseURL, NEW_USER.email, NEW_USER.password);
    const ruby = await chronologyIdOf(user, 'Ruby');
    await user.goto(`${baseURL}/chronologies/${ruby}`);
    await waitForSaved(user);

    const page = admin.page;
    await page.goto(`${baseURL}/admin`);
    const row = userRow(page, NEW_USER.email);
    await row.waitFor();
    await adminPage(page).locator('h1').focus();
    await tabTo(page, (f) => f.data.disable !== undefined && f.text === `Disable ${NEW_USER.name}`);
    await page.keyboard.press('Enter');
    const confirm = adminPage(page).locator('[data-confirm]');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('signs them out everywhere at once, including any page they have open');
    expect((await focused(page)).text).toBe(`Yes, disable ${NEW_USER.name}`);
    await expectAccessible(page);
    await screenshot(page, 'admin-disable-confirm', { fullPage: false });

    // Cancel puts focus back where it was; nothing happened.
    await page.keyboard.press('Tab');
    expect((await focused(page)).text).toBe('Cancel');
    await page.keyboard.press('Enter');
    await confirm.waitFor({ state: 'detached' });
    expect((await focused(page)).text).toBe(`Disable ${NEW_USER.name}`);
    expect(await row.locator('[data-status]').textContent()).toContain('Active');

    await page.keyboard.press('Enter');
    await confirm.waitFor();
    await page.keyboard.press('Enter');
    const done = adminPage(page).locator('[data-done]');
    await done.getByText(`${NEW_USER.name}’s account has been disabled`).waitFor();
    await expect.poll(() => focused(page).then((f) => f.data.done !== undefined)).toBe(true);
    expect(await row.locator('[data-status]').textContent()).toContain('Disabled');
    expect(await row.getByRole('button', { name: /Disable/ }).count()).toBe(0);
    await expectAccessible(page);

    // Their chronology, open in another browser, closes: the signed-out page says why.
    await user.locator('mac-sign-in-page [data-notice]').getByText('signed out because your session ended').waitFor({ timeout: 10_000 });
    expect(await user.evaluate(async () => (await fetch('/api/me')).status)).toBe(401);
    const again = await user.evaluate(
      async ([e, p]) => (await fetch('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: e, password: p }) })).status,
      [NEW_USER.email, NEW_USER.password] as const,
    );
    expect(again).toBe(401);

    // Enabled again: they can sign in afresh.
    await row.getByRole('button', { name: `Enable ${NEW_USER.name}` }).click();
    await done.getByText(`${NEW_USER.name}’s account has been enabled`).waitFor();
    expect(await row.locator('[data-status]').textContent()).toContain('Active');
    await expectAccessible(page);
    const afterEnable = await user.evaluate(
      async ([e, p]) => (await fetch('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: e, password: p }) })).status,
      [NEW_USER.email, NEW_USER.password] as const,
    );
    expect(afterEnable).toBe(200);
    expect(unexpected(newUser.problems, EXPECTED)).toEqual([]);
    await newUser.context.close();
  });

  it('unlinks a single sign-on identity, after saying what that does', async () => {
    // Tom Whitfield signs in once through the organisation's provider: his identity is linked.
    const sso = await openPage(browser);
    expect((await fetch(`${idpURL}/__test/next-subject?subject=police`, { method: 'POST' })).status).toBe(204);
    await sso.page.goto(`${baseURL}/api/auth/oidc/login`);
    await sso.page.locator('[data-signed-in-as]').getByText('Tom Whitfield').waitFor();
    await sso.context.close();

    const page = admin.page;
    await page.goto(`${baseURL}/admin`);
    const row = userRow(page, ACCOUNTS.police);
    await row.waitFor();
    expect(await row.locator('[data-sso]').textContent()).toBe('Yes');
    await row.getByRole('button', { name: 'Unlink single sign-on for Tom Whitfield' }).click();
    const confirm = adminPage(page).locator('[data-confirm]');
    expect(await confirm.textContent()).toContain('The next sign-in with their organisation account for police@tvp.example.org links that account again');
    await expectAccessible(page);
    await confirm.getByRole('button', { name: 'Yes, unlink single sign-on for Tom Whitfield' }).click();
    await adminPage(page).locator('[data-done]').getByText('Tom Whitfield’s single sign-on has been unlinked').waitFor();
    expect(await row.locator('[data-sso]').textContent()).toBe('No');
    expect(await row.getByRole('button', { name: /Unlink/ }).count()).toBe(0);
    await expectAccessible(page);
  });

  it('issues an agency’s API token, shown once, and revokes it after a warning', async () => {
    const page = admin.page;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
    await page.goto(`${baseURL}/admin`);
    const form = adminPage(page).locator('form[data-issue-token]');
    await form.getByRole('button', { name: 'Issue a token' }).click();
    const summary = adminPage(page).locator('[data-error-summary]');
    await summary.getByRole('link', { name: 'Select the agency whose system will use the token' }).waitFor();
    await summary.getByRole('link', { name: 'Enter a name for the token, such as the system that will use it' }).waitFor();
    await expectAccessible(page);

    const name = `Niche records ${suffix}`;
    await form.getByLabel('Agency').selectOption({ label: 'Thames Valley Police' });
    await form.getByLabel('Name').fill(name);
    await form.getByRole('button', { name: 'Issue a token' }).click();
    const issued = adminPage(page).locator('[data-issued]');
    await issued.waitFor();
    await expect.poll(() => focused(page).then((f) => f.data.issued !== undefined)).toBe(true);
    expect(await issued.textContent()).toContain('this is the only time it will be shown');
    const field = issued.getByLabel('API token');
    expect(await field.getAttribute('readonly')).not.toBeNull();
    const token = await field.inputValue();
    expect(token).toMatch(/^mac_/);
    await issued.getByRole('button', { name: 'Copy the token' }).click();
    await issued.locator('[data-copy-status]').getByText(/copied|selected/).waitFor();
    if ((await issued.locator('[data-copy-status]').textContent())?.includes('has been copied')) {
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
    }
    await expectAccessible(page);
    await screenshot(page, 'admin-token-issued', { fullPage: false });

    // The token works for the agency's system once a second administrator has approved it.
    expect((await fetch(`${baseURL}/api/me`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(401);
    const second = await openPage(browser);
    await signInQuickly(second.page, baseURL, ACCOUNTS.admin2, password);
    await second.page.goto(`${baseURL}/admin`);
    await adminPage(second.page).locator('mac-approvals tr', { hasText: name }).getByRole('button', { name: `Approve ${name}` }).click();
    await adminPage(second.page).locator('mac-approvals [data-approved]').waitFor();
    await second.context.close();
    const me = await fetch(`${baseURL}/api/me`, { headers: { Authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { agency: { slug: string } }).agency.slug).toBe('thames-valley-police');

    // Hidden, it is gone for good: the list never holds it.
    await issued.getByRole('button', { name: 'I have copied it: hide the token' }).click();
    await issued.waitFor({ state: 'detached' });
    await page.reload();
    const row = adminPage(page).locator('table[data-tokens] tr', { hasText: name });
    await row.waitFor();
    expect(await adminPage(page).locator('[data-issued]').count()).toBe(0);
    expect(await adminPage(page).evaluate((el) => el.shadowRoot?.innerHTML ?? '')).not.toContain(token);
    expect(await adminPage(page).locator('input').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))).not.toContain(token);
    const text = (await row.textContent())?.replace(/\s+/g, ' ') ?? '';
    expect(text).toContain(`Thames Valley Police ${name}`);
    expect(text).toContain('Active');
    const adminName = await page.evaluate(async () => ((await (await fetch('/api/me')).json()) as { name: string }).name);
    expect(text).toContain(`by ${adminName}`);
    expect(text).not.toContain('Not used yet');

    await row.getByRole('button', { name: `Revoke the token “${name}” of Thames Valley Police` }).click();
    const confirm = adminPage(page).locator('[data-confirm]');
    expect(await confirm.textContent()).toContain('will be refused from now on');
    await expectAccessible(page);
    await confirm.getByRole('button', { name: `Yes, revoke “${name}”` }).click();
    await adminPage(page).locator('[data-done]').getByText(`The token “${name}” of Thames Valley Police has been revoked`).waitFor();
    expect(await row.locator('[data-status]').textContent()).toContain('Revoked');
    expect(await row.getByRole('button', { name: /Revoke/ }).count()).toBe(0);
    await expectAccessible(page);

    expect((await fetch(`${baseURL}/api/me`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(401);
    expect(unexpected(admin.problems, [...EXPECTED, /status of 409/])).toEqual([]);
    expect(admin.dialogs).toEqual([]);
  });

  it('runs the periodic access review and says what it found', async () => {
    const page = admin.page;
    await page.goto(`${baseURL}/admin`);
    await adminPage(page).getByRole('button', { name: 'Run the access review' }).click();
    const result = adminPage(page).locator('[data-review]');
    await result.waitFor();
    expect((await result.textContent())?.replace(/\s+/g, ' ')).toMatch(/\d+ accounts \(\d+ disabled\), \d+ active tokens\. \d+ accounts? and \d+ tokens? not used in the last 90 days\./);
    await expect.poll(() => adminPage(page).evaluate((el) => el.shadowRoot?.activeElement?.id)).toBe('review-result');
    await expectAccessible(page);
  });
});
