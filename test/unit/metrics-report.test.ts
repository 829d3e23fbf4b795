import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../server/src/seed/random';
import { ADMIN_KEY, basicAuth, testApp, WRITE_KEY } from '../helpers/app';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const FROM = Date.parse('2026-03-01T00:00:00.000Z');
const TO_END = Date.parse('2026-03-11T00:00:00.000Z'); // the range is 2026-03-01…2026-03-10
const WINDOW_DAYS = 7;

const config = {
  milestones: [
    { id: 'first_message', event: 'message_sent' },
    { id: 'messages', event: 'message_sent', count: 2 },
    { id: 'invited', event: 'teammate_invited', scope: 'account' as const },
  ],
  activation: { milestones: ['messages'] },
  checklists: [
    {
      id: 'start',
      title: 'Start',
      items: [
        { id: 'hello', milestone: 'first_message', title: 'Say hello' },
        { id: 'talk', milestone: 'messages', title: 'Talk' },
        { id: 'invite', milestone: 'invited', title: 'Invite' },
      ],
    },
  ],
  nudges: [
    {
      id: 'limit_card',
      kind: 'card' as const,
      trigger: { event: 'limit_reached' },
      content: { title: 'Upgrade' },
      goal: { event: 'plan_upgraded', withinDays: WINDOW_DAYS },
      experiment: { control: 0.5 },
    },
  ],
  conversion: { event: 'plan_upgraded', where: [{ property: 'plan', value: 'pro' }] },
  pql: [
    {
      id: 'upsell',
      fit: [{ trait: 'plan', value: 'free', points: 10 }],
      value: [{ activated: true as const, points: 30 }],
      threshold: 40,
    },
    {
      id: 'expansion',
      scope: 'account' as const,
      fit: [{ accountTrait: 'size', value: 'big', points: 20 }],
      threshold: 20,
    },
  ],
};

/** What happens to one generated user, and so the answers the report must give. */
interface Plan {
  id: string;
  account: string;
  firstSeen: number;
  free: boolean;
  messages: number[];
  invites: boolean;
  exposure: { at: number; variant: 'treatment' | 'control' } | null;
  clicked: boolean;
  dismissed: boolean;
  /** plan_upgraded times and plans. */
  upgrades: { at: number; plan: string }[];
}

/** Users and their events, with first sightings inside the range and on both sides of it. */
function population(seed: number): Plan[] {
  const r = seededRandom(seed);
  const plans: Plan[] = [];
  for (let i = 0; i < 400; i++) {
    // Days -2…12 from FROM: some before the range, some after it, edges included.
    const dayOffset = r.int(-2, 11);
    const firstSeen =
      i === 0
        ? FROM
        : i === 1
          ? TO_END - 1
          : i === 2
            ? FROM - 1
            : i === 3
              ? TO_END
              : FROM + dayOffset * DAY + r.int(0, 23) * HOUR;
    const messages = Array.from(
      {
        length: r.pick([
          [0, 3],
          [1, 3],
          [2, 2],
          [4, 2],
        ] as const),
      },
      (_, k) => firstSeen + (k + 1) * r.int(1, 30) * HOUR,
    );
    messages.sort((a, b) => a - b);
    const exposed = r.chance(0.6);
    const variant = r.chance(0.5) ? 'control' : 'treatment';
    const exposureAt = firstSeen + r.int(1, 48) * HOUR;
    const upgrades: Plan['upgrades'] = [];
    const chance = !exposed ? 0.1 : variant === 'treatment' ? 0.45 : 0.2;
    if (r.chance(chance)) {
      // Mostly inside the goal window, some after it, some before the exposure.
      const where = r.pick([
        ['inside', 6],
        ['late', 2],
        ['early', 1],
      ] as const);
      const at =
        where === 'inside'
          ? exposureAt + r.int(0, WINDOW_DAYS * 24) * HOUR
          : where === 'late'
            ? exposureAt + (WINDOW_DAYS + 1) * DAY
            : firstSeen + HOUR / 2;
      upgrades.push({
        at: Math.min(at, Math.max(at, firstSeen)),
        plan: r.chance(0.85) ? 'pro' : 'team',
      });
    }
    plans.push({
      id: `u${seed}_${i}`,
      account: `acct_${i % 90}`,
      firstSeen,
      free: r.chance(0.7),
      messages,
      invites: r.chance(0.3),
      exposure: exposed ? { at: exposureAt, variant } : null,
      clicked: exposed && variant === 'treatment' && r.chance(0.3),
      dismissed: exposed && variant === 'treatment' && r.chance(0.4),
      upgrades,
    });
  }
  return plans;
}

