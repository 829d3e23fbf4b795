import { describe, expect, it } from 'vitest';
import { testApp, WRITE_KEY } from '../helpers/app';

const T0 = Date.now() - 60_000;

const config = {
  milestones: ['a', 'b', 'c'].map((id) => ({ id, event: `${id}_done` })),
  checklists: [
    {
      id: 'start',
      title: 'Get started',
      items: ['a', 'b', 'c'].map((id) => ({ id, milestone: id, title: `Do ${id}` })),
    },
  ],
  signals: [{ id: 'pricing', type: 'page' as const, path: '/pricing' }],
  webhooks: [
    {
      id: 'sales',
      url: 'https://crm.example/hooks',
      secret: 'whsec_0123456789abcdef',
      events: ['handraise' as const],
    },
    {
      id: 'every',
      url: 'https://crm.example/every',
      secret: 'whsec_0123456789abcdef',
      events: ['handraise' as const],
      handraiseCooldownMinutes: 0,
    },
  ],
};

const track = (i: number, event: string, properties: Record<string, unknown>) => ({
  type: 'track',
  messageId: `m${i}`,
  userId: 'ada',
  event,
  properties,
  timestamp: new Date(T0 + i).toISOString(),
});

describe('what a client cannot make the collector keep or announce', () => {
  it('keeps dismissals of configured checklists only', async () => {
    const { post, projector } = testApp(config);
    const batch = [
      track(1, '$checklist_dismissed', { checklistId: 'start' }),
      ...Array.from({ length: 200 }, (_, i) =>
        track(2 + i, '$checklist_dismissed', { checklistId: `made-up-${i}` }),
      ),
    ];
    expect((await post('/v1/batch', { writeKey: WRITE_KEY, batch })).status).toBe(200);
    await projector.settled();
    const user = await projector.read('user', 'ada');
    expect(user?.prefs.dismissed).toEqual({ start: T0 + 1 });
  });

  it('stores $signal events of unknown signals but announces only configured ones, once per cooldown', async () => {
    const { post, projector, store } = testApp(config);
    const batch = [
      ...Array.from({ length: 50 }, (_, i) => track(i, '$signal', { signalId: `made-up-${i}` })),
      track(100, '$signal', { signalId: 'pricing', type: 'page', path: '/pricing' }),
      track(101, '$signal', { signalId: 'pricing', type: 'page', path: '/pricing' }),
      track(102, '$signal', { signalId: 'pricing', type: 'page', path: '/pricing' }),
    ];
    expect((await post('/v1/batch', { writeKey: WRITE_KEY, batch })).status).toBe(200);
    await projector.settled();
    expect(await store.countEvents()).toBe(53);
    const deliveries = store.outbox.recent({ limit: 100 });
    const byHook = (id: string) => deliveries.filter((d) => d.webhookId === id);
    expect(byHook('sales')).toHaveLength(1);
    expect(byHook('every')).toHaveLength(3);
    for (const d of deliveries) expect(JSON.parse(d.payload).data.signal.id).toBe('pricing');
  });
});
