/**
 * What the engine remembers about one subject: a user, or an account (workspace) whose
 * users share account-scope milestones. Plain JSON, treated as immutable: the engine
 * returns a new object when something changed and shares every unchanged part, so a UI
 * signal can compare by reference.
 */
export interface SubjectState {
  /** Time (ms) of the subject's earliest event, whatever order events arrived in. */
  readonly firstSeen: number | null;
  /** Time (ms) of the subject's latest event. */
  readonly lastSeen: number | null;
  /** Milestone id → time (ms) of the event that reached it. Never removed. */
  readonly reached: Readonly<Record<string, number>>;
  /** When the user reached the aha moment (users only). */
  readonly activatedAt: number | null;
  /**
   * Event milestone id → sorted times of the matching events that may still count, at
   * most `count − 1` of them. Unreached milestones only, except for events that arrived
   * late, older than a reached milestone's time (they can still move it earlier).
   */
  readonly progress: Readonly<Record<string, readonly number[]>>;
  /** The most recent message ids applied, oldest first (at most `SEEN_LIMIT`). */
  readonly seen: readonly string[];
}

/** How many message ids a subject remembers to recognise a replayed event. */
export const SEEN_LIMIT = 100;

/**
 * The state of a subject the engine has never seen.
 *
 * @example
 * const user = emptyState();
 */
export function emptyState(): SubjectState {
  return {
    firstSeen: null,
    lastSeen: null,
    reached: {},
    activatedAt: null,
    progress: {},
    seen: [],
  };
}
