// Alert settings (issue 15): a DSL finds "Alert settings" from their notifications, chooses to follow
// domestic abuse incidents, saves (a success banner takes focus; the choice is there after a reload), and
// when the police record such an incident in a chronology the DSL's school is a member of, the alert
// appears in the DSL's notifications. Every state is checked with axe. The DSL's settings are put back at
// the end: the files after this one share the server.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axe, describeViolations, focused, launch, openPage, screenshot, unexpected, type Watched } from './support/browser.js';
import { ACCOUNTS, chronologyIdOf, signInQuickly } from './support/app.js';
import './support/provided.js';

const baseURL = inject('baseURL');
const password = inject('password');

let browser: Browser;
let dsl: Watched;

async function expectAccessible(page: Page) {
  const violations = await axe(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

beforeAll(async () => {
  browser = await launch();
  dsl = await openPage(browser);
  await signInQuickly(dsl.page, baseURL, ACCOUNTS.dsl, password, '/notifications');
});

afterAll(async () => {
  // Back to the defaults, so later files' entries alert the DSL as before.
  await dsl?.page.evaluate(async () => {
    await fetch('/api/me/alert-preferences', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ episodes: { follow: true, frequency: 'immediate' }, entries: { categories: [], frequency: 'immediate' }, actions: { follow: true, frequency: 'immediate' } }),
    });
  });
  await browser?.close();
});

describe('alert settings', () => {
  it('are reached from the notifications, saved, and kept', async () => {
    const page = dsl.page;
    await page.locator('mac-notifications-page [data-alert-settings-link]').getByRole('link', { name: 'Alert settings' }).click();
    await page.waitForURL(`${baseURL}/account/alerts`);
    const settings = page.locator('mac-alert-settings-page');
    await settings.getByRole('heading', { name: 'Alert settings', level: 1 }).waitFor();
    expect(await page.title()).toBe('Alert settings – MAC');
    // The defaults: patterns followed, at once; no categories.
    expect(await settings.getByLabel('Tell me when a high-severity pattern starts or grows').isChecked()).toBe(true);
    expect(await settings.locator('input[data-category]:checked').count()).toBe(0);
    await expectAccessible(page);

    await settings.getByLabel('Domestic abuse incident', { exact: true }).check();
    await settings.getByRole('group', { name: 'How often to tell you about new entries' }).getByLabel('Immediately').check();
    await settings.getByRole('group', { name: 'How often to tell you about patterns' }).getByLabel('Once a day').check();
    await settings.getByRole('button', { name: 'Save alert settings' }).click();
    await settings.locator('[data-saved]').waitFor();
    expect((await focused(page)).data).toHaveProperty('saved');
    await expectAccessible(page);
    await screenshot(page, 'alert-settings');

    await page.reload();
    await settings.getByRole('heading', { name: 'Alert settings', level: 1 }).waitFor();
    await settings.locator('input[data-category]').first().waitFor();
    expect(await settings.getByLabel('Domestic abuse incident', { exact: true }).isChecked()).toBe(true);
    expect(await settings.getByRole('group', { name: 'How often to tell you about patterns' }).getByLabel('Once a day').isChecked()).toBe(true);
    expect(await settings.locator('input[data-category]:checked').count()).toBe(1);
  });

  it('then an entry another agency records in that category appears in the notifications', async () => {
    const police = await openPage(browser);
    await signInQuickly(police.page, baseURL, ACCOUNTS.police, password);
    const rubyId = await chronologyIdOf(police.page, 'Ruby');
    const status = await police.page.evaluate(
      async (id) =>
        (
          await fetch(`/api/chronologies/${id}/entries`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ date: '2026-11-30', category: 'domestic-abuse-incident', summary: 'Officers attended a reported argument at the home address' }),
          })
        ).status,
      rubyId,
    );
    expect(status).toBe(201);
    await police.context.close();

    const page = dsl.page;
    // This entry's alert, by its agency and child: other files share the server, and an import in one of
    // them (first-view's chronology) can alert the same DSL to an entry in the same category.
    const alert = page.locator('mac-notifications-page [data-notification]', { hasText: /Thames Valley Police recorded 1 new entry \(Domestic abuse incident\) in the chronology of R\.H\./ });
    // The alert is made in the background once the writes pause (a few seconds): the page is opened again until it is there.
    await expect
      .poll(
        async () => {
          await page.goto(`${baseURL}/notifications`);
          await page.locator('mac-notifications-page [data-alert-settings-link]').waitFor();
          await page.locator('mac-notifications-page').getByRole('heading', { name: 'Messages' }).waitFor();
          return alert.count();
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBe(1);
    expect(await alert.textContent()).toContain('Thames Valley Police');
    expect(await alert.textContent()).toContain('R.H.');
    expect(await alert.getByRole('link', { name: /Open the chronology/ }).getAttribute('href')).toMatch(/^\/chronologies\//);
    await expectAccessible(page);
    expect(unexpected(dsl.problems)).toEqual([]);
  });
});
