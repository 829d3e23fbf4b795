import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { VERSION } from '../../widget/src/version';
import { memoryStorage, start, tick, uniqueKey, useFakeClock } from '../helpers/widget-harness';

beforeEach(useFakeClock);
afterEach(() => {
  vi.useRealTimers();
});

describe('identity', () => {
  it('keeps the anonymousId across page loads in localStorage', async () => {
    const localStorage = memoryStorage();
    const writeKey = uniqueKey();
    const first = start({ writeKey, localStorage });
    const second = start({ writeKey, localStorage });
    first.ahakit.track('a');
    second.ahakit.track('b');
    await first.ahakit.flush();
    await second.ahakit.flush();
    const [a] = first.collector.messages();
    const [b] = second.collector.messages();
    expect(a?.anonymousId).toMatch(/^[0-9a-f-]{36}$/);
    expect(b?.anonymousId).toBe(a?.anonymousId);
    expect(localStorage.data.get(`ahakit:${writeKey}:anonymousId`)).toBe(a?.anonymousId);
  });

  it('carries the host’s userHash on the user’s messages, keeps it for that user only, and across a reload', async () => {
    const localStorage = memoryStorage();
    const writeKey = uniqueKey();
    const first = start({ writeKey, localStorage });
    first.ahakit.identify('user_42', { plan: 'free' }, { userHash: 'a1b2c3' });
    first.ahakit.track('proven');
    // Traits again without the hash: the same user keeps it.
    first.ahakit.identify('user_42', { seats: 3 });
    await first.ahakit.flush();
    const second = start({ writeKey, localStorage });
    second.ahakit.track('after_reload');
    second.ahakit.identify('user_43', {});
    second.ahakit.track('someone_else');
    await second.ahakit.flush();
    const hashes = [...first.collector.messages(), ...second.collector.messages()].map((m) => [
      m.type === 'track' ? m.event : m.type,
      (m.context as { userHash?: string } | undefined)?.userHash,
    ]);
    expect(hashes).toEqual([
      ['identify', 'a1b2c3'],
      ['proven', 'a1b2c3'],
      ['identify', 'a1b2c3'],
      ['after_reload', 'a1b2c3'],
      ['identify', undefined],
      ['someone_else', undefined],
    ]);
  });

  it('links the anonymousId to the userId on identify, and a reload stays identified', async () => {
    const localStorage = memoryStorage();
    const writeKey = uniqueKey();
    const first = start({ writeKey, localStorage });
    const identified: unknown[] = [];
    first.ahakit.on('identify', (event) => identified.push(event));
    first.ahakit.track('before');
    first.ahakit.identify('user_42', { plan: 'free' });
    first.ahakit.track('after');
    await first.ahakit.flush();
    const [before, identify, after] = first.collector.messages();
    expect(before?.userId).toBeUndefined();
    expect(identify).toMatchObject({
      type: 'identify',
      userId: 'user_42',
      anonymousId: before?.anonymousId,
      traits: { plan: 'free' },
    });
    expect(after).toMatchObject({ userId: 'user_42', anonymousId: before?.anonymousId });
    expect(identified).toEqual([{ userId: 'user_42', traits: { plan: 'free' } }]);

    const reloaded = start({ writeKey, localStorage });
    reloaded.ahakit.track('next_page');
    await reloaded.ahakit.flush();
    expect(reloaded.collector.messages()[0]).toMatchObject({
      userId: 'user_42',
      anonymousId: before?.anonymousId,
    });
    expect(reloaded.ahakit.user().traits).toEqual({ plan: 'free' });
  });

  it('sends group with its traits, and later messages carry context.groupId', async () => {
    const { ahakit, collector } = start();
    ahakit.group('acme', { seats: 5 });
    ahakit.track('invite_sent');
    await ahakit.flush();
    const [group, track] = collector.messages();
    expect(group).toMatchObject({ type: 'group', groupId: 'acme', traits: { seats: 5 } });
    expect(track?.context).toMatchObject({ groupId: 'acme' });
  });

  it('reset() forgets the user and group, starts a new anonymousId and keeps unsent events', async () => {
    const { ahakit, collector } = start();
    const resets: Array<{ anonymousId: string }> = [];
    ahakit.on('reset', (event) => resets.push(event));
    ahakit.identify('user_42');
    ahakit.group('acme');
    ahakit.track('before_logout');
    ahakit.reset();
    ahakit.track('after_logout');
    await ahakit.flush();
    const messages = collector.messages();
    const before = messages.find((message) => message.event === 'before_logout');
    const after = messages.find((message) => message.event === 'after_logout');
    expect(before).toMatchObject({ userId: 'user_42' });
    expect(after?.userId).toBeUndefined();
    expect(after?.context).not.toHaveProperty('groupId');
    expect(after?.anonymousId).not.toBe(before?.anonymousId);
    expect(resets).toEqual([{ anonymousId: after?.anonymousId }]);
    expect(ahakit.user()).toMatchObject({ userId: null, groupId: null, traits: {} });
  });

  it('keeps an anonymousId in memory, with one warning, when localStorage throws', async () => {
    const throwing = {
      getItem: () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
      removeItem: () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    };
    const { ahakit, collector, warnings } = start({ platform: { localStorage: throwing } });
    ahakit.track('a');
    ahakit.identify('user_1');
    ahakit.track('b');
    await ahakit.flush();
    const [a, , b] = collector.messages();
    expect(a?.anonymousId).toMatch(/^[0-9a-f-]{36}$/);
    expect(b).toMatchObject({ anonymousId: a?.anonymousId, userId: 'user_1' });
    expect(warnings().filter((warning) => warning.includes('localStorage'))).toHaveLength(1);
  });

  it('follows another tab that identifies the same browser', async () => {
    const localStorage = memoryStorage();
    const writeKey = uniqueKey();
    const thisTab = start({ writeKey, localStorage });
    const otherTab = start({ writeKey, localStorage, platform: { window: undefined } });
    otherTab.ahakit.identify('user_7');
    window.dispatchEvent(new StorageEvent('storage', { key: `ahakit:${writeKey}:user` }));
    thisTab.ahakit.track('a');
    await thisTab.ahakit.flush();
    expect(thisTab.collector.messages()[0]).toMatchObject({ userId: 'user_7' });
  });

  it('describes the library, page and browser in every message context', async () => {
    const { ahakit, collector } = start();
    document.title = 'Channels – TeamChat';
    ahakit.track('a');
    await ahakit.flush();
    const context = collector.messages()[0]?.context;
    expect(context).toMatchObject({
      library: { name: 'ahakit', version: VERSION },
      page: {
        path: location.pathname,
        url: location.href,
        title: 'Channels – TeamChat',
        search: location.search,
        referrer: document.referrer,
      },
      locale: navigator.language,
      userAgent: navigator.userAgent,
      timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      screen: { width: screen.width, height: screen.height },
    });
  });

  it('sends usage() as a $usage track event with metric, used and limit', async () => {
    const { ahakit, collector } = start();
    ahakit.usage('messages', 1_800, 2_000);
    await tick(1_000);
    expect(collector.messages()[0]).toMatchObject({
      type: 'track',
      event: '$usage',
      properties: { metric: 'messages', used: 1_800, limit: 2_000 },
    });
  });
});
