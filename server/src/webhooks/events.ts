import { z } from 'zod';

/**
 * The events webhooks carry, as the projection hands them to the outbox and as receivers
 * get them in `data`. Titles and labels are plain strings in the config's default locale:
 * the projection resolves them, so a receiver needs no config.
 */

const subject = z.strictObject({
  kind: z.enum(['user', 'account']),
  id: z.string(),
  email: z.string().optional(),
  name: z.string().optional(),
  /** The account a user acted in most recently. */
  account: z.strictObject({ id: z.string(), name: z.string().optional() }).optional(),
});

const ref = z.strictObject({ id: z.string(), title: z.string().optional() });

const common = {
  /** Stable for what happened (see `webhookEventId`): a replay makes the same id. */
  id: z.string().min(1),
  /** When it happened, in epoch milliseconds. */
  occurredAt: z.number(),
};

export const pqlQualifiedEvent = z.strictObject({
  ...common,
  type: z.literal('pql.qualified'),
  data: z.strictObject({
    subject,
    definition: z.string(),
    score: z.number(),
    threshold: z.number().optional(),
    reasons: z.array(z.strictObject({ rule: z.string(), label: z.string(), points: z.number() })),
  }),
});

export const milestoneReachedEvent = z.strictObject({
  ...common,
  type: z.literal('milestone.reached'),
  data: z.strictObject({ subject, milestone: ref }),
});

export const activationEvent = z.strictObject({
  ...common,
  type: z.literal('activation'),
  data: z.strictObject({ subject, timeToValueMs: z.number().optional() }),
});

/**
 * What made a hand-raise fire, as the widget reports it in the `$signal` event: `type`
 * ("page", "usage", "click", "event" or "talk_to_sales") and the fields of that type.
 * Read from the stored event, so fields of the wrong type are left out.
 */
export const handraiseTrigger = z.strictObject({
  type: z.string().optional(),
  /** page: the path opened. */
  path: z.string().optional(),
  /** usage: the metric, the usage and the limit, and the share of the limit crossed (0.8). */
  metric: z.string().optional(),
  used: z.number().optional(),
  limit: z.number().optional(),
  threshold: z.number().optional(),
  /** click: the selector of the element clicked. */
  selector: z.string().optional(),
  /** event: the tracked event. */
  event: z.string().optional(),
  /** talk_to_sales: the prompt whose button was used. */
  nudgeId: z.string().optional(),
});

/** A PQL score of the subject (or of its account) when the hand-raise was projected. */
const score = z.strictObject({
  definition: z.string(),
  kind: z.enum(['user', 'account']),
  score: z.number(),
  qualifies: z.boolean(),
});

export const handraiseEvent = z.strictObject({
  ...common,
  type: z.literal('handraise'),
  data: z.strictObject({
    subject,
    signal: ref,
    trigger: handraiseTrigger,
    /** The browser's id before sign-in, when the signal was sent with one. */
    anonymousId: z.string().optional(),
    scores: z.array(score),
  }),
});

export const webhookEventSchema = z.discriminatedUnion('type', [
  pqlQualifiedEvent,
  milestoneReachedEvent,
  activationEvent,
  handraiseEvent,
]);

export type WebhookEvent = z.output<typeof webhookEventSchema>;
export type WebhookSubject = z.output<typeof subject>;
export type HandraiseTrigger = z.output<typeof handraiseTrigger>;

/**
 * The id of an event, made from what it is about rather than when, so that projecting
 * the same events again (after a restart or a rules change) makes the same id and the
 * outbox does not deliver it twice.
 *
 * @example webhookEventId('milestone.reached', 'user', 'ada', 'first-message')
 *   // 'milestone.reached:user:ada:first-message'
 */
export function webhookEventId(
  type: WebhookEvent['type'],
  subjectKind: 'user' | 'account',
  subjectId: string,
  ref?: string,
): string {
  return [type, subjectKind, subjectId, ...(ref === undefined ? [] : [ref])]
    .map(encodeURIComponent)
    .join(':');
}
