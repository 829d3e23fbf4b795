import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, launchBrowser } from '../helpers/browser';
import { eventually, startCollectorProcess, stopAllCollectors } from '../helpers/collector-process';

interface TimelineEvent {
  type: string;
  event: string | null;
  properties: Record<string, unknown>;
}

describe.skipIf(!hasBrowser)('TeamChat, as a new user tries it after npm start', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await stopAllCollectors();
  });

  it('stores what a new user does in TeamChat, readable through the admin API', async () => {
    // The default config: the demo's own, as npm start runs it.
    const collector = await startCollectorProcess();
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${collector.url}/`);

    await page.getByLabel('Your name').fill('Ada Lovelace');
    await page.getByLabel('Work email').fill('ada@analytical.example');
    await page.getByLabel('Workspace name').fill('Analytical Engines');
    await page.getByLabel('Company size').selectOption({ index: 1 });
    await page.getByLabel('Your role').selectOption('Founder');
    await page.getByRole('button', { name: 'Create workspace' }).click();

    const composer = page.getByRole('textbox', { name: 'Message #general' });
    await composer.waitFor();
    for (const name of ['design', 'random']) {
      await page.getByRole('button', { name: 'Add channel' }).click();
      await page
        .getByRole('dialog', { name: 'Create a channel' })
        .getByLabel('Channel name')
        .fill(name);
      await page.getByRole('button', { name: 'Create channel' }).click();
      await page.getByRole('textbox', { name: `Message #${name}` }).waitFor();
    }
    const designComposer = page.getByRole('textbox', { name: 'Message #random' });
    for (const text of ['Hello team!', 'Shipping the new engine today', 'Who is in?']) {
      await designComposer.fill(text);
      await page.getByRole('button', { name: 'Send' }).click();
      await page.getByText(text).waitFor();
    }
    await page.getByRole('button', { name: 'Invite teammates' }).click();
    await page
      .getByRole('dialog', { name: 'Invite teammates' })
      .getByLabel('Email address')
      .fill('charles@analytical.example');
    await page.getByRole('button', { name: 'Send invite' }).click();
    await expect
      .poll(() => page.getByRole('status').allTextContents())
      .toContainEqual(expect.stringContaining('Invitation sent to charles@analytical.example'));
    await page.keyboard.press('Escape');
    await page.getByRole('link', { name: 'Pricing' }).first().click();
    await page.waitForURL(/\/pricing$/);
    await page.getByRole('button', { name: 'Upgrade to Pro' }).waitFor();

    const session = await page.evaluate(() =>
      JSON.parse(localStorage.getItem('teamchat:session') ?? 'null'),
    );
    expect(session).toMatchObject({ userId: expect.any(String), workspaceId: expect.any(String) });

    const expected = ['workspace_created', 'channel_created', 'message_sent', 'teammate_invited'];
    const timeline = await eventually(async () => {
      const res = await collector.admin(`/v1/admin/users/${session.userId}?limit=500`);
      if (!res.ok) return undefined;
      const body = (await res.json()) as {
        timeline: TimelineEvent[];
        traits: Record<string, unknown>;
      };
      const names = body.timeline.map((e) => e.event);
      const pricing = body.timeline.some(
        (e) => e.type === 'page' && String(e.properties.path) === '/pricing',
      );
      return expected.every((n) => names.includes(n)) && pricing ? body : undefined;
    }, 20_000);
    const count = (name: string) => timeline.timeline.filter((e) => e.event === name).length;
    expect(count('channel_created')).toBe(2);
    expect(count('message_sent')).toBe(3);
    expect(timeline.traits).toMatchObject({ email: 'ada@analytical.example', role: 'Founder' });
    const usage = timeline.timeline.find((e) => e.event === '$usage');
    expect(usage?.properties).toMatchObject({ metric: 'messages', limit: 50 });

    const account = (await (
      await collector.admin(`/v1/admin/accounts/${session.workspaceId}`)
    ).json()) as {
      traits: Record<string, unknown>;
      userIds: string[];
    };
    expect(account.traits).toMatchObject({ name: 'Analytical Engines', plan: 'free' });
    expect(account.userIds).toEqual([session.userId]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps working when the collector cannot be reached', async () => {
    const collector = await startCollectorProcess();
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // The host app loads, but every call to the collector fails.
    await page.route('**/v1/**', (route) => route.abort('connectionrefused'));
    await page.goto(`${collector.url}/`);
    await page.getByLabel('Your name').fill('Grace Hopper');
    await page.getByLabel('Work email').fill('grace@navy.example');
    await page.getByLabel('Workspace name').fill('Compilers');
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await page.getByRole('textbox', { name: 'Message #general' }).fill('Still works');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText('Still works').waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });
});
