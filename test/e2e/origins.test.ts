import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, launchBrowser } from '../helpers/browser';
import {
  type CollectorProcess,
  eventually,
  startCollectorProcess,
  stopAllCollectors,
} from '../helpers/collector-process';
import { startStaticSite } from '../helpers/static-site';

/** The README's "Five lines" example, exactly as a newcomer copies it. */
const README_SNIPPET = (() => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## Five lines'));
  const snippet = /```html\n([\s\S]*?)```/.exec(section)?.[1];
  if (!snippet) throw new Error('README.md has no html block under "## Five lines"');
  return snippet;
})();

/** The snippet on a page of another origin, pointed at `collector` instead of localhost:8787. */
const readmePage = (collector: string) =>
  `<!doctype html><html><head><title>My app</title></head><body>
${README_SNIPPET.replaceAll('http://localhost:8787', collector)}
</body></html>`;

describe.skipIf(!hasBrowser)("the README's snippet on another origin, in real Chromium", () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof startStaticSite>>;
  let allowing: CollectorProcess;
  let refusing: CollectorProcess;
  const pages: Record<string, string> = {};

  beforeAll(async () => {
    browser = await launchBrowser();
    site = await startStaticSite(pages);
    // The demo config and the demo write key the snippet carries, as `npm start` runs them.
    const demo = { AHAKIT_WRITE_KEY: 'pk_demo' };
    [allowing, refusing] = await Promise.all([
      startCollectorProcess({ env: { ...demo, AHAKIT_ALLOWED_ORIGINS: `${site.url}` } }),
      startCollectorProcess({ env: demo }),
    ]);
    pages['/allowed'] = readmePage(allowing.url);
    pages['/refused'] = readmePage(refusing.url);
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await stopAllCollectors();
  });

  it('shows the demo checklist when AHAKIT_ALLOWED_ORIGINS names the page’s origin', async () => {
    expect(README_SNIPPET).toContain("ahakit('group'");
    const page = await browser.newPage();
    await page.goto(`${site.url}/allowed`);
    await page
      .getByRole('button', { name: /Get started with TeamChat/ })
      .waitFor({ state: 'visible' });
    const user = await eventually(async () => {
      const res = await allowing.admin('/v1/admin/users/user-42');
      return res.ok ? ((await res.json()) as { traits: Record<string, unknown> }) : undefined;
    });
    expect(user.traits).toMatchObject({ firstName: 'Ada' });
    await page.close();
  });

  it('without it, the page reads a 403 naming the fix, the widget warns once, the collector logs the origin once', async () => {
    const page = await browser.newPage();
    const warnings: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'warning' && m.text().startsWith('[ahakit]')) warnings.push(m.text());
    });
    await page.goto(`${site.url}/refused`);
    // What the page itself reads when it posts: the status and the reason, not a CORS error.
    const answer = await page.evaluate(async (collector) => {
      const res = await fetch(`${collector}/v1/batch`, {
        method: 'POST',
        body: JSON.stringify({
          writeKey: 'pk_demo',
          batch: [{ type: 'track', event: 'x', anonymousId: 'a-1' }],
        }),
      });
      return { status: res.status, body: await res.json() };
    }, refusing.url);
    expect(answer.status).toBe(403);
    expect(answer.body.error.code).toBe('origin_not_allowed');
    expect(answer.body.error.message).toContain(`AHAKIT_ALLOWED_ORIGINS=${site.url}`);

    // The widget's events are refused too: one warning, naming the setting.
    await page.evaluate(() =>
      (window as unknown as { ahakit: { flush(): Promise<void> } }).ahakit.flush(),
    );
    await eventually(async () =>
      warnings.some((w) => w.includes('refused events')) ? true : undefined,
    );
    const refused = warnings.filter((w) => w.includes('refused events'));
    expect(refused).toHaveLength(1);
    expect(refused[0]).toContain(`AHAKIT_ALLOWED_ORIGINS=${site.url}`);
    // And the config's warning names the fix too.
    const configWarning = (w: string) => w.includes('could not load') && w.includes('/v1/config');
    await eventually(async () => (warnings.some(configWarning) ? true : undefined));
    const config = warnings.filter(configWarning);
    expect(config).toHaveLength(1);
    expect(config[0]).toContain(`AHAKIT_ALLOWED_ORIGINS=${site.url}`);
    expect(await page.getByRole('button', { name: /Get started with TeamChat/ }).count()).toBe(0);

    const logged = refusing
      .output()
      .split('\n')
      .filter((line) => line.includes('refused browser requests'));
    expect(logged).toEqual([
      `[ahakit] refused browser requests from ${site.url}: allow it with AHAKIT_ALLOWED_ORIGINS=${site.url} or collector.allowedOrigins in the config`,
    ]);
    expect(await refusing.admin('/v1/admin/users/user-42').then((r) => r.status)).toBe(404);
    await page.close();
  });

  it('prints at start-up how to allow another origin', () => {
    expect(refusing.output()).toContain(
      `origins     ${refusing.url} only; allow your app's with AHAKIT_ALLOWED_ORIGINS=`,
    );
    expect(allowing.output()).toContain(`origins     ${allowing.url} and ${site.url}`);
  });
});
