import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bucket } from '../../core/engine';
import { hasBrowser, launchBrowser } from '../helpers/browser';
import {
  type CollectorProcess,
  eventually,
  startCollectorProcess,
  stopAllCollectors,
} from '../helpers/collector-process';

async function signUp(page: Page, url: string, email: string) {
  await page.goto(`${url}/`);
  await page.getByLabel('Your name').fill('Grace Hopper');
  await page.getByLabel('Work email').fill(email);
  await page.getByLabel('Workspace name').fill('Compilers');
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await page.getByRole('textbox', { name: 'Message #general' }).waitFor();
  return page.evaluate(
    () => JSON.parse(localStorage.getItem('teamchat:session') ?? 'null').userId as string,
  );
}

async function sendMessages(page: Page, from: number, to: number) {
  const composer = page.getByRole('textbox', { name: 'Message #general' });
  for (let i = from; i <= to; i++) {
    await composer.fill(`Message number ${i}`);
    await composer.press('Enter');
    await page.getByText(`Message number ${i}`, { exact: true }).waitFor();
  }
}

/** The events the collector stored for a user, by name. */
async function storedEvents(collector: CollectorProcess, userId: string, name: string) {
  const res = await collector.admin(`/v1/admin/users/${userId}`);
  const body = JSON.stringify(await res.json());
  return body.split(`"${name}"`).length - 1;
}

const nudgeHost = (page: Page) => page.locator('ahakit-nudge');

interface Ahakit {
  flush(): Promise<void>;
  show(id: string): void;
}

describe.skipIf(!hasBrowser)('upgrade prompts in TeamChat', () => {
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

  it('shows the pricing prompt after SPA navigation once, not again within its cooldown', async () => {
    const page = await (await browser.newContext()).newPage();
    const userId = await signUp(page, collector.url, 'grace@compilers.example');
    await page.getByRole('link', { name: 'Pricing' }).first().click();
    const card = nudgeHost(page).getByRole('region', { name: 'Questions about plans?' });
    await card.waitFor();
    // Keyboard only: focus reaches the prompt's buttons and Enter works them.
    await card.getByRole('button', { name: 'Not now' }).focus();
    await page.keyboard.press('Enter');
    await card.waitFor({ state: 'detached' });
    await page.goBack();
    await page.getByRole('link', { name: 'Pricing' }).first().click();
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.waitForTimeout(500);
    expect(await card.count()).toBe(0);
    await page.evaluate(() => (window as unknown as { ahakit: Ahakit }).ahakit.flush());
    await eventually(async () =>
      (await storedEvents(collector, userId, '$nudge_dismissed')) >= 1 ? true : undefined,
    );
    expect(await storedEvents(collector, userId, '$nudge_shown')).toBe(1);
    // Each SPA visit to the pricing page was a hand-raise the collector stored.
    expect(await storedEvents(collector, userId, 'pricing_viewed')).toBe(2);
  });

  it('prompts at 80% (treatment only) and at the limit; a held-back user is recorded, not shown', async () => {
    // Users are bucketed by id: sign up until both arms of the 80% card's experiment are seen.
    const seen = new Set<string>();
    for (let attempt = 0; attempt < 12 && seen.size < 2; attempt++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const userId = await signUp(page, collector.url, `user${attempt}@compilers.example`);
      const arm = bucket('limit_near_card_v1', userId) < 0.5 ? 'control' : 'treatment';
      if (seen.has(arm)) {
        await context.close();
        continue;
      }
      seen.add(arm);
      await sendMessages(page, 1, 40);
      const card = nudgeHost(page).getByRole('region', {
        name: '80% of your free messages used',
      });
      if (arm === 'control') {
        await page.waitForTimeout(500);
        expect(await card.count()).toBe(0);
      } else {
        await card.waitFor();
        await card.getByRole('button', { name: 'Not now' }).click();
      }
      await sendMessages(page, 41, 50);
      const modal = nudgeHost(page).getByRole('dialog', {
        name: 'You’ve reached the free message limit',
      });
      await modal.waitFor();
      expect(
        await nudgeHost(page).evaluate((host) => host.shadowRoot?.activeElement?.textContent),
      ).toBe('See Pro plans');
      await page.keyboard.press('Escape');
      await modal.waitFor({ state: 'detached' });
      await page.evaluate(() => (window as unknown as { ahakit: Ahakit }).ahakit.flush());
      const stored = await eventually(async () => {
        const res = await collector.admin(`/v1/admin/users/${userId}`);
        const text = JSON.stringify(await res.json());
        return text.includes('$nudge_exposure') ? text : undefined;
      });
      expect(stored).toContain(`"variant":"${arm}"`);
      await context.close();
    }
    expect([...seen].sort()).toEqual(['control', 'treatment']);
  });

  it('anchors the Huddles tooltip to a target rendered later, follows it and hides with it', async () => {
    const page = await (
      await browser.newContext({ viewport: { width: 1024, height: 700 } })
    ).newPage();
    await signUp(page, collector.url, 'barbara@compilers.example');
    // Asked for on the pricing page, where there is no Huddles button yet (after the
    // pricing page's own prompt: one prompt at a time).
    await page.getByRole('link', { name: 'Pricing' }).first().click();
    await nudgeHost(page).getByRole('button', { name: 'Not now' }).click();
    await page.evaluate(() =>
      (window as unknown as { ahakit: Ahakit }).ahakit.show('huddles_tooltip'),
    );
    const tip = nudgeHost(page).getByRole('dialog', { name: 'Huddles are part of Pro' });
    await page.waitForTimeout(400);
    expect(await tip.count()).toBe(0);
    await page.goBack();
    await tip.waitFor({ state: 'visible' });
    const button = page.locator('[data-paid-feature="huddles"]');
    const target = (await button.boundingBox())!;
    const box = (await tip.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(target.y + target.height);
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(1024);
    // The target moves (a layout change, an animation): the tooltip goes with it.
    await button.evaluate((el) => {
      (el as HTMLElement).style.transform = 'translateY(150px)';
    });
    await expect.poll(async () => (await tip.boundingBox())!.y - box.y).toBeCloseTo(150, 0);
    // The target goes away: the tooltip hides instead of floating.
    await button.evaluate((el) => {
      (el as HTMLElement).style.display = 'none';
    });
    await expect.poll(() => tip.isVisible()).toBe(false);
    // Keyboard: once it is back, Esc from inside closes it for good.
    await button.evaluate((el) => {
      (el as HTMLElement).style.display = '';
    });
    await tip.waitFor({ state: 'visible' });
    await tip.getByRole('button', { name: 'Not now' }).focus();
    await page.keyboard.press('Escape');
    await tip.waitFor({ state: 'detached' });
  });
});
