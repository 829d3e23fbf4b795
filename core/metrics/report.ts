import type { ChecklistItemCompletion } from './checklist';
import type { ExperimentReadout } from './experiment';
import type { FunnelStep } from './funnel';
import type { NudgePerformance } from './nudges';
import type { SegmentMatrix } from './segments';
import type { TrendWeek } from './trends';
import type { TimeToValue } from './ttv';

/**
 * What `GET /v1/admin/metrics?from=YYYY-MM-DD&to=YYYY-MM-DD` answers: the growth team's
 * numbers for the users first seen in a date range (UTC days, both included). The
 * dashboard draws exactly this.
 */
export interface MetricsReport {
  range: { from: string; to: string };
  /** The event that counts as converted (config `conversion.event`), null when none is set. */
  conversionEvent: string | null;
  /** new users → activated → PQL (any definition) → converted, for the users first seen in the range. */
  funnel: FunnelStep[];
  /** Every new user of the range who converted, PQL or not, and their share of new users. */
  convertedUsers: { count: number; fromNewUsers: number | null };
  /** First seen → activation, over the users of the range who activated. */
  timeToValue: TimeToValue;
  /** Week by week from the range's first day: new users, activation rate, median TTV, PQLs. */
  trends: TrendWeek[];
  checklists: {
    id: string;
    title: string;
    items: (ChecklistItemCompletion & { title: string })[];
  }[];
  /** Each nudge: distinct users eligible, shown, clicked, dismissed, converted (goal within its window). */
  nudges: (NudgePerformance & { kind: string; title: string })[];
  /** One per nudge that runs an experiment. */
  experiments: (ExperimentReadout & {
    nudge: string;
    title: string;
    controlShare: number;
    treatment: { exposed: number; converted: number };
    control: { exposed: number; converted: number };
  })[];
  /** Per PQL definition: qualified count and its fit band × value band matrix. */
  pql: {
    definition: string;
    title: string;
    scope: 'user' | 'account';
    qualified: number;
    scored: number;
    /** The band edges of the matrix: thirds of the most fit and value points the definition gives. */
    bands: { fit: number[]; value: number[] };
    segments: SegmentMatrix;
  }[];
  /** How long gathering the report took, in milliseconds. */
  tookMs: number;
}
