import { z } from 'zod';
import { identifier } from './milestones';

/** What a webhook can subscribe to. */
export const WEBHOOK_EVENT_TYPES = [
  'pql.qualified',
  'milestone.reached',
  'activation',
  'handraise',
] as const;

export const webhookEventType = z
  .enum(WEBHOOK_EVENT_TYPES)
  .describe(
    '"pql.qualified": a user or account first meets a PQL definition; "milestone.reached"; "activation": the aha moment; "handraise": a hand-raise signal fired.',
  );

/** `env:NAME` reads the secret from the environment when the collector starts. */
export const SECRET_FROM_ENV = /^env:([A-Za-z_][A-Za-z0-9_]*)$/;
export const MIN_SECRET_LENGTH = 16;
/** A user's repeated hand-raises of one signal reach a webhook at most once this often. */
export const DEFAULT_HANDRAISE_COOLDOWN_MINUTES = 60;

const secret = z
  .string()
  .refine((s) => SECRET_FROM_ENV.test(s) || s.length >= MIN_SECRET_LENGTH, {
    message: `must be at least ${MIN_SECRET_LENGTH} characters, or "env:NAME" to read it from the environment`,
  })
  .describe(
    `The signing secret (at least ${MIN_SECRET_LENGTH} characters), or "env:NAME" to read it from the environment variable NAME at start-up, so the file holds no secret. Each request carries "ahakit-signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" under this secret>".`,
  );

export const webhookSchema = z
  .strictObject({
    id: identifier.describe('Unique id, shown in the admin API and part of each idempotency key.'),
    url: z
      .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
      .describe('Where deliveries are POSTed.'),
    secret,
    events: z.array(webhookEventType).min(1).describe('The events delivered to this URL.'),
    definitions: z
      .array(identifier)
      .min(1)
      .optional()
      .describe('Only these PQL definitions’ "pql.qualified" events; all when absent.'),
    signals: z
      .array(identifier)
      .min(1)
      .optional()
      .describe(
        'Only these hand-raise signals’ "handraise" events (ids from "signals", or "talk_to_sales"); all when absent.',
      ),
    handraiseCooldownMinutes: z
      .number()
      .int()
      .min(0)
      .max(43_200)
      .optional()
      .describe(
        `At most one "handraise" delivery per user and signal in each period of this many minutes (periods counted from the Unix epoch; ${DEFAULT_HANDRAISE_COOLDOWN_MINUTES} when absent); 0 sends every hand-raise.`,
      ),
    format: z
      .enum(['json', 'slack'])
      .default('json')
      .describe(
        '"json": {id, type, occurredAt, data}; "slack": a Slack incoming-webhook message {text, blocks}.',
      ),
    enabled: z
      .boolean()
      .default(true)
      .describe('false stops new deliveries and fails the pending ones.'),
  })
  .superRefine((hook, ctx) => {
    if (hook.definitions && !hook.events.includes('pql.qualified')) {
      ctx.addIssue({
        code: 'custom',
        path: ['definitions'],
        message: 'filters "pql.qualified" events, which "events" does not include',
      });
    }
    if (hook.signals && !hook.events.includes('handraise')) {
      ctx.addIssue({
        code: 'custom',
        path: ['signals'],
        message: 'filters "handraise" events, which "events" does not include',
      });
    }
  })
  .describe('A URL told about PQLs, milestones, activations or hand-raises as they happen.');

export const webhooksSchema = z
  .array(webhookSchema)
  .superRefine((hooks, ctx) => {
    const seen = new Set<string>();
    hooks.forEach((hook, i) => {
      if (seen.has(hook.id)) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'id'],
          message: `duplicate webhook "${hook.id}"`,
        });
      }
      seen.add(hook.id);
    });
  })
  .describe('Signed HTTP notifications, delivered through a durable outbox with retries.');

export type Webhook = z.output<typeof webhookSchema>;
export type WebhookEventType = z.output<typeof webhookEventType>;
