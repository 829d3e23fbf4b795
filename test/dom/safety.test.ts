import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeCollector, json, start, tick, useFakeClock } from '../helpers/widget-harness';

beforeEach(useFakeClock);
afterEach(() => {
  vi.useRealTimers();
});

describe('never throws into the host page', () => {
  it('keeps the caller running when fetch throws synchronously, and delivers once it works', async () => {
    const collector = fakeCollector();
    collector.fetch.mockImplementationOnce(() => {
      throw new TypeError('fetch is broken');
    });
    const { ahakit, warnings } = start({ collector });
    await ahakit.ready;
    expect(() => ahakit.track('a')).not.toThrow();
    await tick(1_000);
    expect(collector.batchRequests()).toHaveLength(0);
    await tick(500);
    expect(collector.messages().map((message) => message.event)).toEqual(['a']);
    expect(warnings().some((warning) => warning.includes('fetch is broken'))).toBe(true);
  });

  it('keeps the caller running when localStorage and IndexedDB both throw', async () => {
    const explode = () => {
      throw new DOMException('Access is denied', 'SecurityError');
    };
    const { ahakit, collector } = start({
      platform: {
        localStorage: { getItem: explode, setItem: explode, removeItem: explode },
        indexedDB: { open: explode } as unknown as IDBFactory,
      },
    });
    expect(() => {
      ahakit.identify('user_1', { plan: 'free' });
      ahakit.track('a');
      ahakit.reset();
    }).not.toThrow();
    await ahakit.flush();
    expect(collector.messages()).toHaveLength(2);
  });

  it('runs every other handler when one registered with on() throws, and warns once', async () => {
    const { ahakit, warnings } = start();
    const seen: string[] = [];
    ahakit.on('track', () => {
      throw new Error('host bug');
    });
    ahakit.on('track', (message) => seen.push(String(message.event)));
    expect(() => {
      ahakit.track('a');
      ahakit.track('b');
    }).not.toThrow();
    expect(seen).toEqual(['a', 'b']);
    expect(warnings().filter((warning) => warning.includes('host bug'))).toHaveLength(1);
  });

  it('stops calling a handler once its unsubscribe function is called', () => {
    const { ahakit } = start();
    const seen: string[] = [];
    const stop = ahakit.on('track', (message) => seen.push(String(message.event)));
    ahakit.track('a');
    stop();
    ahakit.track('b');
    expect(seen).toEqual(['a']);
  });

  it('ignores bad arguments with a warning instead of throwing', async () => {
    const { ahakit, collector, warnings } = start();
    const loose = ahakit as unknown as Record<string, (...args: unknown[]) => unknown>;
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => {
      loose.track?.(42);
      loose.identify?.();
      loose.group?.({});
      loose.usage?.('messages', 'lots', 2_000);
      loose.on?.('track', 'not a function');
      ahakit.track('ok', cyclic);
    }).not.toThrow();
    await ahakit.flush();
    expect(collector.messages()).toHaveLength(1);
    expect(collector.messages()[0]).toMatchObject({ event: 'ok', properties: {} });
    expect(warnings()).toHaveLength(6);
  });

  it('does nothing, quietly, when used after destroy()', async () => {
    const { ahakit, collector, warnings } = start();
    ahakit.destroy();
    expect(() => {
      ahakit.track('a');
      ahakit.track('b');
      ahakit.destroy();
    }).not.toThrow();
    await expect(ahakit.flush()).resolves.toBeUndefined();
    await tick(5_000);
    expect(collector.batchRequests()).toHaveLength(0);
    expect(warnings()).toEqual(['called after destroy(); ignored']);
  });
});

describe('one warning per problem', () => {
  it('warns once about an unknown nudge, however often it is shown', () => {
    const { ahakit, warnings } = start();
    ahakit.show('upgrade_prompt');
    ahakit.show('upgrade_prompt');
    ahakit.show('trial_ending');
    expect(warnings()).toEqual(['unknown nudge "upgrade_prompt"', 'unknown nudge "trial_ending"']);
  });

  it('warns once while the collector is down, not once per batch or retry', async () => {
    const { ahakit, collector, warnings } = start();
    for (let i = 0; i < 20; i++) collector.answerBatches(json(503, {}));
    await ahakit.ready;
    for (let i = 0; i < 5; i++) {
      ahakit.track(`e${i}`);
      await tick(30_000);
    }
    expect(collector.batchRequests().length).toBeGreaterThan(5);
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toContain('503');
  });
});
