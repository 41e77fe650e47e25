// Emergency (break-glass) access: a GP whose practice is not a member finds a child by NHS number,
// gives a reason and their password, and reads the chronology for 60 minutes without being able to
// change it; the lead is told (a notification in the header) and records a review.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axe, describeViolations, launch, openPage, screenshot, unexpected, type Watched } from './support/browser.js';
import { ACCOUNTS, signInQuickly, waitForSaved } from './support/app.js';
import './support/provided.js';

const baseURL = inject('baseURL');
const password = inject('password');
const idpURL = inject('idpURL');

/** Who the test provider signs in at its next sign-in. */
async function nextAtProvider(subject: string): Promise<void> {
  expect((await fetch(`${idpURL}/__test/next-subject?subject=${subject}`, { method: 'POST' })).status).toBe(204);
}
const GP = 'gp@eastoxford.example.org';

/** A valid NHS number in the 999 range (never issued to patients) that no demo child has. */
function nhsNumber(): string {
  for (;;) {
    const body = `999${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
    const sum = [...body].reduce((acc, d, i) => acc + Number(d) * (10 - i), 0);
    const check = 11 - (sum % 11);
    if (check === 10) continue;
    const number = `${body}${check === 11 ? 0 : check}`;
    if (!['9990431272', '9993865427', '9995120682'].includes(number)) return number;
  }
}

let browser: Browser;
let lead: Watched;
let gp: Watched;
let id: string;
const nhs = nhsNumber();

async function expectAccessible(page: Page) {
  const violations = await axe(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

beforeAll(async () => {
  browser = await launch();
  lead = await openPage(browser);
  await signInQuickly(lead.page, baseURL, ACCOUNTS.lead, password);
  id = await lead.page.evaluate(
    async (n) => {
      const created = await fetch('/api/chronologies', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ child: { givenName: 'Elsie', familyName: 'Brennan', dateOfBirth: '2021-09-30', nhsNumber: n }, memberAgencies: ['thames-valley-police'] }),
      });
      const { id: chronologyId } = (await created.json()) as { id: string };
      await fetch(`/api/chronologies/${chronologyId}/entries`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ date: '2025-01-20', category: 'referral-to-social-care', summary: 'Referral from nursery about unexplained bruising' }),
      });
      return chronologyId;
    },
    nhs,
  );
  gp = await openPage(browser);
  await signInQuickly(gp.page, baseURL, GP, password);
});

afterAll(async () => {
  await browser?.close();
});

describe('emergency access', () => {
  it('finds the chronology by NHS number and gives read-only access after the password and a reason', async () => {
    const page = gp.page;
    await page.getByRole('link', { name: 'Can’t find a child? Request emergency access' }).click();
    await page.getByRole('heading', { name: 'Request emergency access' }).waitFor();
    const form = page.locator('mac-emergency-access-page');
    expect(await form.locator('[data-warning]').textContent()).toContain('The chronology’s lead professional is told straight away');
    await expectAccessible(page);

    await form.getByRole('button', { name: 'Find the chronology' }).click();
    await form.locator('[data-error-summary]').getByRole('link', { name: 'Enter the child’s NHS number' }).waitFor();
    await form.getByLabel('The child’s NHS number').fill('943 476 5918');
    await form.getByRole('button', { name: 'Find the chronology' }).click();
    await form.locator('#nhsNumber-error', { hasText: 'Enter a valid NHS number' }).waitFor();
    await expectAccessible(page);

    await form.getByLabel('The child’s NHS number').fill(`${nhs.slice(0, 3)} ${nhs.slice(3, 6)} ${nhs.slice(6)}`);
    await form.getByRole('button', { name: 'Find the chronology' }).click();
    await form.locator('[data-found]').waitFor();
    expect(await form.locator('[data-found]').textContent()).toContain('EB');
    expect(await form.locator('[data-found]').textContent()).toContain('Priya Shah');
    await expectAccessible(page);

    await form.getByRole('button', { name: 'Get emergency access for 60 minutes' }).click();
    const summary = form.locator('[data-error-summary]');
    await summary.getByRole('link', { name: 'Enter why you need emergency access' }).waitFor();
    expect(await summary.textContent()).toContain('Enter your password');
    await form.getByLabel('Why do you need emergency access?').fill('Elsie brought to the surgery out of hours with a head injury; need history now.');
    await form.getByLabel('Your password').fill('not my password at all');
    await form.getByRole('button', { name: 'Get emergency access for 60 minutes' }).click();
    await summary.getByRole('link', { name: 'Enter your password to confirm it is you' }).waitFor();
    expect(await form.getByLabel('Your password').inputValue()).toBe('');
    await expectAccessible(page);
    await screenshot(page, 'emergency-access-errors', { fullPage: false });

    await form.getByLabel('Your password').fill(password);
    await form.getByRole('button', { name: 'Get emergency access for 60 minutes' }).click();
    await page.waitForURL(new RegExp(`/chronologies/${id}$`));
    await page.getByRole('heading', { name: 'Elsie Brennan' }).waitFor();
    await waitForSaved(page);
    const banner = page.locator('mac-chronology-page [data-emergency]');
    expect(await banner.textContent()).toMatch(/Emergency read-only access until \d\d:\d\d/);
    const shown = await banner.textContent();
    // The end time comes from the server, so it survives a reload (and a new tab).
    await page.reload();
    await page.getByRole('heading', { name: 'Elsie Brennan' }).waitFor();
    await waitForSaved(page);
    expect(await page.locator('mac-chronology-page [data-emergency]').textContent()).toBe(shown);
    expect(await page.getByRole('button', { name: 'Add an entry' }).count()).toBe(0);
    expect(await page.locator('mac-chronology-page nav.page-links').count()).toBe(0);
    await page.locator('mac-entry-table tr.row').first().click();
    await page.locator('mac-entry-details [data-read-only]').getByText('You have read-only emergency access').waitFor();
    expect(await page.locator('mac-entry-details').getByRole('button', { name: /Amend|Withdraw|professionals-only/ }).count()).toBe(0);
    await expectAccessible(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'emergency-read-only', { fullPage: false });

    // The caseload lists it, marked.
    await page.goto(`${baseURL}/`);
    await page.locator('mac-caseload-page td.child', { hasText: 'Elsie Brennan' }).getByText('Emergency access, read only').waitFor();
  });

  it('tells the lead, who records a review', async () => {
    const page = lead.page;
    await page.goto(`${baseURL}/`);
    const link = page.locator('[data-notifications-link]');
    await expect.poll(async () => (await link.textContent())?.replace(/\s+/g, ' ').trim()).toMatch(/^Notifications \d+ unread$/);
    const unread = Number(await link.locator('[data-unread]').textContent());
    await link.click();
    const notes = page.locator('mac-notifications-page');
    await notes.getByRole('heading', { name: 'Emergency access to review' }).waitFor();
    const grant = notes.locator('[data-grant]', { hasText: 'Elsie Brennan' });
    await grant.waitFor();
    expect(await grant.textContent()).toContain('Dr Fiona Mackenzie, East Oxford Health Centre (GP)');
    expect(await grant.textContent()).toContain('Elsie Brennan');
    expect(await grant.textContent()).toContain('head injury');
    const note = notes.locator('[data-notification]', { hasText: 'Elsie Brennan' });
    expect(await note.textContent()).toContain('Dr Fiona Mackenzie (East Oxford Health Centre (GP)) used emergency access');
    await expectAccessible(page);
    await screenshot(page, 'notifications');

    await grant.getByRole('button', { name: /Record the review/ }).click();
    await notes.locator('[data-error-summary]').getByRole('link', { name: 'Enter what you found when you reviewed this emergency access' }).waitFor();
    await grant.getByLabel('Your review').fill('Spoke to Dr Mackenzie: a genuine emergency. Practice added as a member.');
    await grant.getByRole('button', { name: /Record the review/ }).click();
    await notes.locator('[data-reviewed]').waitFor();
    await grant.waitFor({ state: 'detached' });

    await note.getByRole('button', { name: /Mark as read/ }).click();
    await expect.poll(() => note.getAttribute('data-read')).toBe('yes');
    const left = async () => ((await page.locator('[data-notifications-link] [data-unread]').count()) === 0 ? 0 : Number(await page.locator('[data-notifications-link] [data-unread]').textContent()));
    await expect.poll(left).toBe(unread - 1);
    await expectAccessible(page);
    expect(unexpected([...lead.problems, ...gp.problems], [/status of 401/, /status of 422/, /status of 404/])).toEqual([]);
  });

  it('can be confirmed at the organisation’s sign-in instead of with a password, as the same person only', async () => {
    const other = nhsNumber();
    const otherId = await lead.page.evaluate(async (n) => {
      const created = await fetch('/api/chronologies', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ child: { givenName: 'Arlo', familyName: 'Pembroke', dateOfBirth: '2020-03-14', nhsNumber: n }, memberAgencies: ['thames-valley-police'] }),
      });
      return ((await created.json()) as { id: string }).id;
    }, other);
    const page = gp.page;
    const find = async () => {
      await page.goto(`${baseURL}/emergency-access`);
      const form = page.locator('mac-emergency-access-page');
      await form.getByLabel('The child’s NHS number').fill(other);
      await form.getByRole('button', { name: 'Find the chronology' }).click();
      await form.locator('[data-found]').waitFor();
      await form.getByLabel('Why do you need emergency access?').fill('Arlo seen at the surgery out of hours; need his history before deciding on referral.');
      return form;
    };

    // The provider signs in somebody else: no access, and the page says why in plain words.
    let form = await find();
    await nextAtProvider('police');
    await form.getByRole('button', { name: 'Confirm with your organisation’s sign-in' }).click();
    await page.waitForURL(/\/emergency-access$/);
    form = page.locator('mac-emergency-access-page');
    const summary = form.locator('[data-error-summary]');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('confirmed a different person');
    await expectAccessible(page);
    expect((await page.evaluate(async (chronologyId) => (await fetch(`/api/chronologies/${chronologyId}`)).status, otherId))).toBe(404);

    // Then as the GP: back on the chronology, read-only, with the end time. (The test provider keeps the
    // first person's session and has no account picker; its cookies go, MAC's stay.)
    await page.context().clearCookies({ name: /^_(session|interaction)/ });
    form = await find();
    await nextAtProvider('gp');
    await form.getByRole('button', { name: 'Confirm with your organisation’s sign-in' }).click();
    await page.waitForURL(new RegExp(`/chronologies/${otherId}$`));
    await page.getByRole('heading', { name: 'Arlo Pembroke' }).waitFor();
    await waitForSaved(page);
    expect(await page.locator('mac-chronology-page [data-emergency]').textContent()).toMatch(/Emergency read-only access until \d\d:\d\d/);
    expect(unexpected(gp.problems, [/status of 401/, /status of 422/, /status of 404/])).toEqual([]);
  });
});
