import type { Webhook } from '../../../core/config/webhooks';
import { TALK_TO_SALES } from '../../../core/engine/pql/signal-event';
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
      return `✋ ${who} ${handraisePhrase(event.data)}`;
  }
}

type HandraiseData = Extract<WebhookEvent, { type: 'handraise' }>['data'];

/**
 * What the person did, to follow their name: "opened the pricing page `/pricing`",
 * "reached 80% of the messages limit (40 of 50)", "asked to talk to sales".
 */
function handraisePhrase({ signal, trigger }: HandraiseData): string {
  const title = signal.title === undefined ? undefined : mrkdwn(signal.title);
  if (signal.id === TALK_TO_SALES || trigger.type === TALK_TO_SALES) {
    const from = trigger.nudgeId ? ` from the *${mrkdwn(trigger.nudgeId)}* prompt` : '';
    return `asked to talk to sales${from}`;
  }
  const { used, limit } = trigger;
  const share = trigger.threshold ?? (used !== undefined && limit ? used / limit : undefined);
  if (trigger.type === 'usage' && share !== undefined) {
    const of = trigger.metric ? `the ${mrkdwn(trigger.metric)} limit` : 'a limit';
    const counts = used !== undefined && limit !== undefined ? ` (${used} of ${limit})` : '';
    return `reached ${Math.round(share * 100)}% of ${of}${counts}`;
  }
  if (trigger.type === 'page' && trigger.path) {
    const path = code(trigger.path);
    return title ? `${sentenceTail(title)} ${path}` : `opened ${path}`;
  }
  if (title && (trigger.type === 'click' || trigger.type === 'event')) return sentenceTail(title);
  if (trigger.type === 'click' && trigger.selector) return `clicked ${code(trigger.selector)}`;
  if (trigger.type === 'event' && trigger.event) return `sent *${mrkdwn(trigger.event)}*`;
  return `raised a hand: *${title ?? mrkdwn(signal.id)}*`;
}

/**
 * A signal title ("Opened the pricing page") as the rest of a sentence after a name.
 * Titles are written as sentences, so a plain capitalised first word is lowered; an
 * acronym or a name in capitals ("API key created") is left as written.
 */
function sentenceTail(title: string): string {
  return /^\p{Lu}\p{Ll}+(\s|$)/u.test(title)
    ? title.charAt(0).toLowerCase() + title.slice(1)
    : title;
}

/** Slack shows a name with the email beside it; otherwise whichever the traits have. */
function subjectText(subject: WebhookSubject): string {
  const both = subject.name !== undefined && subject.email !== undefined;
  const name = `*${mrkdwn((both ? subject.name : (subject.email ?? subject.name)) ?? subject.id)}*`;
  if (subject.kind === 'account') return `Account ${name}`;
  const aside = [
    both ? subject.email : undefined,
    subject.account ? (subject.account.name ?? subject.account.id) : undefined,
  ].filter((x): x is string => x !== undefined);
  return aside.length > 0 ? `${name} (${aside.map(mrkdwn).join(', ')})` : name;
}

const code = (text: string) => `\`${mrkdwn(text.replace(/`/g, "'"))}\``;

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
