import type { SubjectState } from '../subject-state';
import type { CompiledPql } from './compile-pql';
import type { PqlState } from './pql-state';
import { type PqlScoreInput, scorePql } from './score-pql';

/** The subject's traits as they stood at a time, and when they changed. */
export interface TraitTimeline {
  /** When identify or group calls changed the traits. */
  times: readonly number[];
  at(t: number): {
    traits?: PqlScoreInput['traits'];
    accountTraits?: PqlScoreInput['accountTraits'];
  };
}

/**
 * The time of the event that made a subject qualify for a definition: the earliest
 * event time in `(after, input.now]` at which the subject, seen with only the evidence
 * it had by then, qualifies. Scoring once per batch of events (as the collector does)
 * would otherwise stamp the batch's last event, or the moment scoring ran; this keeps a
 * lead's "first qualified" the same however its events were batched or replayed.
 *
 * Traits are read as they stood at each time when `traits` gives their timeline (a
 * workspace that qualified on the free plan and has upgraded since still qualified then),
 * else as they are in `input`. Windowed rules keep only their latest times, so when older
 * evidence was dropped the answer is the earliest time the kept evidence explains. Also
 * finds a qualification that no longer holds at `input.now`; null when there was none.
 *
 * @example
 * qualifiedSince(pql, 'upsell', { state, subject, traits, now: lastEventAt }, previousScoredAt);
 * // 1767225600000: the time of the pricing visit that crossed the threshold
 */
export function qualifiedSince(
  pql: CompiledPql,
  definitionId: string,
  input: PqlScoreInput,
  after = Number.NEGATIVE_INFINITY,
  traits?: TraitTimeline,
): number | null {
  const times = new Set<number>([input.now]);
  const add = (t: number | null | undefined) => {
    if (typeof t === 'number' && t > after && t < input.now) times.add(t);
  };
  for (const rules of Object.values(input.state[definitionId] ?? {})) for (const t of rules) add(t);
  for (const t of Object.values(input.subject.reached)) add(t);
  for (const t of Object.values(input.account?.reached ?? {})) add(t);
  add(input.subject.activatedAt);
  add(input.activatedAt);
  add(input.subject.firstSeen);
  for (const t of traits?.times ?? []) add(t);
  for (const t of [...times].sort((a, b) => a - b)) {
    const then = asOf(input, t);
    if (scorePql(pql, definitionId, traits ? { ...then, ...traits.at(t) } : then).qualifies)
      return t;
  }
  return null;
}

/** The score input with only the evidence that existed at `t`, read at `t`. */
function asOf(input: PqlScoreInput, t: number): PqlScoreInput {
  const at = (x: number | null | undefined) => (typeof x === 'number' && x <= t ? x : null);
  return {
    ...input,
    now: t,
    state: stateAsOf(input.state, t),
    subject: subjectAsOf(input.subject, t),
    account: input.account && subjectAsOf(input.account, t),
    ...(input.activatedAt === undefined ? {} : { activatedAt: at(input.activatedAt) }),
  };
}

function stateAsOf(state: PqlState, t: number): PqlState {
  const out: Record<string, Record<string, readonly number[]>> = {};
  for (const [definition, rules] of Object.entries(state)) {
    out[definition] = Object.fromEntries(
      Object.entries(rules).map(([key, times]) => [key, times.filter((x) => x <= t)]),
    );
  }
  return out;
}

function subjectAsOf(state: SubjectState, t: number): SubjectState {
  return {
    ...state,
    reached: Object.fromEntries(Object.entries(state.reached).filter(([, x]) => x <= t)),
    activatedAt: state.activatedAt !== null && state.activatedAt <= t ? state.activatedAt : null,
  };
}
