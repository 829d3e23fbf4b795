import type { Checklist, ChecklistItem } from '../config/checklists';
import type { AhakitConfig } from '../config/schema';
import type { Properties } from './compare';
import { compileFilters } from './conditions';
import { SEEN_LIMIT } from './subject-state';

export type Scope = 'user' | 'account';

const DAY_MS = 86_400_000;

export interface CompiledEventMilestone {
  readonly kind: 'event';
  readonly id: string;
  readonly scope: Scope;
  readonly event: string;
  readonly count: number;
  readonly window: { readonly ms: number; readonly of: 'first_seen' | 'now' } | null;
  /** Whether an event's properties pass every `where` filter. */
  readonly matches: (properties: Properties | undefined) => boolean;
}

export interface CompiledCombination {
  readonly kind: 'all' | 'any';
  readonly id: string;
  readonly scope: Scope;
  /** Each child with the scope it is recorded in (`user` for an unknown id). */
  readonly children: readonly { readonly id: string; readonly scope: Scope }[];
  /** Position in an order where every combination comes after its children. */
  readonly rank: number;
}

export type CompiledMilestone = CompiledEventMilestone | CompiledCombination;

export interface ItemRef {
  readonly checklist: Checklist;
  readonly item: ChecklistItem;
}

/**
 * A config indexed for applying events: the work for one event is a few map look-ups
 * plus the rules that watch it, however many other rules there are.
 */
export interface Rules {
  /** Every milestone by id. */
  readonly milestones: ReadonlyMap<string, CompiledMilestone>;
  /** Event milestones by the tracked event name they count. */
  readonly byEvent: ReadonlyMap<string, readonly CompiledEventMilestone[]>;
  /** Milestone id → the `all`/`any` milestones that list it. */
  readonly parents: ReadonlyMap<string, readonly CompiledCombination[]>;
  /**
   * User `all`/`any` milestones with an account child: a teammate can complete them, so
   * they are looked at on each event of a user who has not reached them yet.
   */
  readonly crossScope: readonly CompiledCombination[];
  /** The aha moment's milestones, or null when the config defines none. */
  readonly activation: readonly string[] | null;
  readonly checklists: readonly Checklist[];
  /** Milestone id → the checklist items it completes. */
  readonly itemsByMilestone: ReadonlyMap<string, readonly ItemRef[]>;
  readonly locales: { readonly default: string; readonly supported: readonly string[] };
  /** How many recent message ids each state keeps to recognise a replay. */
  readonly seenLimit: number;
}

export interface CompileOptions {
  /**
   * Recent message ids kept per state to recognise replays (default `SEEN_LIMIT`). The
   * collector passes 0: it stores each message once, so it never replays one.
   */
  seenLimit?: number;
}

/** The parts of a validated config the engine reads. */
export type RuleConfig = Pick<AhakitConfig, 'milestones' | 'activation' | 'checklists' | 'locales'>;

/**
 * Indexes a validated config for `applyEvent`, `evaluateCondition` and `checklistView`.
 * Compile once per config; the result is immutable and shared by every subject.
 *
 * @example
 * const rules = compileRules(configSchema.parse(json));
 * rules.byEvent.get('channel_created'); // the milestones that count it
 */
export function compileRules(config: RuleConfig, options: CompileOptions = {}): Rules {
  const scopes = new Map(config.milestones.map((m) => [m.id, m.scope]));
  const scopeOf = (id: string): Scope => scopes.get(id) ?? 'user';

  const milestones = new Map<string, CompiledMilestone>();
  const byEvent = new Map<string, CompiledEventMilestone[]>();
  const combinations: Omit<CompiledCombination, 'rank'>[] = [];
  for (const m of config.milestones) {
    if ('event' in m) {
      const compiled: CompiledEventMilestone = {
        kind: 'event',
        id: m.id,
        scope: m.scope,
        event: m.event,
        count: m.count,
        window: m.within ? { ms: m.within.days * DAY_MS, of: m.within.of } : null,
        matches: compileFilters(m.where),
      };
      milestones.set(m.id, compiled);
      push(byEvent, m.event, compiled);
    } else {
      const kind = 'all' in m ? 'all' : 'any';
      const ids = 'all' in m ? m.all : m.any;
      combinations.push({
        kind,
        id: m.id,
        scope: m.scope,
        children: ids.map((id) => ({ id, scope: scopeOf(id) })),
      });
    }
  }

  const ranks = rankCombinations(combinations);
  const parents = new Map<string, CompiledCombination[]>();
  const crossScope: CompiledCombination[] = [];
  for (const c of combinations) {
    const compiled: CompiledCombination = { ...c, rank: ranks.get(c.id) ?? 0 };
    milestones.set(c.id, compiled);
    if (c.scope === 'user' && c.children.some((x) => x.scope === 'account'))
      crossScope.push(compiled);
    for (const child of new Set(c.children.map((x) => x.id))) push(parents, child, compiled);
  }

  const itemsByMilestone = new Map<string, ItemRef[]>();
  for (const checklist of config.checklists) {
    for (const item of checklist.items) push(itemsByMilestone, item.milestone, { checklist, item });
  }

  return {
    milestones,
    byEvent,
    parents,
    crossScope,
    activation: config.activation ? [...new Set(config.activation.milestones)] : null,
    checklists: config.checklists,
    itemsByMilestone,
    locales: config.locales,
    seenLimit: options.seenLimit ?? SEEN_LIMIT,
  };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Depth of each combination above the event milestones, so a cascade can evaluate
 * children first. Validated configs have no loops; one that slipped through is cut
 * rather than recursed into forever.
 */
function rankCombinations(combinations: readonly Omit<CompiledCombination, 'rank'>[]) {
  const byId = new Map(combinations.map((c) => [c.id, c]));
  const ranks = new Map<string, number>();
  const visiting = new Set<string>();
  const rank = (id: string): number => {
    const known = ranks.get(id);
    if (known !== undefined) return known;
    const c = byId.get(id);
    if (!c || visiting.has(id)) return 0;
    visiting.add(id);
    let r = 1;
    for (const child of c.children) r = Math.max(r, rank(child.id) + 1);
    visiting.delete(id);
    ranks.set(id, r);
    return r;
  };
  for (const c of combinations) rank(c.id);
  return ranks;
}
