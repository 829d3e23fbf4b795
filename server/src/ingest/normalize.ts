import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { formatPath, valueAt } from '../../../core/config/validate';
import {
  LIMITS,
  type Message,
  type MessageType,
  messageSchema,
  type RejectedMessage,
} from '../../../core/events/schema';
import type { EventRow } from '../store/store';
import { tooDeepAt } from './json-depth';

export interface NormalizeContext {
  receivedAt: number;
  /** The batch's `sentAt`, used when a message has none of its own. */
  sentAt?: string | undefined;
  /** How the message's position is named in errors: `batch[3]` or `` for a single message. */
  fieldPrefix: string;
  index: number;
  /** The type implied by a single-message endpoint (`/v1/track` → track). */
  impliedType?: MessageType;
  /**
   * With identity verification on: whether `context.userHash` proves the message's
   * `userId`. A message that fails is kept as its `anonymousId`'s, without the user id.
   */
  verifyUser?: ((userId: string, hash: unknown) => boolean) | undefined;
}

export type NormalizeResult =
  | { ok: true; row: EventRow }
  | { ok: false; rejections: RejectedMessage[] };

/** Largest tolerated clock skew correction: beyond it the client's clock is not trusted at all. */
const MAX_SKEW_MS = 365 * 24 * 3600 * 1000;

/**
 * Validates one received message and turns it into a row to store. Timestamps are
 * corrected for the client's clock skew the way Segment does it: the time between the
 * event and `sentAt` on the client's clock is subtracted from the collector's receipt time.
 */
export function normalizeMessage(raw: unknown, ctx: NormalizeContext): NormalizeResult {
  const deep = tooDeepAt(raw, LIMITS.depth);
  if (deep) {
    return reject(
      ctx,
      // Keys are the client's: a path of long ones is cut to stay readable.
      formatPath(deep).slice(0, 200),
      `is nested more than ${LIMITS.depth} levels deep; flatten it`,
    );
  }
  const input =
    ctx.impliedType && isObject(raw) && raw.type === undefined
      ? { ...raw, type: ctx.impliedType }
      : raw;
  if (ctx.impliedType && isObject(input) && input.type !== ctx.impliedType) {
    return reject(ctx, 'type', `must be "${ctx.impliedType}" on this endpoint`);
  }
  const parsed = messageSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      rejections: parsed.error.issues.map((issue) => ({
        index: ctx.index,
        field: joinField(ctx.fieldPrefix, formatPath(issue.path)),
        reason: describeIssue(issue, input),
      })),
    };
  }
  let message = parsed.data;
  if (ctx.verifyUser && message.userId != null) {
    if (!ctx.verifyUser(message.userId, message.context?.userHash)) {
      if (message.anonymousId == null) {
        return reject(
          ctx,
          'context.userHash',
          'does not prove userId (identity verification is on) and there is no anonymousId to keep the message under',
        );
      }
      const { userId: _unverified, ...anonymous } = message;
      message = anonymous as Message;
    }
  }
  const traits = 'traits' in message ? message.traits : undefined;
  if (traits && Object.keys(traits).length > LIMITS.subjectTraitKeys) {
    return reject(ctx, 'traits', `has more than ${LIMITS.subjectTraitKeys} keys`);
  }
  const payload = JSON.stringify(message);
  if (payload.length > LIMITS.eventBytes) {
    return reject(
      ctx,
      '',
      `message is ${Math.ceil(payload.length / 1024)} KB; the limit is ${LIMITS.eventBytes / 1024} KB`,
    );
  }
  return { ok: true, row: toRow(message, payload, ctx) };
}

function toRow(message: Message, payload: string, ctx: NormalizeContext): EventRow {
  const contextGroup = message.context?.groupId;
  return {
    // A message without an id cannot be deduplicated; Segment's libraries always send one.
    messageId: message.messageId ?? `srv-${randomUUID()}`,
    clientTs: clientTime(message),
    type: message.type,
    event:
      message.type === 'track'
        ? message.event
        : message.type === 'page' || message.type === 'screen'
          ? (message.name ?? null)
          : null,
    userId: message.userId ?? null,
    anonymousId: message.anonymousId ?? null,
    groupId:
      message.type === 'group'
        ? message.groupId
        : typeof contextGroup === 'string' || typeof contextGroup === 'number'
          ? String(contextGroup)
          : null,
    timestamp: eventTime(message, ctx),
    receivedAt: ctx.receivedAt,
    payload,
  };
}

function clientTime(message: Message): number {
  const stamp = message.timestamp ?? message.originalTimestamp;
  return stamp ? Date.parse(stamp) : 0;
}

function eventTime(message: Message, ctx: NormalizeContext): number {
  const stamp = message.timestamp ?? message.originalTimestamp;
  if (!stamp) return ctx.receivedAt;
  const at = Date.parse(stamp);
  const sentAtText = message.sentAt ?? ctx.sentAt;
  if (!sentAtText) return at;
  const skew = ctx.receivedAt - Date.parse(sentAtText);
  return Math.abs(skew) > MAX_SKEW_MS ? ctx.receivedAt : at + skew;
}

function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  if (issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined) {
    return `is required (expected ${issue.expected})`;
  }
  if (issue.code === 'invalid_union' && issue.path.length === 1 && issue.path[0] === 'type') {
    return 'must be one of track, identify, page, screen, group, alias';
  }
  return issue.message;
}

function reject(ctx: NormalizeContext, field: string, reason: string): NormalizeResult {
  return {
    ok: false,
    rejections: [
      { index: ctx.index, field: joinField(ctx.fieldPrefix, field) || '(message)', reason },
    ],
  };
}

function joinField(prefix: string, field: string): string {
  if (field === '(root)' || field === '') return prefix;
  if (!prefix) return field;
  return field.startsWith('[') ? `${prefix}${field}` : `${prefix}.${field}`;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
