import { describe, expect, it } from 'vitest';
import { configSchema } from '../../core/config/schema';
import {
  bucket,
  type ConditionContext,
  compileNudges,
  compileRules,
  type DecideInput,
  decide,
  emptyState,
  goalReached,
  type NudgeHistory,
} from '../../core/engine';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 2, 2, 9);

const config = configSchema.parse({
  product: { name: 'TeamChat' },
  milestones: [{ id: 'invited', event: 'teammate_invited' }],
  activation: { milestones: ['invited'] },
  nudges: [
    { id: 'card', kind: 'card', trigger: { page: '/pricing' } },
    { id: 'modal', kind: 'modal', trigger: { page: '/pricing' }, priority: 10 },
    { id: 'banner', kind: 'banner', trigger: { page: '/pricing' } },
    {
      id: 'free_only',
      kind: 'card',
      trigger: { page: '/pricing' },
      audience: { trait: 'plan', value: 'free' },
    },
    {
      id: 'desktop_tip',
      kind: 'tooltip',
      anchor: '#huddles',
      trigger: { page: '/pricing' },
      audience: { all: [{ device: 'desktop' }, { viewport: { minWidth: 1024 } }] },
    },
    {
      id: 'not_activated',
      kind: 'card',
      trigger: { page: '/pricing' },
      audience: { activated: false },
    },
    {
      id: 'experiment',
      kind: 'modal',
      trigger: { page: '/pricing' },
      experiment: { control: 0.5 },
      priority: 1,
      frequency: { maxShows: 2, cooldownHours: 48, dontShowAgain: true },
      goal: { event: 'plan_upgraded', withinDays: 7, where: [{ property: 'plan', value: 'pro' }] },
    },
  ].map((n) => ({ ...n, content: { title: n.id } })),
  fatigue: { maxPerSession: 2, maxPerDay: 3, minGapMinutes: 30 },
});
const rules = compileNudges(config);
const engineRules = compileRules(config);
const audience: ConditionContext = { traits: {}, user: emptyState(), rules: engineRules };

const input = (over: Partial<DecideInput> = {}): DecideInput => ({
  triggered: ['card'],
  audience,
  history: {},
  fatigue: { sessionShows: 0, recentShows: [] },
  userId: 'user-1',
  now: T0,
  ...over,
});
const shown = (history: NudgeHistory) => ({ card: history });

describe('which nudge to show', () => {
  it('shows a triggered nudge the user has never seen', () => {
    expect(decide(rules, input())).toEqual({
      pick: { kind: 'show', nudgeId: 'card' },
      eligible: ['card'],
      ineligible: [],
    });
  });

  it('shows nothing when nothing was triggered, ignoring unknown and repeated ids', () => {
    expect(decide(rules, input({ triggered: [] })).pick).toBeNull();
    expect(decide(rules, input({ triggered: ['ghost', 'card', 'card'] })).eligible).toEqual([
      'card',
    ]);
  });

  it('picks the highest priority, then the first in the config', () => {
    const d = decide(rules, input({ triggered: ['banner', 'card', 'modal'] }));
    expect(d.pick).toEqual({ kind: 'show', nudgeId: 'modal' });
    expect(d.eligible).toEqual(['modal', 'card', 'banner']);
  });

  it('respects the audience: traits, activation, device and viewport', () => {
    const reason = (nudgeId: string, ctx: Partial<ConditionContext>) =>
      decide(rules, input({ triggered: [nudgeId], audience: { ...audience, ...ctx } }))
        .ineligible[0]?.reason ?? 'eligible';
    expect(reason('free_only', { traits: { plan: 'free' } })).toBe('eligible');
    expect(reason('free_only', { traits: { plan: 'pro' } })).toBe('audience');
    expect(reason('free_only', {})).toBe('audience');
    expect(reason('not_activated', {})).toBe('eligible');
    expect(reason('not_activated', { user: { ...emptyState(), activatedAt: T0 } })).toBe(
      'audience',
    );
    expect(reason('desktop_tip', { device: 'desktop', viewportWidth: 1280 })).toBe('eligible');
    expect(reason('desktop_tip', { device: 'desktop', viewportWidth: 900 })).toBe('audience');
    expect(reason('desktop_tip', { device: 'mobile', viewportWidth: 1280 })).toBe('audience');
    expect(reason('desktop_tip', {})).toBe('audience');
  });

  it('shows a nudge at most maxShows times (3 by default)', () => {
    const history = { shows: 3, lastShownAt: T0 - 30 * DAY };
    expect(decide(rules, input({ history: shown(history) })).ineligible).toEqual([
      { nudgeId: 'card', reason: 'max_shows' },
    ]);
    expect(decide(rules, input({ history: shown({ ...history, shows: 2 }) })).pick).not.toBeNull();
  });

  it('waits out the cooldown after the nudge was shown or dismissed (24 hours by default)', () => {
    const at = (history: NudgeHistory, now: number) =>
      decide(rules, input({ history: shown(history), now })).ineligible[0]?.reason ?? 'eligible';
    expect(at({ shows: 1, lastShownAt: T0 }, T0 + 23 * HOUR)).toBe('cooldown');
    expect(at({ shows: 1, lastShownAt: T0 }, T0 + 24 * HOUR)).toBe('eligible');
    expect(at({ shows: 1, lastShownAt: T0 - DAY, lastDismissedAt: T0 }, T0 + HOUR)).toBe(
      'cooldown',
    );
    expect(at({ shows: 1, lastShownAt: T0, lastDismissedAt: T0 + HOUR }, T0 + 24 * HOUR)).toBe(
      'cooldown',
    );
  });

  it('never shows a nudge again after "don’t show again" or once the user converted', () => {
    const later = T0 + 365 * DAY;
    expect(
      decide(rules, input({ history: shown({ shows: 1, dontShowAgain: true }), now: later }))
        .ineligible,
    ).toEqual([{ nudgeId: 'card', reason: 'dont_show_again' }]);
    expect(
      decide(rules, input({ history: shown({ shows: 1, convertedAt: T0 }), now: later }))
        .ineligible,
    ).toEqual([{ nudgeId: 'card', reason: 'converted' }]);
  });
});

