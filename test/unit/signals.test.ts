import { describe, expect, it } from 'vitest';
import { configSchema } from '../../core/config/schema';
import {
  compileNudges,
  matchPath,
  type SignalHit,
  signalsFor,
  triggeredNudges,
  type UsageMarks,
} from '../../core/engine';

const rules = compileNudges(
  configSchema.parse({
    product: { name: 'TeamChat' },
    milestones: [{ id: 'first_message', event: 'message_sent' }],
    signals: [
      { id: 'pricing', type: 'page', path: '/pricing' },
      { id: 'settings', type: 'page', path: '/app/*/settings' },
      { id: 'messages', type: 'usage', metric: 'messages', thresholds: [0.8, 1] },
      {
        id: 'seats',
        type: 'usage',
        metric: 'seats',
        thresholds: [1],
        event: { name: 'member_added', usedProperty: 'seats.used', limitProperty: 'seats.limit' },
      },
      { id: 'huddles', type: 'click', selector: '[data-paid="huddles"]' },
      {
        id: 'support',
        type: 'event',
        event: 'support_opened',
        where: [{ property: 'topic', value: 'billing' }],
      },
    ],
    nudges: [
      { id: 'card80', kind: 'card', trigger: { signal: 'messages', threshold: 0.8 } },
      { id: 'modal100', kind: 'modal', trigger: { signal: 'messages', threshold: 1 } },
      { id: 'any_usage', kind: 'banner', trigger: { signal: 'messages' } },
      { id: 'welcome', kind: 'modal', trigger: { milestone: 'first_message' } },
      {
        id: 'big_export',
        kind: 'card',
        trigger: { event: 'exported', where: [{ property: 'rows', op: 'gt', value: 1000 }] },
      },
      { id: 'docs', kind: 'banner', trigger: { page: '/docs/**' } },
    ].map((n) => ({ ...n, content: { title: n.id } })),
  }),
);

describe('page path patterns', () => {
  it('matches an exact path, ignoring a trailing slash, the query and the hash', () => {
    expect(matchPath('/pricing', '/pricing')).toBe(true);
    expect(matchPath('/pricing', '/pricing/?plan=pro#faq')).toBe(true);
    expect(matchPath('/pricing/', '/pricing')).toBe(true);
    expect(matchPath('/pricing', '/pricing/enterprise')).toBe(false);
    expect(matchPath('/pricing', '/Pricing')).toBe(false);
    expect(matchPath('/', '/')).toBe(true);
    expect(matchPath('/', '/app')).toBe(false);
  });

  it('matches one segment with * and any number with **', () => {
    expect(matchPath('/app/*/settings', '/app/acme/settings')).toBe(true);
    expect(matchPath('/app/*/settings', '/app/acme/team/settings')).toBe(false);
    expect(matchPath('/app/*/settings', '/app//settings')).toBe(false);
    expect(matchPath('/docs/**', '/docs')).toBe(true);
    expect(matchPath('/docs/**', '/docs/api/nudges')).toBe(true);
    expect(matchPath('/docs/**', '/documents')).toBe(false);
    expect(matchPath('/files/*.pdf', '/files/report.pdf')).toBe(true);
    expect(matchPath('/files/*.pdf', '/files/reportxpdf')).toBe(false);
  });

  it('matches a regular expression written between slashes', () => {
    expect(matchPath('/^\\/blog\\/\\d+$/', '/blog/42')).toBe(true);
    expect(matchPath('/^\\/blog\\/\\d+$/', '/blog/42?utm=x')).toBe(true);
    expect(matchPath('/^\\/blog\\/\\d+$/', '/blog/latest')).toBe(false);
    expect(matchPath('/^\\/(pricing|plans)/', '/plans/pro')).toBe(true);
  });

  it('matches nothing with a broken regular expression instead of throwing', () => {
    expect(matchPath('/^([a-z/', '/abc')).toBe(false);
  });
});

