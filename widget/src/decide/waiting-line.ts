/** A nudge that was eligible while another was on screen. */
export interface Waiting {
  nudgeId: string;
  priority: number;
  /** Who it was eligible for: a sign-out or another user drops it. */
  user: string;
  /** When it became eligible (ms since the epoch). */
  since: number;
}

/**
 * The prompts waiting for the screen: at most `limit`, the highest priority first (the
 * earliest of equals). What does not fit, and what waited longer than `maxAgeMs`, is handed
 * back to be recorded as expired.
 *
 * @example
 * const line = createWaitingLine(3, 600_000);
 * line.add({ nudgeId: 'limit_card', priority: 5, user: 'u1', since: Date.now() }); // []
 * line.next(Date.now()).next?.nudgeId; // 'limit_card'
 */
export function createWaitingLine(limit: number, maxAgeMs: number) {
  let line: Waiting[] = [];
  return {
    has: (nudgeId: string) => line.some((waiting) => waiting.nudgeId === nudgeId),
    /** Adds one, or puts one back at its place; returns what no longer fits. */
    add(entry: Waiting): Waiting[] {
      line.push(entry);
      line.sort((a, b) => b.priority - a.priority || a.since - b.since);
      return line.splice(limit);
    },
    /** The next to show, and what waited too long to be worth showing now. */
    next(now: number): { next: Waiting | undefined; stale: Waiting[] } {
      const stale = line.filter((waiting) => now - waiting.since > maxAgeMs);
      line = line.filter((waiting) => now - waiting.since <= maxAgeMs);
      return { next: line.shift(), stale };
    },
    /** Empties the line; returns what waited. */
    clear(): Waiting[] {
      const all = line;
      line = [];
      return all;
    },
  };
}
