import { createHash } from 'node:crypto';
import { DEFAULT_HANDRAISE_COOLDOWN_MINUTES, type Webhook } from '../../../core/config/webhooks';
import type { NewDelivery, Outbox } from '../store/sqlite-outbox';
import type { WebhookEvent } from './events';

/**
 * The idempotency key of one event for one webhook: the same on every attempt, after a
 * restart and after the event is projected again, so a receiver can drop duplicates.
 */
export function idempotencyKey(webhookId: string, eventId: string): string {
  return createHash('sha256').update(`${webhookId}\n${eventId}`).digest('hex');
}

/** Whether a webhook wants an event: enabled, subscribed to its type, its PQL definition and its signal. */
export function subscribes(webhook: Webhook, event: WebhookEvent): boolean {
  if (!webhook.enabled || !webhook.events.includes(event.type)) return false;
  if (event.type === 'pql.qualified' && webhook.definitions) {
    return webhook.definitions.includes(event.data.definition);
  }
  if (event.type === 'handraise' && webhook.signals) {
    return webhook.signals.includes(event.data.signal.id);
  }
  return true;
}

/**
 * The key that makes the outbox keep one delivery of an event per webhook. A hand-raise
 * shares it with the user's other raises of the same signal in the webhook's cooldown
 * period, so only the first of them is delivered (the outbox skips keys it holds).
 */
function deliveryKey(webhook: Webhook, event: WebhookEvent): string {
  const cooldownMs =
    (webhook.handraiseCooldownMinutes ?? DEFAULT_HANDRAISE_COOLDOWN_MINUTES) * 60_000;
  if (event.type !== 'handraise' || cooldownMs === 0) return idempotencyKey(webhook.id, event.id);
  const { subject, signal } = event.data;
  const period = Math.floor(event.occurredAt / cooldownMs);
  return idempotencyKey(
    webhook.id,
    `handraise-cooldown\n${subject.kind}:${subject.id}\n${signal.id}\n${cooldownMs}:${period}`,
  );
}

/** One delivery per event and subscribed webhook. Pure: config and events in, rows out. */
export function planDeliveries(
  webhooks: readonly Webhook[],
  events: readonly WebhookEvent[],
): NewDelivery[] {
  const rows: NewDelivery[] = [];
  for (const event of events) {
    for (const webhook of webhooks) {
      if (!subscribes(webhook, event)) continue;
      rows.push({
        idempotencyKey: deliveryKey(webhook, event),
        webhookId: webhook.id,
        eventId: event.id,
        eventType: event.type,
        payload: JSON.stringify(event),
      });
    }
  }
  return rows;
}

/**
 * Puts the deliveries of `events` in the outbox. Synchronous, so the projection calls it
 * inside the SQLite transaction that saves the decisions behind the events: both are
 * kept or neither is. An event already in the outbox for a webhook is skipped.
 *
 * @example db.transaction(() => { saveDecisions(); enqueueDeliveries(outbox, config.webhooks, events); })();
 */
export function enqueueDeliveries(
  outbox: Outbox,
  webhooks: readonly Webhook[],
  events: readonly WebhookEvent[],
): number {
  if (events.length === 0 || webhooks.length === 0) return 0;
  return outbox.insert(planDeliveries(webhooks, events));
}