function messagesOf(p: Plan): Record<string, unknown>[] {
  let n = 0;
  const msg = (at: number, fields: Record<string, unknown>) => ({
    messageId: `${p.id}-${++n}`,
    userId: p.id,
    context: { groupId: p.account },
    timestamp: new Date(at).toISOString(),
    ...fields,
  });
  const nudge = (at: number, event: string, extra: Record<string, unknown> = {}) =>
    msg(at, {
      type: 'track',
      event,
      properties: { nudgeId: 'limit_card', kind: 'card', variant: p.exposure?.variant, ...extra },
    });
  const out = [
    msg(p.firstSeen, { type: 'identify', traits: { plan: p.free ? 'free' : 'pro' } }),
    msg(p.firstSeen, {
      type: 'group',
      groupId: p.account,
      traits: { size: Number(p.account.slice(5)) % 3 === 0 ? 'big' : 'small' },
    }),
    ...p.messages.map((at) => msg(at, { type: 'track', event: 'message_sent' })),
    ...p.upgrades.map((u) =>
      msg(u.at, { type: 'track', event: 'plan_upgraded', properties: { plan: u.plan } }),
    ),
  ];
  if (p.invites) out.push(msg(p.firstSeen + HOUR, { type: 'track', event: 'teammate_invited' }));
  if (p.exposure) {
    const { at, variant } = p.exposure;
    out.push(nudge(at, '$nudge_eligible'), nudge(at, '$nudge_exposure'));
    if (variant === 'treatment') out.push(nudge(at + 1000, '$nudge_shown'));
    if (p.clicked) out.push(nudge(at + 5000, '$nudge_clicked'));
    else if (p.dismissed) out.push(nudge(at + 5000, '$nudge_dismissed'));
  }
  return out;
}

async function loaded(plans: Plan[], now?: () => number) {
  const harness = testApp(config, now);
  const all = plans.flatMap(messagesOf);
  for (let i = 0; i < all.length; i += 300) {
    const res = await harness.post('/v1/batch', {
      writeKey: WRITE_KEY,
      batch: all.slice(i, i + 300),
    });
    expect(res.status).toBe(200);
  }
  await harness.projector.settled();
  return harness;
}

/** numpy's default percentile, written out again here. */
function linearPercentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const h = ((s.length - 1) * p) / 100;
  const lo = Math.floor(h);
  return lo + 1 < s.length ? s[lo]! + (h - lo) * (s[lo + 1]! - s[lo]!) : s[lo]!;
}

/** 2·P(Z > |z|) by Simpson's rule over the normal density: independent of the code under test. */
function twoSidedP(z: number): number {
  const a = 0;
  const b = Math.abs(z);
  const steps = 20_000;
  const h = (b - a) / steps;
  const f = (t: number) => Math.exp((-t * t) / 2) / Math.sqrt(2 * Math.PI);
  let sum = f(a) + f(b);
  for (let i = 1; i < steps; i++) sum += f(a + i * h) * (i % 2 ? 4 : 2);
  return 2 * (0.5 - (sum * h) / 3);
}

