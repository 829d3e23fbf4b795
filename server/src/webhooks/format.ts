import type { Webhook } from '../../../core/config/webhooks';
import { slackText } from './event-text';
import type { WebhookEvent } from './events';

/**
 * The request body for a webhook's format: `{id, type, occurredAt, data}` as JSON, or a
 * Slack incoming-webhook message.
 */
export function renderBody(format: Webhook['format'], event: WebhookEvent): string {
  if (format === 'slack') {
    const text = slackText(event);
    return JSON.stringify({
      text,
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
    });
  }
  return JSON.stringify({
    id: event.id,
    type: event.type,
    occurredAt: new Date(event.occurredAt).toISOString(),
    data: event.data,
  });
}
