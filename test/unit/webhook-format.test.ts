import { describe, expect, it } from 'vitest';
import type { WebhookEvent } from '../../server/src/webhooks/events';
import { webhookEventId } from '../../server/src/webhooks/events';
import { renderBody, slackText } from '../../server/src/webhooks/format';

const ada = {
  kind: 'user' as const,
  id: 'u_ada',
  email: 'ada@analytical.example',
  account: { id: 'acc_1', name: 'Analytical Engines' },
};

const pql: WebhookEvent = {
  id: webhookEventId('pql.qualified', 'user', 'u_ada', 'upsell'),
  type: 'pql.qualified',
  occurredAt: Date.UTC(2026, 0, 1),
  data: {
    subject: ada,
    definition: 'upsell',
    score: 85,
    threshold: 60,
    reasons: [
      { rule: 'activated', label: 'activated', points: 40 },
      { rule: 'invited', label: 'invited teammates', points: 20 },
      { rule: 'pricing', label: 'opened pricing 2 days ago', points: 25 },
    ],
  },
};

describe('webhook message formats', () => {
  it('writes a PQL as one readable Slack line with its reasons', () => {
    expect(slackText(pql)).toBe(
      '🎯 *ada@analytical.example* (Analytical Engines) qualified as *upsell* PQL — score 85: activated (+40), invited teammates (+20), opened pricing 2 days ago (+25)',
    );
  });

  it('sends Slack a {text, blocks} message', () => {
    const body = JSON.parse(renderBody('slack', pql));
    expect(body).toEqual({
      text: slackText(pql),
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: slackText(pql) } }],
    });
  });

  it('names milestones, activations, hand-raises and accounts', () => {
    const base = { occurredAt: 0 };
    expect(
      slackText({
        ...base,
        id: 'm',
        type: 'milestone.reached',
        data: { subject: ada, milestone: { id: 'first-message', title: 'First message' } },
      }),
    ).toBe('🏁 *ada@analytical.example* (Analytical Engines) reached *First message*');
    expect(
      slackText({
        ...base,
        id: 'a',
        type: 'activation',
        data: { subject: { kind: 'user', id: 'u_bob' }, timeToValueMs: 3 * 3_600_000 },
      }),
    ).toBe('⚡ *u_bob* is activated after 3 h');
    expect(
      slackText({
        ...base,
        id: 'h',
        type: 'handraise',
        data: {
          subject: { kind: 'account', id: 'acc_1', name: 'Analytical Engines' },
          signal: { id: 'pricing' },
        },
      }),
    ).toBe('✋ Account *Analytical Engines* raised a hand: *pricing*');
  });

  it('keeps user data from making Slack links or mentions', () => {
    const text = slackText({
      ...pql,
      data: {
        ...pql.data,
        subject: { kind: 'user', id: '<!channel> & <http://x|y>' },
        reasons: [],
      },
    });
    expect(text).toContain('&lt;!channel&gt; &amp; &lt;http://x|y&gt;');
    expect(text).not.toContain('<');
  });

  it('sends the json format as {id, type, occurredAt, data}', () => {
    expect(JSON.parse(renderBody('json', pql))).toEqual({
      id: 'pql.qualified:user:u_ada:upsell',
      type: 'pql.qualified',
      occurredAt: '2026-01-01T00:00:00.000Z',
      data: pql.data,
    });
  });
});
