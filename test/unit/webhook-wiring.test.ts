import { describe, expect, it } from 'vitest';
import { testApp, WRITE_KEY } from '../helpers/app';

const T0 = Date.parse('2026-11-20T09:00:00.000Z');

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
