/**
 * Metrics for the admin API and the dashboard: pure computations over plain counts and
 * durations, with the statistics written out (no dependency, no I/O). The collector
 * gathers the numbers with SQL; these functions turn them into rates, intervals and
 * verdicts.
 *
 * @example
 * const steps = funnel({ newUsers: 1000, activated: 400, pql: 100, converted: 25 });
 * const ttv = timeToValue(durationsMs);
 * const readout = experimentReadout({
 *   treatment: { exposed: 1000, converted: 120 },
 *   control: { exposed: 1000, converted: 80 },
 *   expectedControlShare: 0.5,
 * });
 * readout.verdict; // "The prompt raises conversion: 12.0% vs 8.0% (+4.0 points, …), p = 0.003."
 */

export type { ChecklistItemCompletion, ChecklistItemCounts } from './checklist';
export { checklistCompletion } from './checklist';
export type {
  Arm,
  ExperimentInput,
  ExperimentReadout,
  SampleRatioCheck,
} from './experiment';
export { experimentReadout } from './experiment';
export type { FunnelCounts, FunnelStep, FunnelStepName } from './funnel';
export { FUNNEL_STEPS, funnel } from './funnel';
export type { NudgeCounts, NudgePerformance } from './nudges';
export { nudgePerformance } from './nudges';
export type { MetricsReport } from './report';
export type { Bands, SegmentMatrix } from './segments';
export { segmentMatrix } from './segments';
export {
  chiSquare1Survival,
  median,
  normalCdf,
  normalQuantile,
  percentile,
  Z95,
} from './stats';
export type { TrendWeek, WeekCounts } from './trends';
export { weeklyTrends } from './trends';
export type { TimeToValue } from './ttv';
export { timeToValue } from './ttv';
