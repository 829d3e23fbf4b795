import Database from 'better-sqlite3';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { Webhook } from '../../core/config/webhooks';
import { AppError } from '../../server/src/errors';
import { adminWebhookRoutes } from '../../server/src/routes/admin-webhooks';
import { openOutbox } from '../../server/src/store/sqlite-outbox';
import { enqueueDeliveries } from '../../server/src/webhooks/plan';

const ADMIN = 'sk_unit_admin_key';
const hook: Webhook = {
  id: 'slack',
  url: 'https://hooks.slack.com/services/T000/B000/XXXXSECRET',
  secret: 'whsec_0123456789abcdef',
  events: ['activation'],
  format: 'slack',
  enabled: true,
};

function setup() {
  const outbox = openOutbox(new Database(':memory:'), () => Date.UTC(2026, 0, 1));
  enqueueDeliveries(
    outbox,
    [hook],
    [
      {
        id: 'a1',
        type: 'activation',
        occurredAt: 0,
        data: { subject: { kind: 'user', id: 'ada' } },
      },
    ],
  );
  const app = new Hono();
  app.onError((e, c) => (e instanceof AppError ? c.json(e.toBody(), e.status) : c.text('x', 500)));
  app.route('/v1/admin', adminWebhookRoutes({ outbox, webhooks: [hook], adminKey: ADMIN }));
  return app;
}

describe('GET /v1/admin/webhooks', () => {
  it('lists webhooks with delivery counts and recent deliveries, never secrets or URL paths', async () => {
    const res = await setup().request('/v1/admin/webhooks', {
      headers: { Authorization: `Bearer ${ADMIN}` },
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain('XXXXSECRET');
    expect(text).not.toContain(hook.secret);
    const body = JSON.parse(text);
    expect(body.webhooks).toEqual([
      {
        id: 'slack',
        url: 'https://hooks.slack.com/…',
        events: ['activation'],
        format: 'slack',
        enabled: true,
        deliveries: { pending: 1, delivered: 0, failed: 0 },
      },
    ]);
    expect(body.deliveries).toEqual([
      expect.objectContaining({
        webhookId: 'slack',
        eventId: 'a1',
        status: 'pending',
        attempts: 0,
      }),
    ]);
  });

  it('refuses a wrong admin key and an unknown status filter', async () => {
    const app = setup();
    const wrong = await app.request('/v1/admin/webhooks', {
      headers: { Authorization: 'Bearer pk_write' },
    });
    expect(wrong.status).toBe(401);
    const bad = await app.request('/v1/admin/webhooks?status=lost', {
      headers: { Authorization: `Bearer ${ADMIN}` },
    });
    expect(bad.status).toBe(400);
  });
});
