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

beforeEach(useFakeClock);
afterEach(() => {
  vi.useRealTimers();
});

/** A page that queued events while the collector was down, then closed. */
async function pageThatClosedOffline(indexedDB: IDBFactory, writeKey: string, events: string[]) {
  const offline = fakeCollector();
  for (let i = 0; i < 10; i++) offline.answerBatches(new TypeError('Failed to fetch'));
  const first = start({ writeKey, indexedDB, collector: offline });
  await first.ahakit.ready;
  for (const event of events) first.ahakit.track(event);
  await tick(1_000);
  first.ahakit.destroy();
  await settle();
  return offline.messages().map((message) => message.messageId);
}

describe('persistence across page loads', () => {
  it('sends the events a closed page could not deliver, with their original messageIds', async () => {
    const indexedDB = new IDBFactory();
    const writeKey = uniqueKey();
    const ids = await pageThatClosedOffline(indexedDB, writeKey, ['a', 'b']);
    expect(ids).toHaveLength(2);
    vi.advanceTimersByTime(10_000);

    const next = start({ writeKey, indexedDB });
    await next.ahakit.ready;
    await tick(1_000);
    expect(next.collector.messages().map((message) => message.messageId)).toEqual(ids);
    expect(next.collector.messages().map((message) => message.event)).toEqual(['a', 'b']);
  });

  it('adopts events of a page closed moments ago once they are a few seconds old', async () => {
    const indexedDB = new IDBFactory();
    const writeKey = uniqueKey();
    const ids = await pageThatClosedOffline(indexedDB, writeKey, ['a']);

    const next = start({ writeKey, indexedDB });
    await next.ahakit.ready;
    await tick(1_000);
    // Maybe another live tab's: not yet.
    expect(next.collector.batchRequests()).toHaveLength(0);
    await tick(5_000);
    await tick(1_000);
    expect(next.collector.messages().map((message) => message.messageId)).toEqual(ids);
  });

  it('forgets delivered events, so the next page sends nothing again', async () => {
    const indexedDB = new IDBFactory();
    const writeKey = uniqueKey();
    const first = start({ writeKey, indexedDB });
    await first.ahakit.ready;
    first.ahakit.track('a');
    await first.ahakit.flush();
    first.ahakit.destroy();
    await settle();
    vi.advanceTimersByTime(60_000);

    const next = start({ writeKey, indexedDB });
    await next.ahakit.ready;
    await tick(10_000);
    expect(next.collector.batchRequests()).toHaveLength(0);
  });

  it('leaves events queued under another write key alone', async () => {
    const indexedDB = new IDBFactory();
    await pageThatClosedOffline(indexedDB, uniqueKey(), ['theirs']);
    vi.advanceTimersByTime(60_000);

    const other = start({ writeKey: uniqueKey(), indexedDB });
    await other.ahakit.ready;
    other.ahakit.track('mine');
    await tick(10_000);
    expect(other.collector.messages().map((message) => message.event)).toEqual(['mine']);
  });
});

describe('without IndexedDB', () => {
  const brokenTransactions = () => {
    const real = new IDBFactory();
    return {
      open: (name: string, version?: number) => {
        const request = real.open(name, version);
        request.addEventListener('success', () => {
          request.result.transaction = () => {
            throw new DOMException(
              'The operation failed for reasons unrelated to the database itself',
              'UnknownError',
            );
          };
        });
        return request;
      },
    } as unknown as IDBFactory;
  };

  const newerDatabase = () => {
    const factory = new IDBFactory();
    const request = factory.open('ahakit', 99);
    request.addEventListener('success', () => request.result.close());
    return factory;
  };

  it.each([
    ['is missing', () => undefined],
    [
      'refuses to open',
      () =>
        ({
          open: () => {
            throw new DOMException('The operation is insecure.', 'SecurityError');
          },
        }) as unknown as IDBFactory,
    ],
    ['throws on every operation', brokenTransactions],
    ['fails to open (a newer database version exists)', newerDatabase],
  ])('keeps delivering from memory when IndexedDB %s, with one warning', async (_, factory) => {
    const { ahakit, collector, warnings } = start({ platform: { indexedDB: factory() } });
    await ahakit.ready;
    ahakit.track('a');
    await tick(1_000);
    ahakit.track('b');
    await tick(1_000);
    expect(collector.messages().map((message) => message.event)).toEqual(['a', 'b']);
    const storageWarnings = warnings().filter((warning) => warning.includes('IndexedDB'));
    expect(storageWarnings).toHaveLength(1);
    expect(storageWarnings[0]).toContain('memory');
  });
});
