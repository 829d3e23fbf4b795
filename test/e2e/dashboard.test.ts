import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, launchBrowser } from '../helpers/browser';
import {
  type CollectorProcess,
  E2E_ADMIN_KEY,
  E2E_WRITE_KEY,
  eventually,
  startCollectorProcess,
  stopAllCollectors,
} from '../helpers/collector-process';

/**
 * A TeamChat journey to the aha moment for one user in their own workspace, as the
 * widget would send it: sign-up, three channels, an invite, ten messages, then `extra`.
 */
function journey(user: string, name: string, workspace: string, extra: string[]) {
  const start = Date.now() - 3_600_000;
  let n = 0;
  const message = (body: Record<string, unknown>) => ({
    messageId: `${user}-${++n}`,
    userId: user,
    context: { groupId: workspace },
    timestamp: new Date(start + n * 60_000).toISOString(),
    ...body,
  });
  const track = (event: string) => message({ type: 'track', event });
  return [
    message({ type: 'identify', traits: { name, email: `${user}@${workspace}.example` } }),
    message({ type: 'group', groupId: workspace, traits: { plan: 'free', name: workspace } }),
    track('workspace_created'),
    ...['design', 'random', 'launch'].map(() => track('channel_created')),
    track('teammate_invited'),
    ...Array.from({ length: 10 }, () => track('message_sent')),
    // The pricing page's "Talk to sales" is a hand-raise signal the widget raises on the event.
    ...extra.flatMap((e) =>
      e === 'talk_to_sales_clicked'
        ? [
            track(e),
            message({
              type: 'track',
              event: '$signal',
              properties: { signalId: 'sales_requested', type: 'event', event: e },
            }),
          ]
        : [track(e)],
    ),
  ];
}

async function ingest(collector: CollectorProcess, batch: unknown[]) {
  const res = await fetch(`${collector.url}/v1/batch`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Basic ${Buffer.from(`${E2E_WRITE_KEY}:`).toString('base64')}`,
    },
    body: JSON.stringify({ batch }),
  });
  expect(res.status).toBe(200);
}

/** The names in the lead table, top to bottom. */
async function leadNames(page: Page): Promise<string[]> {
  const table = page.getByRole('table', { name: /leads?/ });
  return table.getByRole('row').getByRole('link').allTextContents();
}

describe.skipIf(!hasBrowser)('the growth dashboard in Chromium', () => {
  let browser: Browser;
  let collector: CollectorProcess;
  beforeAll(async () => {
    [browser, collector] = await Promise.all([launchBrowser(), startCollectorProcess()]);
    // Ada looks at upgrading (80 points); Grace asks to talk to sales (95 points).
    await ingest(collector, [
      ...journey('ada', 'Ada Lovelace', 'engines', ['upgrade_clicked']),
      ...journey('grace', 'Grace Hopper', 'navy', ['talk_to_sales_clicked']),
    ]);
    await eventually(async () => {
      const res = await collector.admin('/v1/admin/pqls?definition=upsell');
      const body = (await res.json()) as { pqls: { id: string }[] };
      return body.pqls.length === 2 ? true : undefined;
    });
  });
  afterAll(async () => {
    await browser?.close();
    await stopAllCollectors();
  });

  it('is a static page with a strict CSP that holds no admin key', async () => {
    const res = await fetch(`${collector.url}/dashboard/users/ada`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await res.text();
    const assets = [...html.matchAll(/(?:src|href)="(\/dashboard\/assets\/[^"]+)"/g)].map(
      (m) => m[1]!,
    );
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const body of [
      html,
      ...(await Promise.all(assets.map(async (a) => (await fetch(`${collector.url}${a}`)).text()))),
    ]) {
      expect(body).not.toContain(E2E_ADMIN_KEY);
    }
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('refuses a wrong key, then shows the PQLs with reasons, sorts them, downloads the CSV and opens a user', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) problems.push(m.text());
    });
    await page.goto(`${collector.url}/dashboard/pqls`);

    // A wrong key: a clear error, and nothing of the dashboard.
    await page.getByLabel('Admin key').fill('sk_not_the_admin_key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toMatch(/That admin key is not valid for this collector/);
    expect(await page.getByRole('navigation').count()).toBe(0);
    expect(await page.getByRole('table').count()).toBe(0);

    await page.getByLabel('Admin key').fill(E2E_ADMIN_KEY);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Ada Lovelace' }).waitFor();
    expect(
      await page.evaluate(() => [sessionStorage.getItem('ahakit:admin-key'), localStorage.length]),
    ).toEqual([E2E_ADMIN_KEY, 0]);

    // Best score first, with the reasons on each row.
    expect(await leadNames(page)).toEqual(['Grace Hopper', 'Ada Lovelace']);
    const ada = page.getByRole('row', { name: /Ada Lovelace/ });
    expect(await ada.getByRole('listitem').allTextContents()).toEqual([
      'Free plan +10',
      'Reached the aha moment +30',
      'Invited teammates +15',
      'Looked at upgrading +25',
    ]);
    // Company (the workspace's name), then the score.
    expect(await ada.getByRole('cell').nth(0).textContent()).toBe('engines');
    expect(await ada.getByRole('cell').nth(1).textContent()).toBe('80');

    await page.getByRole('button', { name: /^Name/ }).click();
    expect(await leadNames(page)).toEqual(['Ada Lovelace', 'Grace Hopper']);
    await page.getByRole('button', { name: /^Score/ }).click();
    expect(await leadNames(page)).toEqual(['Grace Hopper', 'Ada Lovelace']);

    // The CSV comes from the admin API with the key, saved as a file.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('pqls-upsell.csv');
    const csv = readFileSync(await download.path(), 'utf8').split('\r\n');
    expect(csv[0]).toBe('kind,id,email,name,company,score,qualifies,first_qualified_at,reasons');
    const adaRow = csv.find((line) => line.startsWith('user,ada,'));
    expect(adaRow).toContain('ada@engines.example,Ada Lovelace,engines,80,yes,');
    expect(adaRow).toContain('Looked at upgrading (+25)');
    expect(csv.some((line) => line.startsWith('user,grace,'))).toBe(true);

    // The user page: milestones and the score's reasons; its URL survives a reload.
    await page.getByRole('link', { name: 'Ada Lovelace' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ada Lovelace' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/dashboard/users/ada');
    await page.reload();
    const milestones = page.getByRole('region', { name: 'Milestones' });
    await milestones.waitFor();
    expect(await milestones.getByRole('rowheader').allTextContents()).toEqual(
      expect.arrayContaining(['workspace_created', 'channels_created', 'teammate_invited', 'aha']),
    );
    const scores = page.getByRole('region', { name: 'PQL scores' });
    expect(await scores.textContent()).toMatch(/80 points of 70 needed/);
    expect(await scores.getByRole('listitem').allTextContents()).toContain(
      'Looked at upgrading +25',
    );
    expect(await page.getByRole('region', { name: 'Timeline' }).textContent()).toMatch(
      /Qualified as upsell PQL/,
    );

    // The overview's funnel counts both new users, activated and qualified.
    await page.getByRole('link', { name: 'Overview' }).click();
    const funnel = page.getByRole('table', { name: 'Funnel' });
    await funnel.waitFor();
    for (const step of ['New users', 'Activated', 'Product qualified']) {
      expect(await funnel.getByRole('row', { name: new RegExp(`^${step}`) }).textContent()).toMatch(
        new RegExp(`^${step}2`),
      );
    }

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Admin key').waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('ahakit:admin-key'))).toBeNull();
    expect(problems).toEqual([]);
    await context.close();
  });
});
