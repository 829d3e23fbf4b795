import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../core/config/validate';

const base = {
  product: { name: 'TeamChat' },
  locales: { default: 'en', supported: ['en', 'pl'] },
  milestones: [
    { id: 'message_sent', event: 'message_sent' },
    { id: 'upgraded', event: 'plan_upgraded', scope: 'account' },
  ],
};

const valid = {
  ...base,
  signals: [
    { id: 'pricing_page', type: 'page', path: '/pricing' },
    { id: 'message_limit', type: 'usage', metric: 'messages', thresholds: [0.8, 1] },
    {
      id: 'seats_limit',
      type: 'usage',
      metric: 'seats',
      thresholds: [1],
      event: { name: 'member_added', usedProperty: 'seats.used', limitProperty: 'seats.limit' },
    },
    { id: 'huddles_click', type: 'click', selector: '[data-paid="huddles"]' },
    {
      id: 'contacted_support',
      type: 'event',
      event: 'support_opened',
      where: [{ property: 'topic', value: 'billing' }],
    },
  ],
  nudges: [
    {
      id: 'limit_card',
      kind: 'card',
      trigger: { signal: 'message_limit', threshold: 0.8 },
      audience: { all: [{ trait: 'plan', value: 'free' }, { device: 'desktop' }] },
      content: {
        title: { en: 'Almost out of messages', pl: 'Prawie brak wiadomości' },
        body: 'Hi {{user.firstName|there}}, **Pro** has no limit. [Compare plans](https://teamchat.example/pricing)',
      },
      cta: { label: 'Upgrade', action: { type: 'url', url: '/billing' } },
      goal: { event: 'plan_upgraded', withinDays: 7 },
      experiment: { control: 0.5 },
    },
    {
      id: 'huddles_tip',
      kind: 'tooltip',
      anchor: '[data-paid="huddles"]',
      placement: 'right',
      trigger: { signal: 'huddles_click' },
      audience: { viewport: { minWidth: 768 } },
      content: { title: 'Huddles are on Pro' },
      cta: { label: 'Talk to sales', action: { type: 'talk_to_sales' } },
      frequency: { maxShows: 1, dontShowAgain: true },
      priority: 5,
    },
    {
      id: 'pricing_banner',
      kind: 'banner',
      trigger: { page: '/pricing' },
      content: { title: 'Questions? We reply within an hour' },
    },
    {
      id: 'welcome_modal',
      kind: 'modal',
      trigger: { milestone: 'message_sent' },
      content: { title: 'Nice first message!' },
    },
  ],
  fatigue: { maxPerSession: 2 },
};

