import { describe, expect, it } from 'vitest';
import { testApp, WRITE_KEY } from '../helpers/app';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T = Date.parse('2026-03-03T10:00:00.000Z');

const config = {
  milestones: [{ id: 'first_message', event: 'message_sent' }],
  activation: { milestones: ['first_message'] },
  checklists: [],
  nudges: [
    {
      id: 'limit_card',
      kind: 'card' as const,
      trigger: { event: 'limit_reached' },
      content: { title: 'Upgrade' },
      goal: { event: 'plan_upgraded', withinDays: 7 },
      experiment: { control: 0.5 },
    },
    {
      // No goal of its own: the config's conversion, any time after the first show.
      id: 'pricing_tip',
      kind: 'banner' as const,
      trigger: { event: 'pricing_viewed' },
      content: { title: 'Pricing' },
    },
  ],
  conversion: { event: 'plan_upgraded', where: [{ property: 'plan', value: 'pro' }] },
  pql: [],
};

type Step = [at: number, event: string, properties?: Record<string, unknown>];

/** One user's events, each written out by hand; the first is the identify that makes them new. */
function user(id: string, steps: Step[]): Record<string, unknown>[] {
  return [
    {
      type: 'identify',
      messageId: `${id}-0`,
      userId: id,
      traits: {},
      timestamp: new Date(T - HOUR).toISOString(),
    },
    ...steps.map(([at, event, properties], i) => ({
      type: 'track',
      messageId: `${id}-${i + 1}`,
      userId: id,
      event,
      properties: properties ?? {},
      timestamp: new Date(at).toISOString(),
    })),
  ];
}

const card = (variant: 'treatment' | 'control') => ({
  nudgeId: 'limit_card',
  kind: 'card',
  variant,
});
const tip = { nudgeId: 'pricing_tip', kind: 'banner' };
const pro = { plan: 'pro' };

/** A treatment user: exposed at `at`, shown one second later. */
const treated = (at: number): Step[] => [
  [at, '$nudge_eligible', card('treatment')],
  [at, '$nudge_exposure', card('treatment')],
  [at + 1000, '$nudge_shown', card('treatment')],
];
/** A control user: exposed at `at`, never shown. */
const heldBack = (at: number): Step[] => [
  [at, '$nudge_eligible', card('control')],
  [at, '$nudge_exposure', card('control')],
];

const messages = [
  // limit_card, an experiment whose goal is any plan_upgraded within 7 days.
  user('t_converts', [...treated(T), [T + HOUR, 'plan_upgraded', pro]]),
  user('t_never', treated(T)),
  // Exposed, upgraded a day later, shown only after that: the experiment's conversion, not the nudge's.
  user('t_upgrades_before_shown', [
    [T, '$nudge_eligible', card('treatment')],
    [T, '$nudge_exposure', card('treatment')],
    [T + DAY, 'plan_upgraded', pro],
    [T + 2 * DAY, '$nudge_shown', card('treatment')],
  ]),
  user('t_too_late', [...treated(T), [T + 8 * DAY, 'plan_upgraded', pro]]),
  // Shown again later: the window runs from the first show.
  user('t_shown_twice', [
    ...treated(T),
    [T + 5 * DAY, '$nudge_shown', card('treatment')],
    [T + 6 * DAY, 'plan_upgraded', pro],
  ]),
  // Control users saw nothing: they convert for the experiment's control arm only.
  user('c_converts', [...heldBack(T), [T + HOUR, 'plan_upgraded', pro]]),
  user('c_converts_later', [...heldBack(T), [T + 2 * DAY, 'plan_upgraded', { plan: 'team' }]]),
  user('c_never', heldBack(T)),
  // pricing_tip, measured by the conversion (plan pro), any time after the first show.
  user('p_converts', [
    [T, '$nudge_shown', tip],
    [T + 20 * DAY, 'plan_upgraded', pro],
  ]),
  user('p_upgraded_before', [
    [T, 'plan_upgraded', pro],
    [T + HOUR, '$nudge_shown', tip],
  ]),
  user('p_other_plan', [
    [T, '$nudge_shown', tip],
    [T + HOUR, 'plan_upgraded', { plan: 'team' }],
  ]),
  // Eligible for the tip but held back by a frequency limit: never shown, converts anyway.
  user('p_eligible_only', [
    [T, '$nudge_eligible', tip],
    [T + HOUR, 'plan_upgraded', pro],
  ]),
].flat();

