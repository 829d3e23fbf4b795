import type { Condition, Device, PropertyFilter } from '../config/conditions';
import { compare, type Properties, pathReader } from './compare';
import type { Rules } from './compile';
import { reachedAt } from './reached';
import type { SubjectState } from './subject-state';

/**
 * Whether an event's properties pass one `where` filter.
 *
 * @example
 * matchesFilter({ property: 'page.path', op: 'eq', value: '/pricing' }, { page: { path: '/pricing' } }); // true
 */
export function matchesFilter(filter: PropertyFilter, properties: Properties | undefined): boolean {
  return compare(filter.op, pathReader(filter.property)(properties), filter.value);
}

/** One predicate for a milestone's `where` list: every filter must pass. */
export function compileFilters(
  filters: readonly PropertyFilter[],
): (properties: Properties | undefined) => boolean {
  if (filters.length === 0) return () => true;
  const tests = filters.map((f) => {
    const read = pathReader(f.property);
    return (properties: Properties | undefined) => compare(f.op, read(properties), f.value);
  });
  return (properties) => tests.every((test) => test(properties));
}

/** What an audience rule can look at. */
export interface ConditionContext {
  /** The user's traits, from `identify`. */
  traits?: Properties | undefined;
  /** The account's traits, from `group`. */
  accountTraits?: Properties | undefined;
  user: SubjectState;
  account?: SubjectState | undefined;
  rules: Rules;
  /** The device type, for `device` rules; unknown (the rule fails) when absent. */
  device?: Device | undefined;
  /** The viewport width in CSS pixels, for `viewport` rules; unknown when absent. */
  viewportWidth?: number | undefined;
}

/**
 * Whether a user is in an audience: trait and account-trait comparisons (same operators
 * and dotted paths as event filters), milestones reached or not (in the milestone's
 * scope), activation, device type and viewport width (a rule on an unknown device or
 * width fails: the collector may not know them), and `all` / `any` / `not`.
 *
 * @example
 * evaluateCondition(
 *   { all: [{ trait: 'role', op: 'eq', value: 'admin' }, { milestone: 'invited', reached: false }] },
 *   { traits: { role: 'admin' }, user, account, rules },
 * );
 */
export function evaluateCondition(condition: Condition, ctx: ConditionContext): boolean {
  if ('trait' in condition) {
    return compare(condition.op, pathReader(condition.trait)(ctx.traits), condition.value);
  }
  if ('accountTrait' in condition) {
    return compare(
      condition.op,
      pathReader(condition.accountTrait)(ctx.accountTraits),
      condition.value,
    );
  }
  if ('milestone' in condition) {
    return (reachedAt(ctx.rules, ctx, condition.milestone) !== undefined) === condition.reached;
  }
  if ('activated' in condition) return (ctx.user.activatedAt !== null) === condition.activated;
  if ('device' in condition) return ctx.device === condition.device;
  if ('viewport' in condition) {
    const width = ctx.viewportWidth;
    const { minWidth = 0, maxWidth = Infinity } = condition.viewport;
    return width !== undefined && width >= minWidth && width <= maxWidth;
  }
  if ('all' in condition) return condition.all.every((c) => evaluateCondition(c, ctx));
  if ('any' in condition) return condition.any.some((c) => evaluateCondition(c, ctx));
  return !evaluateCondition(condition.not, ctx);
}
