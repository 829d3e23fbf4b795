import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, launchBrowser } from '../helpers/browser';
import {
  type CollectorProcess,
  E2E_WRITE_KEY,
  startCollectorProcess,
  stopAllCollectors,
} from '../helpers/collector-process';
import { SNIPPET, writeConfig } from '../helpers/host-site';

/** One host app on its own origin; each path is a page, served with its own headers. */
interface HostPage {
  html: string;
  headers?: Record<string, string>;
}

async function startHost(pages: Record<string, HostPage>) {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/favicon.ico') return void res.writeHead(204).end();
    const page = pages[path];
    if (!page) return void res.writeHead(404).end();
    res
      .writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...page.headers })
      .end(page.html);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

const config = (origin: string) => ({
  product: { name: 'Surfaces test' },
  collector: { allowedOrigins: [origin] },
  widget: { flushIntervalMs: 200 },
  milestones: ['created', 'invited', 'sent'].map((id) => ({ id, event: id })),
  checklists: [
    {
      id: 'start',
      title: 'Get going',
      audience: { trait: 'plan', value: 'free' },
      items: ['created', 'invited', 'sent'].map((id) => ({ id, milestone: id, title: `Do ${id}` })),
    },
  ],
  signals: [{ id: 'pricing', type: 'page', path: '/pricing' }],
  nudges: [
    {
      id: 'pricing_card',
      kind: 'card',
      trigger: { signal: 'pricing' },
      content: { title: 'Questions about plans?' },
    },
  ],
});

/** The README's snippet with the user it identifies. */
const page = (collector: string, user: string, plan: string) => `${SNIPPET}
<script>ahakit('identify', '${user}', { plan: '${plan}' });</script>
<script async src="${collector}/ahakit.js" data-key="${E2E_WRITE_KEY}"></script>`;

const html = (head: string, body = '<h1>Host</h1>') =>
  `<!doctype html><html><head><title>Host</title>${head}</head><body>${body}</body></html>`;

/** The widget's file a URL names (the chunk's name without its hash), if it is one. */
const widgetFile = (url: string) =>
  /\/(ahakit\.js|chunks\/([a-z]+(?:-[a-z]+)*)-[\w-]{8}\.js)$/
    .exec(url)
    ?.slice(1)
    .reverse()
    .find(Boolean);

/**
 * The widget's files this page asked for (requests, so one still on its way counts) and,
 * once answered, their content-encoding.
 */
function chunkLog(p: Page) {
  const seen: Array<{ name: string; encoding: string | undefined }> = [];
  p.on('request', (request) => {
    const name = widgetFile(request.url());
    if (name) seen.push({ name, encoding: undefined });
  });
  p.on('response', (response) => {
    const name = widgetFile(response.url());
    const entry = seen.find((e) => e.name === name && e.encoding === undefined);
    if (entry) entry.encoding = response.headers()['content-encoding'] ?? 'identity';
  });
  return seen;
}

/** Console errors and uncaught exceptions: there must be none. */
function errorsOf(p: Page) {
  const errors: string[] = [];
  p.on('pageerror', (e) => errors.push(e.message));
  p.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return errors;
}

