// How the end-to-end run starts Debian's Chromium (once, in the global setup) and how each test file
// reaches it. No Vitest import here: the global setup runs outside a test file.
import { chromium, type Browser, type BrowserServer } from 'playwright-core';

export const CHROMIUM = process.env.MAC_CHROMIUM ?? '/usr/bin/chromium';

// playwright-core gives every launch a fresh temporary profile (its own --user-data-dir).
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Starts the browser the whole run shares; its `wsEndpoint()` is what test files connect to. */
export function startChromium(): Promise<BrowserServer> {
  return chromium.launchServer({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}

export function connectToChromium(wsEndpoint: string): Promise<Browser> {
  return chromium.connect(wsEndpoint);
}
