import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Webhook } from '../../core/config/webhooks';
import { type Outbox, openOutbox } from '../../server/src/store/sqlite-outbox';
import { createDispatcher } from '../../server/src/webhooks/dispatcher';
import { type WebhookEvent, webhookEventId } from '../../server/src/webhooks/events';
import { enqueueDeliveries } from '../../server/src/webhooks/plan';
import { signatureHeader } from '../../server/src/webhooks/signature';
import {
  E2E_WRITE_KEY,
  eventually,
  freePort,
  runCli,
  startCollectorProcess,
  stopAllCollectors,
} from '../helpers/collector-process';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver';

// The dispatcher tests put events in the outbox of a real store file, as the
// projection's save transaction does, and deliver them with the real dispatcher over
// HTTP to a local receiver; the last ones run the collector as npm start does, with its
// demo receiver.

const ROOT = resolve(import.meta.dirname, '../..');
const SECRET = 'whsec_e2e_0123456789abcdef';
const dirs: string[] = [];
const receivers: WebhookReceiver[] = [];
const children: ChildProcess[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    }
  }
  for (const r of receivers.splice(0)) await r.close();
});
afterAll(async () => {
  await stopAllCollectors();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function openStoreFile(path: string): { db: Database.Database; outbox: Outbox } {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  return { db, outbox: openOutbox(db) };
}

function events(n: number): WebhookEvent[] {
  return Array.from({ length: n }, (_, i) => ({
    id: webhookEventId('milestone.reached', 'user', `user-${i}`, 'first-message'),
    type: 'milestone.reached' as const,
    occurredAt: Date.now(),
    data: {
      subject: { kind: 'user' as const, id: `user-${i}` },
      milestone: { id: 'first-message' },
    },
  }));
}

/** Enqueues as the projection will: inside the transaction that saves the decisions. */
function enqueueWithDecisions(
  db: Database.Database,
  outbox: Outbox,
  hooks: Webhook[],
  list: WebhookEvent[],
) {
  db.exec('CREATE TABLE IF NOT EXISTS decisions_stub (id TEXT PRIMARY KEY)');
  const insert = db.prepare('INSERT INTO decisions_stub (id) VALUES (?)');
  db.transaction(() => {
    for (const e of list) insert.run(e.id);
    enqueueDeliveries(outbox, hooks, list);
  })();
}

async function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'ahakit-webhooks-'));
  dirs.push(dir);
  const receiver = await startWebhookReceiver(SECRET);
  receivers.push(receiver);
  const hook: Webhook = {
    id: 'sales',
    url: receiver.url,
    secret: SECRET,
    events: ['milestone.reached'],
    format: 'json',
    enabled: true,
  };
  return { dbPath: join(dir, 'ahakit.sqlite'), receiver, hook };
}

/**
 * True once the collector has recorded `n` deliveries as delivered: waiting for the
 * receiver's answers alone races the collector's write, and a stop between the two leaves
 * a delivery due again (at-least-once, same idempotency key).
 */
const allDelivered = (outbox: Outbox, n: number) => {
  const rows = outbox.recent({ limit: 100 });
  return rows.length === n && rows.every((d) => d.status === 'delivered') ? true : undefined;
};

function expectExactlyOneSuccessEach(receiver: WebhookReceiver, outbox: Outbox, n: number) {
  const successes = receiver.successes();
  expect(successes.size).toBe(n);
  for (const count of successes.values()) expect(count).toBe(1);
  expect(receiver.requests.every((r) => r.verified)).toBe(true);
  // Every attempt of an event carried the same key, and its event id.
  const keysByEvent = new Map<string, Set<string>>();
  for (const r of receiver.requests) {
    const id = (JSON.parse(r.body) as { id: string }).id;
    const keys = keysByEvent.get(id) ?? new Set();
    keys.add(r.headers['ahakit-idempotency-key']!);
    keysByEvent.set(id, keys);
  }
  expect(keysByEvent.size).toBe(n);
  for (const keys of keysByEvent.values()) expect(keys.size).toBe(1);
  const rows = outbox.recent({ limit: 100 });
  expect(rows.map((r) => r.status)).toEqual(Array(n).fill('delivered'));
}