describe('the global fatigue budget', () => {
  it('shows at most maxPerSession nudges in a session', () => {
    const d = decide(rules, input({ fatigue: { sessionShows: 2, recentShows: [T0 - DAY] } }));
    expect(d.pick).toBeNull();
    expect(d.ineligible).toEqual([{ nudgeId: 'card', reason: 'session_budget' }]);
  });

  it('shows at most maxPerDay nudges in any 24 hours, across sessions', () => {
    const recentShows = [T0 - 20 * HOUR, T0 - 10 * HOUR, T0 - 5 * HOUR];
    expect(
      decide(rules, input({ fatigue: { sessionShows: 0, recentShows } })).ineligible[0],
    ).toEqual({ nudgeId: 'card', reason: 'daily_budget' });
    const fourHoursLater = { sessionShows: 0, recentShows };
    expect(decide(rules, input({ fatigue: fourHoursLater, now: T0 + 4 * HOUR })).pick).toEqual({
      kind: 'show',
      nudgeId: 'card',
    });
  });

  it('leaves at least minGapMinutes between any two nudges', () => {
    const fatigue = { sessionShows: 1, recentShows: [T0] };
    expect(decide(rules, input({ fatigue, now: T0 + 29 * MIN })).ineligible[0]?.reason).toBe(
      'min_gap',
    );
    expect(decide(rules, input({ fatigue, now: T0 + 30 * MIN })).pick).not.toBeNull();
  });

  it('reports the nudge’s own reason before the budget’s', () => {
    const d = decide(
      rules,
      input({
        triggered: ['card', 'banner'],
        history: shown({ shows: 3 }),
        fatigue: { sessionShows: 5, recentShows: [] },
      }),
    );
    expect(d.ineligible).toEqual([
      { nudgeId: 'card', reason: 'max_shows' },
      { nudgeId: 'banner', reason: 'session_budget' },
    ]);
  });

  it('uses 1 per session, 2 per day and a 30-minute gap when the config sets no budget', () => {
    const bare = compileNudges({ nudges: config.nudges });
    expect(bare.fatigue).toEqual({ maxPerSession: 1, maxPerDay: 2, minGapMinutes: 30 });
    expect(
      decide(bare, input({ fatigue: { sessionShows: 1, recentShows: [] } })).ineligible[0],
    ).toEqual({ nudgeId: 'card', reason: 'session_budget' });
  });
});

describe('holdout experiments', () => {
  const users = Array.from({ length: 200 }, (_, i) => `user-${i}`);
  const held = users.filter((id) => bucket('experiment', id) < 0.5);
  const treated = users.filter((id) => bucket('experiment', id) >= 0.5);

  it('holds back an eligible user of the control group: nothing, not even the runner-up, is shown', () => {
    for (const userId of held.slice(0, 20)) {
      const d = decide(rules, input({ triggered: ['experiment', 'card'], userId }));
      expect(d.pick).toEqual({ kind: 'holdout', nudgeId: 'experiment' });
      expect(d.eligible).toEqual(['experiment', 'card']);
    }
    for (const userId of treated.slice(0, 20)) {
      expect(decide(rules, input({ triggered: ['experiment'], userId })).pick).toEqual({
        kind: 'show',
        nudgeId: 'experiment',
      });
    }
  });

  it('records no exposure for a control user who was not eligible', () => {
    const userId = held[0]!;
    const d = decide(
      rules,
      input({ triggered: ['experiment'], userId, fatigue: { sessionShows: 9, recentShows: [] } }),
    );
    expect(d.pick).toBeNull();
  });

  it('holds back a control user on the same schedule as a shown one (per-nudge limits apply)', () => {
    const userId = held[0]!;
    const history = { experiment: { shows: 1, lastShownAt: T0 } };
    const d = decide(rules, input({ triggered: ['experiment'], userId, history, now: T0 + DAY }));
    expect(d.ineligible).toEqual([{ nudgeId: 'experiment', reason: 'cooldown' }]);
  });
});

describe('conversion goal', () => {
  const goal = config.nudges![6]!.goal!;
  const upgraded = (timestamp: number, plan = 'pro') => ({
    event: 'plan_upgraded',
    timestamp,
    properties: { plan },
  });

  it('counts the goal event within the window after the nudge was shown', () => {
    expect(goalReached(goal, T0, upgraded(T0))).toBe(true);
    expect(goalReached(goal, T0, upgraded(T0 + 7 * DAY))).toBe(true);
  });

  it('does not count it before the show, after the window, or when the filters fail', () => {
    expect(goalReached(goal, T0, upgraded(T0 - 1))).toBe(false);
    expect(goalReached(goal, T0, upgraded(T0 + 7 * DAY + 1))).toBe(false);
    expect(goalReached(goal, T0, upgraded(T0 + HOUR, 'team'))).toBe(false);
    expect(goalReached(goal, T0, { event: 'plan_viewed', timestamp: T0 + HOUR })).toBe(false);
  });
});
