import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, launchBrowser } from '../helpers/browser';
import {
  type CollectorProcess,
  eventually,
  startCollectorProcess,
  stopAllCollectors,
} from '../helpers/collector-process';

const demo = JSON.parse(readFileSync('demo/ahakit.config.json', 'utf8'));

/** The demo config with the first checklist titled `title` (in English). */
function withTitle(title: string) {
  const config = structuredClone(demo);
  config.checklists[0].title = { ...config.checklists[0].title, en: title };
  return `${JSON.stringify(config, null, 2)}\n`;
}

async function signUp(page: Page, url: string) {
  await page.goto(`${url}/`);
  await page.getByLabel('Your name').fill('Ada Lovelace');
  await page.getByLabel('Work email').fill('ada@live.example');
  await page.getByLabel('Workspace name').fill('Live');
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await page.getByRole('textbox', { name: 'Message #general' }).waitFor();
}

describe.skipIf(!hasBrowser)('the config file, edited while the collector runs', () => {
  let browser: Browser;
  let collector: CollectorProcess;
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ahakit-live-config-'));
    file = join(dir, 'ahakit.config.json');
    writeFileSync(file, withTitle('Get started with TeamChat'));
    browser = await launchBrowser();
    collector = await startCollectorProcess({ configPath: file });
  });
  afterAll(async () => {
    await browser?.close();
    await stopAllCollectors();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows a valid edit on the next page load, and refuses an invalid one, logging why', async () => {
    const page = await browser.newPage();
    await signUp(page, collector.url);
    await page.getByRole('button', { name: /Get started with TeamChat/ }).waitFor();

    writeFileSync(file, withTitle('Your first week with TeamChat'));
    await eventually(async () =>
      collector.output().includes('[ahakit] config reloaded') ? true : undefined,
    );
    await page.reload();
    await page.getByRole('button', { name: /Your first week with TeamChat/ }).waitFor();

    // A typo: the collector keeps the running config and says what is wrong.
    const broken = withTitle('Never shown').replace('"batchSize": 20', '"batchSize": "20"');
    expect(broken).not.toBe(withTitle('Never shown'));
    writeFileSync(file, broken);
    await eventually(async () =>
      collector.output().includes('config change refused') ? true : undefined,
    );
    expect(collector.output()).toContain(
      'widget.batchSize: wrong type — expected number, received string "20"',
    );
    await page.reload();
    await page.getByRole('button', { name: /Your first week with TeamChat/ }).waitFor();
    expect(await page.getByRole('button', { name: /Never shown/ }).count()).toBe(0);
    const served = await fetch(`${collector.url}/v1/config?key=pk_e2e_write`);
    expect(JSON.stringify(await served.json())).not.toContain('Never shown');
  });
});
