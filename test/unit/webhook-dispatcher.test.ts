import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Webhook } from '../../core/config/webhooks';
import { type Outbox, openOutbox } from '../../server/src/store/sqlite-outbox';
import { createDispatcher, type DispatcherOptions } from '../../server/src/webhooks/dispatcher';
import type { WebhookEvent } from '../../server/src/webhooks/events';
import { enqueueDeliveries } from '../../server/src/webhooks/plan';
import { DEFAULT_RETRY, parseRetryAfter, retryDelay } from '../../server/src/webhooks/retry';
import { verifySignature } from '../../server/src/webhooks/signature';

const SECRET = 'whsec_0123456789abcdef';
const hook: Webhook = {
  id: 'sales',
  url: 'https://hooks.example.com/ahakit',
  secret: SECRET,
  events: ['milestone.reached', 'pql.qualified'],
  format: 'json',
  enabled: true,
};

const milestone = (n: number): WebhookEvent => ({
  id: `milestone.reached:user:ada:m${n}`,
  type: 'milestone.reached',
  occurredAt: Date.UTC(2026, 0, 1),
  data: { subject: { kind: 'user', id: 'ada' }, milestone: { id: `m${n}` } },
});

interface Call {
  url: string;
  headers: Record<string, string>;
  body: string;
  at: number;
}

let db: Database.Database;
let outbox: Outbox;
let clock: number;
let calls: Call[];
let answers: (Response | Error | 'hang')[];
let logs: string[];

beforeEach(() => {
  db = new Database(':memory:');
  clock = Date.UTC(2026, 0, 1);
  outbox = openOutbox(db, () => clock);
  calls = [];
  answers = [];
  logs = [];
});
afterEach(() => db.close());

function dispatcher(options: Partial<DispatcherOptions> = {}) {
  return createDispatcher({
    outbox,
    webhooks: [hook],
    now: () => clock,
    random: () => 0.5,
    log: (m) => logs.push(m),
    fetch: (url, init) => {
      calls.push({
        url,
        headers: init.headers as Record<string, string>,
        body: init.body as string,
        at: clock,
      });
      const answer = answers.shift() ?? new Response('ok', { status: 200 });
      if (answer === 'hang') {
        return new Promise((_, reject) =>
          init.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
        );
      }
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
    },
    ...options,
  });
}

const only = () => outbox.recent({ limit: 10 })[0]!;

