import { fileURLToPath } from 'node:url';
import { Analytics } from '@segment/analytics-node';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, launchBrowser } from '../helpers/browser';
import {
  type CollectorProcess,
  E2E_WRITE_KEY,
  eventually,
  startCollectorProcess,
  stopAllCollectors,
} from '../helpers/collector-process';
import { writeConfig } from '../helpers/host-site';
import { startStaticSite } from '../helpers/static-site';

// The libraries' own browser bundles, from node_modules: no CDN.
const bundle = (path: string) =>
  fileURLToPath(new URL(`../../node_modules/${path}`, import.meta.url));
const SCRIPTS = {
  '/analytics-next.js': bundle('@segment/analytics-next/dist/umd/index.js'),
  '/rudderstack.js': bundle('@rudderstack/analytics-js/dist/npm/modern/bundled/umd/index.js'),
};

/**
 * What each page does with its library: the calls of a signed-in session. `client` is
 * the library's instance; every call is awaited where the library allows it.
 */
const session = (userId: string) => `
  async function session(client) {
    await client.identify('${userId}', { firstName: 'Ada', email: 'ada@example.com' });
    await client.group('acct-${userId}', { name: 'Analytical Engines', plan: 'free' });
    await client.track('todo_added', { title: 'one' });
    await client.track('todo_added', { title: 'two' });
    await client.track('todo_completed', { title: 'one' });
    await client.page('Todos', { section: 'all' });
  }`;

const analyticsNextPage = (collector: string, userId: string, strategy: object | null) =>
  `<!doctype html><html><head><title>Todos</title>
<script src="/analytics-next.js"></script></head><body><script>
${session(userId)}
  const analytics = AnalyticsNext.AnalyticsBrowser.load(
    { writeKey: '${E2E_WRITE_KEY}', cdnURL: '${collector}' },
    ${strategy ? `{ integrations: { 'Segment.io': { deliveryStrategy: ${JSON.stringify(strategy)} } } }` : '{}'},
  );
  window.done = session(analytics).then(() => 'sent', (e) => 'failed: ' + e);
</script></body></html>`;

const rudderstackPage = (collector: string, userId: string, options: object) =>
  `<!doctype html><html><head><title>Todos</title>
<script src="/rudderstack.js"></script></head><body><script>
${session(userId)}
  const client = new rudderanalytics.RudderAnalytics();
  client.load('${E2E_WRITE_KEY}', '${collector}', { configUrl: '${collector}', ...${JSON.stringify(options)} });
  window.done = new Promise((resolve) => client.ready(resolve))
    .then(() => session(client)).then(() => 'sent', (e) => 'failed: ' + e);
</script></body></html>`;

/**
 * Every message a page sends to the collector, read off the wire (a route sees the body
 * of a `sendBeacon` too, which the request event does not).
 */
async function recordSent(
  page: Page,
  collector: string,
): Promise<{ sent: Map<string, string>; paths: Set<string> }> {
  const sent = new Map<string, string>();
  const paths = new Set<string>();
  await page.route(`${collector}/**`, async (route) => {
    const request = route.request();
    if (request.method() === 'POST') {
      paths.add(new URL(request.url()).pathname);
      const body = JSON.parse(request.postDataBuffer()?.toString() ?? '{}') as {
        batch?: { messageId: string; type: string }[];
        messageId?: string;
        type?: string;
      };
      for (const m of body.batch ?? [body]) if (m.messageId) sent.set(m.messageId, m.type ?? '');
    }
    await route.continue();
  });
  return { sent, paths };
}

