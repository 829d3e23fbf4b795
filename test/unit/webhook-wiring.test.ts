import { describe, expect, it } from 'vitest';
import { configSchema } from '../../core/config/schema';
import { createProjector } from '../../server/src/projection/projector';
import { testApp, WRITE_KEY } from '../helpers/app';

/** A minute ago: recent enough to be news. */
const T0 = Date.now() - 60_000;

describe('decisions become webhook deliveries', () => {
  it('puts a PQL qualification, an activation and a milestone in the outbox once, with who it was', async () => {
    const { post, store, projector, admin } = testApp({
      milestones: [{ id: 'messages', event: 'message_sent', count: 2, title: 'Sent 2 messages' }],
      activation: { milestones: ['messages'] },
      pql: [
        {
          id: 'upsell',
          value: [{ activated: true as const, points: 50, label: 'Activated' }],
          threshold: 50,
        },
      ],
      webhooks: [
        {
          id: 'crm',
          url: 'https://crm.example/hooks/ahakit',
          secret: 'whsec_0123456789abcdef',
          events: ['pql.qualified', 'activation', 'milestone.reached'],
        },
        {
          id: 'slack',
          url: 'https://hooks.slack.example/T/B/X',
          secret: 'whsec_0123456789abcdef',
          events: ['pql.qualified'],
          format: 'slack',
        },
      ],
    });
    const batch = [
      {
        type: 'identify',
        messageId: 'w1',
        userId: 'ada',
        traits: { email: 'ada@acme.example', name: 'Ada' },
      },
      { type: 'group', messageId: 'w2', userId: 'ada', groupId: 'acme', traits: { name: 'Acme' } },
      { type: 'track', messageId: 'w3', userId: 'ada', event: 'message_sent' },
      { type: 'track', messageId: 'w4', userId: 'ada', event: 'message_sent' },
    ].map((m, i) => ({ ...m, timestamp: new Date(T0 + i * 1000).toISOString() }));
    await post('/v1/batch', { writeKey: WRITE_KEY, batch });
    await projector.settled();

    const rows = store.outbox.recent({ limit: 10 });
    expect(rows.map((r) => `${r.webhookId} ${r.eventType}`).sort()).toEqual([
      'crm activation',
      'crm milestone.reached',
      'crm pql.qualified',
      'slack pql.qualified',
    ]);
    const qualified = JSON.parse(
      rows.find((r) => r.webhookId === 'crm' && r.eventType === 'pql.qualified')!.payload,
    );
    expect(qualified.data).toMatchObject({
      subject: {
        kind: 'user',
        id: 'ada',
        email: 'ada@acme.example',
        name: 'Ada',
        account: { id: 'acme', name: 'Acme' },
      },
      definition: 'upsell',
      score: 50,
      reasons: [{ rule: 'value', label: 'Activated', points: 50 }],
    });

    // The same events sent again change nothing, and enqueue nothing.
    await post('/v1/batch', { writeKey: WRITE_KEY, batch });
    await projector.settled();
    expect(store.outbox.recent({ limit: 10 })).toHaveLength(4);

    const listing = await (await admin('/v1/admin/webhooks')).json();
    expect(
      listing.webhooks.map((w: { id: string; deliveries: { pending: number } }) => [
        w.id,
        w.deliveries.pending,
      ]),
    ).toEqual([
      ['crm', 3],
      ['slack', 1],
    ]);
    expect(JSON.stringify(listing)).not.toContain('whsec_');
  });
});

