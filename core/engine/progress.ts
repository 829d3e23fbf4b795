import type { CompiledEventMilestone } from './compile';

/**
 * Counting for event milestones. `times` are the matching events' times, sorted
 * ascending; the answer depends only on the set of times, never on arrival order.
 */

/**
 * The earliest event time at which the milestone holds, or null:
 * - no window: the `count`-th matching event;
 * - `{of: 'first_seen'}`: the `count`-th matching event, if it is no later than
 *   `firstSeen + days`;
 * - `{of: 'now'}`: the first event `t` with `count` matching events in `[t − days, t]`.
 */
export function reachTime(
  m: CompiledEventMilestone,
  times: readonly number[],
  firstSeen: number | null,
): number | null {
  const { count, window } = m;
  if (times.length < count) return null;
  if (window?.of === 'now') {
    for (let j = count - 1; j < times.length; j++) {
      if (times[j]! - times[j - count + 1]! <= window.ms) return times[j]!;
    }
    return null;
  }
  const at = times[count - 1]!;
  if (window?.of === 'first_seen' && at > (firstSeen ?? times[0]!) + window.ms) return null;
  return at;
}

/**
 * Drops the times that can no longer help:
 * - of a reached milestone, those not earlier than it (only earlier ones can move it);
 * - past `firstSeen + days` (first seen only ever moves earlier, so they never will count);
 * - in a sliding window, those more than `days` before the latest (no later event can
 *   share a window with them; an event older still would have to arrive very late);
 * and keeps at most `count − 1`: with fewer than `count` in a window the milestone is
 * not reached, so no more can be in one.
 */
export function pruneTimes(
  m: CompiledEventMilestone,
  times: readonly number[],
  firstSeen: number | null,
  reachedAt: number | undefined,
): readonly number[] {
  const { count, window } = m;
  let from = 0;
  let to = times.length;
  if (reachedAt !== undefined) to = lowerBound(times, reachedAt, from, to);
  if (window?.of === 'first_seen' && firstSeen !== null) {
    to = upperBound(times, firstSeen + window.ms, from, to);
  }
  if (window?.of === 'now' && to > from) {
    from = lowerBound(times, times[to - 1]! - window.ms, from, to);
  }
  if (to - from > count - 1) {
    if (window?.of === 'now') from = to - (count - 1);
    else to = from + (count - 1);
  }
  return from === 0 && to === times.length ? times : times.slice(from, to);
}

/** A copy of sorted `times` with `t` inserted in order. */
export function insertTime(times: readonly number[], t: number): number[] {
  const at = upperBound(times, t, 0, times.length);
  const out = times.slice(0, at);
  out.push(t);
  for (let i = at; i < times.length; i++) out.push(times[i]!);
  return out;
}

/** First index in [from, to) whose time is ≥ t. */
function lowerBound(times: readonly number[], t: number, from: number, to: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index in [from, to) whose time is > t. */
function upperBound(times: readonly number[], t: number, from: number, to: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