describe.skipIf(!hasBrowser)(
  'unmodified analytics clients on another origin, in real Chromium',
  () => {
    let browser: Browser;
    let collector: CollectorProcess;
    let site: Awaited<ReturnType<typeof startStaticSite>>;
    const pages: Record<string, string> = {};

    beforeAll(async () => {
      browser = await launchBrowser();
      site = await startStaticSite(pages, SCRIPTS);
      collector = await startCollectorProcess({
        configPath: writeConfig({ product: { name: 'Todos' } }),
        env: { AHAKIT_ALLOWED_ORIGINS: site.url },
      });
    });
    afterAll(async () => {
      await browser?.close();
      await site?.close();
      await stopAllCollectors();
    });

    /** Opens `html` on the site, waits until the library says it sent, and for every message to be stored. */
    async function run(userId: string, html: string) {
      pages[`/${userId}`] = html;
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const { sent, paths } = await recordSent(page, collector.url);
      await page.goto(`${site.url}/${userId}`);
      expect(await page.evaluate(() => (window as { done?: Promise<string> }).done)).toBe('sent');
      await eventually(async () => (sent.size >= 6 ? true : undefined));
      const user = await eventually(async () => {
        const res = await collector.admin(`/v1/admin/users/${userId}`);
        if (!res.ok) return undefined;
        const body = (await res.json()) as UserBody;
        const stored = new Set(body.timeline.map((e) => e.messageId));
        return [...sent.keys()].every((id) => stored.has(id)) ? body : undefined;
      });
      await page.close();
      expect(errors).toEqual([]);
      return { sent, user, paths: [...paths].sort() };
    }

    async function expectSession(userId: string, sent: Map<string, string>, user: UserBody) {
      expect([...sent.values()].sort()).toEqual(
        ['group', 'identify', 'page', 'track', 'track', 'track'].sort(),
      );
      expect(user.traits).toMatchObject({ firstName: 'Ada', email: 'ada@example.com' });
      expect(user.accountIds).toEqual([`acct-${userId}`]);
      const account = await (await collector.admin(`/v1/admin/accounts/acct-${userId}`)).json();
      expect(account.traits).toMatchObject({ name: 'Analytical Engines', plan: 'free' });
      expect(
        user.timeline
          .filter((e) => e.type === 'track')
          .map((e) => e.event)
          .sort(),
      ).toEqual(['todo_added', 'todo_added', 'todo_completed']);
    }

    it('stores every event @segment/analytics-next sends one by one (/v1/t, /v1/i, /v1/p, /v1/g)', async () => {
      const { sent, user, paths } = await run(
        'ajs-standard',
        analyticsNextPage(collector.url, 'ajs-standard', null),
      );
      expect(paths).toEqual(['/v1/g', '/v1/i', '/v1/p', '/v1/t']);
      await expectSession('ajs-standard', sent, user);
    });

    it('stores every event @segment/analytics-next sends with the batching strategy (/v1/b)', async () => {
      const strategy = { strategy: 'batching', config: { size: 10, timeout: 300 } };
      const { sent, user, paths } = await run(
        'ajs-batching',
        analyticsNextPage(collector.url, 'ajs-batching', strategy),
      );
      expect(paths).toEqual(['/v1/b']);
      await expectSession('ajs-batching', sent, user);
    });

    it("stores every event RudderStack's JS SDK sends by XHR, identify traits included", async () => {
      const { sent, user, paths } = await run(
        'rs-xhr',
        rudderstackPage(collector.url, 'rs-xhr', {}),
      );
      expect(paths).toEqual(['/v1/group', '/v1/identify', '/v1/page', '/v1/track']);
      await expectSession('rs-xhr', sent, user);
    });

    it("stores every event RudderStack's JS SDK sends by beacon (/beacon/v1/batch)", async () => {
      const { sent, user, paths } = await run(
        'rs-beacon',
        rudderstackPage(collector.url, 'rs-beacon', {
          useBeacon: true,
          beaconQueueOptions: { flushQueueInterval: 300 },
        }),
      );
      expect(paths).toEqual(['/beacon/v1/batch']);
      await expectSession('rs-beacon', sent, user);
    });

    it('@segment/analytics-node reports success for the stored items of a batch kept in part, and sends it once', async () => {
      const requests: number[] = [];
      const analytics = new Analytics({
        writeKey: E2E_WRITE_KEY,
        host: collector.url,
        maxEventsInBatch: 10,
        // The six calls below are queued in one tick: one batch.
        flushInterval: 200,
      });
      analytics.on('http_request', () => requests.push(Date.now()));
      const outcome = (event: string) =>
        new Promise<string>((resolve) =>
          analytics.track({ userId: 'node-user', event }, (error) =>
            resolve(error ? `failed: ${String(error)}` : 'ok'),
          ),
        );
      // The collector takes event names up to 200 characters; the library does not check.
      const tooLong = 'x'.repeat(201);
      const outcomes = await Promise.all(
        ['a', tooLong, 'b', 'c', tooLong, 'd'].map((event) => outcome(event)),
      );
      expect(outcomes).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
      await analytics.closeAndFlush();
      expect(requests).toHaveLength(1);
      const user = (await (await collector.admin('/v1/admin/users/node-user')).json()) as UserBody;
      expect(user.timeline.map((e) => e.event).sort()).toEqual(['a', 'b', 'c', 'd']);
    });
  },
);

interface UserBody {
  traits: Record<string, unknown>;
  accountIds: string[];
  timeline: { messageId: string; type: string; event: string | null }[];
}
