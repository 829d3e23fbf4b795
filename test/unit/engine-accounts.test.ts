import { describe, expect, it } from 'vitest';
import { configSchema } from '../../core/config/schema';
import {
  applyEvent,
  type Change,
  compileRules,
  type EngineEvent,
  emptyState,
  evaluateCondition,
  type Rules,
  reachedAt,
  type Subjects,
} from '../../core/engine';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 0, 5, 9);

const rulesFor = (config: Record<string, unknown>) =>
  compileRules(configSchema.parse({ product: { name: 'TeamChat' }, ...config }));

let next = 0;
const track = (
  event: string,
  at: number,
  who: { userId: string; accountId?: string },
): EngineEvent => ({ messageId: `m${++next}`, type: 'track', event, timestamp: at, ...who });
const page = (at: number, who: { userId: string; accountId?: string }): EngineEvent => ({
  messageId: `m${++next}`,
  type: 'page',
  timestamp: at,
  ...who,
});

function play(rules: Rules, events: EngineEvent[], start: Subjects) {
  let states = start;
  const changes: Change[] = [];
  for (const event of events) {
    const out = applyEvent(rules, states, event);
    states = { user: out.user, account: out.account };
    changes.push(...out.changes);
  }
  return { user: states.user, account: states.account, changes };
}

const milestones = [
  { id: 'channel', event: 'channel_created' },
  { id: 'invited', event: 'teammate_invited', scope: 'account' },
  { id: 'messages', event: 'message_sent', count: 2 },
];
const A = { userId: 'ana', accountId: 'acme' };
const B = { userId: 'ben', accountId: 'acme' };

describe('account-scope milestones', () => {
  const rules = rulesFor({ milestones });

  it('one teammate’s event reaches it for the whole account', () => {
    const ana = play(rules, [track('teammate_invited', T0, A)], {
      user: emptyState(),
      account: emptyState(),
    });
    expect(ana.account?.reached).toEqual({ invited: T0 });
    expect(ana.user.reached).toEqual({});
    expect(ana.changes).toEqual([{ kind: 'milestone', id: 'invited', scope: 'account', at: T0 }]);

    const ben = { user: emptyState(), account: ana.account };
    expect(reachedAt(rules, ben, 'invited')).toBe(T0);
    expect(evaluateCondition({ milestone: 'invited', reached: true }, { ...ben, rules })).toBe(
      true,
    );
    expect(
      evaluateCondition({ milestone: 'invited', reached: true }, { user: ben.user, rules }),
    ).toBe(false);
  });

  it('counts every teammate’s events toward an account count', () => {
    const shared = rulesFor({
      milestones: [{ id: 'team_msgs', event: 'message_sent', count: 3, scope: 'account' }],
    });
    const ana = play(shared, [track('message_sent', T0, A), track('message_sent', T0 + 1, A)], {
      user: emptyState(),
      account: emptyState(),
    });
    const ben = play(shared, [track('message_sent', T0 + 2, B)], {
      user: emptyState(),
      account: ana.account,
    });
    expect(ben.account?.reached).toEqual({ team_msgs: T0 + 2 });
  });

  it('cannot progress without an account id, even when an account state is passed', () => {
    const account = emptyState();
    const out = play(rules, [track('teammate_invited', T0, { userId: 'ana' })], {
      user: emptyState(),
      account,
    });
    expect(out.account).toBe(account);
    expect(out.user.reached).toEqual({});
    expect(out.changes).toEqual([]);
    expect(out.user.firstSeen).toBe(T0);
  });

  it('keeps first and last seen for the account across its users', () => {
    const out = play(rules, [page(T0 + DAY, A)], { user: emptyState(), account: emptyState() });
    const ben = play(rules, [page(T0, B), page(T0 + 2 * DAY, B)], {
      user: emptyState(),
      account: out.account,
    });
    expect([ben.account?.firstSeen, ben.account?.lastSeen]).toEqual([T0, T0 + 2 * DAY]);
    expect([ben.user.firstSeen, ben.user.lastSeen]).toEqual([T0, T0 + 2 * DAY]);
  });
});

describe('all / any milestones', () => {
  const rules = rulesFor({
    milestones: [
      ...milestones,
      { id: 'team_ready', all: ['channel', 'invited'] },
      { id: 'talking', any: ['messages', 'invited'] },
      { id: 'aha', all: ['team_ready', 'talking'], scope: 'account' },
    ],
  });

  it('all: reached when the last child is, any: when the first is, through nested ones', () => {
    const out = play(
      rules,
      [
        track('message_sent', T0, A),
        track('channel_created', T0 + HOUR, A),
        track('message_sent', T0 + 2 * HOUR, A),
        track('teammate_invited', T0 + 3 * HOUR, A),
      ],
      { user: emptyState(), account: emptyState() },
    );
    expect(out.user.reached).toEqual({
      channel: T0 + HOUR,
      messages: T0 + 2 * HOUR,
      talking: T0 + 2 * HOUR,
      team_ready: T0 + 3 * HOUR,
    });
    expect(out.account?.reached).toEqual({ invited: T0 + 3 * HOUR, aha: T0 + 3 * HOUR });
    expect(
      out.changes.filter((c) => c.kind === 'milestone').map((c) => c.kind === 'milestone' && c.id),
    ).toEqual(['channel', 'messages', 'talking', 'invited', 'team_ready', 'aha']);
  });

  it('a teammate’s account milestone counts toward a user’s combinations from their first event', () => {
    const ana = play(rules, [track('teammate_invited', T0, A)], {
      user: emptyState(),
      account: emptyState(),
    });
    expect(ana.user.reached).toEqual({ talking: T0 });
    const ben = play(rules, [track('channel_created', T0 + DAY, B)], {
      user: emptyState(),
      account: ana.account,
    });
    // Ana's invite makes `talking` (any of messages, invited) Ben's too, from his first event.
    expect(ben.user.reached).toEqual({
      channel: T0 + DAY,
      team_ready: T0 + DAY,
      talking: T0 + DAY,
    });
    expect(ben.account?.reached).toEqual({ invited: T0, aha: T0 + DAY });
  });
});

