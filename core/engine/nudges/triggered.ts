import type { Properties } from '../compare';
import type { NudgeRules, NudgeShape } from './compile-nudges';
import type { SignalHit } from './signals-for';

/** What just happened, any combination of it. */
export interface Happening {
  /** Signals that fired (from `signalsFor`). */
  signals?: readonly SignalHit[] | undefined;
  /** Milestones just reached. */
  milestones?: readonly string[] | undefined;
  /** A tracked event. */
  event?: { event: string; properties?: Properties | undefined } | undefined;
  /** The path of a page just opened. */
  path?: string | undefined;
}

/**
 * The nudges whose trigger matches what just happened, in config order, ready for
 * `decide`. A `{signal, threshold}` trigger matches only the crossing of that threshold.
 *
 * @example
 * triggeredNudges(nudgeRules, { signals: hits, path: '/pricing' }); // ['talk_to_sales_card']
 */
export function triggeredNudges(rules: NudgeRules<NudgeShape>, happening: Happening): string[] {
  const { signals = [], milestones = [], event, path } = happening;
  const ids: string[] = [];
  for (const { nudge, matchesPath, matchesEvent } of rules.nudges) {
    const t = nudge.trigger;
    const hit =
      'signal' in t
        ? signals.some(
            (s) =>
              s.signalId === t.signal &&
              (t.threshold === undefined ||
                (s.trigger.type === 'usage' && s.trigger.threshold === t.threshold)),
          )
        : 'milestone' in t
          ? milestones.includes(t.milestone)
          : 'event' in t
            ? event?.event === t.event && matchesEvent!(event.properties)
            : path !== undefined && matchesPath!(path);
    if (hit) ids.push(nudge.id);
  }
  return ids;
}
