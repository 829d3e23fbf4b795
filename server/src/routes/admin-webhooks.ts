import { Hono } from 'hono';
import type { Webhook } from '../../../core/config/webhooks';
import { requireAdminKey } from '../auth';
import { AppError } from '../errors';
import type { Delivery, DeliveryStatus, Outbox } from '../store/sqlite-outbox';
import type { SuppressedLog } from '../store/sqlite-suppressed';

interface AdminWebhookDeps {
  outbox: Outbox;
  /** Announcements held back as history or sent before; absent in tools without a store. */
  suppressed?: SuppressedLog;
  webhooks: readonly Webhook[];
  adminKey: string;
}

const STATUSES: readonly DeliveryStatus[] = ['pending', 'delivered', 'failed'];

/**
 * `GET /v1/admin/webhooks`: each configured webhook with its delivery counts, and the
 * latest deliveries (`?status=failed`, `?webhook=<id>`, `?limit=` up to 500), and the
 * announcements held back (`suppressed`: counts per type and reason, and the latest ones).
 * Secrets are never shown, and URLs only up to their host: Slack's hold a token in the path.
 */
export function adminWebhookRoutes({
  outbox,
  suppressed,
  webhooks,
  adminKey,
}: AdminWebhookDeps): Hono {
  const app = new Hono();
  app.get('/webhooks', (c) => {
    requireAdminKey(c.req.header('authorization'), adminKey);
    const status = c.req.query('status');
    if (status !== undefined && !STATUSES.includes(status as DeliveryStatus)) {
      throw new AppError(400, 'invalid_request', `status must be one of ${STATUSES.join(', ')}.`);
    }
    const webhookId = c.req.query('webhook');
    const limitText = Number(c.req.query('limit'));
    const limit = Number.isInteger(limitText) && limitText > 0 ? Math.min(limitText, 500) : 100;
    const counts = outbox.counts();
    const countsOf = (id: string) =>
      Object.fromEntries(
        STATUSES.map((s) => [
          s,
          counts.find((r) => r.webhookId === id && r.status === s)?.count ?? 0,
        ]),
      );
    const deliveries = outbox.recent({
      limit,
      ...(status ? { status: status as DeliveryStatus } : {}),
      ...(webhookId ? { webhookId } : {}),
    });
    return c.json({
      webhooks: webhooks.map((w) => ({
        id: w.id,
        url: redact(w.url),
        events: w.events,
        ...(w.definitions ? { definitions: w.definitions } : {}),
        format: w.format,
        enabled: w.enabled,
        deliveries: countsOf(w.id),
      })),
      deliveries: deliveries.map(view),
      suppressed: {
        counts: suppressed?.counts() ?? [],
        latest: (suppressed?.recent(limit) ?? []).map((r) => ({
          ...r,
          occurredAt: iso(r.occurredAt),
          suppressedAt: iso(r.suppressedAt),
        })),
      },
    });
  });
  return app;
}

function view(d: Delivery) {
  return {
    id: d.seq,
    webhookId: d.webhookId,
    eventId: d.eventId,
    eventType: d.eventType,
    idempotencyKey: d.idempotencyKey,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.status === 'pending' ? iso(d.nextAttemptAt) : null,
    lastStatus: d.lastStatus,
    lastError: d.lastError,
    createdAt: iso(d.createdAt),
    updatedAt: iso(d.updatedAt),
    deliveredAt: d.deliveredAt === null ? null : iso(d.deliveredAt),
  };
}

function redact(url: string): string {
  const u = new URL(url);
  return u.pathname === '/' && !u.search ? u.origin : `${u.origin}/…`;
}

const iso = (ms: number) => new Date(ms).toISOString();
