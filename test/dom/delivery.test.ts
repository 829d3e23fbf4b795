import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  accepted,
  ENDPOINT,
  json,
  settle,
  start,
  tick,
  useFakeClock,
} from '../helpers/widget-harness';

beforeEach(useFakeClock);
afterEach(() => {
  vi.useRealTimers();
});

describe('batching', () => {
  it('sends a batch as soon as batchSize events are queued, without waiting for the timer', async () => {
    const { ahakit, collector } = start({ batchSize: 3 });
    await ahakit.ready;
    ahakit.track('a');
    ahakit.track('b');
    await settle();
    expect(collector.batchRequests()).toHaveLength(0);
    ahakit.track('c');
    await settle();
    expect(collector.batches()).toHaveLength(1);
    expect(collector.batches()[0]?.batch.map((message) => message.event)).toEqual(['a', 'b', 'c']);
  });

  it('sends waiting events once flushIntervalMs has passed', async () => {
    const { ahakit, collector } = start({ flushIntervalMs: 1_000 });
    await ahakit.ready;
    ahakit.track('signed_up');
    await tick(999);
    expect(collector.batchRequests()).toHaveLength(0);
    await tick(1);
    expect(collector.messages().map((message) => message.event)).toEqual(['signed_up']);
  });

  it('posts a CORS simple request with keepalive and the Segment batch envelope', async () => {
    const { ahakit, collector, writeKey } = start();
    await ahakit.ready;
    ahakit.track('channel_created', { members: 3 });
    await tick(1_000);
    const [request] = collector.batchRequests();
    expect(request?.url).toBe(`${ENDPOINT}/v1/batch`);
    expect(request?.init).toMatchObject({ method: 'POST', credentials: 'omit', keepalive: true });
    // A string body goes as text/plain, which keeps the request CORS-simple: no preflight.
    const sent = new Request(request?.url ?? '', request?.init);
    expect(sent.headers.get('Content-Type')).toBe('text/plain;charset=UTF-8');
    const [body] = collector.batches();
    expect(body?.writeKey).toBe(writeKey);
    expect(body?.sentAt).toBe(new Date().toISOString());
    expect(body?.batch[0]).toMatchObject({
      type: 'track',
      event: 'channel_created',
      properties: { members: 3 },
    });
  });

  it('gives every message its own messageId and an ISO timestamp of when it was queued', async () => {
    const { ahakit, collector } = start();
    await ahakit.ready;
    ahakit.track('first');
    await vi.advanceTimersByTimeAsync(250);
    ahakit.track('second');
    await tick(1_000);
    const [first, second] = collector.messages();
    expect(first?.messageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(second?.messageId).not.toBe(first?.messageId);
    expect(first?.timestamp).toBe('2025-01-01T00:00:00.000Z');
    expect(second?.timestamp).toBe('2025-01-01T00:00:00.250Z');
  });

  it('keeps every request body under 60 KB by splitting big events across batches', async () => {
    const { ahakit, collector } = start({ batchSize: 100 });
    await ahakit.ready;
    const text = 'x'.repeat(20_000);
    for (let i = 0; i < 6; i++) ahakit.track('big', { text });
    await ahakit.flush();
    const sizes = collector.batchRequests().map((request) => String(request.init.body).length);
    expect(sizes.length).toBeGreaterThan(1);
    for (const size of sizes) expect(size).toBeLessThan(60 * 1024);
    expect(collector.messages()).toHaveLength(6);
  });

  it('drops a single event over 32 KB with one warning and a dropped event, and tells the collector', async () => {
    const { ahakit, collector, warnings } = start();
    await ahakit.ready;
    const dropped: unknown[] = [];
    ahakit.on('dropped', (event) => dropped.push(event));
    ahakit.track('huge', { text: 'x'.repeat(33 * 1024) });
    ahakit.track('huge', { text: 'x'.repeat(33 * 1024) });
    ahakit.track('small');
    await ahakit.flush();
    expect(collector.messages().map((message) => message.event)).toEqual(['small']);
    expect(dropped).toEqual([
      { count: 1, reason: 'too_large' },
      { count: 1, reason: 'too_large' },
    ]);
    expect(warnings().filter((warning) => warning.includes('limit'))).toHaveLength(1);
    expect(collector.batches()[0]?.context).toEqual({ ahakit: { dropped: 2 } });
  });

  it('flush() sends everything at once and resolves when the queue is empty', async () => {
    const { ahakit, collector } = start({ batchSize: 2 });
    await ahakit.ready;
    for (let i = 0; i < 5; i++) ahakit.track(`e${i}`);
    await ahakit.flush();
    expect(collector.messages().map((message) => message.event)).toEqual([
      'e0',
      'e1',
      'e2',
      'e3',
      'e4',
    ]);
  });

  it('keeps only one request in flight and sends what queued meanwhile after the answer', async () => {
    const { ahakit, collector } = start({ batchSize: 1 });
    let answer: (response: Response) => void = () => {};
    collector.fetch.mockImplementationOnce(
      (url, init) =>
        new Promise<Response>((resolve) => {
          collector.requests.push({ url, init, at: Date.now() });
          answer = resolve;
        }),
    );
    await ahakit.ready;
    ahakit.track('a');
    ahakit.track('b');
    ahakit.track('c');
    await tick(5_000);
    expect(collector.batchRequests()).toHaveLength(1);
    answer(accepted());
    await tick();
    expect(collector.batches().map((body) => body.batch.map((m) => m.event))).toEqual([
      ['a'],
      ['b'],
      ['c'],
    ]);
  });
});

describe('retries', () => {
  it('retries a 500 with growing backoff delays and the same messageIds', async () => {
    const { ahakit, collector } = start();
    collector.answerBatches(
      json(500, { error: { code: 'internal' } }),
      json(500, {}),
      json(502, {}),
      accepted(),
    );
    await ahakit.ready;
    ahakit.track('signed_up');
    await tick(1_000);
    // Jitter is fixed at 0.5: 500 ms, 1 s, 2 s.
    await tick(500);
    await tick(1_000);
    await tick(2_000);
    const times = collector.batchRequests().map((request) => request.at);
    expect(times).toHaveLength(4);
    const gaps = times.slice(1).map((time, i) => time - (times[i] ?? 0));
    expect(gaps).toEqual([500, 1_000, 2_000]);
    const ids = new Set(collector.messages().map((message) => message.messageId));
    expect(ids.size).toBe(1);
    await tick(60_000);
    expect(collector.batchRequests()).toHaveLength(4);
  });

  it('waits at least Retry-After seconds after a 429', async () => {
    const { ahakit, collector } = start();
    collector.answerBatches(json(429, { error: { code: 'rate_limited' } }, { 'Retry-After': '7' }));
    await ahakit.ready;
    ahakit.track('x');
    await tick(1_000);
    await tick(6_999);
    expect(collector.batchRequests()).toHaveLength(1);
    await tick(1);
    expect(collector.batchRequests()).toHaveLength(2);
  });

  it('retries network errors with growing delays until the collector is back', async () => {
    const { ahakit, collector, warnings } = start();
    collector.answerBatches(
      new TypeError('Failed to fetch'),
      new TypeError('Failed to fetch'),
      new TypeError('Failed to fetch'),
    );
    const delivered: number[] = [];
    ahakit.on('delivered', ({ count }) => delivered.push(count));
    await ahakit.ready;
    ahakit.track('x');
    await tick(1_000);
    await tick(500);
    await tick(1_000);
    await tick(2_000);
    expect(collector.batchRequests()).toHaveLength(4);
    expect(delivered).toEqual([1]);
    expect(warnings().filter((warning) => warning.includes('Failed to fetch'))).toHaveLength(1);
  });

  it('caps the backoff at about a minute', async () => {
    const { ahakit, collector } = start({ platform: { random: () => 0.999 } });
    for (let i = 0; i < 12; i++) collector.answerBatches(json(503, {}));
    await ahakit.ready;
    ahakit.track('x');
    await tick(1_000);
    for (let i = 0; i < 12; i++) await tick(60_000);
    const times = collector.batchRequests().map((request) => request.at);
    const gaps = times.slice(1).map((time, i) => time - (times[i] ?? 0));
    expect(Math.max(...gaps)).toBeLessThanOrEqual(60_000);
    expect(Math.max(...gaps)).toBeGreaterThan(50_000);
  });

  it.each([
    [400, 'invalid_json'],
    [401, 'invalid_write_key'],
    [413, 'payload_too_large'],
  ])(
    'never retries a %i: drops the batch with one warning and a dropped event',
    async (status, code) => {
      const { ahakit, collector, warnings } = start();
      collector.answerBatches(json(status, { error: { code, message: 'no', details: [] } }));
      collector.answerBatches(json(status, { error: { code, message: 'no', details: [] } }));
      const dropped: unknown[] = [];
      ahakit.on('dropped', (event) => dropped.push(event));
      await ahakit.ready;
      ahakit.track('x');
      await tick(1_000);
      ahakit.track('y');
      await tick(1_000);
      await tick(120_000);
      expect(collector.messages().map((message) => message.event)).toEqual(['x', 'y']);
      expect(dropped).toEqual([
        { count: 1, reason: 'refused' },
        { count: 1, reason: 'refused' },
      ]);
      expect(warnings()).toHaveLength(1);
      expect(warnings()[0]).toContain(String(status));
    },
  );

  it('on a 200 listing rejected messages reports them dropped as invalid and the rest delivered', async () => {
    const { ahakit, collector, warnings } = start();
    collector.answerBatches(
      json(200, {
        ok: true,
        accepted: 2,
        duplicates: 0,
        message: '1 of 3 messages was rejected',
        rejected: [{ index: 1, field: 'batch[1].event', reason: 'Too big: expected at most 200' }],
      }),
    );
    const delivered: unknown[] = [];
    const dropped: unknown[] = [];
    ahakit.on('delivered', (event) => delivered.push(event));
    ahakit.on('dropped', (event) => dropped.push(event));
    await ahakit.ready;
    ahakit.track('a');
    ahakit.track('b');
    ahakit.track('c');
    await ahakit.flush();
    expect(collector.batchRequests()).toHaveLength(1);
    expect(delivered).toEqual([{ count: 2 }]);
    expect(dropped).toEqual([{ count: 1, reason: 'invalid' }]);
    expect(warnings()).toEqual([expect.stringContaining('event: Too big: expected at most 200')]);
  });

  it('on 400 invalid_messages removes the whole batch and warns once naming the field', async () => {
    const { ahakit, collector, warnings } = start();
    const invalid = () =>
      json(400, {
        error: {
          code: 'invalid_messages',
          message: '1 of 3 messages is invalid',
          details: [{ index: 1, field: 'batch[1].event', reason: 'Too big: expected at most 200' }],
        },
      });
    collector.answerBatches(invalid(), invalid());
    const delivered: unknown[] = [];
    const dropped: unknown[] = [];
    ahakit.on('delivered', (event) => delivered.push(event));
    ahakit.on('dropped', (event) => dropped.push(event));
    await ahakit.ready;
    ahakit.track('a');
    ahakit.track('b');
    ahakit.track('c');
    await ahakit.flush();
    ahakit.track('d');
    ahakit.track('e');
    ahakit.track('f');
    await ahakit.flush();
    await tick(120_000);
    expect(collector.batchRequests()).toHaveLength(2);
    expect(delivered).toEqual([{ count: 2 }, { count: 2 }]);
    expect(dropped).toEqual([
      { count: 1, reason: 'invalid' },
      { count: 1, reason: 'invalid' },
    ]);
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toContain('event: Too big: expected at most 200');
  });
});

describe('queue bound', () => {
  it('drops the oldest events when maxQueueSize is reached, counts them and tells the collector', async () => {
    const { ahakit, collector, warnings } = start({ maxQueueSize: 10, batchSize: 100 });
    collector.answerBatches(new TypeError('offline'));
    const dropped: number[] = [];
    ahakit.on('dropped', ({ count, reason }) => {
      if (reason === 'queue_full') dropped.push(count);
    });
    await ahakit.ready;
    // The first event goes out and fails, so the queue fills while it waits to retry.
    ahakit.track('e0');
    await tick(1_000);
    for (let i = 1; i <= 12; i++) ahakit.track(`e${i}`);
    await ahakit.flush();
    const last = collector.batches().at(-1);
    expect(last?.batch.map((message) => message.event)).toEqual([
      'e3',
      'e4',
      'e5',
      'e6',
      'e7',
      'e8',
      'e9',
      'e10',
      'e11',
      'e12',
    ]);
    expect(last?.context).toEqual({ ahakit: { dropped: 3 } });
    expect(dropped.reduce((sum, count) => sum + count, 0)).toBe(3);
    expect(warnings().filter((warning) => warning.includes('oldest'))).toHaveLength(1);
    // Reported once: the next batch carries no count.
    ahakit.track('later');
    await ahakit.flush();
    expect(collector.batches().at(-1)?.context).toBeUndefined();
  });
});
