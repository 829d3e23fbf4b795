import { z } from 'zod';

/**
 * Wire messages in the shapes of the Segment HTTP Tracking API, so an unmodified Segment
 * server-side library can send to the collector. Unknown fields are kept (Segment
 * libraries add their own, like `_metadata`), known ones are checked.
 */

/**
 * Limits the collector enforces on what one client may send or make it keep: bytes of
 * JSON per message and per batch, levels of nesting in a message, and the traits one
 * user or account keeps (a message over a limit is refused; traits past the subject's
 * limits are dropped, see README "Security model").
 */
export const LIMITS = {
  eventBytes: 32 * 1024,
  batchBytes: 500 * 1024,
  depth: 32,
  subjectTraitKeys: 200,
  subjectTraitBytes: 32 * 1024,
} as const;

// Keys of parsed JSON are always strings: checking that it is a plain object is enough,
// and saves copying every property of every event (z.record walks each key).
const jsonObject = z.custom<Record<string, unknown>>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
  'expected an object',
);
const identifier = z
  .union([z.string().min(1).max(256), z.number().finite()])
  .transform((value) => String(value));
const isoTimestamp = z.iso.datetime({ offset: true });

const common = {
  messageId: z.string().min(1).max(128).optional(),
  timestamp: isoTimestamp.optional(),
  originalTimestamp: isoTimestamp.optional(),
  sentAt: isoTimestamp.optional(),
  userId: identifier.nullish(),
  anonymousId: identifier.nullish(),
  context: jsonObject.optional(),
  integrations: jsonObject.optional(),
};

export const trackSchema = z.looseObject({
  ...common,
  type: z.literal('track'),
  event: z.string().min(1).max(200),
  properties: jsonObject.optional(),
});
export const identifySchema = z.looseObject({
  ...common,
  type: z.literal('identify'),
  traits: jsonObject.optional(),
});
export const pageSchema = z.looseObject({
  ...common,
  type: z.literal('page'),
  name: z.string().max(200).optional(),
  category: z.string().max(200).optional(),
  properties: jsonObject.optional(),
});
export const screenSchema = z.looseObject({
  ...common,
  type: z.literal('screen'),
  name: z.string().max(200).optional(),
  properties: jsonObject.optional(),
});
export const groupSchema = z.looseObject({
  ...common,
  type: z.literal('group'),
  groupId: identifier,
  traits: jsonObject.optional(),
});
export const aliasSchema = z.looseObject({
  ...common,
  type: z.literal('alias'),
  previousId: identifier,
});

export const MESSAGE_TYPES = ['track', 'identify', 'page', 'screen', 'group', 'alias'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

export const messageSchema = z
  .discriminatedUnion('type', [
    trackSchema,
    identifySchema,
    pageSchema,
    screenSchema,
    groupSchema,
    aliasSchema,
  ])
  .superRefine((message, ctx) => {
    if (message.userId == null && message.anonymousId == null) {
      ctx.addIssue({
        code: 'custom',
        path: ['userId'],
        message: 'userId or anonymousId is required',
      });
    }
  });

/** The envelope of `POST /v1/batch`. */
export const batchEnvelopeSchema = z.looseObject({
  batch: z.array(z.unknown()).min(1, 'batch must hold at least one message'),
  sentAt: isoTimestamp.optional(),
  writeKey: z.string().optional(),
  context: jsonObject.optional(),
});

export type Message = z.output<typeof messageSchema>;
export type TrackMessage = z.output<typeof trackSchema>;
export type IdentifyMessage = z.output<typeof identifySchema>;
export type PageMessage = z.output<typeof pageSchema>;
export type GroupMessage = z.output<typeof groupSchema>;
/** A message as a client builds it, before validation. */
export type MessageInput = z.input<typeof messageSchema>;

/** What the collector answers to an ingestion request. */
export interface IngestResult {
  /** Messages stored by this request. */
  accepted: number;
  /** Messages whose `messageId` was already stored (a client retry): kept once. */
  duplicates: number;
}

/** One rejected message of a batch, as listed in the 400 answer's `error.details`. */
export interface RejectedMessage {
  index: number;
  /** Where in the request the problem is, like `batch[3].event`. */
  field: string;
  reason: string;
}
