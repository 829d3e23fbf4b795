import { describe, expect, it } from 'vitest';
import { configSchema } from '../../core/config/schema';
import {
  applyPqlEvent,
  compilePql,
  type EngineEvent,
  emptyPqlState,
  emptyState,
  nextExpiry,
  type PqlEvent,
  type PqlScoreInput,
  type PqlState,
  qualificationChange,
  SIGNAL_EVENT,
  type SubjectState,
  scorePql,
} from '../../core/engine';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 0, 5, 9);

/** TeamChat: `upsell` for free users who got value and raised a hand; `expansion` for paid workspaces. */
const teamchat = configSchema.parse({
  product: { name: 'TeamChat' },
  locales: { default: 'en', supported: ['en', 'pl'] },
  milestones: [
    { id: 'teammate_invited', event: 'teammate_invited', scope: 'account' },
    { id: 'first_message', event: 'message_sent', title: { en: 'First message', pl: 'Pierwsza' } },
    { id: 'aha', all: ['teammate_invited', 'first_message'] },
  ],
  activation: { milestones: ['aha'] },
  signals: [
    { id: 'pricing', type: 'page', path: '/pricing', title: 'pricing page' },
    { id: 'message_limit', type: 'usage', metric: 'messages', thresholds: [0.8, 1] },
    { id: 'seat_limit', type: 'usage', metric: 'seats', thresholds: [0.9] },
  ],
  pql: [
    {
      id: 'upsell',
      title: 'Upsell',
      fit: [
        { accountTrait: 'plan', value: 'free', points: 10 },
        { trait: 'role', op: 'in', value: ['student', 'intern'], points: -20, label: 'Student' },
      ],
      value: [
        { activated: true, points: 20 },
        {
          milestone: 'teammate_invited',
          points: 20,
          label: { en: 'Invited teammates', pl: 'Zaprosił zespół' },
        },
        { event: 'message_sent', atLeast: 3, withinDays: 7, points: 10 },
      ],
      intent: [
        { signal: 'message_limit', withinDays: 14, points: 40, label: 'Reached the message limit' },
        { signal: 'pricing', withinDays: 7, points: 30, label: 'Opened pricing' },
        { event: 'talk_to_sales_clicked', withinDays: 30, points: 50 },
      ],
      required: [{ activated: true }],
      threshold: 60,
    },
    {
      id: 'expansion',
      scope: 'account',
      fit: [
        { accountTrait: 'plan', op: 'in', value: ['team', 'business'], points: 20 },
        { accountTrait: 'seats', op: 'gte', value: 10, points: 10 },
      ],
      value: [
        { milestone: 'teammate_invited', points: 10 },
        { event: 'member_added', atLeast: 3, withinDays: 30, points: 30, label: 'Seats growing' },
      ],
      intent: [{ signal: 'seat_limit', withinDays: 14, points: 30 }],
      required: [{ accountTrait: 'plan', op: 'neq', value: 'free' }],
      threshold: 50,
    },
  ],
});
const pql = compilePql(teamchat);

const track = (event: string, t: number, properties?: Record<string, unknown>): PqlEvent =>
  properties
    ? { type: 'track', event, timestamp: t, properties }
    : { type: 'track', event, timestamp: t };
const signal = (signalId: string, t: number) => track(SIGNAL_EVENT, t, { signalId });

function feed(events: PqlEvent[], scope: 'user' | 'account' = 'user', from = emptyPqlState()) {
  return events.reduce((state, e) => applyPqlEvent(pql, state, e, scope), from);
}

const activated: SubjectState = {
  ...emptyState(),
  firstSeen: T0,
  reached: { first_message: T0 + HOUR, aha: T0 + DAY },
  activatedAt: T0 + DAY,
};
const account: SubjectState = { ...emptyState(), reached: { teammate_invited: T0 + DAY } };

function upsell(state: PqlState, now: number, extra: Partial<PqlScoreInput> = {}) {
  return scorePql(pql, 'upsell', {
    state,
    subject: activated,
    account,
    accountTraits: { plan: 'free' },
    traits: { role: 'engineer' },
    now,
    ...extra,
  });
}
const keys = (s: { reasons: { key: string }[] }) => s.reasons.map((r) => r.key);

describe('PQL fit rules', () => {
  it('adds the points of matching user and account traits', () => {
    const s = upsell(emptyPqlState(), T0 + 2 * DAY);
    expect(s.fit).toBe(10);
    expect(keys(s)).toContain('fit.0');
  });

  it('takes points away for a poor fit: a student loses 20', () => {
    const s = upsell(emptyPqlState(), T0 + 2 * DAY, { traits: { role: 'student' } });
    expect(s.fit).toBe(-10);
    expect(s.reasons.find((r) => r.key === 'fit.1')).toMatchObject({
      rule: 'fit',
      label: 'Student',
      points: -20,
      detail: 'role is student',
    });
  });

  it('a trait that is not set matches nothing, and an account rule reads account traits only', () => {
    const s = upsell(emptyPqlState(), T0, { traits: { plan: 'free' }, accountTraits: {} });
    expect(s.fit).toBe(0);
  });
});

