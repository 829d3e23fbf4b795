import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Ahakit } from '../../widget/src/api';
import { fakeCollector, settle, uniqueKey, useFakeClock } from '../helpers/widget-harness';

type Api = ((method: string, ...args: unknown[]) => unknown) & Ahakit & { q?: unknown[] };
const page = window as unknown as { ahakit?: Api | undefined };

/** The first line of the embed snippet, as a page has it before ahakit.js arrives. */
function installStub() {
  const stub = function (this: unknown) {
    stub.q = stub.q ?? [];
    // biome-ignore lint/complexity/noArguments: the snippet queues the arguments object itself.
    stub.q.push(arguments);
  } as unknown as Api;
  page.ahakit = page.ahakit ?? stub;
  return page.ahakit;
}

function addScriptTag(attributes: Record<string, string>) {
  const script = document.createElement('script');
  // text/plain keeps happy-dom from fetching the src; the widget only reads the attributes.
  script.type = 'text/plain';
  for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value);
  document.head.append(script);
}

/**
 * What `ahakit.js` does once the core has loaded: the core installs itself for the tag
 * that carries a `data-key` (the loader is driven in Chromium by test/e2e).
 */
async function loadScript() {
  vi.resetModules();
  const { embed } = await import('../../widget/src/embed');
  embed(document.querySelector<HTMLScriptElement>('script[data-key]') ?? undefined);
}

let collector: ReturnType<typeof fakeCollector>;
let warn: { mock: { calls: unknown[][] } };

beforeEach(() => {
  useFakeClock();
  collector = fakeCollector();
  vi.stubGlobal('fetch', collector.fetch);
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  document.head.innerHTML = '';
  page.ahakit = undefined;
});
afterEach(() => {
  page.ahakit?.destroy?.();
  page.ahakit = undefined;
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  vi.useRealTimers();
});

const sent = () =>
  collector
    .messages()
    .filter((message) => message.type !== 'page')
    .map((message) => (message.type === 'track' ? message.event : message.type));

describe('the script tag', () => {
  it('replays the calls queued before it loaded, in order, and then both call styles work', async () => {
    const stub = installStub();
    stub('identify', 'user_42', { plan: 'free' });
    stub('track', 'channel_created', { members: 3 });
    stub('usage', 'messages', 10, 2_000);
    addScriptTag({ src: 'http://localhost:8787/ahakit.js', 'data-key': uniqueKey() });
    await loadScript();

    const ahakit = page.ahakit as Api;
    expect(ahakit).not.toBe(stub);
    ahakit('track', 'function_style');
    ahakit.track('method_style');
    await ahakit.flush();
    await vi.advanceTimersByTimeAsync(0);
    await ahakit.flush();

    expect(sent()).toEqual([
      'identify',
      'channel_created',
      '$usage',
      'function_style',
      'method_style',
    ]);
    expect(collector.batchRequests()[0]?.url).toBe('http://localhost:8787/v1/batch');
    // The automatic page view comes after the replay, so it already knows the user.
    const pageView = collector.messages().find((message) => message.type === 'page');
    expect(pageView).toMatchObject({ userId: 'user_42' });
  });

  it('sends to data-endpoint when the tag names one', async () => {
    addScriptTag({
      src: 'https://cdn.example.com/ahakit.js',
      'data-key': uniqueKey(),
      'data-endpoint': 'https://aha.example.com/',
    });
    await loadScript();
    page.ahakit?.track('x');
    await page.ahakit?.flush();
    expect(collector.batchRequests()[0]?.url).toBe('https://aha.example.com/v1/batch');
  });

  it('without data-key, warns once and leaves a function that accepts calls and does nothing', async () => {
    const stub = installStub();
    stub('track', 'queued');
    addScriptTag({ src: 'http://localhost:8787/ahakit.js' });
    await loadScript();
    const ahakit = page.ahakit as Api;
    expect(() => {
      ahakit('track', 'a');
      ahakit.track('b');
      ahakit.identify('user_1');
    }).not.toThrow();
    await settle();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(collector.fetch).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain('data-key');
  });

  it('loaded twice, keeps the first instance and warns', async () => {
    addScriptTag({ src: 'http://localhost:8787/ahakit.js', 'data-key': uniqueKey() });
    await loadScript();
    const first = page.ahakit;
    await loadScript();
    expect(page.ahakit).toBe(first);
    expect(warn.mock.calls.some(([message]) => String(message).includes('loaded twice'))).toBe(
      true,
    );
  });

  it('warns about an unknown method instead of throwing', async () => {
    addScriptTag({ src: 'http://localhost:8787/ahakit.js', 'data-key': uniqueKey() });
    await loadScript();
    expect(() => page.ahakit?.('trak', 'typo')).not.toThrow();
    expect(warn.mock.calls.some(([message]) => String(message).includes('"trak"'))).toBe(true);
  });
});
