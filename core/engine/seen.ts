/**
 * The ring of recent message ids that recognises replays. Scanning 500 ids on every
 * event was the largest cost of applying one, so each ring gets a membership set, kept
 * by identity of the (immutable) ring array. When a ring grows, its set is updated and
 * handed to the successor; an older ring used again simply rebuilds its own. The cache
 * is invisible to callers: results are the same with or without it.
 */
const sets = new WeakMap<readonly string[], Set<string>>();
const SCAN_BELOW = 32;

/** Whether `messageId` is in the ring. */
export function hasSeen(seen: readonly string[], messageId: string): boolean {
  if (seen.length < SCAN_BELOW) return seen.includes(messageId);
  let set = sets.get(seen);
  if (!set) {
    set = new Set(seen);
    sets.set(seen, set);
  }
  return set.has(messageId);
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
  const drop = seen.length >= limit ? seen.length - limit + 1 : 0;
  const next = seen.slice(drop);
  next.push(messageId);
  const set = sets.get(seen);
  if (set) {
    sets.delete(seen);
    for (let i = 0; i < drop; i++) set.delete(seen[i]!);
    set.add(messageId);
    sets.set(next, set);
  }
  return next;
}
