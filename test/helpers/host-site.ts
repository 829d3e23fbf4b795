import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser';
import {
  type CollectorProcess,
  startCollectorProcess,
  stopAllCollectors,
} from './collector-process';
import { startStaticSite } from './static-site';

/** The published snippet: queues calls until `ahakit.js` loads. */
export const SNIPPET = `<script>window.ahakit=window.ahakit||function(){(ahakit.q=ahakit.q||[]).push(arguments)}</script>`;

/** `config` written to a fresh temporary `ahakit.config.json`; returns its path. */
export function writeConfig(config: object): string {
  const file = join(mkdtempSync(join(tmpdir(), 'ahakit-cfg-')), 'ahakit.config.json');
  writeFileSync(file, JSON.stringify(config));
  return file;
}

/**
 * For one test file: Chromium, a host app on its own origin serving `page` at every path,
 * and a collector running `config` (which should allow that origin), all stopped after
 * the file. The returned object is filled in before the tests run.
 */
export function hostSite(
  page: (collector: string) => string,
  config: (origin: string) => object,
): { browser: Browser; collector: CollectorProcess; url: string } {
  const fixture = {} as { browser: Browser; collector: CollectorProcess; url: string };
  let site: Awaited<ReturnType<typeof startStaticSite>> | undefined;
  beforeAll(async () => {
    fixture.browser = await launchBrowser();
    const pages: Record<string, string> = {};
    site = await startStaticSite(pages);
    fixture.url = site.url;
    fixture.collector = await startCollectorProcess({
      configPath: writeConfig(config(site.url)),
    });
    pages['/'] = page(fixture.collector.url);
  });
  afterAll(async () => {
    await fixture.browser?.close();
    await site?.close();
    await stopAllCollectors();
  });
  return fixture;
}
