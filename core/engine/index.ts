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
 *
 * // Hand-raise signals and nudges:
 * const nudgeRules = compileNudges(config);
 * const { hits, marks } = signalsFor(nudgeRules, { kind: 'page', path: '/pricing' }, usageMarks);
 * const { pick } = decide(nudgeRules, {
 *   triggered: triggeredNudges(nudgeRules, { signals: hits }),
 *   audience: { traits: {}, user, rules }, history: {},
 *   fatigue: { sessionShows: 0, recentShows: [] }, userId: 'u_42', now: Date.now(),
 * });
 *
 * // PQL scoring:
 * const pql = compilePql(config);
 * let pqlState = emptyPqlState();
 * pqlState = applyPqlEvent(pql, pqlState, { type: 'track', event: SIGNAL_EVENT,
 *   properties: { signalId: 'pricing' }, timestamp: Date.now() });
 * const { score, qualifies, reasons } = scorePql(pql, 'upsell', {
 *   state: pqlState, traits: {}, subject: user, now: Date.now(),
 * });
 */

export type { Applied, EngineEvent } from './apply-event';
export { applyEvent, applyMilestones } from './apply-event';
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
export { isRtl, localize, localizeParsed, pickLocale } from './localize';
export { bucket, inControl } from './nudges/bucket';
export type { CompiledNudge, NudgeConfig, NudgeRules, NudgeShape } from './nudges/compile-nudges';
export { compileNudges, DEFAULT_FATIGUE } from './nudges/compile-nudges';
export type {
  DecideInput,
  Decision,
  FatigueHistory,
  IneligibleReason,
  NudgeHistory,
} from './nudges/decide';
export { decide } from './nudges/decide';
export type { NudgeEventName, Variant } from './nudges/events';
export { NUDGE_EVENTS } from './nudges/events';
export { goalReached } from './nudges/goal';
export type { PathMatcher } from './nudges/match-path';
export { compilePath, matchPath, pagePath } from './nudges/match-path';
export type { Inline, TextNode, TextVars } from './nudges/render-text';
export { fillText, parseText, plainText, renderText } from './nudges/render-text';
export type {
  SignalHit,
  SignalInput,
  SignalsResult,
  SignalTrigger,
  UsageMarks,
} from './nudges/signals-for';
export { signalsFor } from './nudges/signals-for';
export type { Happening } from './nudges/triggered';
export { triggeredNudges } from './nudges/triggered';
export type { PqlEvent } from './pql/apply-pql-event';
export { applyPqlEvent } from './pql/apply-pql-event';
export type {
  CompiledPql,
  CompiledPqlDefinition,
  PqlConfig,
  PqlCounter,
  PqlIndex,
  PqlStateRule,
} from './pql/compile-pql';
export { compilePql } from './pql/compile-pql';
export { reasonDetail, reasonsAt } from './pql/describe';
export { nextExpiry } from './pql/next-expiry';
export type { PqlRuleTimes, PqlState } from './pql/pql-state';
export { emptyPqlState } from './pql/pql-state';
export type { QualificationChange, QualificationRecord } from './pql/qualification';
export { qualificationChange } from './pql/qualification';
export type { TraitTimeline } from './pql/qualified-since';
export { qualifiedSince } from './pql/qualified-since';
export type { PqlMissing, PqlReason, PqlScore, PqlScoreInput } from './pql/score-pql';
export { scorePql } from './pql/score-pql';
export { SIGNAL_EVENT, TALK_TO_SALES } from './pql/signal-event';
export type { Subjects } from './reached';
export { reachedAt } from './reached';
export type { SubjectState } from './subject-state';
export { emptyState, SEEN_LIMIT } from './subject-state';
