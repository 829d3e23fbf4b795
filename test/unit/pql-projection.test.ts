import { afterEach, describe, expect, it, vi } from 'vitest';
import { testApp, WRITE_KEY } from '../helpers/app';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const NOW = Date.parse('2026-11-20T12:00:00.000Z');

const config = {
  milestones: [
    { id: 'invited', event: 'teammate_invited', scope: 'account' as const },
    { id: 'messages', event: 'message_sent', count: 2 },
  ],
  activation: { milestones: ['messages'] },
  signals: [{ id: 'pricing', type: 'page' as const, path: '/pricing', title: 'Opened pricing' }],
  pql: [
    {
      id: 'upsell',
      fit: [{ accountTrait: 'plan', value: 'free', points: 10, label: 'On the free plan' }],
      value: [
        { activated: true as const, points: 30, label: 'Activated' },
        { milestone: 'invited', points: 20, label: 'Invited teammates' },
      ],
      intent: [{ signal: 'pricing', withinDays: 7, points: 40, label: 'Opened pricing' }],
      required: [{ activated: true as const }],
      threshold: 80,
    },
  ],
};

let n = 0;
const msg = (fields: Record<string, unknown>, at: number) => ({
  messageId: `p-${++n}`,
  type: 'track',
  context: { groupId: 'acme' },
  ...fields,
  timestamp: new Date(at).toISOString(),
});

afterEach(() => {
  vi.useRealTimers();
});

describe('PQL scores in the collector', () => {
  it('qualifies a user once fit, value and intent add up, lists them with reasons, and as CSV', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    const { post, admin, projector } = testApp(config);
    await post('/v1/batch', {
      writeKey: WRITE_KEY,
      batch: [
        msg(
          { type: 'identify', userId: 'ada', traits: { email: 'ada@acme.example', name: 'Ada' } },
          NOW - 3 * DAY,
        ),
        msg(
          { type: 'group', userId: 'ada', groupId: 'acme', traits: { plan: 'free' } },
          NOW - 3 * DAY,
        ),
        msg({ event: 'message_sent', userId: 'ada' }, NOW - 3 * DAY),
        msg({ event: 'message_sent', userId: 'ada' }, NOW - 2 * DAY),
        msg({ event: 'teammate_invited', userId: 'ada' }, NOW - 2 * DAY),
      ],
    });
    await projector.settled();
    let list = await (await admin('/v1/admin/pqls?definition=upsell')).json();
    expect(list.count).toBe(0);

    await post('/v1/batch', {
      writeKey: WRITE_KEY,
      batch: [
        msg({ event: '$signal', userId: 'ada', properties: { signalId: 'pricing' } }, NOW - DAY),
      ],
    });
    await projector.settled();
    list = await (await admin('/v1/admin/pqls?definition=upsell')).json();
    expect(list.pqls).toHaveLength(1);
    expect(list.pqls[0]).toMatchObject({
      id: 'ada',
      email: 'ada@acme.example',
      score: 100,
      qualifies: true,
    });
    expect(
      list.pqls[0].reasons.map((r: { label: string; points: number }) => `${r.label} +${r.points}`),
    ).toEqual([
      'On the free plan +10',
      'Activated +30',
      'Invited teammates +20',
      'Opened pricing +40',
    ]);

    const csv = await admin('/v1/admin/pqls?definition=upsell&format=csv');
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe('kind,id,email,name,company,score,qualifies,first_qualified_at,reasons');
    expect(lines[1]).toMatch(
      /^user,ada,ada@acme\.example,Ada,,100,yes,2026-11-19T12:00:00\.000Z,"?On the free plan \(\+10\); Activated/,
    );

    const user = await (await admin('/v1/admin/users/ada')).json();
    expect(user.pql).toEqual([
      expect.objectContaining({ definition: 'upsell', score: 100, qualifies: true }),
    ]);
    expect(user.decisions.map((d: { kind: string }) => d.kind)).toContain('pql.qualified');
  });

  it('drops an old pricing visit when its window expires, but keeps when the user first qualified', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    const { post, admin, projector } = testApp(config);
    await post('/v1/batch', {
      writeKey: WRITE_KEY,
      batch: [
        msg(
          { type: 'group', userId: 'ben', groupId: 'acme', traits: { plan: 'free' } },
          NOW - 3 * DAY,
        ),
        msg({ event: 'message_sent', userId: 'ben' }, NOW - 3 * DAY),
        msg({ event: 'message_sent', userId: 'ben' }, NOW - 3 * DAY),
        msg({ event: 'teammate_invited', userId: 'ben' }, NOW - 3 * DAY),
        msg(
          { event: '$signal', userId: 'ben', properties: { signalId: 'pricing' } },
          NOW - 6 * DAY,
        ),
      ],
    });
    await projector.settled();
    const before = await (await admin('/v1/admin/pqls?definition=upsell')).json();
    expect(before.pqls[0]).toMatchObject({
      id: 'ben',
      score: 100,
      // The events that completed the picture, three days ago, not the time of scoring.
      firstQualifiedAt: new Date(NOW - 3 * DAY).toISOString(),
    });

    // Two days later the visit is eight days old: the sweep scores Ben again.
    vi.setSystemTime(NOW + 2 * DAY);
    await projector.sweep();
    const after = await (await admin('/v1/admin/pqls?definition=upsell&all=1')).json();
    expect(after.pqls[0]).toMatchObject({
      id: 'ben',
      score: 60,
      qualifies: false,
      firstQualifiedAt: new Date(NOW - 3 * DAY).toISOString(),
    });
  });

  it('asks which definition when none is named, and refuses an unknown one', async () => {
    const { admin } = testApp({
      ...config,
      pql: [...config.pql, { ...config.pql[0]!, id: 'expansion' }],
    });
    const missing = await admin('/v1/admin/pqls');
    expect(missing.status).toBe(400);
    expect((await missing.json()).error.details).toEqual({ definitions: ['upsell', 'expansion'] });
    expect((await admin('/v1/admin/pqls?definition=nope')).status).toBe(404);
  });
});

