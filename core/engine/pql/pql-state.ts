/**
 * What PQL scoring remembers about one subject (a user, or an account fed by all its
 * users' events), for the definitions of that subject's scope: definition id → rule key
 * (`value.2`, `intent.0`) → the sorted times of matching events that may still count.
 * Only event-counting rules have an entry; fit, milestone and activation rules are read
 * from traits and the engine's `SubjectState` when scoring.
 *
 * Bounded: a rule keeps at most `atLeast` times — the latest ones for a windowed rule
 * (only they can count at any later time), the earliest ones for a rule that counts
 * every event (once there are `atLeast`, more change nothing). Plain JSON, immutable,
 * structurally shared: an event no rule counts returns the very same object.
 */
export type PqlState = Readonly<Record<string, PqlRuleTimes>>;

/** Rule key → sorted times (ms) of its matching events, at most `atLeast` of them. */
export type PqlRuleTimes = Readonly<Record<string, readonly number[]>>;

/**
 * The PQL state of a subject nothing is known about yet.
 *
 * @example
 * let state = emptyPqlState();
 */
export function emptyPqlState(): PqlState {
  return {};
}
