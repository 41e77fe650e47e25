// Debian's Chromium driven by playwright-core (which cannot download a browser here), with the
// checks every end-to-end test wants: console errors, CSP violations and dialogs are recorded so a
// test can assert there were none, and axe-core can be run in the page.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import { connectToChromium } from './chromium.js';
import './provided.js';

export { CHROMIUM } from './chromium.js';
export const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '.artifacts');

/**
 * The run's one Chromium, started by the global setup: each file connects to it instead of starting
 * its own (a launch costs seconds on a loaded machine). Every file works in contexts of its own
 * (`openPage`), which are as separate as two browsers: cookies, storage and cache are per context.
 * `close()` on what this returns disconnects and closes this file's contexts; the browser stays up.
 */
export async function launch(): Promise<Browser> {
  return connectToChromium(inject('browserWSEndpoint'));
}

export interface Watched {
  page: Page;
  context: BrowserContext;
  /** Console errors and warnings, page errors, and CSP violations, as text. */
  problems: string[];
  dialogs: string[];
  /** How the next dialogs are answered: dismissed (the default), or accepted. */
  answerDialogs(accept: boolean): void;
}

export async function openPage(browser: Browser, options: { viewport?: { width: number; height: number } } = {}): Promise<Watched> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1440, height: 1000 }, locale: 'en-GB', timezoneId: 'Europe/London' });
  const page = await context.newPage();
  const problems: string[] = [];
  const dialogs: string[] = [];
  let accept = false;
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console ${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void (accept ? dialog.accept() : dialog.dismiss());
  });
  // A CSP violation is reported as a console error too; this catches it even when the console is quiet.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`);
    });
  });
  return { page, context, problems, dialogs, answerDialogs: (yes) => (accept = yes) };
}

/** Expected console noise: failed network requests that a test causes on purpose (offline, signed out). */
export function unexpected(problems: readonly string[], allow: RegExp[] = []): string[] {
  return problems.filter((p) => !allow.some((re) => re.test(p)));
}

const require = createRequire(import.meta.url);
let axeSource: string | null = null;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown; failureSummary?: string }>;
}

/**
 * Runs axe-core in the page. Evaluated through the DevTools protocol rather than injected as a
 * script tag: the app's CSP (rightly) refuses inline scripts.
 */
export async function axe(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const w = window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: AxeViolation[] }> } };
    const result = await w.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
}

export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.slice(0, 5).map((n) => `   ${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`).join('\n')}`).join('\n');
}

export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: options.fullPage ?? true });
  return path;
}

/** The text of an element including its (nested) shadow roots, which textContent leaves out. */
export async function textOf(locator: import('playwright-core').Locator): Promise<string> {
  return locator.evaluate((el) => {
    const out: string[] = [];
    const walk = (node: Node) => {
      if (node.nodeType === Node.TEXT_NODE) out.push(node.textContent ?? '');
      const root = (node as Element).shadowRoot;
      if (root) root.childNodes.forEach(walk);
      node.childNodes.forEach(walk);
    };
    walk(el);
    return out.join(' ').replace(/\s+/g, ' ');
  });
}

/** A screenshot of one element (a panel, a form), for looking at a detail. */
export async function screenshotOf(locator: import('playwright-core').Locator, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await locator.screenshot({ path });
  return path;
}

/** What has focus, through the shadow roots: its tag, id, text and data attributes. */
export function focused(page: Page) {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    const h = el as HTMLElement | null;
    return { tag: h?.tagName.toLowerCase() ?? null, id: h?.id ?? '', text: (h?.textContent ?? '').replace(/\s+/g, ' ').trim(), data: { ...(h?.dataset ?? {}) } };
  });
}
