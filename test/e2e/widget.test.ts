import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, launchBrowser } from '../helpers/browser';
import {
  type CollectorProcess,
  E2E_WRITE_KEY,
  eventually,
  freePort,
  startCollectorProcess,
  stopAllCollectors,
} from '../helpers/collector-process';
import { startStaticSite } from '../helpers/static-site';

interface TimelineEvent {
  messageId: string;
  type: string;
  event: string | null;
}

const SNIPPET = `<script>window.ahakit=window.ahakit||function(){(ahakit.q=ahakit.q||[]).push(arguments)}</script>`;
// The built script tag's loader, as the collector serves it: these tests run against the
// built files (it imports the built core from beside itself), not the sources.
const BUNDLE = readFileSync('dist/widget/ahakit.js', 'utf8');

function configAllowing(origin: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ahakit-cfg-'));
  const file = join(dir, 'ahakit.config.json');
  writeFileSync(
    file,
    JSON.stringify({
      product: { name: 'Widget test' },
      collector: { allowedOrigins: [origin] },
      widget: { flushIntervalMs: 200 },
    }),
  );
  return file;
}

async function timeline(collector: CollectorProcess, userId: string): Promise<TimelineEvent[]> {
  const res = await collector.admin(`/v1/admin/users/${encodeURIComponent(userId)}?limit=1000`);
  if (res.status === 404) return [];
  return ((await res.json()) as { timeline: TimelineEvent[] }).timeline;
}

function waitForWidget(page: Page) {
  return page.waitForFunction(
    () => typeof (window as unknown as { ahakit: { track?: unknown } }).ahakit.track === 'function',
  );
}

describe.skipIf(!hasBrowser)('the built widget in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await stopAllCollectors();
  });

  it('replays calls queued before it loaded, then takes both call styles, from another origin', async () => {
    const pages: Record<string, string> = {};
    const site = await startStaticSite(pages);
    const collector = await startCollectorProcess({ configPath: configAllowing(site.url) });
    pages['/'] = `<!doctype html><html><head><title>Host app</title>${SNIPPET}
      <script>
        ahakit('identify', 'smoke-user', { plan: 'free' });
        ahakit('track', 'queued_before_load', { n: 1 });
      </script>
      <script async src="${collector.url}/ahakit.js" data-key="${E2E_WRITE_KEY}"></script>
      </head><body><h1>Host</h1></body></html>`;
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${site.url}/`);
    await waitForWidget(page);
    await page.evaluate(() => {
      const w = window as unknown as {
        ahakit: ((...a: unknown[]) => void) & { track: (e: string, p?: object) => void };
      };
      w.ahakit.track('method_style', { via: 'ahakit.track' });
      w.ahakit('track', 'function_style', { via: 'ahakit()' });
    });
    const events = await eventually(async () => {
      const t = await timeline(collector, 'smoke-user');
      const names = t.map((e) => e.event ?? e.type);
      return ['queued_before_load', 'method_style', 'function_style', 'identify'].every((n) =>
        names.includes(n),
      )
        ? t
        : undefined;
    });
    // Queued calls ran in order: identify before the queued track.
    const ordered = [...events].reverse().map((e) => e.event ?? e.type);
    expect(ordered.indexOf('identify')).toBeLessThan(ordered.indexOf('queued_before_load'));
    expect(events.filter((e) => e.type === 'page').length).toBeGreaterThanOrEqual(1);
    expect(new Set(events.map((e) => e.messageId)).size).toBe(events.length);
    expect(errors).toEqual([]);
    await page.close();
    await site.close();
  });

  it('keeps events through a collector outage and a reload, and delivers each once', async () => {
    const port = await freePort();
    const endpoint = `http://127.0.0.1:${port}`;
    const html = `<!doctype html><html><head><title>Offline host</title>${SNIPPET}
      <script>ahakit('identify', 'outage-user');</script>
      <script async src="/ahakit.js" data-key="${E2E_WRITE_KEY}" data-endpoint="${endpoint}"></script>
      </head><body><p id="host">host ok</p></body></html>`;
    const server = await startStaticSite({ '/': html });
    const page = await browser.newPage();
    // The site hosts the widget's files itself, as a CDN would: the collector is down.
    await page.route('**/ahakit.js', (route) =>
      route.fulfill({ body: BUNDLE, contentType: 'text/javascript' }),
    );
    await page.route('**/chunks/*', (route) =>
      route.fulfill({
        path: join('dist/widget/chunks', basename(new URL(route.request().url()).pathname)),
        contentType: 'text/javascript',
      }),
    );
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/`);
    await waitForWidget(page);
    await page.evaluate(() => {
      const w = window as unknown as { ahakit: { track: (e: string) => void } };
      w.ahakit.track('offline_one');
      w.ahakit.track('offline_two');
    });
    // Let the first sends fail against the closed port.
    await page.waitForTimeout(1500);
    await page.reload();
    await waitForWidget(page);
    await page.evaluate(() =>
      (window as unknown as { ahakit: { track: (e: string) => void } }).ahakit.track(
        'after_reload',
      ),
    );
    expect(await page.textContent('#host')).toBe('host ok');

    const collector = await startCollectorProcess({ port, configPath: configAllowing(server.url) });
    const events = await eventually(async () => {
      const t = await timeline(collector, 'outage-user');
      const names = t.map((e) => e.event);
      return ['offline_one', 'offline_two', 'after_reload'].every((n) => names.includes(n))
        ? t
        : undefined;
    }, 30_000);
    for (const name of ['offline_one', 'offline_two', 'after_reload']) {
      expect(events.filter((e) => e.event === name)).toHaveLength(1);
    }
    expect(errors).toEqual([]);
    await page.close();
    await server.close();
  });

  it('sends the last events when the user leaves the page', async () => {
    const pages: Record<string, string> = { '/elsewhere': '<p>bye</p>' };
    const site = await startStaticSite(pages);
    const collector = await startCollectorProcess({ configPath: configAllowing(site.url) });
    pages['/'] = `<!doctype html><html><head>${SNIPPET}
      <script async src="${collector.url}/ahakit.js" data-key="${E2E_WRITE_KEY}"></script></head>
      <body><a id="away" href="/elsewhere">leave</a></body></html>`;
    const page = await browser.newPage();
    await page.goto(`${site.url}/`);
    await waitForWidget(page);
    await page.evaluate(() => {
      const w = window as unknown as {
        ahakit: { identify: (u: string) => void; track: (e: string) => void };
      };
      w.ahakit.identify('leaving-user');
      w.ahakit.track('clicked_away');
    });
    // Leave at once: the batch timer has not fired, so only the page-exit flush can send it.
    await page.click('#away');
    await page.waitForURL(/elsewhere/);
    const events = await eventually(async () => {
      const t = await timeline(collector, 'leaving-user');
      return t.some((e) => e.event === 'clicked_away') ? t : undefined;
    });
    expect(events.filter((e) => e.event === 'clicked_away')).toHaveLength(1);
    await page.close();
    await site.close();
  });
});
