// Presence tells the truth: others see when someone is writing a new entry (not only amending one),
// and while a window is offline it says that it cannot know who else is here, instead of "nobody".
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { axe, describeViolations, launch, openPage, textOf, unexpected, type Watched } from './support/browser.js';
import { ACCOUNTS, signInQuickly, waitForSaved } from './support/app.js';
import { seedChronology } from './support/seed.js';
import './support/provided.js';

const baseURL = inject('baseURL');
const password = inject('password');

let browser: Browser;
let police: Watched;
let hv: Watched;
beforeAll(async () => {
  browser = await launch();
  const lead = await openPage(browser);
  await signInQuickly(lead.page, baseURL, ACCOUNTS.lead, password);
  const id = await seedChronology(lead.page, 'Presentia', 6);
  await lead.context.close();
  police = await openPage(browser, { viewport: { width: 1280, height: 800 } });
  hv = await openPage(browser, { viewport: { width: 1280, height: 800 } });
  await signInQuickly(police.page, baseURL, ACCOUNTS.police, password, `/chronologies/${id}`);
  await signInQuickly(hv.page, baseURL, ACCOUNTS.hv, password, `/chronologies/${id}`);
  await waitForSaved(police.page);
  await waitForSaved(hv.page);
});
afterAll(async () => {
  await browser?.close();
});

describe('presence', () => {
  it('shows others that someone is adding an entry while their form is open, and stops when it closes', async () => {
    const person = hv.page.locator('mac-presence [data-person]', { hasText: 'Tom Whitfield' });
    await person.waitFor();
    expect(await person.locator('[data-adding]').count()).toBe(0);
    await police.page.getByRole('button', { name: 'Add an entry' }).click();
    await person.locator('[data-adding]', { hasText: 'Adding an entry' }).waitFor({ timeout: 10_000 });
    const violations = await axe(hv.page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await police.page.locator('mac-entry-form').getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => person.locator('[data-adding]').count(), { timeout: 10_000 }).toBe(0);
  });

  it('says presence is unknown while offline, not that nobody else is here, and lists people again once back', async () => {
    const presence = police.page.locator('mac-presence');
    await presence.locator('[data-person]', { hasText: 'Gemma Doyle' }).waitFor();
    await police.context.setOffline(true);
    await police.page.locator('mac-status [data-status="offline"]').waitFor({ timeout: 10_000 });
    await presence.locator('[data-presence-unknown]').waitFor();
    const text = await textOf(presence);
    expect(text).toContain('Not known while you are offline');
    expect(text).not.toContain('Nobody else');
    expect(await presence.locator('[data-person]').count()).toBe(0);
    const violations = await axe(police.page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await police.context.setOffline(false);
    await waitForSaved(police.page, 15_000);
    // Generous: a busy test server may make the reconnection wait (per-account connection admission).
    await presence.locator('[data-person]', { hasText: 'Gemma Doyle' }).waitFor({ timeout: 30_000 });
    expect(unexpected(police.problems, [/ERR_INTERNET_DISCONNECTED|WebSocket/])).toEqual([]);
    expect(hv.problems).toEqual([]);
  });
});