describe('PQL value rules', () => {
  it('counts activation and a milestone reached in the account by a teammate', () => {
    const s = upsell(emptyPqlState(), T0 + 3 * DAY);
    expect(s.value).toBe(40);
    expect(s.reasons.filter((r) => r.rule === 'value')).toEqual([
      {
        rule: 'value',
        key: 'value.0',
        label: 'Activated',
        points: 20,
        detail: 'activated 2 days ago',
        at: T0 + DAY,
        evidence: 'activated',
      },
      {
        rule: 'value',
        key: 'value.1',
        label: 'Invited teammates',
        points: 20,
        detail: 'reached 2 days ago',
        at: T0 + DAY,
        evidence: 'reached',
      },
    ]);
  });

  it('gives nothing for milestones and activation not reached', () => {
    const s = upsell(emptyPqlState(), T0, { subject: emptyState(), account: emptyState() });
    expect(s.value).toBe(0);
  });

  it('counts events only while at least N of them fall inside the window', () => {
    const two = feed([track('message_sent', T0), track('message_sent', T0 + DAY)]);
    expect(upsell(two, T0 + 2 * DAY).value).toBe(40);
    const three = feed([track('message_sent', T0 + 2 * DAY)], 'user', two);
    const s = upsell(three, T0 + 3 * DAY);
    expect(s.value).toBe(50);
    expect(s.reasons.find((r) => r.key === 'value.2')).toMatchObject({
      label: '3 × message_sent in 7 days',
      detail: '3 × message_sent in 7 days, last 1 day ago',
      at: T0 + 2 * DAY,
    });
    // Seven days after the first, only two remain in the window.
    expect(upsell(three, T0 + 7 * DAY).value).toBe(40);
  });
});

describe('PQL intent rules', () => {
  it('a pricing visit within the window adds its points, with when it happened', () => {
    const state = feed([signal('pricing', T0 + 2 * DAY)]);
    const s = upsell(state, T0 + 4 * DAY);
    expect(s.intent).toBe(30);
    expect(s.reasons.at(-1)).toEqual({
      rule: 'intent',
      key: 'intent.1',
      label: 'Opened pricing',
      points: 30,
      detail: 'pricing page 2 days ago',
      at: T0 + 2 * DAY,
      evidence: 'pricing page',
    });
  });

  it('an old pricing visit stops counting when scored again later', () => {
    const state = feed([signal('pricing', T0 + 2 * DAY)]);
    expect(upsell(state, T0 + 9 * DAY - 1).intent).toBe(30);
    expect(upsell(state, T0 + 9 * DAY).intent).toBe(0);
  });

  it('a signal rule counts only its own signal id', () => {
    const state = feed([signal('seat_limit', T0), signal('nope', T0), track(SIGNAL_EVENT, T0)]);
    expect(state).toEqual({});
    expect(upsell(state, T0).intent).toBe(0);
  });

  it('a talk-to-sales click counts as intent for its window', () => {
    const state = feed([track('talk_to_sales_clicked', T0 + DAY)]);
    expect(upsell(state, T0 + 30 * DAY).intent).toBe(50);
    expect(upsell(state, T0 + 31 * DAY).intent).toBe(0);
  });
});

describe('PQL required conditions and the threshold', () => {
  const state = feed([signal('message_limit', T0 + 2 * DAY), signal('pricing', T0 + 2 * DAY)]);

  it('qualifies when every required condition holds and the score reaches the threshold', () => {
    const s = upsell(state, T0 + 3 * DAY);
    expect(s).toMatchObject({ score: 120, threshold: 60, qualifies: true, missing: [] });
  });

  it('does not qualify without activation however high the score, and says what is missing', () => {
    const s = upsell(state, T0 + 3 * DAY, { subject: emptyState() });
    expect(s.score).toBe(100);
    expect(s.qualifies).toBe(false);
    expect(s.missing).toEqual([{ index: 0, condition: { activated: true }, label: 'activated' }]);
  });

  it('does not qualify below the threshold', () => {
    const s = upsell(emptyPqlState(), T0 + 3 * DAY);
    expect(s.score).toBe(50);
    expect(s.qualifies).toBe(false);
    expect(s.missing).toEqual([]);
  });
});