describe('hand-raises become webhook deliveries', () => {
  const signals = [
    { id: 'pricing_viewed', type: 'page' as const, path: '/pricing', title: 'Opened pricing' },
    { id: 'message_limit', type: 'usage' as const, metric: 'messages', thresholds: [0.8, 1] },
  ];
  const config = {
    signals,
    pql: [
      {
        id: 'upsell',
        intent: [
          { signal: 'pricing_viewed', withinDays: 7, points: 15, label: 'Pricing' },
          { signal: 'talk_to_sales', withinDays: 7, points: 40, label: 'Sales' },
        ],
        threshold: 50,
      },
    ],
    webhooks: [
      {
        id: 'sales',
        url: 'https://hooks.slack.example/T/B/X',
        secret: 'whsec_0123456789abcdef',
        events: ['handraise' as const],
        format: 'slack' as const,
      },
      {
        id: 'limits',
        url: 'https://crm.example/hooks/limits',
        secret: 'whsec_0123456789abcdef',
        events: ['handraise' as const, 'pql.qualified' as const],
        signals: ['message_limit', 'talk_to_sales'],
      },
    ],
  };
  const at = (msAgo: number) => new Date(Date.now() - msAgo).toISOString();
  const identify = {
    type: 'identify',
    messageId: 'h-identify',
    userId: 'ada',
    anonymousId: 'anon-ada',
    traits: { email: 'ada@acme.example', name: 'Ada Lovelace' },
    timestamp: at(60_000),
  };
  const group = {
    type: 'group',
    messageId: 'h-group',
    userId: 'ada',
    groupId: 'acme',
    traits: { name: 'Acme' },
    timestamp: at(50_000),
  };
  const pricing = {
    type: 'track',
    messageId: 'h-pricing',
    userId: 'ada',
    event: '$signal',
    properties: { signalId: 'pricing_viewed', type: 'page', path: '/pricing' },
    context: { groupId: 'acme' },
    timestamp: at(40_000),
  };
  const handraises = (store: ReturnType<typeof testApp>['store']) =>
    store.outbox.recent({ limit: 100 }).filter((d) => d.eventType === 'handraise');

  it('enqueues one handraise per stored $signal, with who, what triggered it and their scores', async () => {
    const { post, store, projector } = testApp(config);
    await post('/v1/batch', { writeKey: WRITE_KEY, batch: [identify, group, pricing] });
    await projector.settled();

    const rows = handraises(store);
    expect(rows.map((r) => r.webhookId)).toEqual(['sales']);
    const event = JSON.parse(rows[0]!.payload);
    expect(event).toEqual({
      type: 'handraise',
      id: 'handraise:user:ada:h-pricing',
      occurredAt: Date.parse(pricing.timestamp),
      data: {
        subject: {
          kind: 'user',
          id: 'ada',
          email: 'ada@acme.example',
          name: 'Ada Lovelace',
          account: { id: 'acme', name: 'Acme' },
        },
        signal: { id: 'pricing_viewed', title: 'Opened pricing' },
        trigger: { type: 'page', path: '/pricing' },
        scores: [{ definition: 'upsell', kind: 'user', score: 15, qualifies: false }],
      },
    });
  });

  it('enqueues nothing more when the same events are sent again or projected again', async () => {
    const { post, store, projector } = testApp(config);
    await post('/v1/batch', { writeKey: WRITE_KEY, batch: [identify, group, pricing] });
    await projector.settled();
    await post('/v1/batch', { writeKey: WRITE_KEY, batch: [pricing] });
    await projector.settled();
    expect(handraises(store)).toHaveLength(1);

    // New rules project every stored event again, from the first.
    await projector.stop();
    const changed = configSchema.parse({
      product: { name: 'Test' },
      ...config,
      milestones: [{ id: 'priced', event: '$signal' }],
    });
    const replay = createProjector(store, changed);
    await replay.start();
    await replay.settled();
    expect((await replay.read('user', 'ada'))?.state.reached).toHaveProperty('priced');
    expect(handraises(store)).toHaveLength(1);
    await replay.stop();
  });

  it('announces a hand-raise sent before sign-in once the visitor identifies, with their anonymous id', async () => {
    const { post, store, projector } = testApp(config);
    const before = {
      ...pricing,
      messageId: 'h-anon',
      userId: undefined,
      anonymousId: 'anon-ada',
      context: {},
    };
    await post('/v1/batch', { writeKey: WRITE_KEY, batch: [before] });
    await projector.settled();
    expect(handraises(store)).toHaveLength(0);

    await post('/v1/batch', { writeKey: WRITE_KEY, batch: [identify] });
    await projector.settled();
    const rows = handraises(store);
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.payload)).toMatchObject({
      id: 'handraise:user:ada:h-anon',
      data: {
        subject: { id: 'ada', email: 'ada@acme.example' },
        anonymousId: 'anon-ada',
        signal: { id: 'pricing_viewed' },
      },
    });
  });

  it('filters by the webhook’s signals, and skips hand-raises too old to be news', async () => {
    const { post, store, projector } = testApp(config);
    const limit = {
      type: 'track',
      messageId: 'h-limit',
      userId: 'ada',
      event: '$signal',
      properties: {
        signalId: 'message_limit',
        type: 'usage',
        metric: 'messages',
        used: 40,
        limit: 50,
        threshold: 0.8,
        extra: { not: 'copied' },
      },
      timestamp: at(30_000),
    };
    const sales = {
      type: 'track',
      messageId: 'h-sales',
      userId: 'ada',
      event: '$signal',
      properties: { signalId: 'talk_to_sales', type: 'talk_to_sales', nudgeId: 'limit_card' },
      timestamp: at(20_000),
    };
    const old = { ...pricing, messageId: 'h-old', timestamp: at(8 * 24 * 3_600_000) };
    const noSignalId = { ...pricing, messageId: 'h-none', properties: { type: 'page' } };
    await post('/v1/batch', {
      writeKey: WRITE_KEY,
      batch: [identify, pricing, limit, sales, old, noSignalId],
    });
    await projector.settled();

    const rows = handraises(store).sort((a, b) => a.seq - b.seq);
    expect(rows.map((r) => `${r.webhookId} ${r.eventId}`)).toEqual([
      'sales handraise:user:ada:h-pricing',
      'sales handraise:user:ada:h-limit',
      'limits handraise:user:ada:h-limit',
      'sales handraise:user:ada:h-sales',
      'limits handraise:user:ada:h-sales',
    ]);
    const usage = JSON.parse(rows[1]!.payload);
    expect(usage.data.trigger).toEqual({
      type: 'usage',
      metric: 'messages',
      used: 40,
      limit: 50,
      threshold: 0.8,
    });
  });
});