describe('hand-raise signals', () => {
  const usage = (used: number, limit: number, marks: UsageMarks = {}) =>
    signalsFor(rules, { kind: 'usage', metric: 'messages', used, limit }, marks);

  it('fires the page signal when the pricing page opens, every time, with the path', () => {
    const page = signalsFor(rules, { kind: 'page', path: '/pricing?from=nav' });
    expect(page.hits).toEqual([
      { signalId: 'pricing', trigger: { type: 'page', path: '/pricing?from=nav' } },
    ]);
    expect(signalsFor(rules, { kind: 'page', path: '/app/acme/settings' }).hits).toEqual([
      { signalId: 'settings', trigger: { type: 'page', path: '/app/acme/settings' } },
    ]);
    expect(signalsFor(rules, { kind: 'page', path: '/app' }).hits).toEqual([]);
  });

  it('fires the usage signal once when 80% of the message limit is used', () => {
    expect(usage(70, 100).hits).toEqual([]);
    const at80 = usage(80, 100);
    expect(at80.hits).toEqual([
      {
        signalId: 'messages',
        trigger: { type: 'usage', metric: 'messages', used: 80, limit: 100, threshold: 0.8 },
      },
    ]);
    expect(at80.marks).toEqual({ messages: 0.8 });
    const at85 = usage(85, 100, at80.marks);
    expect(at85.hits).toEqual([]);
    expect(at85.marks).toBe(at80.marks);
  });

  it('fires again at the limit, and reports only the highest threshold of a jump', () => {
    const at80 = usage(1600, 2000);
    const full = usage(2000, 2000, at80.marks);
    expect(full.hits.map((h) => h.trigger)).toEqual([
      { type: 'usage', metric: 'messages', used: 2000, limit: 2000, threshold: 1 },
    ]);
    const jump = usage(2100, 2000);
    expect(jump.hits.map((h) => (h.trigger as { threshold: number }).threshold)).toEqual([1]);
    expect(jump.marks).toEqual({ messages: 1 });
  });

  it('fires again after usage fell back under a threshold and crossed it again', () => {
    let marks = usage(100, 100).marks;
    expect(usage(100, 100, marks).hits).toEqual([]);
    marks = usage(90, 100, marks).marks; // a message deleted: under 100%, still over 80%
    expect(marks).toEqual({ messages: 0.8 });
    expect(usage(100, 100, marks).hits).toHaveLength(1);
    marks = usage(5, 100, marks).marks; // a new billing period
    expect(marks).toEqual({});
    expect(usage(80, 100, marks).hits).toHaveLength(1);
  });

  it('ignores a usage report without a positive, finite limit', () => {
    for (const [used, limit] of [
      [5, 0],
      [5, -1],
      [Number.NaN, 10],
      [5, Number.POSITIVE_INFINITY],
    ] as const) {
      expect(usage(used, limit)).toEqual({ hits: [], marks: {} });
    }
    expect(signalsFor(rules, { kind: 'usage', metric: 'storage', used: 9, limit: 9 }).hits).toEqual(
      [],
    );
  });

  it('reads usage from the configured event’s properties', () => {
    const added = (used: unknown, limit: unknown) =>
      signalsFor(rules, {
        kind: 'event',
        event: 'member_added',
        properties: { seats: { used, limit } },
      });
    expect(added(5, 5).hits).toEqual([
      {
        signalId: 'seats',
        trigger: { type: 'usage', metric: 'seats', used: 5, limit: 5, threshold: 1 },
      },
    ]);
    expect(added(4, 5).hits).toEqual([]);
    expect(added('5', 5).hits).toEqual([]);
    // Usage signals fed by an event do not listen to ahakit.usage().
    expect(signalsFor(rules, { kind: 'usage', metric: 'seats', used: 5, limit: 5 }).hits).toEqual(
      [],
    );
  });

  it('fires the click signal the widget matched, with its selector', () => {
    expect(signalsFor(rules, { kind: 'click', matched: 'huddles' }).hits).toEqual([
      { signalId: 'huddles', trigger: { type: 'click', selector: '[data-paid="huddles"]' } },
    ]);
    expect(signalsFor(rules, { kind: 'click', matched: 'pricing' }).hits).toEqual([]);
    expect(signalsFor(rules, { kind: 'click', matched: 'unknown' }).hits).toEqual([]);
  });

  it('fires the event signal only when the event passes its filters', () => {
    const opened = (topic: string) =>
      signalsFor(rules, { kind: 'event', event: 'support_opened', properties: { topic } }).hits;
    expect(opened('billing')).toEqual([
      { signalId: 'support', trigger: { type: 'event', event: 'support_opened' } },
    ]);
    expect(opened('bug')).toEqual([]);
  });
});

describe('nudge triggers', () => {
  const hit = (threshold: number): SignalHit => ({
    signalId: 'messages',
    trigger: { type: 'usage', metric: 'messages', used: 1, limit: 1, threshold },
  });

  it('triggers the card at 80% and the modal at the limit, and an unqualified trigger at both', () => {
    expect(triggeredNudges(rules, { signals: [hit(0.8)] })).toEqual(['card80', 'any_usage']);
    expect(triggeredNudges(rules, { signals: [hit(1)] })).toEqual(['modal100', 'any_usage']);
  });

  it('triggers on a milestone reached, a matching event and a matching page', () => {
    expect(triggeredNudges(rules, { milestones: ['first_message'] })).toEqual(['welcome']);
    expect(
      triggeredNudges(rules, { event: { event: 'exported', properties: { rows: 5000 } } }),
    ).toEqual(['big_export']);
    expect(
      triggeredNudges(rules, { event: { event: 'exported', properties: { rows: 5 } } }),
    ).toEqual([]);
    expect(triggeredNudges(rules, { path: '/docs/setup' })).toEqual(['docs']);
    expect(triggeredNudges(rules, {})).toEqual([]);
  });
});
