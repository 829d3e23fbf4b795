import { median, percentile } from './stats';

export interface TimeToValue {
  count: number;
  /** null when there are no durations. */
  medianMs: number | null;
  p75Ms: number | null;
}

/**
 * Time to value over the users who reached it: how many, the median and the 75th
 * percentile of their durations (first seen → activation), in milliseconds. Percentiles
 * interpolate between closest ranks, as `percentile` documents. The input need not be
 * sorted and is not changed.
 *
 * @example
 * timeToValue([60_000, 120_000, 180_000, 240_000]);
 * // { count: 4, medianMs: 150_000, p75Ms: 195_000 }
 */
export function timeToValue(durationsMs: readonly number[]): TimeToValue {
  if (durationsMs.length === 0) return { count: 0, medianMs: null, p75Ms: null };
  if (!durationsMs.every(Number.isFinite)) {
    throw new RangeError('timeToValue: every duration must be a finite number');
  }
  // A typed array sorts numerically and in place, several times faster than Array#sort
  // with a comparator on the tens of thousands of users a dashboard covers.
  const sorted = Float64Array.from(durationsMs).sort();
  return { count: sorted.length, medianMs: median(sorted), p75Ms: percentile(sorted, 75) };
}