describe('GET /v1/admin/metrics', () => {
  const plans = population(11);
  const inRange = plans.filter((p) => p.firstSeen >= FROM && p.firstSeen < TO_END);
  const reachedAt = (p: Plan, count: number) =>
    p.messages.length >= count ? p.messages[count - 1]! : null;

  it('counts the funnel, time to value, checklist items, nudges and the experiment of the users first seen in the range', async () => {
    const { admin } = await loaded(plans);
    const res = await admin('/v1/admin/metrics?from=2026-03-01&to=2026-03-10');
    expect(res.status).toBe(200);
    const report = await res.json();

    // The edges: first seen at the range's first and last millisecond are in, one ms outside is out.
    expect(inRange.map((p) => p.id)).toEqual(expect.arrayContaining([plans[0]!.id, plans[1]!.id]));
    expect(inRange.map((p) => p.id)).not.toEqual(expect.arrayContaining([plans[2]!.id]));
    expect(inRange.map((p) => p.id)).not.toContain(plans[3]!.id);

    const activated = inRange.filter((p) => reachedAt(p, 2) !== null);
    const bigAccounts = new Set(
      plans.filter((p) => Number(p.account.slice(5)) % 3 === 0).map((p) => p.account),
    );
    // Each step counts the users of the step before who also did the next thing.
    const pql = activated.filter(
      (p) => (p.free && reachedAt(p, 2) !== null) || bigAccounts.has(p.account),
    );
    const converted = pql.filter((p) =>
      p.upgrades.some((u) => u.plan === 'pro' && u.at >= p.firstSeen),
    );
    expect(report.range).toEqual({ from: '2026-03-01', to: '2026-03-10' });
    expect(report.conversionEvent).toBe('plan_upgraded');
    expect(report.funnel.map((s: { count: number }) => s.count)).toEqual([
      inRange.length,
      activated.length,
      pql.length,
      converted.length,
    ]);
    expect(report.funnel[1].fromTop).toBeCloseTo(activated.length / inRange.length, 12);

    const ttv = activated.map((p) => reachedAt(p, 2)! - p.firstSeen);
    expect(report.timeToValue).toEqual({
      count: ttv.length,
      medianMs: linearPercentile(ttv, 50),
      p75Ms: linearPercentile(ttv, 75),
    });

    const invitedAccounts = new Set(plans.filter((p) => p.invites).map((p) => p.account));
    expect(
      report.checklists[0].items.map((i: { item: string; eligible: number; completed: number }) => [
        i.item,
        i.eligible,
        i.completed,
      ]),
    ).toEqual([
      ['hello', inRange.length, inRange.filter((p) => p.messages.length >= 1).length],
      ['talk', inRange.length, activated.length],
      ['invite', inRange.length, inRange.filter((p) => invitedAccounts.has(p.account)).length],
    ]);

    const exposed = inRange.filter((p) => p.exposure);
    const start = (p: Plan) => p.exposure!.at;
    const goal = (p: Plan) =>
      p.upgrades.some((u) => u.at >= start(p) && u.at <= start(p) + WINDOW_DAYS * DAY);
    const treatment = exposed.filter((p) => p.exposure!.variant === 'treatment');
    const control = exposed.filter((p) => p.exposure!.variant === 'control');
    // The nudge counts from the first show (a second after the exposure), and only for the
    // treated users: the control users saw nothing.
    const shownAt = (p: Plan) => p.exposure!.at + 1000;
    const goalAfterShow = (p: Plan) =>
      p.upgrades.some((u) => u.at >= shownAt(p) && u.at <= shownAt(p) + WINDOW_DAYS * DAY);
    expect(report.nudges).toEqual([
      expect.objectContaining({
        nudge: 'limit_card',
        kind: 'card',
        title: 'Upgrade',
        eligible: exposed.length,
        shown: treatment.length,
        clicked: inRange.filter((p) => p.clicked).length,
        dismissed: inRange.filter((p) => !p.clicked && p.dismissed).length,
        converted: treatment.filter(goalAfterShow).length,
      }),
    ]);

    const [experiment] = report.experiments;
    const xt = treatment.filter(goal).length;
    const xc = control.filter(goal).length;
    expect(experiment).toMatchObject({
      nudge: 'limit_card',
      controlShare: 0.5,
      treatment: { exposed: treatment.length, converted: xt },
      control: { exposed: control.length, converted: xc },
    });
    // The data set exercises every case: conversions in both arms, late and early upgrades.
    expect(Math.min(treatment.length, control.length, xt, xc)).toBeGreaterThan(10);
    expect(exposed.filter((p) => p.upgrades.length > 0 && !goal(p)).length).toBeGreaterThan(3);
    expect(inRange.some((p) => p.upgrades.some((u) => u.plan !== 'pro'))).toBe(true);
    const pt = xt / treatment.length;
    const pc = xc / control.length;
    const pooled = (xt + xc) / exposed.length;
    const z =
      (pt - pc) / Math.sqrt(pooled * (1 - pooled) * (1 / treatment.length + 1 / control.length));
    expect(experiment.absoluteLift).toBeCloseTo(pt - pc, 12);
    expect(experiment.relativeLift).toBeCloseTo(pt / pc - 1, 12);
    expect(experiment.zScore).toBeCloseTo(z, 9);
    expect(experiment.pValue).toBeCloseTo(twoSidedP(z), 7);
  });

  it('scores PQL definitions per subject of the range, with their segment matrix', async () => {
    const { admin } = await loaded(plans);
    const report = await (await admin('/v1/admin/metrics?from=2026-03-01&to=2026-03-10')).json();
    const [upsell, expansion] = report.pql;
    const qualified = inRange.filter((p) => p.free && p.messages.length >= 2).length;
    expect(upsell).toMatchObject({
      definition: 'upsell',
      scope: 'user',
      scored: inRange.length,
      qualified,
    });
    // Fit 10 of 10 is high fit; value 30 of 30 is high value.
    const high = (p: Plan) => p.messages.length >= 2;
    const counts = upsell.segments.counts as number[][];
    expect(counts[2]![2]).toBe(qualified);
    expect(counts[0]![2]).toBe(inRange.filter((p) => !p.free && high(p)).length);
    expect(counts[2]![0]).toBe(inRange.filter((p) => p.free && !high(p)).length);
    expect(upsell.segments.total).toBe(inRange.length);
    expect(expansion).toMatchObject({ definition: 'expansion', scope: 'account' });
    expect(expansion.scored).toBeGreaterThan(0);
  });

  it('answers zeros and nulls for a range before anyone came', async () => {
    const { admin } = await loaded(plans);
    const empty = await (await admin('/v1/admin/metrics?from=2025-01-01&to=2025-01-31')).json();
    expect(empty.funnel.map((s: { count: number }) => s.count)).toEqual([0, 0, 0, 0]);
    expect(empty.timeToValue).toEqual({ count: 0, medianMs: null, p75Ms: null });
    expect(empty.experiments[0].verdict).toBe('No users yet.');
  });

  it('covers the last 30 days, today included, when no range is given', async () => {
    const now = Date.parse('2026-03-10T15:00:00.000Z');
    const { admin } = testApp(config, () => now);
    const report = await (await admin('/v1/admin/metrics')).json();
    expect(report.range).toEqual({ from: '2026-02-09', to: '2026-03-10' });
    const onlyFrom = await (await admin('/v1/admin/metrics?from=2026-03-01')).json();
    expect(onlyFrom.range).toEqual({ from: '2026-03-01', to: '2026-03-10' });
  });

  it('refuses bad dates, a reversed range and a range over 400 days, naming the parameter', async () => {
    const { admin } = testApp(config);
    const cases: [string, string][] = [
      ['from=2026-02-30&to=2026-03-05', 'from'],
      ['from=2026-3-1', 'from'],
      ['to=yesterday', 'to'],
      ['from=2026-03-05&to=2026-03-01', 'from'],
      ['from=2025-01-01&to=2026-03-01', 'to'],
    ];
    for (const [query, field] of cases) {
      const res = await admin(`/v1/admin/metrics?${query}`);
      expect(res.status, query).toBe(400);
      const body = await res.json();
      expect(body.error.code).toBe('invalid_request');
      expect(body.error.details[0].field, query).toBe(field);
      expect(body.error.message).toContain(field);
    }
    expect((await admin('/v1/admin/metrics?from=2025-02-04&to=2026-03-10')).status).toBe(200);
    expect((await admin('/v1/admin/metrics?from=2025-02-03&to=2026-03-10')).status).toBe(400);
  });

  it('refuses the write key and a wrong admin key', async () => {
    const { app, admin } = testApp(config);
    const asWriter = await app.request('/v1/admin/metrics', {
      headers: { Authorization: basicAuth(WRITE_KEY) },
    });
    expect(asWriter.status).toBe(401);
    expect((await admin('/v1/admin/metrics', WRITE_KEY)).status).toBe(401);
    const wrong = await admin('/v1/admin/metrics', `${ADMIN_KEY}x`);
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error.code).toBe('invalid_admin_key');
  });
});
