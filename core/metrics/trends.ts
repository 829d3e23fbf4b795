import { median } from './stats';

/** One week's raw numbers, as the collector counts them. */
export interface WeekCounts {
  /** The week's first day (ms, UTC midnight). */
  start: number;
  /** Users first seen in the week. */
  newUsers: number;
  /** Of them, those who activated (at any time since). */
  activated: number;
  /** First seen → activation of each of those (ms), unsorted. */
  ttvMs: readonly number[];
  /** Users and accounts that first qualified as a PQL in the week (any definition). */
  pqls: number;
}

export interface TrendWeek {
  /** The week's first day, `YYYY-MM-DD`. */
  week: string;
  newUsers: number;
  /** activated ÷ new users of the week; null for a week without new users. */
  activationRate: number | null;
  /** Median time to value of the week's new users who activated; null when none did. */
  ttvMedianMs: number | null;
  pqls: number;
}

/**
 * The report's trends, one row per week of the range: new users, their activation rate
 * and median time to value (a cohort view: the users first seen that week), and PQLs
 * first qualified that week.
 *
 * @example
 * weeklyTrends([{ start, newUsers: 40, activated: 10, ttvMs: [...], pqls: 3 }]);
 * // [{ week: '2026-05-04', newUsers: 40, activationRate: 0.25, ttvMedianMs: 5400000, pqls: 3 }]
 */
export function weeklyTrends(weeks: readonly WeekCounts[]): TrendWeek[] {
  return weeks.map((w) => ({
    week: new Date(w.start).toISOString().slice(0, 10),
    newUsers: w.newUsers,
    activationRate: w.newUsers > 0 ? w.activated / w.newUsers : null,
    ttvMedianMs: w.ttvMs.length > 0 ? median(Float64Array.from(w.ttvMs).sort()) : null,
    pqls: w.pqls,
  }));
}
