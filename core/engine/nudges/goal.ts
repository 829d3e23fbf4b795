import type { NudgeGoal } from '../../config/nudges';
import type { Properties } from '../compare';
import { matchesFilter } from '../conditions';

const DAY = 86_400_000;

/**
 * Whether an event counts as the conversion of a nudge shown at `shownAt`: the goal's
 * event, passing its `where` filters, at or after the show and at most `withinDays` later.
 *
 * @example
 * goalReached({ event: 'plan_upgraded', where: [], withinDays: 7 }, shownAt,
 *   { event: 'plan_upgraded', timestamp: shownAt + 3_600_000 }); // true
 */
export function goalReached(
  goal: NudgeGoal,
  shownAt: number,
  event: { event: string; timestamp: number; properties?: Properties | undefined },
): boolean {
  return (
    event.event === goal.event &&
    event.timestamp >= shownAt &&
    event.timestamp <= shownAt + goal.withinDays * DAY &&
    goal.where.every((f) => matchesFilter(f, event.properties))
  );
}
