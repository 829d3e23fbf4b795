import type { PqlCounter } from './compile-pql';

/**
 * The arithmetic of an event-counting rule over its kept times (sorted ascending). An
 * event counts for `windowMs`: while `now < time + windowMs`; events stamped
 * after `now` (a client clock running ahead) count too. The answers depend only on the
 * set of times, never on the order events arrived in.
 */

/** The times after one more matching event at `t`: the same array when nothing changes. */
export function addTime(c: PqlCounter, times: readonly number[], t: number): readonly number[] {
  const full = times.length >= c.atLeast;
  if (c.windowMs !== null) {
    // Keep the latest `atLeast`: an event older than all of them can never be needed.
    if (full && t <= times[times.length - c.atLeast]!) return times;
    const out = insert(times, t);
    return out.length > c.atLeast ? out.slice(out.length - c.atLeast) : out;
  }
  // Keep the earliest `atLeast`: once there are that many, the rule holds for good.
  if (full && t >= times[c.atLeast - 1]!) return times;
  const out = insert(times, t);
  return out.length > c.atLeast ? out.slice(0, c.atLeast) : out;
}

/** The oldest of the `atLeast` times the rule needs, or undefined when it has fewer. */
function needed(c: PqlCounter, times: readonly number[]): number | undefined {
  if (times.length < c.atLeast) return undefined;
  return c.windowMs === null ? times[c.atLeast - 1] : times[times.length - c.atLeast];
}

/** Whether the rule holds at `now`. */
export function holds(c: PqlCounter, times: readonly number[], now: number): boolean {
  const t = needed(c, times);
  if (t === undefined) return false;
  return c.windowMs === null || now < t + c.windowMs;
}

/** When a rule that holds at `now` stops holding (no new event assumed), or null. */
export function expiresAt(c: PqlCounter, times: readonly number[], now: number): number | null {
  if (c.windowMs === null) return null;
  const t = needed(c, times);
  if (t === undefined || now >= t + c.windowMs) return null;
  return t + c.windowMs;
}

function insert(times: readonly number[], t: number): number[] {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return [...times.slice(0, lo), t, ...times.slice(lo)];
}
