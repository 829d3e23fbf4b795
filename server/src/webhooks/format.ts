import type { Webhook } from '../../../core/config/webhooks';
import type { WebhookEvent, WebhookSubject } from './events';

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

/**
 * One readable line per event, in Slack's mrkdwn.
 *
 * @example slackText(pql) // '🎯 *ada@analytical.example* (Analytical Engines) qualified as *upsell* PQL — score 85: activated (+40), …'
 */
export function slackText(event: WebhookEvent): string {
  const who = subjectText(event.data.subject);
  switch (event.type) {
    case 'pql.qualified': {
      const { definition, score, reasons } = event.data;
      const why = reasons.map((r) => `${mrkdwn(r.label)} (${signed(r.points)})`).join(', ');
      return `🎯 ${who} qualified as *${mrkdwn(definition)}* PQL — score ${score}${why ? `: ${why}` : ''}`;
    }
    case 'milestone.reached':
      return `🏁 ${who} reached *${mrkdwn(event.data.milestone.title ?? event.data.milestone.id)}*`;
    case 'activation': {
      const ttv = event.data.timeToValueMs;
      return `⚡ ${who} is activated${ttv === undefined ? '' : ` after ${duration(ttv)}`}`;
    }
    case 'handraise':
      return `✋ ${who} raised a hand: *${mrkdwn(event.data.signal.title ?? event.data.signal.id)}*`;
  }
}

function subjectText(subject: WebhookSubject): string {
  const name = `*${mrkdwn(subject.email ?? subject.name ?? subject.id)}*`;
  const account = subject.account ? ` (${mrkdwn(subject.account.name ?? subject.account.id)})` : '';
  return subject.kind === 'account' ? `Account ${name}` : `${name}${account}`;
}

const signed = (n: number) => (n >= 0 ? `+${n}` : `−${-n}`);

// Slack's mrkdwn gives <, > and & meaning (links and mentions): user data must not.
function mrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${Math.max(minutes, 1)} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(hours / 24)} days`;
}
