import { describe, expect, it } from 'vitest';
import { publicConfig } from '../../core/config/public-config';
import { validateConfig } from '../../core/config/validate';
import type { Webhook } from '../../core/config/webhooks';
import type { WebhookEvent } from '../../server/src/webhooks/events';
import { idempotencyKey, planDeliveries } from '../../server/src/webhooks/plan';
import { resolveWebhookSecrets, WebhookSecretError } from '../../server/src/webhooks/secrets';

const hook = {
  id: 'sales',
  url: 'https://hooks.example.com/ahakit',
  secret: 'whsec_0123456789abcdef',
  events: ['pql.qualified'],
};

function parse(webhooks: unknown[]) {
  return validateConfig({ product: { name: 'TeamChat' }, webhooks });
}

describe('webhook config', () => {
  it('fills in the json format and enables the webhook', () => {
    const result = parse([hook]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.webhooks).toEqual([{ ...hook, format: 'json', enabled: true }]);
  });

  it('refuses a short secret, a non-http URL, no events and an unknown event', () => {
    const result = parse([
      { ...hook, secret: 'short' },
      { ...hook, id: 'b', url: 'ftp://example.com/x' },
      { ...hook, id: 'c', events: [] },
      { ...hook, id: 'd', events: ['user.deleted'] },
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = result.problems.map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'webhooks[0].secret',
        'webhooks[1].url',
        'webhooks[2].events',
        'webhooks[3].events[0]',
      ]),
    );
  });

  it('accepts "env:NAME" as a secret and refuses duplicate ids', () => {
    const result = parse([
      { ...hook, secret: 'env:SALES_WEBHOOK_SECRET' },
      { ...hook, secret: 'env:SALES_WEBHOOK_SECRET' },
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.path)).toEqual(['webhooks[1].id']);
  });

  it('refuses PQL definitions on a webhook that does not take pql.qualified', () => {
    const result = parse([{ ...hook, events: ['activation'], definitions: ['upsell'] }]);
    expect(result.ok).toBe(false);
  });

  it('refuses a signals filter on a webhook that does not take handraise', () => {
    const result = validateConfig({
      product: { name: 'TeamChat' },
      signals: [{ id: 'pricing_viewed', type: 'page', path: '/pricing' }],
      webhooks: [{ ...hook, signals: ['pricing_viewed'] }],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      expect.objectContaining({
        path: 'webhooks[0].signals',
        message: expect.stringContaining('"handraise"'),
      }),
    ]);
  });

  it('names each unknown signal and PQL definition a filter refers to, by path', () => {
    const result = validateConfig({
      product: { name: 'TeamChat' },
      signals: [{ id: 'pricing_viewed', type: 'page', path: '/pricing' }],
      pql: [
        {
          id: 'upsell',
          intent: [{ signal: 'pricing_viewed', withinDays: 7, points: 10 }],
          threshold: 10,
        },
      ],
      webhooks: [
        {
          ...hook,
          events: ['handraise', 'pql.qualified'],
          signals: ['pricing_viewed', 'talk_to_sales', 'pricing_veiwed'],
          definitions: ['upsell', 'expansion'],
        },
      ],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'webhooks[0].definitions[1]: unknown PQL definition "expansion"',
      'webhooks[0].signals[2]: unknown signal "pricing_veiwed"',
    ]);
  });

  it('accepts a handraise webhook filtered by signal, "talk_to_sales" included', () => {
    const result = validateConfig({
      product: { name: 'TeamChat' },
      signals: [{ id: 'pricing_viewed', type: 'page', path: '/pricing' }],
      webhooks: [{ ...hook, events: ['handraise'], signals: ['pricing_viewed', 'talk_to_sales'] }],
    });
    expect(result.ok).toBe(true);
  });

  it('never sends webhooks (URLs and secrets) to the browser', () => {
    const result = parse([hook]);
    if (!result.ok) throw new Error('invalid');
    const sent = JSON.stringify(publicConfig(result.config));
    expect(publicConfig(result.config)).not.toHaveProperty('webhooks');
    expect(sent).not.toContain(hook.secret);
    expect(sent).not.toContain('hooks.example.com');
  });
});

