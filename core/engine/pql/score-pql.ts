import type { Condition } from '../../config/conditions';
import type { LocalizedText } from '../../config/text';
import { compare, own, type Properties, pathReader } from '../compare';
import { evaluateCondition } from '../conditions';
import { localize } from '../localize';
import { reachedAt } from '../reached';
import type { SubjectState } from '../subject-state';
import type { CompiledPql, PqlCounter } from './compile-pql';
import { holds } from './counter-times';
import { ago, comparison, days, describeCondition, show } from './describe';
import type { PqlState } from './pql-state';

/** What a score is computed from. */
export interface PqlScoreInput {
  /** The subject's PQL state (from `applyPqlEvent` with the definition's scope). */
  state: PqlState;
  /** The user's traits (user scope). */
  traits?: Properties | undefined;
  /** The account's traits. */
  accountTraits?: Properties | undefined;
  /** The engine state of the scored subject: the user's, or the account's. */
  subject: SubjectState;
  /** User scope: the user's account's engine state, for account-scope milestones. */
  account?: SubjectState | undefined;
  /**
   * When the subject activated, if not `subject.activatedAt`. Accounts have no
   * activation of their own: pass the time their first user activated.
   */
  activatedAt?: number | null | undefined;
  /** The time windows are read at (ms). */
  now: number;
  /** The locale of labels; the config's default locale when absent. */
  locale?: string | undefined;
}

/** One rule that holds, and what it adds. */
export interface PqlReason {
  rule: 'fit' | 'value' | 'intent';
  /** The rule's kind and position in its definition: `fit.0`, `intent.2`. */
  key: string;
  label: string;
  points: number;
  /** What made it hold: `plan = team`, `pricing 2 days ago`, `3 × message_sent in 7 days`. */
  detail: string;
  /** When its evidence happened (the latest counted event, the milestone), if it has a time. */
  at?: number;
  /**
   * The detail without its age (`pricing`, `reached`): a stored reason's detail is
   * rebuilt with the age at the time it is read, by `reasonDetail`.
   */
  evidence?: string;
}

/** A required condition that does not hold. */
export interface PqlMissing {
  /** Position in the definition's `required`. */
  index: number;
  condition: Condition;
  label: string;
}

export interface PqlScore {
  definition: string;
  /** fit + value + intent. */
  score: number;
  fit: number;
  value: number;
  intent: number;
  threshold: number;
  /** Every required condition holds and the score reaches the threshold. */
  qualifies: boolean;
  /** Each rule that holds, in config order: fit, then value, then intent. */
  reasons: PqlReason[];
  missing: PqlMissing[];
}

/**
 * Scores a subject against one PQL definition at `now`: the points of every fit, value
 * and intent rule that holds, with a reason for each, and the required conditions that
 * do not hold. Windows are read at `now`, so scoring again later drops intent that
 * expired in between (`nextExpiry` says when).
 *
 * @example
 * const s = scorePql(pql, 'upsell', { state, traits, subject: user, account, now: Date.now() });
 * // { score: 70, qualifies: true, reasons: [{ rule: 'intent', label: 'Opened pricing', points: 40, detail: 'pricing 2 days ago', … }], … }
 */
export function scorePql(pql: CompiledPql, definitionId: string, input: PqlScoreInput): PqlScore {
  const d = pql.definitions.get(definitionId);
  if (!d) throw new RangeError(`unknown PQL definition "${definitionId}"`);
  const { now, subject } = input;
  const locale = input.locale ?? pql.rules.locales.default;
  const text = (value: LocalizedText | undefined) =>
    value === undefined ? undefined : localize(value, locale, pql.rules.locales);
  const milestoneName = (id: string) => text(pql.milestoneTitles.get(id)) ?? id;

  const activatedAt = input.activatedAt !== undefined ? input.activatedAt : subject.activatedAt;
  const user = activatedAt === subject.activatedAt ? subject : { ...subject, activatedAt };
  const subjects = { user, account: d.scope === 'account' ? subject : input.account };

  const reasons: PqlReason[] = [];
  const totals = { fit: 0, value: 0, intent: 0 };
  const add = (reason: PqlReason) => {
    reasons.push(reason);
    totals[reason.rule] += reason.points;
  };

  d.fit.forEach((rule, i) => {
    const [name, traits] =
      'trait' in rule ? [rule.trait, input.traits] : [rule.accountTrait, input.accountTraits];
    const actual = pathReader(name)(traits);
    if (!compare(rule.op, actual, rule.value)) return;
    const shown = 'trait' in rule ? name : `account ${name}`;
    add({
      rule: 'fit',
      key: `fit.${i}`,
      label: text(rule.label) ?? comparison(shown, rule.op, rule.value),
      points: rule.points,
      detail: actual === undefined ? `${shown} is not set` : `${shown} is ${show(actual)}`,
    });
  });

  const times = own(input.state, d.id) ?? {};
  const counted = (c: PqlCounter) => {
    const kept = own(times, c.key) ?? [];
    if (!holds(c, kept, now)) return;
    const latest = kept[kept.length - 1]!;
    const what = c.signal === null ? c.event : (text(pql.signalTitles.get(c.signal)) ?? c.signal);
    const span = c.windowMs === null ? '' : ` in ${days(c.windowMs)}`;
    const evidence = c.atLeast === 1 ? what : `${c.atLeast} × ${what}${span}, last`;
    add({
      rule: c.kind,
      key: c.key,
      label: text(c.label) ?? (c.atLeast === 1 ? what : `${c.atLeast} × ${what}`) + span,
      points: c.points,
      detail: `${evidence} ${ago(latest, now)}`,
      at: latest,
      evidence,
    });
  };

  // Value rules in config order, whether read from the engine state or counted.
  const stateRules = new Map(d.stateRules.map((r) => [r.index, r]));
  d.source.value.forEach((rule, i) => {
    const r = stateRules.get(i);
    if (!r) {
      const c = d.counters.get(`value.${i}`);
      if (c) counted(c);
      return;
    }
    const at = r.kind === 'milestone' ? reachedAt(pql.rules, subjects, r.milestone) : activatedAt;
    if (at === undefined || at === null) return;
    add({
      rule: 'value',
      key: `value.${i}`,
      label:
        text(rule.label) ?? (r.kind === 'milestone' ? milestoneName(r.milestone) : 'Activated'),
      points: rule.points,
      detail: `${r.kind === 'milestone' ? 'reached' : 'activated'} ${ago(at, now)}`,
      at,
      evidence: r.kind === 'milestone' ? 'reached' : 'activated',
    });
  });
  d.source.intent.forEach((_, i) => {
    const c = d.counters.get(`intent.${i}`);
    if (c) counted(c);
  });

  const ctx = {
    traits: input.traits,
    accountTraits: input.accountTraits,
    ...subjects,
    rules: pql.rules,
  };
  const missing: PqlMissing[] = [];
  d.required.forEach((condition, index) => {
    if (!evaluateCondition(condition, ctx))
      missing.push({ index, condition, label: describeCondition(condition, milestoneName) });
  });

  const score = totals.fit + totals.value + totals.intent;
  return {
    definition: d.id,
    score,
    ...totals,
    threshold: d.threshold,
    qualifies: missing.length === 0 && score >= d.threshold,
    reasons,
    missing,
  };
}
