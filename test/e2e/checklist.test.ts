import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, launchBrowser } from '../helpers/browser';
import {
  type CollectorProcess,
  eventually,
  startCollectorProcess,
  stopAllCollectors,
} from '../helpers/collector-process';

/** What the write key reads of a user without identity verification (README "Security model"). */
interface UserState {
  user: { reached: Record<string, number> } | null;
  accountId?: string;
  account?: { reached: Record<string, number> } | null;
}

async function signUp(page: Page, url: string, name: string, email: string, workspace: string) {
  await page.goto(`${url}/`);
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Work email').fill(email);
  await page.getByLabel('Workspace name').fill(workspace);
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await page.getByRole('textbox', { name: 'Message #general' }).waitFor();
}

async function joinWorkspace(page: Page, name: string, email: string, workspace: string) {
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Work email').fill(email);
  await page.getByRole('button', { name: `Join ${workspace}` }).click();
  await page.getByRole('textbox', { name: 'Message #general' }).waitFor();
}

async function createChannel(page: Page, name: string) {
  await page.getByRole('button', { name: 'Add channel' }).click();
  await page
    .getByRole('dialog', { name: 'Create a channel' })
    .getByLabel('Channel name')
    .fill(name);
  await page.getByRole('button', { name: 'Create channel' }).click();
  await page.getByRole('textbox', { name: `Message #${name}` }).waitFor();
}

async function sendMessages(page: Page, channel: string, count: number) {
  const composer = page.getByRole('textbox', { name: `Message #${channel}` });
  for (let i = 1; i <= count; i++) {
    await composer.fill(`Message number ${i}`);
    await composer.press('Enter');
    await page.getByText(`Message number ${i}`, { exact: true }).waitFor();
  }
}

async function invite(page: Page, email: string) {
  await page.getByRole('button', { name: 'Invite teammates' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Invite teammates' });
  await dialog.getByLabel('Email address').fill(email);
  await dialog.getByRole('button', { name: 'Send invite' }).click();
  await page.getByText(`Invitation sent to ${email}`).waitFor();
  await page.keyboard.press('Escape');
}

const launcher = (page: Page) => page.getByRole('button', { name: /Get started with TeamChat/ });

async function session(page: Page): Promise<{ userId: string; workspaceId: string }> {
  return page.evaluate(() => JSON.parse(localStorage.getItem('teamchat:session') ?? 'null'));
}

async function serverState(
  collector: CollectorProcess,
  userId: string,
  accountId?: string,
): Promise<UserState> {
  const account = accountId ? `&account=${encodeURIComponent(accountId)}` : '';
  const res = await fetch(`${collector.url}/v1/users/${userId}/state?key=pk_e2e_write${account}`);
  return (await res.json()) as UserState;
}

describe.skipIf(!hasBrowser)('the onboarding checklist in TeamChat', () => {
  let browser: Browser;
  let collector: CollectorProcess;
  beforeAll(async () => {
    browser = await launchBrowser();
    collector = await startCollectorProcess();
  });
  afterAll(async () => {
    await browser?.close();
    await stopAllCollectors();
  });

  it('leads a new user to the aha moment, keeps progress across reloads and devices', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signUp(page, collector.url, 'Ada Lovelace', 'ada@engines.example', 'Engines');

    // Creating the workspace is the first item: done at sign-up.
    await expect.poll(() => launcher(page).textContent()).toMatch(/1 of 5/);
    await launcher(page).click();
    const panel = page.getByRole('region', { name: 'Get started with TeamChat' });
    await panel.waitFor();
    await expect.poll(() => page.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('1');

    for (const name of ['design', 'random', 'launch']) await createChannel(page, name);
    await invite(page, 'charles@engines.example');
    await sendMessages(page, 'launch', 10);
    await expect.poll(() => launcher(page).textContent(), { timeout: 10_000 }).toMatch(/5 of 5/);

    const { userId } = await session(page);
    const state = await eventually(async () => {
      const s = await serverState(collector, userId);
      return s.user?.reached.aha ? s : undefined;
    });
    expect(state.user?.reached).toHaveProperty('aha');

    // Having reached the aha moment, Ada opens the pricing page (a hand-raise) and looks
    // at upgrading: she becomes an upsell PQL, with the reasons sales will read.
    await page.getByRole('link', { name: 'Pricing' }).first().click();
    await page.getByRole('button', { name: 'Upgrade to Pro' }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    const pql = await eventually(async () => {
      const res = await collector.admin('/v1/admin/pqls?definition=upsell');
      const body = (await res.json()) as {
        pqls: { id: string; score: number; reasons: { label: string; points: number }[] }[];
      };
      return body.pqls.find((p) => p.id === userId);
    });
    expect(pql.reasons.map((r) => r.label)).toEqual([
      'Free plan',
      'Reached the aha moment',
      'Invited teammates',
      'Looked at upgrading',
      'Opened the pricing page',
    ]);
    expect(pql.score).toBe(95);
    await page.goBack();

    // A reload shows the same progress at once.
    await page.reload();
    await expect.poll(() => launcher(page).textContent()).toMatch(/5 of 5/);

    // Another device: a fresh browser context with TeamChat's own data (its backend, in a
    // real app) but none of this browser's ahakit storage gets the progress from the collector.
    const teamchat = await page.evaluate(() =>
      Object.fromEntries(Object.entries(localStorage).filter(([k]) => k.startsWith('teamchat:'))),
    );
    const other = await browser.newContext();
    await other.addInitScript((data: Record<string, string>) => {
      if (localStorage.getItem('teamchat:session')) return;
      for (const [k, v] of Object.entries(data)) localStorage.setItem(k, v);
    }, teamchat);
    const otherPage = await other.newPage();
    await otherPage.goto(`${collector.url}/app`);
    await expect
      .poll(() => launcher(otherPage).textContent(), { timeout: 10_000 })
      .toMatch(/5 of 5/);
    expect(errors).toEqual([]);
    await other.close();
    await context.close();
  });

  it('completes the account item for every teammate when one of them invites someone', async () => {
    const context: BrowserContext = await browser.newContext();
    const page = await context.newPage();
    await signUp(page, collector.url, 'Grace Hopper', 'grace@navy.example', 'Navy');
    const grace = await session(page);
    // A teammate joins the same workspace (in this browser, as TeamChat's demo allows).
    await page.getByRole('button', { name: 'Grace Hopper' }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await joinWorkspace(page, 'Alan Turing', 'alan@navy.example', 'Navy');
    const alan = await session(page);
    expect(alan.workspaceId).toBe(grace.workspaceId);
    await invite(page, 'joan@navy.example');

    // Grace never invited anyone, yet her "Invite a teammate" item is done.
    const state = await eventually(async () => {
      const s = await serverState(collector, grace.userId, grace.workspaceId);
      return s.account?.reached.teammate_invited ? s : undefined;
    });
    expect(state.accountId).toBe(grace.workspaceId);
    await page.getByRole('button', { name: 'Alan Turing' }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Join Navy' }).waitFor();
    await joinWorkspace(page, 'Grace Hopper', 'grace@navy.example', 'Navy');
    await launcher(page).click();
    const item = page
      .getByRole('region', { name: 'Get started with TeamChat' })
      .getByRole('listitem')
      .filter({ hasText: 'Invite' });
    await expect.poll(() => item.textContent(), { timeout: 10_000 }).toMatch(/done/i);
    await context.close();
  });
});
