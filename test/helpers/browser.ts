import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Whether browser tests can run here. Without Chromium they are skipped with a message,
 * except under CI, where a missing browser fails the run instead of hiding the tests.
 */
export const hasBrowser = existsSync(CHROMIUM_PATH);
if (!hasBrowser) {
  if (process.env.CI) {
    throw new Error(`Chromium is required under CI but was not found at ${CHROMIUM_PATH}.`);
  }
  console.warn(
    `[e2e] Skipping browser tests: no Chromium at ${CHROMIUM_PATH}. Install Debian's "chromium" or set CHROMIUM_PATH.`,
  );
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
  });
}