const problems = (input: unknown) => {
  const result = validateConfig(input);
  return result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`);
};

describe('signal and nudge config', () => {
  it('accepts signals of every type and nudges of every kind, filling in defaults', () => {
    const result = validateConfig(valid);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [card, tip, banner, modal] = result.config.nudges!;
    expect(card).toMatchObject({
      placement: 'bottom-right',
      priority: 0,
      frequency: { maxShows: 3, cooldownHours: 24, dontShowAgain: false },
      goal: { event: 'plan_upgraded', where: [], withinDays: 7 },
    });
    expect(tip).toMatchObject({ frequency: { maxShows: 1, cooldownHours: 24 }, priority: 5 });
    expect(banner).toMatchObject({ placement: 'top' });
    expect(modal).not.toHaveProperty('placement');
    expect(result.config.fatigue).toEqual({ maxPerSession: 2, maxPerDay: 2, minGapMinutes: 30 });
    expect(result.config.signals![4]).toMatchObject({ where: [{ op: 'eq', value: 'billing' }] });
  });

  it('leaves a config without signals or nudges as it was', () => {
    const result = validateConfig(base);
    expect(result.ok && Object.keys(result.config)).not.toContain('nudges');
  });

  it('wants an anchor on a tooltip, and a placement that fits the kind', () => {
    const nudge = { id: 'n', trigger: { page: '/x' }, content: { title: 'T' } };
    expect(
      problems({
        ...base,
        nudges: [
          { ...nudge, kind: 'tooltip' },
          { ...nudge, kind: 'banner', placement: 'bottom-right' },
          { ...nudge, kind: 'modal', anchor: '#x' },
        ],
      }),
    ).toEqual([
      'nudges[0].anchor: required',
      'nudges[1].placement: not an allowed value',
      'nudges[2]: unknown key "anchor"',
    ]);
  });

  it('checks page patterns, threshold ranges and experiment shares', () => {
    expect(
      problems({
        ...base,
        signals: [
          { id: 'a', type: 'page', path: 'pricing' },
          { id: 'b', type: 'page', path: '/^([a-z]+$/' },
          { id: 'c', type: 'usage', metric: 'm', thresholds: [0, 80] },
        ],
        nudges: [
          {
            id: 'n',
            kind: 'modal',
            trigger: { page: '/x' },
            content: { title: 'T' },
            experiment: { control: 1.5 },
          },
        ],
      }),
    ).toEqual([
      'signals[0].path: must start with "/" (a path like "/pricing")',
      'signals[1].path: not a valid regular expression',
      'signals[2].thresholds[0]: too small',
      'signals[2].thresholds[1]: too large',
      'nudges[0].experiment.control: too large',
    ]);
  });

  it('names unknown ids, duplicates, unsorted thresholds and missing translations by path', () => {
    expect(
      problems({
        ...base,
        signals: [
          { id: 'limit', type: 'usage', metric: 'm', thresholds: [1, 0.8, 0.8] },
          { id: 'limit', type: 'click', selector: '#x', title: { en: 'Click' } },
        ],
        nudges: [
          {
            id: 'a',
            kind: 'modal',
            trigger: { signal: 'nope' },
            audience: { not: { milestone: 'ghost' } },
            content: { title: 'A' },
          },
          { id: 'a', kind: 'modal', trigger: { milestone: 'ghost' }, content: { title: 'B' } },
          {
            id: 'c',
            kind: 'card',
            trigger: { signal: 'limit', threshold: 0.5 },
            content: { title: { en: 'C' }, body: { en: 'c', pl: 'c', de: 'c' } },
            cta: { label: { pl: 'Kup' }, action: { type: 'talk_to_sales' } },
          },
        ],
      }),
    ).toEqual([
      'signals[1].id: duplicate signal id "limit"',
      'nudges[1].id: duplicate nudge id "a"',
      'signals[0].thresholds[1]: thresholds must increase without repeats: 0.8 comes after 1',
      'signals[0].thresholds[2]: thresholds must increase without repeats: 0.8 comes after 0.8',
      'signals[1].title: missing the "pl" text (locales.supported lists it)',
      'nudges[0].trigger.signal: unknown signal "nope"',
      'nudges[0].audience.not.milestone: unknown milestone "ghost"',
      'nudges[1].trigger.milestone: unknown milestone "ghost"',
      'nudges[2].trigger.threshold: 0.5 is not one of "limit"’s thresholds (1, 0.8, 0.8)',
      'nudges[2].content.title: missing the "pl" text (locales.supported lists it)',
      'nudges[2].content.body.de: "de" is not in locales.supported',
      'nudges[2].cta.label: missing the "en" text (locales.supported lists it)',
    ]);
  });

  it('rejects links that are not http(s) and placeholders that name no trait', () => {
    const nudge = (body: string) => ({
      id: 'n',
      kind: 'modal',
      trigger: { page: '/x' },
      content: { title: 'T', body },
    });
    expect(
      problems({
        ...base,
        locales: { default: 'en', supported: ['en'] },
        nudges: [
          nudge('[x](javascript:alert(1))'),
          { ...nudge('[x](JaVaScRiPt:alert(1)) and [y](data:text/html,hi)'), id: 'm' },
          { ...nudge('Hi {{firstName}}, [ok](https://ok.example)'), id: 'o' },
        ],
      }),
    ).toEqual([
      'nudges[0].content.body: links may only go to http(s) URLs, not "javascript:"',
      'nudges[1].content.body: links may only go to http(s) URLs, not "JaVaScRiPt:"',
      'nudges[1].content.body: links may only go to http(s) URLs, not "data:"',
      'nudges[2].content.body: placeholder "{{firstName}}" must name a user. or account. trait, like {{user.firstName|there}}',
    ]);
  });

  it('accepts device and viewport rules in checklist audiences too', () => {
    expect(
      problems({
        ...base,
        checklists: [
          {
            id: 'start',
            title: 'Start',
            items: ['a', 'b', 'c'].map((id) => ({ id, milestone: 'message_sent', title: id })),
            audience: { any: [{ device: 'mobile' }, { viewport: { maxWidth: 600 } }] },
          },
        ],
      }),
    ).toEqual([]);
    expect(problems({ ...base, nudges: [] })).toEqual([]);
  });
});
