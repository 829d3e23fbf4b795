import { describe, expect, it } from 'vitest';
import type { Webhook } from '../../core/config/webhooks';
import { demoReceiverApp, postsToDemoReceiver } from '../../server/src/webhooks/demo-receiver';
import { type WebhookEvent, webhookEventId } from '../../server/src/webhooks/events';
import { renderBody } from '../../server/src/webhooks/format';
import { signatureHeader } from '../../server/src/webhooks/signature';

const SECRET = 'whsec_demo_receiver_test_secret';
const NOW = Date.parse('2026-11-22T12:00:00.000Z');
const hook: Webhook = {
  id: 'demo-receiver',
  url: 'http://127.0.0.1:4319/webhooks/teamchat',
  secret: SECRET,
  events: ['pql.qualified', 'handraise'],
  format: 'json',
  enabled: true,
};
const qualified: WebhookEvent = {
  id: webhookEventId('pql.qualified', 'user', 'u_123', 'upsell'),
  type: 'pql.qualified',
  occurredAt: NOW,
  data: {
    subject: { kind: 'user', id: 'u_123', email: 'ada@acme.example', name: 'Ada Lovelace' },
    definition: 'upsell',
    score: 80,
    threshold: 70,
    reasons: [
      { rule: 'fit', label: 'Free plan', points: 10 },
      { rule: 'value', label: 'Reached the aha moment', points: 30 },
      { rule: 'intent', label: 'Asked to talk to sales', points: 40 },
    ],
  },
};

function receiver() {
  const lines: string[] = [];
  const app = demoReceiverApp({ webhooks: [hook], print: (l) => lines.push(l), now: () => NOW });
  const deliver = (body: string, headers: Record<string, string>, path = '/webhooks/teamchat') =>
    app.request(path, {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'application/json', ...headers },
    });
  return { lines, deliver };
}

const signed = (body: string, secret = SECRET) => ({
  'ahakit-signature': signatureHeader(secret, body, NOW),
  'ahakit-event-type': 'pql.qualified',
  'ahakit-delivery-attempt': '1',
});

describe('the demo webhook receiver', () => {
  it('prints a signed delivery as one readable line and answers 200', async () => {
    const { lines, deliver } = receiver();
    const body = renderBody('json', qualified);
    const res = await deliver(body, signed(body));
    expect(res.status).toBe(200);
    expect(lines).toEqual([
      'webhook pql.qualified: Ada Lovelace (ada@acme.example) qualified as upsell PQL — score 80: Free plan (+10), Reached the aha moment (+30), Asked to talk to sales (+40)',
    ]);
  });

  it('refuses a tampered body, a wrong secret and a missing signature with 400, and says so', async () => {
    const { lines, deliver } = receiver();
    const body = renderBody('json', qualified);
    const tampered = body.replace('"score":80', '"score":99');
    expect(tampered).not.toBe(body);
    expect((await deliver(tampered, signed(body))).status).toBe(400);
    expect((await deliver(body, signed(body, 'whsec_someone_elses_secret'))).status).toBe(400);
    const missing = await deliver(body, { 'ahakit-event-type': 'pql.qualified' });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toMatch(/no ahakit-signature header/);
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).toMatch(/^webhook refused \(400\): a delivery to \//);
    expect(lines[0]).toContain(
      'does not match the body under the secret of webhook "demo-receiver"',
    );
    expect(lines.join('\n')).not.toContain('score 99');
  });

  it('refuses a delivery too old to be a fresh one', async () => {
    const { lines, deliver } = receiver();
    const body = renderBody('json', qualified);
    const old = {
      ...signed(body),
      'ahakit-signature': signatureHeader(SECRET, body, NOW - 600_000),
    };
    expect((await deliver(body, old)).status).toBe(400);
    expect(lines[0]).toMatch(/^webhook refused \(400\)/);
  });

  it('answers 404 on a path no webhook of the config posts to', async () => {
    const { lines, deliver } = receiver();
    const body = renderBody('json', qualified);
    expect((await deliver(body, signed(body), '/elsewhere')).status).toBe(404);
    expect(lines).toEqual(['webhook refused (404): no webhook in the config posts to /elsewhere']);
  });

  it('prints a Slack-format delivery’s text, and notes a retry', async () => {
    const { lines, deliver } = receiver();
    const raise: WebhookEvent = {
      id: webhookEventId('handraise', 'user', 'u_123', 'm1'),
      type: 'handraise',
      occurredAt: NOW,
      data: {
        subject: { kind: 'user', id: 'u_123' },
        signal: { id: 'pricing_viewed', title: 'Opened the pricing page' },
        trigger: { type: 'page', path: '/pricing' },
        scores: [],
      },
    };
    const body = renderBody('slack', raise);
    const res = await deliver(body, {
      ...signed(body),
      'ahakit-event-type': 'handraise',
      'ahakit-delivery-attempt': '3',
    });
    expect(res.status).toBe(200);
    expect(lines).toEqual([
      'webhook handraise: ✋ *u_123* opened the pricing page `/pricing` (attempt 3)',
    ]);
  });

  it('knows which webhook URLs post to it', () => {
    expect(postsToDemoReceiver('http://127.0.0.1:4319/webhooks/teamchat', 4319)).toBe(true);
    expect(postsToDemoReceiver('http://localhost:4319/x', 4319)).toBe(true);
    expect(postsToDemoReceiver('http://127.0.0.1:4320/x', 4319)).toBe(false);
    expect(postsToDemoReceiver('https://127.0.0.1:4319/x', 4319)).toBe(false);
    expect(postsToDemoReceiver('http://crm.example.com:4319/x', 4319)).toBe(false);
  });
});