describe('account-scope PQL definitions in the collector', () => {
  // Accounts reach no aha moment of their own: an account is activated when its first
  // member did, whichever account that member was acting in at the time.
  const accountConfig = {
    milestones: [{ id: 'messages', event: 'message_sent', count: 2 }],
    activation: { milestones: ['messages'] },
    pql: [
      {
        id: 'team_ready',
        scope: 'account' as const,
        value: [{ activated: true as const, points: 30, label: 'A member activated' }],
        required: [{ activated: true as const }],
        threshold: 30,
      },
    ],
  };
  const at = (fields: Record<string, unknown>, time: number, account?: string) => ({
    messageId: `a-${++n}`,
    type: 'track',
    ...(account ? { context: { groupId: account } } : {}),
    ...fields,
    timestamp: new Date(time).toISOString(),
  });
  const join = (userId: string, groupId: string, time: number) =>
    at({ type: 'group', userId, groupId, traits: {} }, time);
  const message = (userId: string, time: number, account?: string) =>
    at({ event: 'message_sent', userId }, time, account);

  it('counts an account as activated from the first time any of its members activated', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    const { post, admin, projector } = testApp(accountConfig);
    await post('/v1/batch', {
      writeKey: WRITE_KEY,
      batch: [
        // acme: Bea activates first in arrival order (a day ago), Ada earlier in time (3 days ago).
        join('bea', 'acme', NOW - 5 * DAY),
        message('bea', NOW - 2 * DAY, 'acme'),
        message('bea', NOW - DAY, 'acme'),
        join('ada', 'acme', NOW - 5 * DAY),
        message('ada', NOW - 4 * DAY, 'acme'),
        message('ada', NOW - 3 * DAY, 'acme'),
        // gamma: Cid activates on messages that name no account.
        join('cid', 'gamma', NOW - 5 * DAY),
        message('cid', NOW - 4 * DAY),
        message('cid', NOW - 2 * DAY),
        // delta: Dan activated before he joined it.
        message('dan', NOW - 4 * DAY),
        message('dan', NOW - 3 * DAY),
        join('dan', 'delta', NOW - DAY),
        // beta: nobody activated.
        join('eve', 'beta', NOW - 5 * DAY),
        message('eve', NOW - 4 * DAY, 'beta'),
      ],
    });
    await projector.settled();

    const activation = async (account: string) => {
      const { pql } = await (await admin(`/v1/admin/accounts/${account}`)).json();
      const [score] = pql as { qualifies: boolean; reasons: { detail: string; at: number }[] }[];
      return { qualifies: score!.qualifies, at: score!.reasons[0]?.at ?? null };
    };
    expect(await activation('acme')).toEqual({ qualifies: true, at: NOW - 3 * DAY });
    expect(await activation('gamma')).toEqual({ qualifies: true, at: NOW - 2 * DAY });
    expect(await activation('delta')).toEqual({ qualifies: true, at: NOW - 3 * DAY });
    expect(await activation('beta')).toEqual({ qualifies: false, at: null });

    const list = await (await admin('/v1/admin/pqls?definition=team_ready')).json();
    expect(list.pqls.map((p: { id: string }) => p.id).sort()).toEqual(['acme', 'delta', 'gamma']);
    expect(list.pqls.find((p: { id: string }) => p.id === 'acme').reasons[0]).toMatchObject({
      label: 'A member activated',
      points: 30,
      detail: 'activated 3 days ago',
    });

    // Later, with those activations saved: a new member scores acme again, and Cid, long
    // activated, joins epsilon.
    await post('/v1/batch', {
      writeKey: WRITE_KEY,
      batch: [join('fay', 'acme', NOW - HOUR), join('cid', 'epsilon', NOW - HOUR)],
    });
    await projector.settled();
    expect(await activation('acme')).toEqual({ qualifies: true, at: NOW - 3 * DAY });
    expect(await activation('epsilon')).toEqual({ qualifies: true, at: NOW - 2 * DAY });
  });
});
