import { own } from '../compare';
import { type ConditionContext, evaluateCondition } from '../conditions';
import { inControl } from './bucket';
import type { CompiledNudge, NudgeRules, NudgeShape } from './compile-nudges';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** What one user did with one nudge. Times in ms since the epoch. */
export interface NudgeHistory {
  /**
   * Times shown. Count a holdout exposure here too (but not in `FatigueHistory`), so a
   * held-back user is "exposed" on the same schedule as a shown one would see it.
   */
  shows: number;
  lastShownAt?: number | undefined;
  lastDismissedAt?: number | undefined;
  dontShowAgain?: boolean | undefined;
  convertedAt?: number | undefined;
}

/** Every nudge the user has actually seen (holdouts excluded). */
export interface FatigueHistory {
  /** Nudges shown in this session. */
  sessionShows: number;
  /** When nudges were shown, at least those of the last 24 hours (older ones are ignored). */
  recentShows: readonly number[];
}

export interface DecideInput {
  /** Ids of the nudges whose trigger just fired (see `triggeredNudges`). */
  triggered: readonly string[];
  /** Traits, milestones, activation, device and viewport, for audiences. */
  audience: ConditionContext;
  /** Nudge id → history; a nudge missing here was never shown. */
  history: Readonly<Record<string, NudgeHistory>>;
  fatigue: FatigueHistory;
  /** The id experiments bucket by: the user id, or the anonymous id before `identify`. */
  userId: string;
  now: number;
}

export type IneligibleReason =
  | 'converted'
  | 'dont_show_again'
  | 'audience'
  | 'max_shows'
  | 'cooldown'
  | 'session_budget'
  | 'daily_budget'
  | 'min_gap';

export interface Decision {
  /**
   * `show`: show this nudge. `holdout`: it was the one to show, but the user is in its
   * control group: record an exposure and show nothing. `null`: nothing is eligible.
   */
  pick: { kind: 'show' | 'holdout'; nudgeId: string } | null;
  /** Every eligible triggered nudge, best first. */
  eligible: string[];
  ineligible: { nudgeId: string; reason: IneligibleReason }[];
}

/**
 * Which of the nudges triggered right now to show, if any. A nudge is ineligible, for the
 * first reason that applies: the user already converted, chose "don't show again", is
 * outside the audience, has seen it `maxShows` times, or saw or dismissed it less than
 * `cooldownHours` ago; then the global budget: `maxPerSession` shows this session,
 * `maxPerDay` in the last 24 hours (rolling: the collector does not know the user's time
 * zone, and a calendar day would allow a double dose around midnight), or a nudge shown
 * less than `minGapMinutes` ago. Of the eligible ones the highest `priority` wins, ties
 * going to the first in the config. When the winner runs an experiment and the user is in
 * its control group, the decision is a holdout (nothing else is shown instead).
 *
 * @example
 * const d = decide(nudgeRules, {
 *   triggered: ['upgrade_at_limit'], audience: { traits, user, rules },
 *   history: {}, fatigue: { sessionShows: 0, recentShows: [] }, userId: 'u_42', now: Date.now(),
 * });
 * // d.pick: { kind: 'show', nudgeId: 'upgrade_at_limit' }
 */
export function decide(rules: NudgeRules<NudgeShape>, input: DecideInput): Decision {
  const { now, fatigue } = input;
  const budget = rules.fatigue;
  const recent = fatigue.recentShows.filter((t) => t > now - DAY && t <= now);
  const lastShown = Math.max(-Infinity, ...recent);
  const globalReason: IneligibleReason | null =
    fatigue.sessionShows >= budget.maxPerSession
      ? 'session_budget'
      : recent.length >= budget.maxPerDay
        ? 'daily_budget'
        : now - lastShown < budget.minGapMinutes * 60_000
          ? 'min_gap'
          : null;

  const candidates: CompiledNudge<NudgeShape>[] = [];
  const ineligible: Decision['ineligible'] = [];
  const seen = new Set<string>();
  for (const id of input.triggered) {
    const compiled = rules.nudgeById.get(id);
    if (!compiled || seen.has(id)) continue;
    seen.add(id);
    const reason = nudgeReason(compiled, own(input.history, id), input) ?? globalReason;
    if (reason) ineligible.push({ nudgeId: id, reason });
    else candidates.push(compiled);
  }
  candidates.sort((a, b) => b.nudge.priority - a.nudge.priority || a.order - b.order);

  const best = candidates[0];
  const pick = best
    ? {
        kind: inControl(best.nudge.experiment, input.userId, best.seed)
          ? ('holdout' as const)
          : ('show' as const),
        nudgeId: best.nudge.id,
      }
    : null;
  return { pick, eligible: candidates.map((c) => c.nudge.id), ineligible };
}

function nudgeReason(
  { nudge }: CompiledNudge<NudgeShape>,
  history: NudgeHistory | undefined,
  input: DecideInput,
): IneligibleReason | null {
  if (history?.convertedAt !== undefined) return 'converted';
  if (history?.dontShowAgain) return 'dont_show_again';
  if (nudge.audience && !evaluateCondition(nudge.audience, input.audience)) return 'audience';
  if (!history) return null;
  const { maxShows, cooldownHours } = nudge.frequency;
  if (history.shows >= maxShows) return 'max_shows';
  const last = Math.max(history.lastShownAt ?? -Infinity, history.lastDismissedAt ?? -Infinity);
  if (input.now - last < cooldownHours * HOUR) return 'cooldown';
  return null;
}
