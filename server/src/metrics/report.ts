import type { Conversion } from '../../../core/config/conversion';
import type { NudgeGoal } from '../../../core/config/nudges';
import type { PqlDefinition } from '../../../core/config/pql';
import type { AhakitConfig } from '../../../core/config/schema';
import type { LocalizedText } from '../../../core/config/text';
import { compileFilters } from '../../../core/engine/conditions';
import { localize } from '../../../core/engine/localize';
import {
  type Bands,
  checklistCompletion,
  experimentReadout,
  funnel,
  nudgePerformance,
  segmentMatrix,
  timeToValue,
  weeklyTrends,
} from '../../../core/metrics';
import type { MetricsReport } from '../../../core/metrics/report';
import type { GoalQuery, MetricsCounts, Store } from '../store/store';
import type { DateRange } from './date-range';

const DAY = 86_400_000;

/**
 * The metrics report for the users first seen in a date range: the store counts (in
 * SQL), the pure metrics in core/metrics turn the counts into rates, percentiles and
 * readouts, and the config names everything in its default locale.
 *
 * - A nudge's conversions are its goal (`goal.event` and `where`, within `goal.withinDays`
 *   of the user's first show); a nudge without a goal is measured by the config's
 *   `conversion`, any time after. A control user is exposed but shown nothing, so only
 *   the experiment counts them: its arms count from the first exposure.
 * - A checklist item counts every user of the range as eligible: the audience is read
 *   from traits that change (an upgraded workspace is no longer on the free plan it saw
 *   the checklist on), so it is not evaluated again. Completed means the item's milestone
 *   is reached, by the user or, for an account milestone, by one of their accounts.
 *
 * @example
 * const report = await metricsReport(store, config, dateRange({ from: '2026-01-01' }, Date.now()));
 * report.funnel[1]; // { step: 'activated', count: 412, fromPrevious: 0.41, fromTop: 0.41 }
 */
export async function metricsReport(
  store: Store,
  config: AhakitConfig,
  range: DateRange,
): Promise<MetricsReport> {
  const started = performance.now();
  const text = (value: LocalizedText | undefined, fallback: string) =>
    localize(value, config.locales.default, config.locales) ?? fallback;
  const nudges = config.nudges ?? [];
  const conversion = config.conversion ? goalQuery(config.conversion) : null;
  const counts: MetricsCounts = await store.metricsCounts({
    from: range.startMs,
    to: range.endMs,
    conversion,
    milestones: [...new Set(config.checklists.flatMap((c) => c.items.map((i) => i.milestone)))],
    nudges: nudges.map((n) => ({
      id: n.id,
      goal: n.goal ? goalQuery(n.goal) : conversion,
      experiment: n.experiment !== undefined,
    })),
    pql: config.pql.map((d) => ({ id: d.id, scope: d.scope })),
  });
  const newUsers = counts.funnel.newUsers;

  return {
    range: { from: range.from, to: range.to },
    conversionEvent: config.conversion?.event ?? null,
    funnel: funnel(counts.funnel),
    convertedUsers: {
      count: counts.convertedUsers,
      fromNewUsers: newUsers > 0 ? counts.convertedUsers / newUsers : null,
    },
    timeToValue: timeToValue(counts.ttvMs),
    trends: weeklyTrends(counts.weeks),
    checklists: config.checklists.map((c) => ({
      id: c.id,
      title: text(c.title, c.id),
      items: checklistCompletion(
        c.items.map((i) => ({
          checklist: c.id,
          item: i.id,
          eligible: newUsers,
          completed: counts.milestones[i.milestone] ?? 0,
        })),
      ).map((row, index) => ({ ...row, title: text(c.items[index]!.title, row.item) })),
    })),
    nudges: nudgePerformance(nudges.map((n) => ({ nudge: n.id, ...counts.nudges[n.id]! }))).map(
      (row, index) => ({
        ...row,
        kind: nudges[index]!.kind,
        title: text(nudges[index]!.content.title, row.nudge),
      }),
    ),
    experiments: nudges.flatMap((n) => {
      const arms = counts.experiments[n.id];
      if (!n.experiment || !arms) return [];
      return [
        {
          nudge: n.id,
          title: text(n.content.title, n.id),
          controlShare: n.experiment.control,
          ...arms,
          // A control share of 0 or 1 is no experiment: the readout needs both arms expected.
          ...experimentReadout({
            ...arms,
            expectedControlShare: Math.min(Math.max(n.experiment.control, 1e-9), 1 - 1e-9),
          }),
        },
      ];
    }),
    pql: config.pql.map((d) => {
      const found = counts.pql[d.id] ?? { scored: 0, qualified: 0, cells: [] };
      const bands = defaultBands(d);
      return {
        definition: d.id,
        title: text(d.title, d.id),
        scope: d.scope,
        qualified: found.qualified,
        scored: found.scored,
        bands: { fit: [...bands.fit.edges], value: [...bands.value.edges] },
        segments: segmentMatrix(expand(found.cells), bands),
      };
    }),
    tookMs: Math.round((performance.now() - started) * 10) / 10,
  };
}

function goalQuery(goal: Conversion | NudgeGoal): GoalQuery {
  const query: GoalQuery = { event: goal.event };
  if (goal.where.length > 0) query.matches = compileFilters(goal.where);
  if ('withinDays' in goal) query.withinMs = Math.round(goal.withinDays * DAY);
  return query;
}

/**
 * Low, medium and high thirds of the most fit (and value) points a definition can give:
 * a subject with a third of the possible fit points or more is medium fit, with two
 * thirds or more high.
 */
export function defaultBands(d: PqlDefinition): { fit: Bands; value: Bands } {
  const thirds = (points: number[]): Bands => {
    const most = Math.max(
      points.filter((p) => p > 0).reduce((sum, p) => sum + p, 0),
      1,
    );
    return { edges: [most / 3, (2 * most) / 3] };
  };
  return {
    fit: thirds(d.fit.map((r) => r.points)),
    value: thirds(d.value.map((r) => r.points)),
  };
}

/** The subjects behind grouped counts, one entry per subject, without building a list. */
function* expand(
  cells: readonly { fit: number; value: number; count: number }[],
): Generator<{ fitScore: number; valueScore: number }> {
  for (const { fit, value, count } of cells) {
    const subject = { fitScore: fit, valueScore: value };
    for (let i = 0; i < count; i++) yield subject;
  }
}
