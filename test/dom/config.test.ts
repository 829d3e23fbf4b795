import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConfigUpdate } from '../../widget/src/config/config-loader';
import {
  ENDPOINT,
  fakeCollector,
  json,
  settle,
  start,
  uniqueKey,
  useFakeClock,
} from '../helpers/widget-harness';

beforeEach(useFakeClock);
afterEach(() => {
  vi.useRealTimers();
});

const config = {
  product: { name: 'TeamChat' },
  collector: { allowedOrigins: [] },
  widget: { batchSize: 2, flushIntervalMs: 1_000, maxQueueSize: 1_000 },
};

/** Starts an instance that loads its config and records every `config` event. */
async function load(options: Parameters<typeof start>[0]) {
  const harness = start({ loadConfig: true, ...options });
  const updates: ConfigUpdate[] = [];
  harness.ahakit.on('config', (update) => updates.push(update));
  await harness.ahakit.ready;
  await settle();
  return { ...harness, updates };
}

describe('config', () => {
  it('is fetched for the write key, cached with its ETag, and revalidated with If-None-Match', async () => {
    const indexedDB = new IDBFactory();
    const writeKey = uniqueKey();
    const first = fakeCollector();
    first.answerConfig(json(200, config, { ETag: '"v1"' }));
    const page1 = await load({ writeKey, indexedDB, collector: first });
    expect(first.requests[0]?.url).toMatch(
      new RegExp(`^${ENDPOINT}/v1/config\\?key=${writeKey}&locale=`),
    );
    expect(first.requests[0]?.init.headers).toEqual({});
    expect(page1.updates).toEqual([{ config, source: 'network' }]);
    page1.ahakit.destroy();

    const second = fakeCollector();
    second.answerConfig(new Response(null, { status: 304 }));
    const page2 = await load({ writeKey, indexedDB, collector: second });
    expect(second.requests[0]?.init.headers).toEqual({ 'If-None-Match': '"v1"' });
    expect(page2.updates).toEqual([{ config, source: 'cache' }]);
    expect(page2.warnings()).toEqual([]);
  });

  it('replaces the cached config when the collector sends a new one', async () => {
    const indexedDB = new IDBFactory();
    const writeKey = uniqueKey();
    const first = fakeCollector();
    first.answerConfig(json(200, config, { ETag: '"v1"' }));
    (await load({ writeKey, indexedDB, collector: first })).ahakit.destroy();

    const changed = { ...config, product: { name: 'TeamChat Pro' } };
    const second = fakeCollector();
    second.answerConfig(json(200, changed, { ETag: '"v2"' }));
    const page2 = await load({ writeKey, indexedDB, collector: second });
    expect(page2.updates).toEqual([
      { config, source: 'cache' },
      { config: changed, source: 'network' },
    ]);
  });

  it("applies the config's widget delivery settings", async () => {
    const collector = fakeCollector();
    collector.answerConfig(json(200, config));
    const { ahakit } = await load({ collector });
    ahakit.track('a');
    ahakit.track('b');
    await settle();
    expect(collector.messages().map((message) => message.event)).toEqual(['a', 'b']);
  });

  it('falls back to defaults with one warning when the collector cannot be reached', async () => {
    const collector = fakeCollector();
    collector.answerConfig(new TypeError('Failed to fetch'));
    const { updates, warnings } = await load({ collector });
    expect(updates).toEqual([{ config: null, source: 'default' }]);
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toContain('defaults');
  });

  it('keeps the cached config, with one warning, when the collector fails', async () => {
    const indexedDB = new IDBFactory();
    const writeKey = uniqueKey();
    const first = fakeCollector();
    first.answerConfig(json(200, config, { ETag: '"v1"' }));
    (await load({ writeKey, indexedDB, collector: first })).ahakit.destroy();

    const second = fakeCollector();
    second.answerConfig(json(500, { error: { code: 'internal' } }));
    const page2 = await load({ writeKey, indexedDB, collector: second });
    expect(page2.updates).toEqual([{ config, source: 'cache' }]);
    expect(page2.warnings()).toHaveLength(1);
    expect(page2.warnings()[0]).toContain('cached');
  });

  it('ignores, with a warning, an answer that is not a config object', async () => {
    const collector = fakeCollector();
    collector.answerConfig(json(200, ['not', 'a', 'config']));
    const { updates, warnings } = await load({ collector });
    expect(updates).toEqual([{ config: null, source: 'default' }]);
    expect(warnings()[0]).toContain('not a config object');
  });

  it('ignores out-of-range widget settings with a warning naming them', async () => {
    const collector = fakeCollector();
    collector.answerConfig(json(200, { ...config, widget: { batchSize: 0 } }));
    const { ahakit, warnings } = await load({ collector });
    ahakit.track('a');
    await settle();
    // batchSize stays the default 20: one event waits for the timer.
    expect(collector.batchRequests()).toHaveLength(0);
    expect(warnings()).toEqual([
      'config.widget.batchSize must be a whole number from 1 to 100; ignored',
    ]);
  });
});