describe('webhooks against a local receiver', () => {
  it('delivers signed events, retrying while the receiver fails', async () => {
    const { dbPath, receiver, hook } = await setup();
    const { db, outbox } = openStoreFile(dbPath);
    enqueueWithDecisions(db, outbox, [hook], events(3));
    receiver.failNext(4, 503);
    const dispatcher = createDispatcher({
      outbox,
      webhooks: [hook],
      pollMs: 50,
      retry: { baseMs: 50, capMs: 200 },
      log: () => {},
    });
    dispatcher.start();
    await eventually(async () => allDelivered(outbox, 3), 20_000);
    await dispatcher.stop();
    expect(receiver.requests.filter((r) => r.answered === 503)).toHaveLength(4);
    expectExactlyOneSuccessEach(receiver, outbox, 3);
    const body = JSON.parse(receiver.requests[0]!.body);
    expect(body).toMatchObject({
      type: 'milestone.reached',
      data: { milestone: { id: 'first-message' } },
    });
    expect(receiver.requests[0]!.headers['user-agent']).toMatch(/^ahakit\//);
    db.close();
  });

  it('delivers exactly once per event when the collector restarts mid-retry', async () => {
    const { dbPath, receiver, hook } = await setup();
    let store = openStoreFile(dbPath);
    enqueueWithDecisions(store.db, store.outbox, [hook], events(3));
    receiver.failNext(1_000, 500);
    const first = createDispatcher({
      outbox: store.outbox,
      webhooks: [hook],
      pollMs: 50,
      retry: { baseMs: 100, capMs: 300 },
      // Retries of every event, not the circuit breaker's pauses, are what this is about.
      breaker: { failuresToOpen: 1_000 },
      log: () => {},
    });
    first.start();
    // Each event has failed at least twice: the collector shuts down mid-retry.
    await eventually(async () =>
      store.outbox.recent({ limit: 10 }).every((d) => d.attempts >= 2) ? true : undefined,
    );
    await first.stop();
    store.db.close();
    expect(receiver.successes().size).toBe(0);

    receiver.recover();
    store = openStoreFile(dbPath);
    const second = createDispatcher({
      outbox: store.outbox,
      webhooks: [hook],
      pollMs: 50,
      log: () => {},
    });
    second.start();
    // Until the collector has recorded each delivery, not just until the receiver answered:
    // a stop between the two would leave a delivery due again (sent again, same key).
    await eventually(async () => allDelivered(store.outbox, 3));
    await second.stop();
    expectExactlyOneSuccessEach(receiver, store.outbox, 3);
    store.db.close();
  });

  it('loses nothing when the dispatching process is killed with requests in flight', async () => {
    const { dbPath, receiver, hook } = await setup();
    const store = openStoreFile(dbPath);
    enqueueWithDecisions(store.db, store.outbox, [hook], events(3));
    // The first attempts fail, the retries hang: the process dies while they are in flight.
    receiver.failNext(3, 503);
    receiver.hangNext(3);
    const start = () => {
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          join(ROOT, 'test/helpers/webhook-dispatcher-process.ts'),
          JSON.stringify({ dbPath, webhooks: [hook], timeoutMs: 2_000, leaseMs: 3_000 }),
        ],
        { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      children.push(child);
      let out = '';
      child.stdout!.on('data', (c: Buffer) => {
        out += c.toString();
      });
      child.stderr!.on('data', (c: Buffer) => {
        out += c.toString();
      });
      return { child, output: () => out };
    };

    const crashing = start();
    await eventually(async () => (receiver.requests.length >= 6 ? true : undefined), 20_000);
    crashing.child.kill('SIGKILL');
    await new Promise((r) => crashing.child.once('exit', r));
    expect(receiver.successes().size).toBe(0);
    // Claimed and never finished: still pending, each with two attempts counted.
    expect(store.outbox.recent({ limit: 10 }).map((d) => [d.status, d.attempts])).toEqual(
      Array(3).fill(['pending', 2]),
    );

    const restarted = start();
    await eventually(async () => allDelivered(store.outbox, 3), 20_000);
    restarted.child.kill('SIGTERM');
    await new Promise((r) => restarted.child.once('exit', r));
    expectExactlyOneSuccessEach(receiver, store.outbox, 3);
    expect(store.outbox.recent({ limit: 10 }).every((d) => d.attempts === 3)).toBe(true);
    store.db.close();
  });
});

describe('npm start’s demo webhook receiver', () => {
  /** The demo config, its webhook aimed at the receiver's port for this test. */
  function demoConfigOn(port: number) {
    const config = JSON.parse(readFileSync(join(ROOT, 'demo/ahakit.config.json'), 'utf8'));
    const [hook] = config.webhooks as { url: string; secret: string }[];
    expect(hook?.url).toMatch(/^http:\/\/127\.0\.0\.1:4319\//);
    hook!.url = hook!.url.replace(':4319/', `:${port}/`);
    const dir = mkdtempSync(join(tmpdir(), 'ahakit-demo-receiver-'));
    dirs.push(dir);
    const path = join(dir, 'ahakit.config.json');
    writeFileSync(path, JSON.stringify(config));
    return { path, url: hook!.url, secret: hook!.secret };
  }

  it('prints the demo’s hand-raise and PQL deliveries, and refuses a tampered one', async () => {
    const port = await freePort();
    const demo = demoConfigOn(port);
    const collector = await startCollectorProcess({
      configPath: demo.path,
      args: ['--demo-receiver'],
      env: { AHAKIT_DEMO_RECEIVER_PORT: String(port) },
    });
    expect(collector.output()).toContain(
      `webhooks    http://127.0.0.1:${port}  (demo receiver: prints each signed delivery of "demo-receiver")`,
    );

    const t0 = Date.now() - 60_000;
    const inAcme = { userId: 'u_ada', context: { groupId: 'acme' } };
    const track = (event: string, properties: Record<string, unknown> = {}) => ({
      type: 'track',
      event,
      properties,
      ...inAcme,
    });
    const batch = [
      {
        type: 'identify',
        userId: 'u_ada',
        traits: { email: 'ada@analytical.example', name: 'Ada Lovelace' },
      },
      {
        type: 'group',
        userId: 'u_ada',
        groupId: 'acme',
        traits: { name: 'Analytical Engines', plan: 'free', companySize: '11-50' },
      },
      track('workspace_created'),
      track('channel_created'),
      track('channel_created'),
      track('channel_created'),
      track('teammate_invited'),
      ...Array.from({ length: 10 }, () => track('message_sent')),
      // A pricing visit scores, but pings sales only through the PQL it completes; the
      // pricing page's "Talk to sales" button is a hand-raise of its own.
      track('$signal', { signalId: 'pricing_viewed', type: 'page', path: '/pricing' }),
      track('talk_to_sales_clicked', { from: 'pricing' }),
      track('$signal', {
        signalId: 'sales_requested',
        type: 'event',
        event: 'talk_to_sales_clicked',
      }),
    ].map((m, i) => ({
      ...m,
      messageId: `demo-receiver-${i}`,
      timestamp: new Date(t0 + i * 1000).toISOString(),
    }));
    const res = await fetch(`${collector.url}/v1/batch`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ writeKey: E2E_WRITE_KEY, batch }),
    });
    expect(res.status).toBe(200);

    const who = 'Ada Lovelace (ada@analytical.example, Analytical Engines)';
    // Deliveries go out in parallel: wait for all three kinds, in whatever order they print.
    await eventually(async () => {
      const out = collector.output();
      return out.includes(`webhook pql.qualified: ${who} qualified as upsell PQL — score `) &&
        out.includes(`webhook handraise: ${who} asked to talk to sales\n`) &&
        out.includes('webhook activation: ')
        ? true
        : undefined;
    });
    const printed = collector.output();
    expect(printed).not.toContain('opened the pricing page');
    expect(printed).toMatch(/webhook activation: Ada Lovelace \(.*\) is activated after 1 min\n/);
    expect(printed).toMatch(
      /qualified as upsell PQL — score \d+: Free plan \(\+10\), .*Reached the aha moment \(\+30\)/,
    );
    expect(printed).not.toMatch(/refused|is failing/);

    // What a receiver must refuse: a body changed after it was signed.
    const body = JSON.stringify({ id: 'x', type: 'pql.qualified', data: { score: 1 } });
    const tampered = await fetch(demo.url, {
      method: 'POST',
      body: body.replace('1', '100'),
      headers: { 'ahakit-signature': signatureHeader(demo.secret, body, Date.now()) },
    });
    expect(tampered.status).toBe(400);
    await eventually(async () =>
      collector.output().includes('webhook refused (400): a delivery to /webhooks/teamchat')
        ? true
        : undefined,
    );
    await collector.stop();
  });

  it('does not start the demo receiver in production', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ahakit-demo-receiver-'));
    dirs.push(dir);
    const { code, stderr } = await runCli(['serve', '--demo-receiver'], {
      NODE_ENV: 'production',
      PORT: '0',
      AHAKIT_DATA_DIR: dir,
      AHAKIT_WRITE_KEY: 'pk_live_e2e',
      AHAKIT_ADMIN_KEY: 'sk_live_e2e_0123456789',
    });
    expect(code).toBe(1);
    expect(stderr).toContain('--demo-receiver: the demo webhook receiver is for trying ahakit');
  });
});
