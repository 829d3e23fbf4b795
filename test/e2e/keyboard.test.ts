import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hasBrowser } from '../helpers/browser';
import { E2E_WRITE_KEY, eventually } from '../helpers/collector-process';
import { hostSite, SNIPPET } from '../helpers/host-site';

/** A small single-page app: a link that routes with pushState, and a button that uses up a limit. */
const page = (collector: string) => `<!doctype html><html><head><title>Keys</title>${SNIPPET}
<script>ahakit('identify', 'keyboard-user', { plan: 'free', firstName: 'Kay' });</script>
<script async src="${collector}/ahakit.js" data-key="${E2E_WRITE_KEY}"></script>
</head><body>
<a id="pricing" href="/pricing">Pricing</a>
<button id="send" type="button">Send message</button>
<script>
  document.getElementById('pricing').addEventListener('click', (event) => {
    event.preventDefault();
    history.pushState(null, '', '/pricing');
  });
  let sent = 7;
  document.getElementById('send').addEventListener('click', () => {
    sent += 1;
    ahakit.usage('messages', sent, 10);
  });
</script></body></html>`;

const config = (origin: string) => ({
  product: { name: 'Keyboard test' },
  collector: { allowedOrigins: [origin] },
  widget: { flushIntervalMs: 200 },
  signals: [
    { id: 'pricing_viewed', type: 'page', path: '/pricing' },
    { id: 'limit', type: 'usage', metric: 'messages', thresholds: [0.8] },
  ],
  nudges: [
    {
      id: 'sales_banner',
      kind: 'banner',
      placement: 'top',
      trigger: { signal: 'pricing_viewed' },
      content: { title: 'Questions about plans, {{user.firstName|there}}?' },
      cta: { label: 'Talk to sales', action: { type: 'talk_to_sales' } },
    },
    {
      id: 'limit_card',
      kind: 'card',
      placement: 'bottom-right',
      trigger: { signal: 'limit' },
      content: { title: 'Nearly out of messages', body: '**80%** used.' },
      cta: { label: 'See plans', action: { type: 'url', url: '/plans' } },
      frequency: { dontShowAgain: true },
    },
  ],
  fatigue: { maxPerSession: 5, maxPerDay: 10, minGapMinutes: 0 },
});

/** The focused element's accessible text, looking into shadow roots. */
const focused = (p: Page) =>
  p.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active?.textContent?.trim() ?? '';
  });

/** Presses Tab until the focused element reads `text` (at most 15 times). */
async function tabTo(p: Page, text: string) {
  for (let i = 0; i < 15; i++) {
    if ((await focused(p)) === text) return;
    await p.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached "${text}" (focus is on "${await focused(p)}")`);
}

describe.skipIf(!hasBrowser)('every prompt by keyboard alone, in real Chromium', () => {
  const site = hostSite(page, config);

  it('reaches, uses and dismisses a banner and a card with Tab, Enter and Esc', async () => {
    const p = await site.browser.newPage({ viewport: { width: 900, height: 600 } });
    const errors: string[] = [];
    p.on('pageerror', (e) => errors.push(e.message));
    await p.goto(`${site.url}/`);
    await p.waitForFunction(() => (window as { ahakit?: { ready?: unknown } }).ahakit?.ready);
    const nudges = p.locator('ahakit-nudge');

    // The SPA route to /pricing, by keyboard: the banner offers sales.
    await tabTo(p, 'Pricing');
    await p.keyboard.press('Enter');
    const banner = nudges.getByRole('region', { name: 'Questions about plans, Kay?' });
    await banner.waitFor({ state: 'visible' });
    // Announced, not focused: focus stays where the user was.
    expect(await focused(p)).toBe('Pricing');
    await tabTo(p, 'Talk to sales');
    await p.keyboard.press('Enter');
    await banner.getByRole('status').waitFor({ state: 'visible' });
    await tabTo(p, '×');
    await p.keyboard.press('Enter');
    await banner.waitFor({ state: 'detached' });

    // The limit, by keyboard: the card at 80%, closed for good with "Don't show again".
    await tabTo(p, 'Send message');
    await p.keyboard.press('Enter');
    const card = nudges.getByRole('region', { name: 'Nearly out of messages' });
    await card.waitFor({ state: 'visible' });
    await tabTo(p, 'Don’t show again');
    await p.keyboard.press('Enter');
    await card.waitFor({ state: 'detached' });

    const stored = await eventually(async () => {
      const res = await site.collector.admin('/v1/admin/users/keyboard-user');
      const text = JSON.stringify(await res.json());
      return text.includes('"dontShowAgain":true') ? text : undefined;
    });
    for (const event of ['$nudge_shown', '$nudge_clicked', '$nudge_dismissed'])
      expect(stored).toContain(event);
    expect(stored).toContain('"signalId":"talk_to_sales"');
    expect(errors).toEqual([]);
  });

  it('closes a prompt with Esc from inside it', async () => {
    const p = await site.browser.newPage({ viewport: { width: 900, height: 600 } });
    await p.goto(`${site.url}/`);
    await p.evaluate(() => {
      (window as unknown as { ahakit: (...a: unknown[]) => void }).ahakit('identify', 'esc-user');
    });
    await tabTo(p, 'Pricing');
    await p.keyboard.press('Enter');
    const banner = p.locator('ahakit-nudge').getByRole('region', { name: /Questions about plans/ });
    await banner.waitFor({ state: 'visible' });
    await tabTo(p, 'Not now');
    await p.keyboard.press('Escape');
    await banner.waitFor({ state: 'detached' });
  });
});