describe.skipIf(!hasBrowser)('the widget loads only what it shows', () => {
  let browser: Browser;
  let collector: CollectorProcess;
  let host: Awaited<ReturnType<typeof startHost>>;
  const pages: Record<string, HostPage> = {};

  beforeAll(async () => {
    browser = await launchBrowser();
    host = await startHost(pages);
    collector = await startCollectorProcess({ configPath: writeConfig(config(host.url)) });
    pages['/pro'] = { html: html(page(collector.url, 'pro-user', 'pro')) };
    pages['/free'] = { html: html(page(collector.url, 'free-user', 'free')) };
    pages['/pricing'] = { html: html(page(collector.url, 'pricing-user', 'pro')) };
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await stopAllCollectors();
  });

  it('fetches no surface for a user who sees nothing', async () => {
    const p = await browser.newPage();
    const errors = errorsOf(p);
    const chunks = chunkLog(p);
    // The checklist's audience is decided once the user's progress is in: from the
    // progress chunk and the collector's state for this user.
    const decided = Promise.all([
      p.waitForResponse((r) => r.url().includes('/v1/users/pro-user/state')),
      p.waitForResponse((r) => /\/chunks\/progress-/.test(r.url())),
    ]);
    await p.goto(`${host.url}/pro`);
    await decided;
    await p.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
    const names = chunks.map((c) => c.name);
    expect(names).toContain('ahakit.js');
    expect(names).toContain('ahakit');
    for (const surface of ['checklist', 'nudges', 'preact', 'tooltip']) {
      expect(names).not.toContain(surface);
    }
    expect(await p.locator('ahakit-widget, ahakit-nudge').count()).toBe(0);
    expect(errors).toEqual([]);
    await p.close();
  });

  it('fetches the checklist surface compressed for a user who sees it, and from the cache next time', async () => {
    const context = await browser.newContext();
    const p = await context.newPage();
    const errors = errorsOf(p);
    const chunks = chunkLog(p);
    await p.goto(`${host.url}/free`);
    const launcher = p.locator('ahakit-widget').getByRole('button', { name: /Get going/ });
    await launcher.waitFor();
    expect(await launcher.textContent()).toBe('0 of 3');
    const names = chunks.map((c) => c.name);
    for (const part of ['ahakit', 'progress', 'checklist', 'preact']) expect(names).toContain(part);
    // The prompts' surface waits for a prompt.
    expect(names).not.toContain('nudges');
    // Everything of size arrives compressed (a file of a few hundred bytes gains nothing).
    for (const chunk of chunks.filter((c) => c.name !== 'find-element')) {
      expect(['br', 'gzip']).toContain(chunk.encoding);
    }

    // The next page (another URL: Chromium turns the same one into a reload): every chunk
    // is immutable and comes from the browser's cache.
    const cdp = await context.newCDPSession(p);
    await cdp.send('Network.enable');
    const requested = new Map<string, string>();
    const cached = new Set<string>();
    cdp.on('Network.requestWillBeSent', ({ requestId, request }) => {
      if (/\/chunks\//.test(request.url)) requested.set(requestId, request.url);
    });
    cdp.on('Network.requestServedFromCache', ({ requestId }) => cached.add(requestId));
    cdp.on('Network.responseReceived', ({ requestId, response }) => {
      if (response.fromDiskCache) cached.add(requestId);
    });
    await p.goto(`${host.url}/free?visit=2`);
    await launcher.waitFor();
    expect([...requested.values()].map((url) => /chunks\/([a-z]+)-/.exec(url)?.[1])).toEqual(
      expect.arrayContaining(['ahakit', 'checklist', 'preact']),
    );
    const fetched = [...requested].filter(([id]) => !cached.has(id)).map(([, url]) => url);
    expect(fetched).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('fetches the prompts’ surface when a prompt is shown', async () => {
    const p = await browser.newPage();
    const errors = errorsOf(p);
    const chunks = chunkLog(p);
    await p.goto(`${host.url}/pricing`);
    await p
      .locator('ahakit-nudge')
      .getByRole('region', { name: 'Questions about plans?' })
      .waitFor();
    const names = chunks.map((c) => c.name);
    expect(names).toContain('nudges');
    expect(names).not.toContain('checklist');
    expect(names).not.toContain('tooltip');
    expect(errors).toEqual([]);
    await p.close();
  });
});

describe.skipIf(!hasBrowser)('a host page with a strict Content-Security-Policy', () => {
  let browser: Browser;
  let host: Awaited<ReturnType<typeof startHost>>;
  const pages: Record<string, HostPage> = {};

  beforeAll(async () => {
    browser = await launchBrowser();
    host = await startHost(pages);
    const collector = await startCollectorProcess({
      configPath: writeConfig(config(host.url)),
    });
    // The snippet's two inline scripts are allowed by their hashes, nothing inline else;
    // the collector's origin may run scripts and be fetched from. No style-src exception.
    const inline = [
      `window.ahakit=window.ahakit||function(){(ahakit.q=ahakit.q||[]).push(arguments)}`,
      `ahakit('identify', 'csp-user', { plan: 'free' });`,
    ];
    const hashes = inline.map(
      (code) => `'sha256-${createHash('sha256').update(code).digest('base64')}'`,
    );
    pages['/'] = {
      html: html(
        `<script>${inline[0]}</script><script>${inline[1]}</script>
<script async src="${collector.url}/ahakit.js" data-key="${E2E_WRITE_KEY}"></script>`,
      ),
      headers: {
        'Content-Security-Policy': [
          "default-src 'self'",
          `script-src 'self' ${collector.url} ${hashes.join(' ')}`,
          `connect-src 'self' ${collector.url}`,
        ].join('; '),
      },
    };
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await stopAllCollectors();
  });

  it('shows the styled checklist and reports no violation', async () => {
    const p = await browser.newPage();
    const errors = errorsOf(p);
    const violations: string[] = [];
    await p.exposeFunction('reportViolation', (v: string) => violations.push(v));
    await p.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as unknown as { reportViolation(v: string): void }).reportViolation(
          `${e.violatedDirective} ${e.blockedURI}`,
        ),
      );
    });
    await p.goto(`${host.url}/`);
    const launcher = p.locator('ahakit-widget').getByRole('button', { name: /Get going/ });
    await launcher.waitFor();
    // Its stylesheet applied: fixed in the corner, not an unstyled button in the flow.
    expect(await launcher.evaluate((el) => getComputedStyle(el).position)).toBe('fixed');
    await launcher.click();
    await p.locator('ahakit-widget').getByRole('region', { name: 'Get going' }).waitFor();
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    await p.close();
  });
});
