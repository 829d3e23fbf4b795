import type { MessageType } from '../../../core/events/schema';
import { isObject } from './normalize';

/**
 * The other names clients post the same messages under, relative to `/v1`:
 * - `@segment/analytics-next` posts one message to the first letter of its type
 *   (`/v1/t`, `/v1/i`, `/v1/p`, `/v1/s`, `/v1/g`, `/v1/a`) and, with the `batching`
 *   delivery strategy, batches to `/v1/b`;
 * - RudderStack's JS SDK posts one message to `/v1/track` … like Segment's full routes,
 *   batches to `/v1/batch`, and in beacon mode to `/beacon/v1/batch?writeKey=…` (the
 *   collector mounts the same routes under `/beacon/v1`).
 */
export const BATCH_PATHS = ['/batch', '/b'] as const;

/** The paths of one message type: its full name and Segment's one-letter short route. */
export function messagePaths(type: MessageType): string[] {
  return [`/${type}`, `/${type.charAt(0)}`];
}

/**
 * Reads a message the way the client that sent it meant it, before validation:
 * - an empty `userId` or `anonymousId` means none (RudderStack sends `userId: ""` until
 *   `identify`);
 * - on `identify`, the traits RudderStack (and analytics.js for some calls) put in
 *   `context.traits` are the user's traits too: they are merged under the message's own
 *   `traits`, which win where both name a trait.
 * Anything else is returned as it came; a message that needs no change is not copied.
 * `impliedType` is the type of a single-message route, where the body may have none.
 */
export function readDialect(raw: unknown, impliedType?: MessageType): unknown {
  if (!isObject(raw)) return raw;
  let message = raw;
  const copy = () => {
    if (message === raw) message = { ...raw };
    return message;
  };
  if (raw.userId === '') delete copy().userId;
  if (raw.anonymousId === '') delete copy().anonymousId;
  const contextTraits = isObject(raw.context) ? raw.context.traits : undefined;
  const ownTraits = raw.traits;
  if (
    (raw.type ?? impliedType) === 'identify' &&
    isObject(contextTraits) &&
    Object.keys(contextTraits).length > 0 &&
    (ownTraits === undefined || isObject(ownTraits))
  ) {
    copy().traits = { ...contextTraits, ...ownTraits };
  }
  return message;
}
