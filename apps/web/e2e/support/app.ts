// Steps through the app the way a person does: by labels, roles and visible text.
import type { Page } from 'playwright-core';

export const ACCOUNTS = {
  lead: 'lead@csc.example.org',
  police: 'police@tvp.example.org',
  dsl: 'dsl@school.example.org',
  hv: 'hv@health.example.org',
  outsider: 'outsider@probation.example.org',
  admin: 'admin@mac.example.org',
  /** The second administrator: approves what the first creates (the two-person rule). */
  admin2: 'admin2@mac.example.org',
} as const;

export async function signIn(page: Page, baseURL: string, email: string, password: string, path = '/'): Promise<void> {
  await page.goto(`${baseURL}${path === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(path)}`}`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('[data-signed-in-as]').waitFor();
}

/** Signs in through the API (faster), then opens `path`. */
export async function signInQuickly(page: Page, baseURL: string, email: string, password: string, path = '/'): Promise<void> {
  await page.goto(`${baseURL}/sign-in`);
  const status = await page.evaluate(
    async ([e, p]) => (await fetch('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: e, password: p }) })).status,
    [email, password] as const,
  );
  if (status !== 200) throw new Error(`sign-in as ${email} answered ${status}`);
  await page.goto(`${baseURL}${path}`);
  await page.locator('[data-signed-in-as]').waitFor();
}

export async function chronologyIdOf(page: Page, givenName: string): Promise<string> {
  // Asked by name: the list is a page at a time (50 unless asked for more).
  const list = await page.evaluate(async (name) => (await (await fetch(`/api/chronologies?limit=200&q=${encodeURIComponent(name)}`)).json()) as { chronologies: Array<{ id: string; child: { givenName: string } }> }, givenName);
  const found = list.chronologies.find((c) => c.child.givenName === givenName);
  if (!found) throw new Error(`no chronology for ${givenName}`);
  return found.id;
}

/** Waits until the chronology has loaded and says all changes are saved. */
export async function waitForSaved(page: Page, timeout = 10_000): Promise<void> {
  await page.locator('mac-status [data-status="saved"]').waitFor({ timeout });
}

/** The chronology page element, for reaching the live documents from page.evaluate. */
export const PAGE_ELEMENT = 'mac-app mac-chronology-page';

export interface NewEntry {
  date: string;
  category: string;
  summary: string;
  detail?: string;
  restricted?: boolean;
}

/** Opens the form, fills it in and submits it. */
export async function addEntry(page: Page, entry: NewEntry): Promise<void> {
  await page.getByRole('button', { name: 'Add an entry' }).click();
  const form = page.locator('mac-entry-form');
  await form.getByLabel('Date of the event').fill(entry.date);
  await form.getByLabel('Category', { exact: true }).selectOption(entry.category);
  await form.getByLabel('Summary', { exact: true }).fill(entry.summary);
  if (entry.detail) await form.getByLabel('Detail (optional)').fill(entry.detail);
  if (entry.restricted) await form.getByText('Restrict to my agency').click();
  await form.getByRole('button', { name: 'Add entry' }).click();
}

/** The id of the table row showing `text`. */
export async function rowIdWithText(page: Page, text: string, timeout = 5000): Promise<string> {
  const row = page.locator('mac-entry-table tr.row', { hasText: text }).first();
  await row.waitFor({ timeout });
  const id = await row.getAttribute('data-id');
  if (!id) throw new Error('row without data-id');
  return id;
}