describe('webhook dispatcher', () => {
  it('POSTs the signed JSON event with the idempotency key, event type and user agent', async () => {
    enqueueDeliveries(outbox, [hook], [milestone(1)]);
    expect(await dispatcher().drain()).toBe(1);
    const [call] = calls;
    expect(call?.url).toBe(hook.url);
    expect(JSON.parse(call!.body)).toEqual({
      id: 'milestone.reached:user:ada:m1',
      type: 'milestone.reached',
      occurredAt: '2026-01-01T00:00:00.000Z',
      data: { subject: { kind: 'user', id: 'ada' }, milestone: { id: 'm1' } },
    });
    expect(call?.headers).toMatchObject({
      'Content-Type': 'application/json',
      'ahakit-event-type': 'milestone.reached',
      'ahakit-idempotency-key': only().idempotencyKey,
    });
    expect(call?.headers['User-Agent']).toMatch(/^ahakit\/\d+\.\d+\.\d+/);
    expect(verifySignature(SECRET, call?.headers['ahakit-signature'], call!.body, 300, clock)).toBe(
      true,
    );
    expect(only()).toMatchObject({ status: 'delivered', attempts: 1, lastStatus: 200 });
  });

  it('enqueues an event once per webhook however often it is enqueued', () => {
    expect(enqueueDeliveries(outbox, [hook], [milestone(1), milestone(1)])).toBe(1);
    expect(enqueueDeliveries(outbox, [hook], [milestone(1)])).toBe(0);
  });

  it('retries a 5xx after a backoff, with the same idempotency key, then delivers', async () => {
    enqueueDeliveries(outbox, [hook], [milestone(1)]);
    answers = [new Response('down', { status: 503 }), new Response('down', { status: 500 })];
    const d = dispatcher();
    await d.drain();
    expect(only()).toMatchObject({ status: 'pending', attempts: 1, lastError: 'HTTP 503: down' });
    // random 0.5 of a 10 s ceiling: due in 5 s, not before.
    expect(only().nextAttemptAt).toBe(clock + 5_000);
    clock += 4_999;
    expect(await d.drain()).toBe(0);
    clock += 1;
    await d.drain();
    expect(only()).toMatchObject({ status: 'pending', attempts: 2 });
    expect(only().nextAttemptAt).toBe(clock + 10_000);
    clock += 10_000;
    await d.drain();
    expect(only()).toMatchObject({ status: 'delivered', attempts: 3, lastError: null });
    expect(new Set(calls.map((c) => c.headers['ahakit-idempotency-key'])).size).toBe(1);
    expect(logs.filter((l) => l.includes('is failing'))).toHaveLength(1);
  });

  it('retries network errors, timeouts, 408 and 429', async () => {
    enqueueDeliveries(outbox, [hook], [milestone(1)]);
    answers = [
      Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }),
      'hang',
      new Response('', { status: 408 }),
      new Response('', { status: 429 }),
    ];
    const d = dispatcher({ timeoutMs: 20 });
    const errors: (string | null)[] = [];
    for (let i = 0; i < 5; i++) {
      await d.drain();
      errors.push(only().lastError);
      clock += 3_600_000;
    }
    expect(errors).toEqual([
      'fetch failed (ECONNREFUSED)',
      'timed out after 20 ms',
      'HTTP 408',
      'HTTP 429',
      null,
    ]);
    expect(only()).toMatchObject({ status: 'delivered', attempts: 5 });
  });

  it('fails a 4xx at once, without retrying, and logs it once', async () => {
    enqueueDeliveries(outbox, [hook], [milestone(1), milestone(2)]);
    answers = [new Response('no such hook', { status: 404 }), new Response('', { status: 410 })];
    await dispatcher().drain();
    clock += 86_400_000;
    await dispatcher().drain();
    expect(calls).toHaveLength(2);
    expect(outbox.recent({ limit: 10 }).map((d) => [d.status, d.attempts])).toEqual([
      ['failed', 1],
      ['failed', 1],
    ]);
    expect(
      outbox
        .recent({ limit: 10, status: 'failed' })
        .map((d) => d.lastError)
        .sort(),
    ).toEqual(['HTTP 404: no such hook', 'HTTP 410']);
    expect(logs.filter((l) => l.includes('404'))).toHaveLength(1);
  });

  it('honours Retry-After, in seconds or as a date', async () => {
    enqueueDeliveries(outbox, [hook], [milestone(1)]);
    answers = [new Response('', { status: 429, headers: { 'Retry-After': '120' } })];
    await dispatcher().drain();
    expect(only().nextAttemptAt).toBe(clock + 120_000);
    expect(parseRetryAfter(new Date(clock + 30_000).toUTCString(), clock)).toBe(30_000);
    expect(parseRetryAfter('soon', clock)).toBeUndefined();
  });

  it('gives up after the last attempt and records the failure', async () => {
    enqueueDeliveries(outbox, [hook], [milestone(1)]);
    answers = Array.from({ length: 5 }, () => new Response('', { status: 502 }));
    const d = dispatcher({ retry: { maxAttempts: 3 } });
    for (let i = 0; i < 5; i++) {
      await d.drain();
      clock += 3_600_000;
    }
    expect(calls).toHaveLength(3);
    expect(only()).toMatchObject({
      status: 'failed',
      attempts: 3,
      lastError: 'gave up after 3 attempts: HTTP 502',
    });
  });

  it('takes over a delivery whose attempt never finished once its lease runs out', async () => {
    enqueueDeliveries(outbox, [hook], [milestone(1)]);
    // A dispatcher claimed it and died before recording anything.
    expect(outbox.claimDue(clock, 10, 60_000)).toHaveLength(1);
    const d = dispatcher({ leaseMs: 60_000 });
    expect(await d.drain()).toBe(0);
    clock += 60_000;
    expect(await d.drain()).toBe(1);
    expect(only()).toMatchObject({ status: 'delivered', attempts: 2 });
  });

  it('records only the first success when a stale attempt also succeeds', () => {
    enqueueDeliveries(outbox, [hook], [milestone(1)]);
    const [first] = outbox.claimDue(clock, 10, 1_000);
    clock += 1_000;
    const [second] = outbox.claimDue(clock, 10, 1_000);
    const done = (attempt: number) =>
      outbox.markDelivered({ seq: first!.seq, attempt, at: clock, httpStatus: 200, error: null });
    expect(done(second!.attempts)).toBe(true);
    expect(done(first!.attempts)).toBe(false);
    // And a stale failure cannot undo it.
    expect(
      outbox.markFailed({ seq: first!.seq, attempt: 1, at: clock, httpStatus: 500, error: 'x' }),
    ).toBe(false);
    expect(only()).toMatchObject({ status: 'delivered' });
  });

  it('fails deliveries of a webhook removed from the config without calling anyone', async () => {
    enqueueDeliveries(outbox, [hook], [milestone(1)]);
    await dispatcher({ webhooks: [] }).drain();
    expect(calls).toHaveLength(0);
    expect(only()).toMatchObject({
      status: 'failed',
      lastError: 'webhook is no longer in the config',
    });
  });
});

describe('webhook backoff', () => {
  it('grows exponentially under a ceiling, with full jitter within bounds', () => {
    const ceilings = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 20].map((n) =>
      retryDelay(DEFAULT_RETRY, n, () => 0.999_999),
    );
    expect(ceilings.slice(0, 4).map((ms) => Math.round(ms / 1000))).toEqual([10, 20, 40, 80]);
    for (let i = 1; i < ceilings.length; i++) {
      expect(ceilings[i]).toBeGreaterThanOrEqual(ceilings[i - 1]!);
    }
    expect(Math.max(...ceilings)).toBeLessThanOrEqual(3_600_000);
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    for (let attempts = 1; attempts <= 30; attempts++) {
      const ceiling = Math.min(3_600_000, 10_000 * 2 ** (attempts - 1));
      const delays = Array.from({ length: 50 }, () => retryDelay(DEFAULT_RETRY, attempts, random));
      for (const d of delays) {
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThan(ceiling);
      }
      // Jittered: not all the same.
      expect(new Set(delays).size).toBeGreaterThan(1);
    }
  });

  it('waits at least what Retry-After asks', () => {
    expect(retryDelay(DEFAULT_RETRY, 1, () => 0, 90_000)).toBe(90_000);
    expect(retryDelay(DEFAULT_RETRY, 1, () => 0.5, 1_000)).toBe(5_000);
  });
});
