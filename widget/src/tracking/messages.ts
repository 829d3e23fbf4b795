import type { MessageInput } from '../../../core/events/schema';
import { VERSION } from '../version';
import type { PageInfo } from './context';
import type { IdentityState } from './identity';
import { uuid } from './ids';

export type JsonObject = Record<string, unknown>;

/** A message as the widget sends it: Segment's shape, always with id, time and context. */
export type WidgetMessage = MessageInput & {
  messageId: string;
  timestamp: string;
  anonymousId: string;
  context: JsonObject;
};

/** What each call adds to the common fields. */
export type MessageBody =
  | { type: 'track'; event: string; properties: JsonObject }
  | { type: 'identify'; traits: JsonObject }
  | { type: 'page'; properties: JsonObject }
  | { type: 'group'; groupId: string; traits: JsonObject };

/**
 * A copy of `value` that survives `JSON.stringify` and IndexedDB's structured clone:
 * functions and undefined go, dates become strings. `null` when it is not a plain object
 * or cannot be serialized (a cycle, a BigInt).
 */
export function toJsonObject(value: unknown): JsonObject | null {
  try {
    const copy = JSON.parse(JSON.stringify(value === undefined ? {} : value));
    return typeof copy === 'object' && copy && !Array.isArray(copy) ? copy : null;
  } catch {
    return null;
  }
}

/** A new message, stamped with a fresh messageId and the current time. */
export function buildMessage(
  body: MessageBody,
  { anonymousId, userId, userHash, groupId }: IdentityState,
  page: PageInfo,
  device: JsonObject,
): WidgetMessage {
  // userId and context.groupId only once there is one (never ''): null is not valid on the wire.
  return {
    ...body,
    messageId: uuid(),
    timestamp: new Date().toISOString(),
    anonymousId,
    ...(userId && { userId }),
    context: {
      library: { name: 'ahakit', version: VERSION },
      page,
      ...device,
      ...(groupId && { groupId }),
      // The collector's identity verification reads it; without a secret it is ignored.
      ...(userId && userHash && { userHash }),
    },
  };
}
