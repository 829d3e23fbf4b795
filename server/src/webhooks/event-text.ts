import { TALK_TO_SALES } from '../../../core/engine/pql/signal-event';
import type { WebhookEvent, WebhookSubject } from './events';

/** How a line marks up user data: Slack's mrkdwn, or plain text for a terminal. */
interface Style {
  /** Some user data, emphasised. */
  strong(text: string): string;
  /** Some user data. */
  text(text: string): string;
  /** A path or a selector. */
  code(text: string): string;
  /** What starts the line for each event type. */
  icon(type: WebhookEvent['type']): string;
}

// Slack's mrkdwn gives <, > and & meaning (links and mentions): user data must not.
const mrkdwn = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const ICONS: Record<WebhookEvent['type'], string> = {
  'pql.qualified': '🎯 ',
  'milestone.reached': '🏁 ',
  activation: '⚡ ',
  handraise: '✋ ',
};

const SLACK: Style = {
  strong: (text) => `*${mrkdwn(text)}*`,
  text: mrkdwn,
  code: (text) => `\`${mrkdwn(text.replace(/`/g, "'"))}\``,
  icon: (type) => ICONS[type],
};

/** Text with its control characters replaced: user data must not rewrite a terminal line, or forge another. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point.
export const printable = (text: string) => text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '�');

const PLAIN: Style = { strong: printable, text: printable, code: printable, icon: () => '' };

/**
 * One readable line per event, in Slack's mrkdwn.
 *
 * @example slackText(pql) // '🎯 *ada@analytical.example* (Analytical Engines) qualified as *upsell* PQL — score 85: activated (+40), …'
 */
export function slackText(event: WebhookEvent): string {
  return eventText(event, SLACK);
}

/**
 * The same line as plain text, for a terminal or a log.
 *
 * @example plainText(pql) // 'ada@analytical.example (Analytical Engines) qualified as upsell PQL — score 85: activated (+40), …'
 */
export function plainText(event: WebhookEvent): string {
  return eventText(event, PLAIN);
}

function eventText(event: WebhookEvent, style: Style): string {
  const who = subjectText(event.data.subject, style);
  const icon = style.icon(event.type);
  switch (event.type) {
    case 'pql.qualified': {
      const { definition, score, reasons } = event.data;
      const why = reasons.map((r) => `${style.text(r.label)} (${signed(r.points)})`).join(', ');
      return `${icon}${who} qualified as ${style.strong(definition)} PQL — score ${score}${why ? `: ${why}` : ''}`;
    }
    case 'milestone.reached': {
      const { milestone } = event.data;
      return `${icon}${who} reached ${style.strong(milestone.title ?? milestone.id)}`;
    }
    case 'activation': {
      const ttv = event.data.timeToValueMs;
      return `${icon}${who} is activated${ttv === undefined ? '' : ` after ${duration(ttv)}`}`;
    }
    case 'handraise':
      return `${icon}${who} ${handraisePhrase(event.data, style)}`;
  }
}

type HandraiseData = Extract<WebhookEvent, { type: 'handraise' }>['data'];

/**
 * What the person did, to follow their name: "opened the pricing page `/pricing`",
 * "reached 80% of the messages limit (40 of 50)", "asked to talk to sales".
 */
function handraisePhrase({ signal, trigger }: HandraiseData, style: Style): string {
  const title = signal.title === undefined ? undefined : style.text(signal.title);
  if (signal.id === TALK_TO_SALES || trigger.type === TALK_TO_SALES) {
    const from = trigger.nudgeId ? ` from the ${style.strong(trigger.nudgeId)} prompt` : '';
    return `asked to talk to sales${from}`;
  }
  const { used, limit } = trigger;
  const share = trigger.threshold ?? (used !== undefined && limit ? used / limit : undefined);
  if (trigger.type === 'usage' && share !== undefined) {
    const of = trigger.metric ? `the ${style.text(trigger.metric)} limit` : 'a limit';
    const counts = used !== undefined && limit !== undefined ? ` (${used} of ${limit})` : '';
    return `reached ${Math.round(share * 100)}% of ${of}${counts}`;
  }
  if (trigger.type === 'page' && trigger.path) {
    const path = style.code(trigger.path);
    return title ? `${sentenceTail(title)} ${path}` : `opened ${path}`;
  }
  if (title && (trigger.type === 'click' || trigger.type === 'event')) return sentenceTail(title);
  if (trigger.type === 'click' && trigger.selector)
    return `clicked ${style.code(trigger.selector)}`;
  if (trigger.type === 'event' && trigger.event) return `sent ${style.strong(trigger.event)}`;
  return `raised a hand: ${style.strong(signal.title ?? signal.id)}`;
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

/** A name with the email beside it; otherwise whichever the traits have, or the id. */
function subjectText(subject: WebhookSubject, style: Style): string {
  const both = subject.name !== undefined && subject.email !== undefined;
  const name = style.strong((both ? subject.name : (subject.email ?? subject.name)) ?? subject.id);
  if (subject.kind === 'account') return `Account ${name}`;
  const aside = [
    both ? subject.email : undefined,
    subject.account ? (subject.account.name ?? subject.account.id) : undefined,
  ].filter((x): x is string => x !== undefined);
  return aside.length > 0 ? `${name} (${aside.map(style.text).join(', ')})` : name;
}

const signed = (n: number) => (n >= 0 ? `+${n}` : `−${-n}`);

function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${Math.max(minutes, 1)} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(hours / 24)} days`;
}
