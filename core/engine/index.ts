/**
 * The ahakit rule engine: plain data in, decisions out. The same code runs in the
 * browser widget (instant feedback), in the collector (the source of truth) and in the
 * `simulate` CLI. It imports no platform (no DOM, storage, network or node:*) and only
 * types from the config schema, so zod never reaches the browser bundle.
 *
 * @example
 * const rules = compileRules(config);
 * let user = emptyState();
 * const applied = applyEvent(rules, { user }, {
 *   messageId: 'm-1', type: 'track', event: 'channel_created', timestamp: Date.now(),
 * });
 * user = applied.user;
 * const lists = checklistView(rules, { traits: {}, user }, 'en');
 */

export type { Applied, EngineEvent } from './apply-event';
export { applyEvent } from './apply-event';
export type {
  ActivationChange,
  Change,
  ChecklistCompleteChange,
  ChecklistItemChange,
  MilestoneChange,
} from './changes';
export type { ChecklistItemView, ChecklistView, ViewContext } from './checklist';
export { checklistView } from './checklist';
export type { Expected, Properties } from './compare';
export type {
  CompiledCombination,
  CompiledEventMilestone,
  CompiledMilestone,
  CompileOptions,
  ItemRef,
  RuleConfig,
  Rules,
  Scope,
} from './compile';
export { compileRules } from './compile';
export type { ConditionContext } from './conditions';
export { evaluateCondition, matchesFilter } from './conditions';
export type { Locales } from './localize';
export { isRtl, localize, pickLocale } from './localize';
export type { Subjects } from './reached';
export { reachedAt } from './reached';
export type { SubjectState } from './subject-state';
export { emptyState, SEEN_LIMIT } from './subject-state';
