export interface NudgeCounts {
  nudge: string;
  /** Users whose trigger fired and who passed the audience (shown or held back). */
  eligible: number;
  shown: number;
  clicked: number;
  dismissed: number;
  /** Users who reached the nudge's goal within its window after being shown. */
  converted: number;
}

export interface NudgePerformance extends NudgeCounts {
  /** clicked ÷ shown; null when never shown. */
  clickRate: number | null;
  /** converted ÷ shown; null when never shown. */
  conversionRate: number | null;
}

const COUNTS = ['eligible', 'shown', 'clicked', 'dismissed', 'converted'] as const;

/**
 * Each nudge's counts with its click and conversion rates, both taken over the users who
 * saw it, in the order given.
 *
 * @example
 * nudgePerformance([{ nudge: 'upgrade_at_limit', eligible: 500, shown: 400, clicked: 60,
 *   dismissed: 300, converted: 20 }])[0];
 * // { …the counts, clickRate: 0.15, conversionRate: 0.05 }
 */
export function nudgePerformance(nudges: readonly NudgeCounts[]): NudgePerformance[] {
  return nudges.map((row) => {
    for (const key of COUNTS) {
      const n = row[key];
      if (!Number.isInteger(n) || n < 0) {
        throw new RangeError(`${row.nudge}: ${key} must be a whole number ≥ 0, got ${n}`);
      }
    }
    const { shown } = row;
    return {
      ...row,
      clickRate: shown > 0 ? row.clicked / shown : null,
      conversionRate: shown > 0 ? row.converted / shown : null,
    };
  });
}
