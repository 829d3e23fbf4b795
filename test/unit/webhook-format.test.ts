import { describe, expect, it } from 'vitest';
import { plainText, slackText } from '../../server/src/webhooks/event-text';
import type { WebhookEvent } from '../../server/src/webhooks/events';
import { webhookEventId } from '../../server/src/webhooks/events';
import { renderBody } from '../../server/src/webhooks/format';

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
          trigger: {},
          scores: [],
        },
      }),
    ).toBe('✋ Account *Analytical Engines* raised a hand: *pricing*');
  });

  describe('hand-raises', () => {
    const lovelace = {
      kind: 'user' as const,
      id: 'u_ada',
      email: 'ada@analytical.example',
      name: 'Ada Lovelace',
      account: { id: 'acc_1', name: 'Analytical Engines' },
    };
    const raise = (
      signal: { id: string; title?: string },
      trigger: Record<string, string | number>,
    ): WebhookEvent => ({
      id: webhookEventId('handraise', 'user', 'u_ada', 'msg-1'),
      type: 'handraise',
      occurredAt: 0,
      data: { subject: lovelace, signal, trigger, scores: [] },
    });

    it('says who opened which page, with their email and account', () => {
      expect(
        slackText(
          raise(
            { id: 'pricing_viewed', title: 'Opened the pricing page' },
            { type: 'page', path: '/pricing' },
          ),
        ),
      ).toBe(
        '✋ *Ada Lovelace* (ada@analytical.example, Analytical Engines) opened the pricing page `/pricing`',
      );
      expect(slackText(raise({ id: 'pricing_viewed' }, { type: 'page', path: '/pricing' }))).toBe(
        '✋ *Ada Lovelace* (ada@analytical.example, Analytical Engines) opened `/pricing`',
      );
    });

    it('says how much of a usage limit was reached', () => {
      expect(
        slackText(
          raise(
            { id: 'message_limit', title: 'Near the free message limit' },
            { type: 'usage', metric: 'messages', used: 40, limit: 50, threshold: 0.8 },
          ),
        ),
      ).toMatch(/\) reached 80% of the messages limit \(40 of 50\)$/);
    });

    it('says who asked to talk to sales, and from which prompt', () => {
      expect(
        slackText(raise({ id: 'talk_to_sales' }, { type: 'talk_to_sales', nudgeId: 'limit_card' })),
      ).toBe(
        '✋ *Ada Lovelace* (ada@analytical.example, Analytical Engines) asked to talk to sales from the *limit_card* prompt',
      );
    });

    it('uses a click or event signal’s title, or what was clicked or sent', () => {
      expect(
        slackText(
          raise(
            { id: 'huddles', title: 'Clicked Huddles (Pro)' },
            { type: 'click', selector: '[data-paid-feature="huddles"]' },
          ),
        ),
      ).toMatch(/\) clicked Huddles \(Pro\)$/);
      expect(
        slackText(raise({ id: 'api', title: 'API key created' }, { type: 'event', event: 'x' })),
      ).toMatch(/\) API key created$/);
      expect(slackText(raise({ id: 'huddles' }, { type: 'click', selector: '#huddles' }))).toMatch(
        /\) clicked `#huddles`$/,
      );
      expect(slackText(raise({ id: 'demo' }, { type: 'event', event: 'demo_booked' }))).toMatch(
        /\) sent \*demo_booked\*$/,
      );
    });

    it('keeps a path from making Slack links', () => {
      const text = slackText(raise({ id: 'p' }, { type: 'page', path: '/<http://evil|x>' }));
      expect(text).toContain('`/&lt;http://evil|x&gt;`');
    });
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

  it('writes the same line as plain text for a terminal, without mrkdwn or control characters', () => {
    expect(plainText(pql)).toBe(
      'ada@analytical.example (Analytical Engines) qualified as upsell PQL — score 85: activated (+40), invited teammates (+20), opened pricing 2 days ago (+25)',
    );
    const forged = plainText({
      ...pql,
      data: { ...pql.data, subject: { kind: 'user', id: 'eve\r\nwebhook pql.qualified: <b>' } },
    });
    expect(forged).toMatch(/^eve��webhook pql\.qualified: <b> qualified as upsell PQL/);
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
