import { own } from '../compare';
import type { CompiledPql } from './compile-pql';
import { expiresAt } from './counter-times';
import type { PqlState } from './pql-state';

/**
 * The earliest time after `now` at which a windowed rule that holds at `now` stops
 * holding, over every definition in the state; null when none will. Scores only change
 * on a new event or at this time, so the collector re-scores the subject then.
 *
 * @example
 * const at = nextExpiry(pql, state, Date.now());
 * if (at !== null) scheduleRescore(subjectId, at);
 */
export function nextExpiry(pql: CompiledPql, state: PqlState, now: number): number | null {
  let earliest: number | null = null;
  for (const id of Object.keys(state)) {
    const definition = pql.definitions.get(id);
    const rules = own(state, id);
    if (!definition || !rules) continue;
    for (const key of Object.keys(rules)) {
      const c = definition.counters.get(key);
      const times = own(rules, key);
      if (!c || !times) continue;
      const at = expiresAt(c, times, now);
      if (at !== null && (earliest === null || at < earliest)) earliest = at;
    }
  }
  return earliest;
}
