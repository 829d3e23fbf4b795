import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hasBrowser } from '../helpers/browser';
import { E2E_WRITE_KEY, eventually } from '../helpers/collector-process';
import { hostSite, SNIPPET } from '../helpers/host-site';

/** A host app whose paid-only button lives in a web component inside a scrolling panel. */
const page = (collector: string) => `<!doctype html><html><head><title>Host</title>${SNIPPET}
<script>ahakit('identify', 'tip-user', { plan: 'free' });</script>
<script async src="${collector}/ahakit.js" data-key="${E2E_WRITE_KEY}"></script>
<style>body{margin:0;font:14px sans-serif}#panel{position:fixed;top:100px;left:40px;width:300px;height:200px;overflow:auto;border:1px solid #999}</style>
</head><body><div id="panel"><div style="height:120px"></div><pro-toolbar></pro-toolbar><div style="height:600px"></div></div>
<script>
  customElements.define('pro-toolbar', class extends HTMLElement {
    connectedCallback() {
      const root = this.attachShadow({ mode: 'open' });
      // Rendered late, as frameworks do.
      setTimeout(() => { root.innerHTML = '<button id="export">Export (Pro)</button>'; }, 300);
    }
  });
</script></body></html>`;

const config = (origin: string) => ({
  product: { name: 'Tooltip test' },
  collector: { allowedOrigins: [origin] },
  widget: { flushIntervalMs: 200 },
  signals: [{ id: 'export_clicked', type: 'click', selector: '#export' }],
  nudges: [
    {
      id: 'export_tip',
      kind: 'tooltip',
      anchor: '#export',
      placement: 'right',
      trigger: { signal: 'export_clicked' },
      content: { title: 'Exports are part of Pro', body: 'Upgrade to export to CSV.' },
      cta: { label: 'See plans', action: { type: 'url', url: '/pricing' } },
    },
  ],
});

const box = async (p: Page, selector: string) =>
  (await p.locator(selector).boundingBox()) as {
    x: number;
    y: number;
    width: number;
    height: number;
  };

describe.skipIf(!hasBrowser)('an anchored tooltip in real Chromium', () => {
  const site = hostSite(page, config);

  it('points at a late target in a shadow root, follows its scrolling panel and hides outside it', async () => {
    const p = await site.browser.newPage({ viewport: { width: 800, height: 600 } });
    const errors: string[] = [];
    p.on('pageerror', (e) => errors.push(e.message));
    await p.goto(`${site.url}/`);
    const tip = p.locator('ahakit-nudge').getByRole('dialog', { name: 'Exports are part of Pro' });
    // Clicks count once the widget has its config (it watches for the configured ones): a
    // user who clicked too early clicks again. The locator pierces the open shadow root.
    await expect
      .poll(
        async () => {
          if (!(await tip.isVisible())) await p.locator('#export').click();
          return tip.isVisible();
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBe(true);

    const target = await box(p, '#export');
    const first = (await tip.boundingBox())!;
    // To the right of the button, vertically around its middle.
    expect(first.x).toBeGreaterThanOrEqual(target.x + target.width);
    expect(first.y).toBeLessThan(target.y + target.height / 2);
    expect(first.y + first.height).toBeGreaterThan(target.y + target.height / 2);

    // The panel scrolls: the tooltip moves with the button.
    await p.locator('#panel').evaluate((el) => {
      el.scrollTop = 60;
    });
    await expect
      .poll(async () => Math.round((await tip.boundingBox())!.y - first.y))
      .toBeGreaterThanOrEqual(-62);
    await expect
      .poll(async () => Math.round((await tip.boundingBox())!.y - first.y))
      .toBeLessThanOrEqual(-58);

    // Scrolled out of the panel's view: hidden, not floating over the page.
    await p.locator('#panel').evaluate((el) => {
      el.scrollTop = 400;
    });
    await expect.poll(() => tip.isVisible()).toBe(false);
    // Back in view: shown again.
    await p.locator('#panel').evaluate((el) => {
      el.scrollTop = 0;
    });
    await tip.waitFor({ state: 'visible' });

    // Keyboard: Tab reaches its buttons, Enter follows the call to action.
    await tip.getByRole('button', { name: 'See plans' }).focus();
    await p.keyboard.press('Enter');
    await tip.waitFor({ state: 'detached' });
    expect(new URL(p.url()).pathname).toBe('/pricing');

    const names = await eventually(async () => {
      const res = await site.collector.admin('/v1/admin/users/tip-user');
      const text = JSON.stringify(await res.json());
      return text.includes('$nudge_clicked') ? text : undefined;
    });
    for (const event of ['$signal', '$nudge_eligible', '$nudge_shown', '$nudge_clicked'])
      expect(names).toContain(event);
    expect(errors).toEqual([]);
  });
});
