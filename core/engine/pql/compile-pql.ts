import type { Condition } from '../../config/conditions';
import type { FitRule, IntentRule, PqlDefinition, ValueRule } from '../../config/pql';
import type { AhakitConfig } from '../../config/schema';
import type { LocalizedText } from '../../config/text';
import type { Properties } from '../compare';
import { compileRules, type Rules, type Scope } from '../compile';
import { compileFilters } from '../conditions';
import { SIGNAL_EVENT } from './signal-event';

const DAY_MS = 86_400_000;

/**
 * A value or intent rule that counts events: `atLeast` matching events, all of them or
 * those of the last `windowMs`. Signal rules count `$signal` events of one signal id.
 */
export interface PqlCounter {
  /** `value.2` or `intent.0`: the rule's kind and position, its key in the score state. */
  readonly key: string;
  readonly definition: string;
  readonly kind: 'value' | 'intent';
  readonly index: number;
  readonly event: string;
  /** The signal id, for a signal rule. */
  readonly signal: string | null;
  readonly atLeast: number;
  /** How long an event counts, in ms, or null when every event counts. */
  readonly windowMs: number | null;
  readonly points: number;
  readonly label: LocalizedText | undefined;
  /** Whether an event's properties pass every `where` filter. */
  readonly matches: (properties: Properties | undefined) => boolean;
}

/** A value rule read from the subject's milestones or activation, not from events. */
export type PqlStateRule =
  | { readonly kind: 'milestone'; readonly index: number; readonly milestone: string }
  | { readonly kind: 'activated'; readonly index: number };

export interface CompiledPqlDefinition {
  readonly id: string;
  readonly title: LocalizedText | undefined;
  readonly scope: Scope;
  readonly threshold: number;
  readonly fit: readonly FitRule[];
  /** Value rules on milestones or activation, with points and label in `source`. */
  readonly stateRules: readonly PqlStateRule[];
  /** Event-counting value and intent rules, by key. */
  readonly counters: ReadonlyMap<string, PqlCounter>;
  readonly required: readonly Condition[];
  /** Whether a value rule or a required condition reads the subject's activation. */
  readonly readsActivation: boolean;
  readonly source: PqlDefinition;
}

/** Where an event goes: the counters watching each event name, and each signal id. */
export interface PqlIndex {
  readonly byEvent: ReadonlyMap<string, readonly PqlCounter[]>;
  readonly bySignal: ReadonlyMap<string, readonly PqlCounter[]>;
}

/**
 * PQL definitions indexed for `applyPqlEvent` and `scorePql`. Immutable; compile once
 * per config and share it across subjects.
 */
export interface CompiledPql {
  readonly definitions: ReadonlyMap<string, CompiledPqlDefinition>;
  /** The counters of user-scope and of account-scope definitions. */
  readonly index: Readonly<Record<Scope, PqlIndex>>;
  /** The milestone rules, for milestone scopes and required conditions. */
  readonly rules: Rules;
  /** Signal id → its title, for reasons. */
  readonly signalTitles: ReadonlyMap<string, LocalizedText>;
  /** Milestone id → its title, for reasons. */
  readonly milestoneTitles: ReadonlyMap<string, LocalizedText>;
}

/** The parts of a validated config PQL scoring reads. */
export type PqlConfig = Pick<
  AhakitConfig,
  'pql' | 'milestones' | 'activation' | 'checklists' | 'locales' | 'signals'
>;

/**
 * Indexes a validated config's PQL definitions, so an event costs only the rules that
 * watch its name (or, for `$signal`, its signal id).
 *
 * @example
 * const pql = compilePql(configSchema.parse(json));
 * pql.index.user.bySignal.get('pricing'); // the intent rules counting pricing visits
 */
export function compilePql(config: PqlConfig): CompiledPql {
  const definitions = new Map<string, CompiledPqlDefinition>();
  const index = { user: emptyIndex(), account: emptyIndex() };
  for (const d of config.pql) {
    if (definitions.has(d.id)) continue;
    const counters = new Map<string, PqlCounter>();
    const stateRules: PqlStateRule[] = [];
    const counter = (kind: 'value' | 'intent', i: number, rule: CounterRule) => {
      const c: PqlCounter = {
        key: `${kind}.${i}`,
        definition: d.id,
        kind,
        index: i,
        event: 'signal' in rule ? SIGNAL_EVENT : rule.event,
        signal: 'signal' in rule ? rule.signal : null,
        atLeast: rule.atLeast,
        windowMs: rule.withinDays === undefined ? null : rule.withinDays * DAY_MS,
        points: rule.points,
        label: rule.label,
        matches: compileFilters('where' in rule ? rule.where : []),
      };
      counters.set(c.key, c);
      const target = index[d.scope];
      if (c.signal !== null) push(target.bySignal, c.signal, c);
      else push(target.byEvent, c.event, c);
    };
    d.value.forEach((rule, i) => {
      if ('milestone' in rule)
        stateRules.push({ kind: 'milestone', index: i, milestone: rule.milestone });
      else if ('activated' in rule) stateRules.push({ kind: 'activated', index: i });
      else counter('value', i, rule);
    });
    d.intent.forEach((rule, i) => counter('intent', i, rule));
    definitions.set(d.id, {
      id: d.id,
      title: d.title,
      scope: d.scope,
      threshold: d.threshold,
      fit: d.fit,
      stateRules,
      counters,
      required: d.required,
      readsActivation:
        stateRules.some((r) => r.kind === 'activated') || d.required.some(readsActivation),
      source: d,
    });
  }
  return {
    definitions,
    index,
    rules: compileRules(config, { seenLimit: 0 }),
    signalTitles: titles(config.signals ?? []),
    milestoneTitles: titles(config.milestones),
  };
}

function readsActivation(c: Condition): boolean {
  if ('all' in c) return c.all.some(readsActivation);
  if ('any' in c) return c.any.some(readsActivation);
  if ('not' in c) return readsActivation(c.not);
  return 'activated' in c;
}

/** A rule that counts events: an event value rule, or any intent rule. */
type CounterRule = Extract<ValueRule, { event: string }> | IntentRule;

function emptyIndex() {
  return {
    byEvent: new Map<string, PqlCounter[]>(),
    bySignal: new Map<string, PqlCounter[]>(),
  };
}

function titles(items: readonly { id: string; title?: LocalizedText | undefined }[]) {
  const out = new Map<string, LocalizedText>();
  for (const { id, title } of items) if (title !== undefined && !out.has(id)) out.set(id, title);
  return out;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
