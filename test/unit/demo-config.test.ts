import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { testApp, WRITE_KEY } from '../helpers/app';

/** The demo's config, as a team would copy it. */
const demo = JSON.parse(readFileSync('demo/ahakit.config.json', 'utf8'));
const { $schema: _schema, ...config } = demo;

/** A TeamChat journey to the aha moment in `workspace`, then what shows buying intent. */
function journey(user: string, workspace: string, plan: string) {
  const start = Date.now() - 3_600_000;
  let n = 0;
  const at = () => new Date(start + ++n * 10_000).toISOString();
  const base = { userId: user, context: { groupId: workspace } };
  const track = (event: string, properties: Record<string, unknown> = {}) => ({
    ...base,
    type: 'track',
    event,
    properties,
  });
  return [
    { ...base, type: 'identify', traits: { email: `${user}@${workspace}.example`, name: user } },
    { ...base, type: 'group', groupId: workspace, traits: { plan, companySize: '11-50' } },
    track('workspace_created'),
    ...Array.from({ length: 3 }, () => track('channel_created')),
    track('teammate_invited'),
    ...Array.from({ length: 10 }, () => track('message_sent')),
    // Two pricing visits, then the pricing page's "Talk to sales" button, as the widget
    // sends them: the event, and the hand-raise signal the config makes of it.
    track('$signal', { signalId: 'pricing_viewed', type: 'page', path: '/pricing' }),
    track('$signal', { signalId: 'pricing_viewed', type: 'page', path: '/pricing' }),
    track('talk_to_sales_clicked', { from: 'pricing' }),
    track('$signal', {
      signalId: 'sales_requested',
      type: 'event',
      event: 'talk_to_sales_clicked',
    }),
  ].map((m) => ({ ...m, messageId: `${user}-${n}-${Math.random()}`, timestamp: at() }));
}

describe('the demo config, as a team would copy it', () => {
  it('makes upsell leads of free workspaces only, and tells sales of every "talk to sales" but not of each pricing view', async () => {
    const { post, admin, store, projector } = testApp(config);
    const res = await post('/v1/batch', {
      writeKey: WRITE_KEY,
      batch: [...journey('ada', 'acme', 'free'), ...journey('pia', 'bigco', 'pro')],
    });
    expect(res.status).toBe(200);
    await projector.settled();

    const upsell = await (await admin('/v1/admin/pqls?definition=upsell&all=1')).json();
    const leads = Object.fromEntries(
      upsell.pqls.map((p: { id: string; qualifies: boolean }) => [p.id, p.qualifies]),
    );
    // Pia's workspace already pays: as engaged as Ada, but no upsell lead.
    expect(leads).toEqual({ ada: true, pia: false });
    const pia = await (await admin('/v1/admin/users/pia')).json();
    // Her score is high: the page says which required condition fails.
    expect(pia.pql.find((p: { definition: string }) => p.definition === 'upsell')).toMatchObject({
      qualifies: false,
      missing: ['account plan = free'],
    });

    const handraises = store.outbox
      .recent({ limit: 100 })
      .filter((d) => d.eventType === 'handraise')
      .map((d) => {
        const event = JSON.parse(d.payload);
        return `${event.data.subject.id} ${event.data.signal.id}`;
      })
      .sort();
    expect(handraises).toEqual(['ada sales_requested', 'pia sales_requested']);
  });

  it('routes every talk-to-sales path to the hand-raise webhook', () => {
    const hook = config.webhooks.find((w: { id: string }) => w.id === 'demo-receiver');
    expect(hook.events).toContain('handraise');
    // The prompts' own "talk to sales" button, and the pricing page's.
    expect(hook.signals).toEqual(expect.arrayContaining(['talk_to_sales', 'sales_requested']));
    const sales = config.signals.find((s: { id: string }) => s.id === 'sales_requested');
    expect(sales).toMatchObject({ type: 'event', event: 'talk_to_sales_clicked' });
  });
});
