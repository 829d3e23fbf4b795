/**
 * The ring of recent message ids that recognises replays. A plain scan: at the default
 * 100 ids it is faster than keeping a membership set per ring (bench:engine), and the
 * collector keeps no ring at all.
 */

/** Whether `messageId` is in the ring. */
export function hasSeen(seen: readonly string[], messageId: string): boolean {
  return seen.includes(messageId);
}

/**
 * A new ring with `messageId` appended and the oldest ids past `limit` dropped. A limit
 * of 0 keeps no ring (the collector, which stores each message once, needs none).
 */
export function addSeen(
  seen: readonly string[],
  messageId: string,
  limit: number,
): readonly string[] {
  if (limit === 0) return seen.length === 0 ? seen : [];
  const next = seen.slice(seen.length >= limit ? seen.length - limit + 1 : 0);
  next.push(messageId);
  return next;
}