describe('nudge conversions in the metrics report', () => {
  it("count from the user's first show, while the experiment's arms count from the first exposure", async () => {
    const { post, admin, projector } = testApp(config);
    const res = await post('/v1/batch', { writeKey: WRITE_KEY, batch: messages });
    expect(res.status).toBe(200);
    await projector.settled();
    const report = await (await admin('/v1/admin/metrics?from=2026-03-01&to=2026-03-10')).json();

    const byNudge = Object.fromEntries(
      report.nudges.map((n: { nudge: string }) => [n.nudge, n]),
    ) as Record<string, { eligible: number; shown: number; converted: number }>;
    // Shown: the five t_ users. Converted within 7 days of the first show: t_converts, t_shown_twice.
    expect(byNudge.limit_card).toMatchObject({ eligible: 8, shown: 5, converted: 2 });
    expect(report.nudges[0].conversionRate).toBe(2 / 5);
    // Shown: the three p_ users. Converted to pro after the first show: p_converts.
    expect(byNudge.pricing_tip).toMatchObject({ eligible: 1, shown: 3, converted: 1 });

    // From the first exposure: t_converts, t_upgrades_before_shown and t_shown_twice of five
    // treated users; c_converts and c_converts_later of three held back.
    expect(report.experiments).toHaveLength(1);
    expect(report.experiments[0]).toMatchObject({
      nudge: 'limit_card',
      treatment: { exposed: 5, converted: 3 },
      control: { exposed: 3, converted: 2 },
    });
  });

  it('count nudge and goal events sent before identify for the user the anonymous id became', async () => {
    const { post, admin, projector } = testApp(config);
    let sent = 0;
    const at = (n: number, anonymousId: string, fields: Record<string, unknown>) => ({
      messageId: `${anonymousId}-${++sent}`,
      anonymousId,
      timestamp: new Date(T + n * HOUR).toISOString(),
      ...fields,
    });
    const track = (n: number, anonymousId: string, event: string, properties = {}) =>
      at(n, anonymousId, { type: 'track', event, properties });
    const batch = [
      // Exposed to the control arm and converted before signing up, then identified.
      track(0, 'anon-c', '$nudge_eligible', card('control')),
      track(0, 'anon-c', '$nudge_exposure', card('control')),
      track(1, 'anon-c', 'plan_upgraded', pro),
      at(2, 'anon-c', { type: 'identify', userId: 'c_anonymous', traits: {} }),
      // Shown the tip anonymously, identified, then converted under the user id.
      track(0, 'anon-p', '$nudge_shown', tip),
      at(1, 'anon-p', { type: 'identify', userId: 'p_anonymous', traits: {} }),
      { ...track(2, 'anon-p', 'plan_upgraded', pro), userId: 'p_anonymous' },
      // Shown the tip and upgraded while identified; an upgrade left under the anonymous id
      // after identify still belongs to the user and counts once.
      at(0, 'anon-q', { type: 'identify', userId: 'q_both', traits: {} }),
      { ...track(1, 'anon-q', '$nudge_shown', tip), userId: 'q_both' },
      track(2, 'anon-q', 'plan_upgraded', pro),
      { ...track(3, 'anon-q', 'plan_upgraded', pro), userId: 'q_both' },
      // Never identified: belongs to no user of the range.
      track(0, 'anon-x', '$nudge_shown', tip),
      track(1, 'anon-x', 'plan_upgraded', pro),
    ];
    const res = await post('/v1/batch', { writeKey: WRITE_KEY, batch });
    expect(res.status).toBe(200);
    await projector.settled();
    const report = await (await admin('/v1/admin/metrics?from=2026-03-01&to=2026-03-10')).json();

    // The funnel's converted step counts PQLs who converted (none here); every conversion
    // of the range's users, PQL or not, is counted beside it.
    expect(report.funnel.map((s: { count: number }) => s.count)).toEqual([3, 0, 0, 0]);
    expect(report.convertedUsers).toEqual({ count: 3, fromNewUsers: 1 });
    const byNudge = Object.fromEntries(
      report.nudges.map((n: { nudge: string }) => [n.nudge, n]),
    ) as Record<string, { eligible: number; shown: number; converted: number }>;
    expect(byNudge.limit_card).toMatchObject({ eligible: 1, shown: 0, converted: 0 });
    expect(byNudge.pricing_tip).toMatchObject({ eligible: 0, shown: 2, converted: 2 });
    expect(report.experiments[0]).toMatchObject({
      treatment: { exposed: 0, converted: 0 },
      control: { exposed: 1, converted: 1 },
    });
  });
});