describe('several PQL definitions', () => {
  it('upsell and expansion score independently, each in its own scope', () => {
    const events = [
      signal('pricing', T0),
      signal('seat_limit', T0),
      track('member_added', T0),
      track('message_sent', T0),
    ];
    const user = feed(events, 'user');
    const acct = feed(events, 'account');
    expect(Object.keys(user)).toEqual(['upsell']);
    expect(Object.keys(user.upsell ?? {}).sort()).toEqual(['intent.1', 'value.2']);
    expect(Object.keys(acct)).toEqual(['expansion']);
    expect(Object.keys(acct.expansion ?? {}).sort()).toEqual(['intent.0', 'value.1']);
    expect(upsell(user, T0 + HOUR).intent).toBe(30);
    expect(() => scorePql(pql, 'cross_sell', { state: user, subject: activated, now: T0 })).toThrow(
      /unknown PQL definition "cross_sell"/,
    );
  });
});

describe('PQL account scores', () => {
  it('aggregate the events of all the account’s users, and read account traits and milestones', () => {
    let state = emptyPqlState();
    // Three teammates each add one member: no single user did three, the account did.
    for (const [i, userId] of ['u1', 'u2', 'u3'].entries()) {
      const event: EngineEvent = {
        messageId: `m${i}`,
        type: 'track',
        event: 'member_added',
        timestamp: T0 + i * DAY,
        userId,
        accountId: 'acme',
      };
      state = applyPqlEvent(pql, state, event, 'account');
    }
    const s = scorePql(pql, 'expansion', {
      state,
      subject: account,
      accountTraits: { plan: 'team', seats: 12 },
      now: T0 + 3 * DAY,
    });
    expect(s).toMatchObject({ score: 70, fit: 30, value: 40, qualifies: true });
    expect(keys(s)).toEqual(['fit.0', 'fit.1', 'value.0', 'value.1']);
    const free = scorePql(pql, 'expansion', {
      state,
      subject: account,
      accountTraits: { plan: 'free', seats: 12 },
      now: T0 + 3 * DAY,
    });
    expect(free.qualifies).toBe(false);
    expect(free.missing[0]?.label).toBe('account plan ≠ free');
  });

  it('take an account’s activation from the caller: accounts have none of their own', () => {
    const state = emptyPqlState();
    expect(upsell(state, T0, { subject: emptyState(), activatedAt: T0 }).missing).toEqual([]);
    expect(upsell(state, T0, { subject: emptyState() }).missing).toHaveLength(1);
  });
});

describe('PQL reasons', () => {
  it('list each contributing rule with its points, fit then value then intent, summing to the score', () => {
    const state = feed([
      signal('message_limit', T0 + 5 * DAY - 3 * HOUR),
      track('talk_to_sales_clicked', T0 + 5 * DAY - 10 * MINUTE),
    ]);
    const s = upsell(state, T0 + 5 * DAY);
    expect(
      s.reasons.map(({ key, label, points, detail }) => ({ key, label, points, detail })),
    ).toEqual([
      { key: 'fit.0', label: 'account plan = free', points: 10, detail: 'account plan is free' },
      { key: 'value.0', label: 'Activated', points: 20, detail: 'activated 4 days ago' },
      { key: 'value.1', label: 'Invited teammates', points: 20, detail: 'reached 4 days ago' },
      {
        key: 'intent.0',
        label: 'Reached the message limit',
        points: 40,
        detail: 'message_limit 3 hours ago',
      },
      {
        key: 'intent.2',
        label: 'talk_to_sales_clicked in 30 days',
        points: 50,
        detail: 'talk_to_sales_clicked 10 minutes ago',
      },
    ]);
    expect(s.reasons.reduce((sum, r) => sum + r.points, 0)).toBe(s.score);
  });

  it('use the label in the requested locale, and milestone titles as default labels', () => {
    const s = upsell(emptyPqlState(), T0 + 2 * DAY, { locale: 'pl' });
    expect(s.reasons.find((r) => r.key === 'value.1')?.label).toBe('Zaprosił zespół');
  });
});

