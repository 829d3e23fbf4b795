import type { ComparisonOp, Condition } from '../../config/conditions';

/** Plain English for reasons and missing conditions, read by the growth team. */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const OPS: Record<Exclude<ComparisonOp, 'exists'>, string> = {
  eq: '=',
  neq: '≠',
  gt: '>',
  gte: '≥',
  lt: '<',
  lte: '≤',
  in: 'in',
  nin: 'not in',
  contains: 'contains',
};

/** `3 days ago`, `5 hours ago`, `just now`. */
export function ago(t: number, now: number): string {
  const ms = now - t;
  if (ms < 60_000) return 'just now';
  if (ms < HOUR) return plural(Math.floor(ms / 60_000), 'minute', ' ago');
  if (ms < DAY) return plural(Math.floor(ms / HOUR), 'hour', ' ago');
  return plural(Math.floor(ms / DAY), 'day', ' ago');
}

/**
 * A stored reason's detail with its age as of `now`: ages are computed when a reason is
 * read, never frozen at the time it was scored. Reasons without a time keep their detail.
 *
 * @example reasonDetail({ detail: 'pricing 5 days ago', evidence: 'pricing', at }, Date.now()) // 'pricing 2 days ago'
 */
export function reasonDetail(
  reason: { detail?: unknown; evidence?: unknown; at?: unknown },
  now: number,
): string | undefined {
  if (typeof reason.evidence === 'string' && typeof reason.at === 'number')
    return `${reason.evidence} ${ago(reason.at, now)}`;
  return typeof reason.detail === 'string' ? reason.detail : undefined;
}

/** Stored reasons as they read at `now`: each detail with its age as of then. */
export function reasonsAt<T>(reasons: readonly T[], now: number): T[] {
  return reasons.map((r) => {
    if (typeof r !== 'object' || r === null) return r;
    const detail = reasonDetail(r as { detail?: unknown }, now);
    return detail === undefined ? r : { ...r, detail };
  });
}

/** `7 days`, `1 day`, `0.5 days`. */
export function days(ms: number): string {
  return plural(ms / DAY, 'day');
}

function plural(n: number, unit: string, suffix = ''): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}${suffix}`;
}

/** A value as it reads in a sentence: strings bare, lists comma-separated. */
export function show(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(show).join(', ');
  return JSON.stringify(value) ?? 'nothing';
}

/** `plan = team`, `seats ≥ 10`, `company is set`. */
export function comparison(name: string, op: ComparisonOp, value: unknown): string {
  if (op === 'exists') return `${name} ${value === false ? 'is not set' : 'is set'}`;
  return `${name} ${OPS[op]} ${show(value)}`;
}

/** A required condition in a few words, for a score's `missing` list. */
export function describeCondition(c: Condition, milestone: (id: string) => string): string {
  if ('trait' in c) return comparison(c.trait, c.op, c.value);
  if ('accountTrait' in c) return comparison(`account ${c.accountTrait}`, c.op, c.value);
  if ('milestone' in c) return `${milestone(c.milestone)} ${c.reached ? 'reached' : 'not reached'}`;
  if ('activated' in c) return c.activated ? 'activated' : 'not activated';
  if ('device' in c) return `on ${c.device}`;
  if ('viewport' in c) return 'viewport width';
  if ('all' in c) return `(${c.all.map((x) => describeCondition(x, milestone)).join(' and ')})`;
  if ('any' in c) return `(${c.any.map((x) => describeCondition(x, milestone)).join(' or ')})`;
  return `not ${describeCondition(c.not, milestone)}`;
}
