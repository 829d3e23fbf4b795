import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  fakeCollector,
  settle,
  start,
  tick,
  uniqueKey,
  useFakeClock,
} from '../helpers/widget-harness';

beforeEach(() => {
  useFakeClock();
  history.replaceState(null, '', '/');
});
afterEach(() => {
  vi.useRealTimers();
});

const pagePaths = (messages: Array<Record<string, unknown>>) =>
  messages
    .filter((message) => message.type === 'page')
    .map((message) => (message.properties as { path: string }).path);

describe('automatic page views', () => {
  it('sends a page message when the page loads, describing it', async () => {
    history.replaceState(null, '', '/channels?tab=all');
    document.title = 'Channels';
    const { ahakit, collector } = start({ trackPages: true });
    await ahakit.flush();
    await tick(0);
    await ahakit.flush();
    expect(collector.messages()).toHaveLength(1);
    expect(collector.messages()[0]).toMatchObject({
      type: 'page',
      properties: {
        path: '/channels',
        search: '?tab=all',
        url: `${location.origin}/channels?tab=all`,
        title: 'Channels',
      },
    });
  });

  it('sends a page message after an SPA pushState, once per URL', async () => {
    const { ahakit, collector } = start({ trackPages: true });
    await ahakit.ready;
    await tick(0);
    history.pushState({}, '', '/channels/general');
    await tick(0);
    history.replaceState({ scrolled: true }, '', '/channels/general');
    await tick(0);
    history.pushState({}, '', '/channels/random');
    history.pushState({}, '', '/channels/random');
    await tick(0);
    await ahakit.flush();
    expect(pagePaths(collector.messages())).toEqual(['/', '/channels/general', '/channels/random']);
  });

  it('sends a page message on popstate and hashchange', async () => {
    const { ahakit, collector } = start({ trackPages: true });
    await ahakit.ready;
    await tick(0);
    const original = History.prototype.replaceState;
    // Move the URL without the patched method, as the browser does before popstate.
    original.call(history, null, '', '/back-here');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await tick(0);
    original.call(history, null, '', '/back-here#billing');
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await tick(0);
    await ahakit.flush();
    expect(pagePaths(collector.messages())).toEqual(['/', '/back-here', '/back-here']);
  });

  it('sends nothing automatically when trackPages is false', async () => {
    const { ahakit, collector } = start({ trackPages: false });
    await ahakit.ready;
    history.pushState({}, '', '/elsewhere');
    await tick(1_000);
    await ahakit.flush();
    expect(collector.batchRequests()).toHaveLength(0);
  });

  it('undoes the history patch on destroy()', () => {
    const pushState = history.pushState;
    const replaceState = history.replaceState;
    const { ahakit } = start({ trackPages: true });
    expect(history.pushState).not.toBe(pushState);
    ahakit.destroy();
    expect(history.pushState).toBe(pushState);
    expect(history.replaceState).toBe(replaceState);
  });

  it("never changes what the host's history calls return or throw", () => {
    const hostError = new DOMException('cross-origin URL', 'SecurityError');
    const hostReplaceState = vi.fn(() => 'host result');
    const fakeHistory = {
      pushState: vi.fn(() => {
        throw hostError;
      }),
      replaceState: hostReplaceState,
    };
    const fakeWindow = Object.assign(new EventTarget(), {
      history: fakeHistory,
      location: { href: 'https://app.test/', pathname: '/', search: '' },
    }) as unknown as Window;
    const { ahakit } = start({ trackPages: true, platform: { window: fakeWindow } });
    const patched = fakeWindow.history;
    expect(() => patched.pushState({}, '', 'https://elsewhere.test/')).toThrow(hostError);
    expect((patched.replaceState as unknown as () => string)()).toBe('host result');
    expect(hostReplaceState).toHaveBeenCalledTimes(1);
    ahakit.destroy();
    expect(fakeHistory.replaceState).toBe(hostReplaceState);
  });
});

describe('page exit', () => {
  it('flushes with keepalive on pagehide without waiting for the timer', async () => {
    const { ahakit, collector } = start({ flushIntervalMs: 30_000 });
    await ahakit.ready;
    ahakit.track('about_to_leave');
    window.dispatchEvent(new Event('pagehide'));
    await settle();
    expect(collector.batchRequests()).toHaveLength(1);
    expect(collector.batchRequests()[0]?.init.keepalive).toBe(true);
    expect(collector.messages()[0]).toMatchObject({ event: 'about_to_leave' });
  });

  it('flushes when the page becomes hidden', async () => {
    const { ahakit, collector } = start({ flushIntervalMs: 30_000 });
    await ahakit.ready;
    ahakit.track('switching_tabs');
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    try {
      document.dispatchEvent(new Event('visibilitychange'));
    } finally {
      Object.defineProperty(document, 'visibilityState', {
        value: 'visible',
        configurable: true,
      });
    }
    await settle();
    expect(collector.messages().map((message) => message.event)).toEqual(['switching_tabs']);
  });

  it('falls back to sendBeacon with the same body when fetch throws at exit', async () => {
    const collector = fakeCollector();
    collector.fetch.mockImplementationOnce(() => {
      throw new TypeError('keepalive quota exceeded');
    });
    const sendBeacon = vi.fn((_url: string, _body: string) => true);
    const { ahakit } = start({ collector, flushIntervalMs: 30_000, platform: { sendBeacon } });
    await ahakit.ready;
    ahakit.track('leaving');
    window.dispatchEvent(new Event('pagehide'));
    await settle();
    expect(sendBeacon).toHaveBeenCalledTimes(1);
    const [url, body] = sendBeacon.mock.calls[0] ?? [];
    expect(url).toBe('https://collector.test/v1/batch');
    const sent = JSON.parse(body ?? '{}') as { batch: Array<{ messageId: string }> };
    // No answer came, so the page (still alive here) sends it again; the collector dedupes.
    await ahakit.flush();
    expect(collector.messages()[0]?.messageId).toBe(sent.batch[0]?.messageId);
  });

  it('keeps events sent at exit in storage until a later send is acknowledged', async () => {
    const indexedDB = new IDBFactory();
    const writeKey = uniqueKey();
    const leaving = fakeCollector();
    leaving.answerBatches('hang');
    const first = start({ writeKey, indexedDB, collector: leaving });
    await first.ahakit.ready;
    first.ahakit.track('last_click');
    window.dispatchEvent(new Event('pagehide'));
    await settle();
    first.ahakit.destroy();
    vi.advanceTimersByTime(10_000);

    const next = start({ writeKey, indexedDB });
    await next.ahakit.ready;
    await tick(1_000);
    expect(next.collector.messages().map((message) => message.messageId)).toEqual(
      leaving.messages().map((message) => message.messageId),
    );
  });
});