describe('activation and time to value', () => {
  it('is when the last aha milestone was reached; TTV counts from first seen', () => {
    const rules = rulesFor({ milestones, activation: { milestones: ['channel', 'messages'] } });
    const out = play(
      rules,
      [
        page(T0, A),
        track('channel_created', T0 + HOUR, A),
        track('message_sent', T0 + 2 * HOUR, A),
        track('message_sent', T0 + 3 * HOUR, A),
      ],
      { user: emptyState(), account: emptyState() },
    );
    expect(out.user.activatedAt).toBe(T0 + 3 * HOUR);
    expect(out.changes.at(-1)).toEqual({ kind: 'activation', at: T0 + 3 * HOUR, ttvMs: 3 * HOUR });
  });

  it('counts an account milestone reached before the user arrived from the user’s first event', () => {
    const rules = rulesFor({ milestones, activation: { milestones: ['invited', 'channel'] } });
    const ana = play(rules, [track('teammate_invited', T0, A)], {
      user: emptyState(),
      account: emptyState(),
    });
    const ben = play(
      rules,
      [page(T0 + 10 * DAY, B), track('channel_created', T0 + 10 * DAY + HOUR, B)],
      {
        user: emptyState(),
        account: ana.account,
      },
    );
    expect(ben.user.activatedAt).toBe(T0 + 10 * DAY + HOUR);
    expect(ben.changes.at(-1)).toEqual({
      kind: 'activation',
      at: T0 + 10 * DAY + HOUR,
      ttvMs: HOUR,
    });
  });

  it('is clamped to first seen when the account had already reached the aha moment', () => {
    const rules = rulesFor({ milestones, activation: { milestones: ['invited'] } });
    const ana = play(rules, [track('teammate_invited', T0, A)], {
      user: emptyState(),
      account: emptyState(),
    });
    expect(ana.user.activatedAt).toBe(T0);
    const ben = play(rules, [page(T0 + 10 * DAY, B)], { user: emptyState(), account: ana.account });
    expect(ben.user.activatedAt).toBe(T0 + 10 * DAY);
    expect(ben.changes).toEqual([{ kind: 'activation', at: T0 + 10 * DAY, ttvMs: 0 }]);
  });

  it('is reported once', () => {
    const rules = rulesFor({ milestones, activation: { milestones: ['channel'] } });
    const out = play(
      rules,
      [track('channel_created', T0, A), track('channel_created', T0 + 1, A), page(T0 + 2, A)],
      { user: emptyState(), account: emptyState() },
    );
    expect(out.changes.filter((c) => c.kind === 'activation')).toHaveLength(1);
  });
});

describe('a user milestone that a teammate completes', () => {
  const rules = compileRules(
    configSchema.parse({
      product: { name: 'T' },
      milestones: [
        { id: 'invited', event: 'teammate_invited', scope: 'account' },
        { id: 'messages', event: 'message_sent', count: 2 },
        { id: 'aha', all: ['invited', 'messages'] },
      ],
      activation: { milestones: ['aha'] },
    }),
  );
  const ev = (event: string, t: number, userId: string, id: string): EngineEvent => ({
    messageId: id,
    type: 'track',
    event,
    timestamp: t,
    userId,
    accountId: 'acme',
  });

  it('reaches the aha moment on the user’s next event after a teammate did the last step', () => {
    let ana: Subjects = { user: emptyState(), account: emptyState() };
    ana = applyEvent(rules, ana, ev('message_sent', 1_000, 'ana', 'a1'));
    ana = applyEvent(rules, ana, ev('message_sent', 2_000, 'ana', 'a2'));
    expect(ana.user.reached).toEqual({ messages: 2_000 });
    // Ben invites someone: the account reaches `invited`.
    const ben = applyEvent(
      rules,
      { user: emptyState(), account: ana.account },
      ev('teammate_invited', 3_000, 'ben', 'b1'),
    );
    // Ana's next event of any kind sees it.
    const next = applyEvent(
      rules,
      { user: ana.user, account: ben.account! },
      {
        messageId: 'a3',
        type: 'page',
        timestamp: 4_000,
        userId: 'ana',
        accountId: 'acme',
      },
    );
    expect(next.user.reached).toEqual({ messages: 2_000, aha: 3_000 });
    expect(next.user.activatedAt).toBe(3_000);
    expect(next.changes.map((c) => c.kind)).toEqual(['milestone', 'activation']);
  });
});