describe('PQL state', () => {
  it('is the same whatever order the events arrive in', () => {
    const events = [
      track('message_sent', T0 + 3 * DAY),
      signal('pricing', T0 + DAY),
      track('message_sent', T0),
      track('message_sent', T0 + 5 * DAY),
      signal('pricing', T0 + 4 * DAY),
      track('message_sent', T0 + DAY),
    ];
    const sorted = [...events].sort((a, b) => a.timestamp - b.timestamp);
    expect(feed(events)).toEqual(feed(sorted));
    expect(feed(events).upsell?.['value.2']).toEqual([T0 + DAY, T0 + 3 * DAY, T0 + 5 * DAY]);
    expect(feed(events).upsell?.['intent.1']).toEqual([T0 + 4 * DAY]);
  });

  it('keeps at most `atLeast` times per rule, however many events arrive', () => {
    const events = Array.from({ length: 500 }, (_, i) => track('message_sent', T0 + i * MINUTE));
    const state = feed(events);
    expect(state.upsell?.['value.2']).toHaveLength(3);
  });

  it('an event no rule watches touches nothing: the very same state comes back', () => {
    const state = feed([signal('pricing', T0)]);
    expect(applyPqlEvent(pql, state, track('channel_created', T0))).toBe(state);
    expect(
      applyPqlEvent(pql, state, {
        type: 'page',
        timestamp: T0,
        properties: { signalId: 'pricing' },
      }),
    ).toBe(state);
    expect(applyPqlEvent(pql, state, track('message_sent', Number.NaN))).toBe(state);
    // An older pricing visit than the one kept cannot matter for a 1-event window.
    expect(applyPqlEvent(pql, state, signal('pricing', T0 - DAY))).toBe(state);
  });

  it('only the parts of the rules that count an event change; the rest is shared', () => {
    const before = feed([track('message_sent', T0), signal('pricing', T0)]);
    const after = applyPqlEvent(pql, before, signal('pricing', T0 + DAY));
    expect(after).not.toBe(before);
    expect(after.upsell?.['value.2']).toBe(before.upsell?.['value.2']);
    expect(after.upsell?.['intent.1']).toEqual([T0 + DAY]);
  });

  it('is indexed by event name and signal id, per scope', () => {
    expect([...pql.index.user.byEvent.keys()].sort()).toEqual([
      'message_sent',
      'talk_to_sales_clicked',
    ]);
    expect([...pql.index.user.bySignal.keys()].sort()).toEqual(['message_limit', 'pricing']);
    expect([...pql.index.account.byEvent.keys()]).toEqual(['member_added']);
    expect([...pql.index.account.bySignal.keys()]).toEqual(['seat_limit']);
  });

  it('knows which definitions read activation, in a value rule or deep in a required condition', () => {
    const definitions = (extra: object[]) =>
      compilePql({
        ...teamchat,
        pql: [
          ...teamchat.pql,
          ...extra.map((d, i) => ({ ...teamchat.pql[1]!, id: `extra_${i}`, ...d })),
        ],
      }).definitions;
    const read = definitions([
      {
        required: [
          {
            any: [{ accountTrait: 'plan', op: 'eq', value: 'team' }, { not: { activated: false } }],
          },
        ],
      },
      { required: [{ all: [{ milestone: 'teammate_invited', reached: true }] }] },
    ]);
    expect([...read.values()].map((d) => [d.id, d.readsActivation])).toEqual([
      ['upsell', true],
      ['expansion', false],
      ['extra_0', true],
      ['extra_1', false],
    ]);
  });
});

describe('nextExpiry', () => {
  it('is when the first windowed rule that holds stops holding; re-scoring then drops its points', () => {
    const state = feed([
      signal('pricing', T0 + DAY),
      signal('message_limit', T0 + 2 * DAY),
      track('message_sent', T0),
      track('message_sent', T0 + DAY),
    ]);
    const now = T0 + 3 * DAY;
    const at = nextExpiry(pql, state, now);
    expect(at).toBe(T0 + 8 * DAY);
    expect(upsell(state, at! - 1).intent).toBe(70);
    expect(upsell(state, at!).intent).toBe(40);
    expect(nextExpiry(pql, state, at!)).toBe(T0 + 16 * DAY);
    expect(nextExpiry(pql, state, T0 + 16 * DAY)).toBeNull();
  });

  it('ignores rules that do not hold yet (two messages of three)', () => {
    const state = feed([track('message_sent', T0), track('message_sent', T0 + DAY)]);
    expect(nextExpiry(pql, state, T0 + DAY)).toBeNull();
  });
});

describe('qualificationChange', () => {
  it('records the first qualification and keeps its time forever', () => {
    const first = qualificationChange(null, { qualifies: true }, T0);
    expect(first).toEqual({ became: 'qualified', firstQualifiedAt: T0 });
    const still = qualificationChange(
      { qualifies: true, firstQualifiedAt: T0 },
      { qualifies: true },
      T0 + DAY,
    );
    expect(still).toEqual({ became: null, firstQualifiedAt: T0 });
    const lost = qualificationChange(
      { qualifies: true, firstQualifiedAt: T0 },
      { qualifies: false },
      T0 + 2 * DAY,
    );
    expect(lost).toEqual({ became: 'unqualified', firstQualifiedAt: T0 });
    const again = qualificationChange(
      { qualifies: false, firstQualifiedAt: T0 },
      { qualifies: true },
      T0 + 9 * DAY,
    );
    expect(again).toEqual({ became: 'qualified', firstQualifiedAt: T0 });
    expect(qualificationChange(null, { qualifies: false }, T0)).toEqual({
      became: null,
      firstQualifiedAt: null,
    });
  });
});
