import type { MessageInput } from '../../core/events/schema';
import type { PageInfo } from './context';
import type { IdentityState } from './identity';
import { VERSION } from './version';

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

export interface MessageEnvironment {
  messageId: string;
  timestamp: string;
  identity: IdentityState;
  page: PageInfo;
  device: JsonObject;
}

/**
 * A copy of `value` that survives `JSON.stringify` and IndexedDB's structured clone:
 * functions and undefined go, dates become strings. `null` when it is not a plain object
 * or cannot be serialized (a cycle, a BigInt).
 */
export function toJsonObject(value: unknown): JsonObject | null {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  try {
    return JSON.parse(JSON.stringify(value)) as JsonObject;
  } catch {
    return null;
  }
}

export function buildMessage(body: MessageBody, env: MessageEnvironment): WidgetMessage {
  const { identity } = env;
  const context: JsonObject = {
    library: { name: 'ahakit', version: VERSION },
    page: env.page,
    ...env.device,
  };
  if (identity.groupId !== null) context.groupId = identity.groupId;
  const message: WidgetMessage = {
    ...body,
    messageId: env.messageId,
    timestamp: env.timestamp,
    anonymousId: identity.anonymousId,
    context,
  };
  if (identity.userId !== null) message.userId = identity.userId;
  return message;
}
