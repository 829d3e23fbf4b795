import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Webhook } from '../../core/config/webhooks';
import { openOutbox } from '../../server/src/store/sqlite-outbox';
import { createDispatcher } from '../../server/src/webhooks/dispatcher';
import type { WebhookEvent } from '../../server/src/webhooks/events';
import { enqueueDeliveries } from '../../server/src/webhooks/plan';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver';

const SECRET = 'whsec_0123456789abcdef';
const T0 = Date.UTC(2026, 0, 1);

const milestone = (n: number): WebhookEvent => ({
  id: `milestone.reached:user:ada:m${n}`,
  type: 'milestone.reached',
  occurredAt: T0,
  data: { subject: { kind: 'user', id: 'ada' }, milestone: { id: `m${n}` } },
});

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

function setup(url: string) {
  const db = new Database(':memory:');
  // Real time to start with: the receiver checks the signature's timestamp.
  let clock = Date.now();
  const outbox = openOutbox(db, () => clock);
  const hook: Webhook = {
    id: 'crm',
    url,
    secret: SECRET,
    events: ['milestone.reached'],
    format: 'json',
    enabled: true,
  };
  enqueueDeliveries(
    outbox,
    [hook],
    Array.from({ length: 50 }, (_, i) => milestone(i)),
  );
  const logs: string[] = [];
  const dispatcher = createDispatcher({
    outbox,
    webhooks: [hook],
    now: () => clock,
    random: () => 0.5,
    log: (m) => logs.push(m),
    batchSize: 4,
  });
  closers.push(async () => {
    db.close();
  });
  return {
    outbox,
    dispatcher,
    logs,
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

describe('a failing webhook receiver is spared', () => {
  let receiver: WebhookReceiver;

  it('stops after five failures in a row, probes one at a time with growing pauses, and resumes when it answers', async () => {
    receiver = await startWebhookReceiver(SECRET);
    closers.push(() => receiver.close());
    receiver.failNext(1_000, 503);
    const { dispatcher, advance, outbox, logs } = setup(`${receiver.url}/hook`);

    // Four go out at once, and each failure frees a slot for the next until the fifth
    // failure in a row opens the circuit: at most 4 + 5 − 1 requests, then none.
    const firstWave = await dispatcher.drain();
    expect(firstWave).toBeGreaterThanOrEqual(5);
    expect(firstWave).toBeLessThanOrEqual(8);
    expect(receiver.requests).toHaveLength(firstWave);
    expect(logs.some((l) => /no attempts for 10 s/.test(l))).toBe(true);

    // Still open: nothing is attempted, however many deliveries are due.
    advance(9_000);
    expect(await dispatcher.drain()).toBe(0);
    // Half-open: one probe; it fails, and the circuit stays open twice as long.
    advance(1_000);
    expect(await dispatcher.drain()).toBe(1);
    advance(19_000);
    expect(await dispatcher.drain()).toBe(0);
    advance(1_000);
    expect(await dispatcher.drain()).toBe(1);
    expect(receiver.requests).toHaveLength(firstWave + 2);

    receiver.recover();
    advance(40_000);
    await dispatcher.drain();
    expect(outbox.counts()).toEqual([{ webhookId: 'crm', status: 'delivered', count: 50 }]);
    // Once it answers, the backlog goes out: each delivery succeeds once.
    expect(receiver.successes().size).toBe(50);
  });

  it('caps the attempts per minute to one endpoint however large the backlog', async () => {
    receiver = await startWebhookReceiver(SECRET);
    closers.push(() => receiver.close());
    const db = new Database(':memory:');
    closers.push(async () => {
      db.close();
    });
    let clock = T0;
    const outbox = openOutbox(db, () => clock);
    const hook: Webhook = {
      id: 'crm',
      url: `${receiver.url}/hook`,
      secret: SECRET,
      events: ['milestone.reached'],
      format: 'json',
      enabled: true,
    };
    enqueueDeliveries(
      outbox,
      [hook],
      Array.from({ length: 30 }, (_, i) => milestone(i)),
    );
    const dispatcher = createDispatcher({
      outbox,
      webhooks: [hook],
      now: () => clock,
      log: () => {},
      breaker: { perMinute: 10 },
    });
    expect(await dispatcher.drain()).toBe(10);
    clock += 60_001;
    expect(await dispatcher.drain()).toBe(10);
    expect(receiver.requests).toHaveLength(20);
  });

  it('reads no more than a kilobyte of an error answer, however large', async () => {
    // Each answer would be 200 MB; `written` counts what was sent of all of them.
    let written = 0;
    let open = 0;
    const server = createServer((req, res) => {
      req.resume();
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      const chunk = Buffer.alloc(64 * 1024, 'x');
      let sent = 0;
      let closed = false;
      open++;
      const pump = () => {
        while (!closed && sent < 200 * 1024 * 1024) {
          sent += chunk.length;
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => {
        closed = true;
        open--;
      });
      pump();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(
      () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    );
    const { port } = server.address() as AddressInfo;
    const { dispatcher, outbox } = setup(`http://127.0.0.1:${port}/hook`);
    await dispatcher.drain();
    const failed = outbox.recent({ limit: 50 }).filter((d) => d.lastError);
    expect(failed.length).toBeGreaterThanOrEqual(5);
    for (const d of failed) expect(d.lastError).toMatch(/^HTTP 500: x{200}$/);
    // Each answer was cut off long before its 200 MB: only what filled the socket buffers was sent.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(open).toBe(0);
    expect(written).toBeLessThan(5 * 20 * 1024 * 1024);
  });
});