describe('webhook secrets from the environment', () => {
  const base: Webhook = { ...hook, events: ['pql.qualified'], format: 'json', enabled: true };

  it('reads env:NAME at start-up', () => {
    const [resolved] = resolveWebhookSecrets([{ ...base, secret: 'env:HOOK_SECRET' }], {
      HOOK_SECRET: 'from-the-environment-1234',
    });
    expect(resolved?.secret).toBe('from-the-environment-1234');
  });

  it('lists every missing or short variable at once', () => {
    const run = () =>
      resolveWebhookSecrets(
        [
          { ...base, secret: 'env:MISSING' },
          { ...base, id: 'b', secret: 'env:SHORT' },
        ],
        { SHORT: 'tiny' },
      );
    expect(run).toThrow(WebhookSecretError);
    expect(run).toThrow(/MISSING is not set[\s\S]*SHORT must be at least 16/);
  });
});

describe('webhook routing', () => {
  const event = (definition: string): WebhookEvent => ({
    id: `pql.qualified:user:ada:${definition}`,
    type: 'pql.qualified',
    occurredAt: 0,
    data: { subject: { kind: 'user', id: 'ada' }, definition, score: 80, reasons: [] },
  });
  const hooks: Webhook[] = [
    { ...hook, events: ['pql.qualified'], format: 'json', enabled: true, definitions: ['upsell'] },
    { ...hook, id: 'all', events: ['pql.qualified', 'activation'], format: 'slack', enabled: true },
    { ...hook, id: 'off', events: ['pql.qualified'], format: 'json', enabled: false },
  ];

  it('makes one delivery per subscribed, enabled webhook, filtered by PQL definition', () => {
    const rows = planDeliveries(hooks, [event('upsell'), event('expansion')]);
    expect(rows.map((r) => `${r.webhookId}/${r.eventId}`)).toEqual([
      'sales/pql.qualified:user:ada:upsell',
      'all/pql.qualified:user:ada:upsell',
      'all/pql.qualified:user:ada:expansion',
    ]);
  });

  it('sends a hand-raise only to the webhooks whose signals filter names it', () => {
    const raise = (signalId: string): WebhookEvent => ({
      id: `handraise:user:ada:${signalId}-msg`,
      type: 'handraise',
      occurredAt: 0,
      data: {
        subject: { kind: 'user', id: 'ada' },
        signal: { id: signalId },
        trigger: { type: 'page', path: '/pricing' },
        scores: [],
      },
    });
    const raiseHooks: Webhook[] = [
      { ...hook, id: 'sales', events: ['handraise'], format: 'slack', enabled: true },
      {
        ...hook,
        id: 'pricing-only',
        events: ['handraise'],
        format: 'json',
        enabled: true,
        signals: ['pricing_viewed'],
      },
      { ...hook, id: 'pql-only', events: ['pql.qualified'], format: 'json', enabled: true },
    ];
    const rows = planDeliveries(raiseHooks, [raise('pricing_viewed'), raise('talk_to_sales')]);
    expect(rows.map((r) => `${r.webhookId}/${r.eventId}`)).toEqual([
      'sales/handraise:user:ada:pricing_viewed-msg',
      'pricing-only/handraise:user:ada:pricing_viewed-msg',
      'sales/handraise:user:ada:talk_to_sales-msg',
    ]);
  });

  it('keeps the idempotency key stable per event and webhook, and distinct across them', () => {
    const a = planDeliveries(hooks, [event('upsell')]);
    const b = planDeliveries(hooks, [event('upsell')]);
    expect(a.map((r) => r.idempotencyKey)).toEqual(b.map((r) => r.idempotencyKey));
    expect(a[0]!.idempotencyKey).toBe(idempotencyKey('sales', 'pql.qualified:user:ada:upsell'));
    expect(a[0]!.idempotencyKey).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(a.map((r) => r.idempotencyKey)).size).toBe(a.length);
    expect(idempotencyKey('sales', 'e1')).not.toBe(idempotencyKey('sales', 'e2'));
  });
});
