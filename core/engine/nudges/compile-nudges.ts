import type { Fatigue, Nudge, NudgeAction } from '../../config/nudges';
import type { AhakitConfig } from '../../config/schema';
import type { EventSignal, PageSignal, Signal, UsageSignal } from '../../config/signals';
import type { Properties } from '../compare';
import { compileFilters } from '../conditions';
import { compilePath, isHashPattern, type PathMatcher } from './match-path';

type PropertiesTest = (properties: Properties | undefined) => boolean;

/**
 * What the engine reads of a nudge: everything but its texts, which may be as written
 * (`Nudge`) or parsed (`PublicNudge`, what the widget gets).
 */
export type NudgeShape = Omit<Nudge, 'content' | 'cta'> & {
  cta?: { action: NudgeAction } | undefined;
};

/** A nudge ready for `decide` and `triggeredNudges`. */
export interface CompiledNudge<N extends NudgeShape = Nudge> {
  readonly nudge: N;
  /** Position in the config: breaks priority ties (earlier wins). */
  readonly order: number;
  /** The experiment's bucketing seed (the nudge id unless the config names one). */
  readonly seed: string;
  /** For `page` triggers. */
  readonly matchesPath: PathMatcher | null;
  /** For `event` triggers: whether the event's properties pass `where`. */
  readonly matchesEvent: PropertiesTest | null;
}

/** Signals and nudges indexed once per config, shared by every user. */
export interface NudgeRules<N extends NudgeShape = Nudge> {
  readonly signals: ReadonlyMap<string, Signal>;
  readonly pageSignals: readonly { readonly signal: PageSignal; readonly matches: PathMatcher }[];
  /** Usage signals fed by `ahakit.usage(metric, …)`, by metric. */
  readonly usageByMetric: ReadonlyMap<string, readonly UsageSignal[]>;
  /** Usage signals fed by an event's properties, by event name. */
  readonly usageByEvent: ReadonlyMap<string, readonly UsageSignal[]>;
  readonly eventSignals: ReadonlyMap<
    string,
    readonly { readonly signal: EventSignal; readonly matches: PropertiesTest }[]
  >;
  /** In config order. */
  readonly nudges: readonly CompiledNudge<N>[];
  readonly nudgeById: ReadonlyMap<string, CompiledNudge<N>>;
  readonly fatigue: Fatigue;
  /**
   * Whether a page signal or page trigger is a hash route (`"/#/completed"`): then the
   * page path includes the hash (see `pagePath`), and a hash change is a new page.
   */
  readonly hashRoutes: boolean;
}

/** The parts of a validated config the nudge engine reads. */
export type NudgeConfig<N extends NudgeShape = Nudge> = Pick<
  AhakitConfig,
  'signals' | 'fatigue'
> & {
  nudges?: readonly N[] | undefined;
};

/** The global budget when the config sets none (the schema's defaults). */
export const DEFAULT_FATIGUE: Fatigue = { maxPerSession: 1, maxPerDay: 2, minGapMinutes: 30 };

/**
 * Indexes a validated config's signals and nudges. Compile once per config.
 *
 * @example
 * const nudgeRules = compileNudges(configSchema.parse(json));
 * nudgeRules.nudgeById.get('upgrade_at_limit')?.nudge.kind; // 'modal'
 */
export function compileNudges<N extends NudgeShape = Nudge>(config: NudgeConfig<N>): NudgeRules<N> {
  const signals = new Map<string, Signal>();
  const pageSignals: { signal: PageSignal; matches: PathMatcher }[] = [];
  const usageByMetric = new Map<string, UsageSignal[]>();
  const usageByEvent = new Map<string, UsageSignal[]>();
  const eventSignals = new Map<string, { signal: EventSignal; matches: PropertiesTest }[]>();
  let hashRoutes = false;
  const path = (pattern: string) => {
    hashRoutes ||= isHashPattern(pattern);
    return compilePath(pattern);
  };
  for (const signal of config.signals ?? []) {
    signals.set(signal.id, signal);
    if (signal.type === 'page') pageSignals.push({ signal, matches: path(signal.path) });
    else if (signal.type === 'usage') {
      if (signal.event) push(usageByEvent, signal.event.name, signal);
      else push(usageByMetric, signal.metric, signal);
    } else if (signal.type === 'event') {
      push(eventSignals, signal.event, { signal, matches: compileFilters(signal.where) });
    }
  }
  const nudges = (config.nudges ?? []).map(
    (nudge, order): CompiledNudge<N> => ({
      nudge,
      order,
      seed: nudge.experiment?.seed ?? nudge.id,
      matchesPath: 'page' in nudge.trigger ? path(nudge.trigger.page) : null,
      matchesEvent: 'event' in nudge.trigger ? compileFilters(nudge.trigger.where) : null,
    }),
  );
  return {
    signals,
    pageSignals,
    usageByMetric,
    usageByEvent,
    eventSignals,
    nudges,
    nudgeById: new Map(nudges.map((n) => [n.nudge.id, n])),
    fatigue: config.fatigue ?? DEFAULT_FATIGUE,
    hashRoutes,
  };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