describe('webhooks announce only news', () => {
  const DAY = 86_400_000;
  const rules = (threshold: number) => ({
    milestones: [{ id: 'messages', event: 'message_sent', count: 2 }],
    activation: { milestones: ['messages'] },
    signals: [{ id: 'pricing', type: 'page' as const, path: '/pricing' }],
    pql: [
      {
        id: 'upsell',
        value: [{ activated: true as const, points: 50 }],
        intent: [{ signal: 'pricing', withinDays: 30, points: 40 }],
        threshold,
      },
    ],
    webhooks: [
      {
        id: 'sales',
        url: 'https://crm.example/hooks',
        secret: 'whsec_0123456789abcdef',
        events: ['pql.qualified' as const, 'activation' as const, 'handraise' as const],
      },
    ],
  });
  let n = 0;
  const journey = (userId: string, start: number) =>
    [
      { type: 'identify', traits: { email: `${userId}@acme.example` } },
      { type: 'track', event: 'message_sent' },
      { type: 'track', event: 'message_sent' },
      { type: 'track', event: '$signal', properties: { signalId: 'pricing', type: 'page' } },
    ].map((m, i) => ({
      ...m,
      userId,
      messageId: `news-${++n}`,
      timestamp: new Date(start + i * 1_000).toISOString(),
    }));

  it('a replay after a rules change sends nothing for old decisions, and lists what it held back', async () => {
    const { post, store, projector, admin } = testApp(rules(90));
    // Ada's journey three days ago arrives as a backfill; Bob's happened a minute ago.
    await post('/v1/batch', {
      writeKey: WRITE_KEY,
      batch: [...journey('ada', Date.now() - 3 * DAY), ...journey('bob', Date.now() - 60_000)],
    });
    await projector.settled();
    const sent = () =>
      store.outbox
        .recent({ limit: 50 })
        .map((r) => r.eventId)
        .sort();
    expect(sent()).toEqual([
      'activation:user:bob',
      expect.stringMatching(/^handraise:user:bob:news-/),
      'pql.qualified:user:bob:upsell',
    ]);
    // Ada qualified too, as her events said, but three days ago: history, not news.
    const ada = await (await admin('/v1/admin/users/ada')).json();
    expect(ada.pql[0]).toMatchObject({ qualifies: true });

    // The team lowers the threshold: every stored event is projected again.
    await projector.stop();
    const replay = createProjector(
      store,
      configSchema.parse({ product: { name: 'T' }, ...rules(80) }),
    );
    await replay.start();
    await replay.settled();
    expect(sent()).toHaveLength(3);

    const listing = await (await admin('/v1/admin/webhooks')).json();
    const held = listing.suppressed.latest.map(
      (s: { eventId: string; reason: string }) =>
        `${s.reason} ${s.eventId.replace(/news-\d+/, 'n')}`,
    );
    expect(held.sort()).toEqual([
      'announced activation:user:bob',
      'announced handraise:user:bob:n',
      'announced pql.qualified:user:bob:upsell',
      'stale activation:user:ada',
      'stale handraise:user:ada:n',
      'stale pql.qualified:user:ada:upsell',
    ]);
    await replay.stop();
  });
});
