/** The funnel's steps, top to bottom. */
export const FUNNEL_STEPS = ['newUsers', 'activated', 'pql', 'converted'] as const;
export type FunnelStepName = (typeof FUNNEL_STEPS)[number];

export type FunnelCounts = Record<FunnelStepName, number>;

export interface FunnelStep {
  step: FunnelStepName;
  count: number;
  /** count ÷ the previous step's count; null for the first step or after an empty step. */
  fromPrevious: number | null;
  /** count ÷ the first step's count; null when the first step is empty. */
  fromTop: number | null;
}

/**
 * The onboarding funnel new users → activated → PQL → converted, with each step's rate
 * from the step before and from the top. The counts must be a funnel — each step the
 * users of the step before who also did the next thing (the collector counts them so) —
 * so rates are ratios in [0, 1]. They are not clamped: counts that are not nested are a
 * bug to see, not to hide.
 *
 * @example
 * funnel({ newUsers: 1000, activated: 400, pql: 100, converted: 25 })[2];
 * // { step: 'pql', count: 100, fromPrevious: 0.25, fromTop: 0.1 }
 */
export function funnel(counts: FunnelCounts): FunnelStep[] {
  for (const step of FUNNEL_STEPS) {
    const n = counts[step];
    if (!Number.isInteger(n) || n < 0) {
      throw new RangeError(`funnel: ${step} must be a whole number ≥ 0, got ${n}`);
    }
  }
  const top = counts.newUsers;
  return FUNNEL_STEPS.map((step, i) => {
    const count = counts[step];
    const previous = i === 0 ? 0 : counts[FUNNEL_STEPS[i - 1]!];
    return {
      step,
      count,
      fromPrevious: previous > 0 ? count / previous : null,
      fromTop: top > 0 ? count / top : null,
    };
  });
}
