import { describe, expect, it } from 'vitest';
import { type ConfigProblem, validateConfig } from '../../core/config/validate';

const base = {
  product: { name: 'TeamChat' },
  locales: { default: 'en', supported: ['en', 'pl'] },
  milestones: [
    { id: 'invited', event: 'teammate_invited', scope: 'account' },
    { id: 'first_message', event: 'message_sent' },
  ],
  activation: { milestones: ['first_message'] },
  signals: [{ id: 'pricing', type: 'page', path: '/pricing' }],
};

const line = (p: ConfigProblem) => `${p.path}: ${p.message}`;

function problems(pql: unknown[], extra: Record<string, unknown> = {}): string[] {
  const result = validateConfig({ ...base, ...extra, pql });
  return result.ok ? [] : result.problems.map(line);
}

describe('PQL config', () => {
  it('fills in defaults: user scope, empty rule lists, one event, no filters', () => {
    const result = validateConfig({
      ...base,
      pql: [
        {
          id: 'upsell',
          value: [{ event: 'message_sent', points: 5 }],
          intent: [{ signal: 'pricing', withinDays: 7, points: 30 }],
          threshold: 30,
        },
      ],
    });
    expect(result.ok && result.config.pql).toEqual([
      {
        id: 'upsell',
        scope: 'user',
        fit: [],
        value: [{ event: 'message_sent', where: [], atLeast: 1, points: 5 }],
        intent: [{ signal: 'pricing', withinDays: 7, atLeast: 1, points: 30 }],
        required: [],
        threshold: 30,
      },
    ]);
    expect(validateConfig(base).ok && validateConfig(base)).toMatchObject({ config: { pql: [] } });
  });

  it('reports unknown milestones and signals, and duplicate ids, at their paths', () => {
    expect(
      problems([
        {
          id: 'upsell',
          value: [{ milestone: 'nope', points: 10 }],
          intent: [{ signal: 'pricing_page', withinDays: 7, points: 30 }],
          required: [{ milestone: 'gone', reached: true }],
          threshold: 10,
        },
        { id: 'upsell', intent: [{ signal: 'pricing', withinDays: 7, points: 30 }], threshold: 10 },
      ]),
    ).toEqual([
      'pql[1].id: duplicate PQL definition id "upsell"',
      'pql[0].value[0].milestone: unknown milestone "nope"',
      'pql[0].intent[0].signal: unknown signal "pricing_page"',
      'pql[0].required[0].milestone: unknown milestone "gone"',
    ]);
  });

  it('rejects a threshold the rules can never reach; negative points do not help', () => {
    expect(
      problems([
        {
          id: 'upsell',
          fit: [
            { trait: 'role', value: 'student', points: -20 },
            { accountTrait: 'plan', value: 'free', points: 10 },
          ],
          intent: [{ signal: 'pricing', withinDays: 7, points: 30 }],
          threshold: 41,
        },
      ]),
    ).toEqual(['pql[0].threshold: unreachable: the rules give at most 40 points']);
  });

  it('wants every per-locale label in every supported locale', () => {
    expect(
      problems([
        {
          id: 'upsell',
          title: { en: 'Upsell' },
          intent: [
            {
              signal: 'pricing',
              withinDays: 7,
              points: 30,
              label: { en: 'Pricing', de: 'Preise' },
            },
          ],
          threshold: 30,
        },
      ]),
    ).toEqual([
      'pql[0].title: missing the "pl" text (locales.supported lists it)',
      'pql[0].intent[0].label: missing the "pl" text (locales.supported lists it)',
      'pql[0].intent[0].label.de: "de" is not in locales.supported',
    ]);
  });

  it('an account-scope definition reads no user traits and no user milestones', () => {
    expect(
      problems([
        {
          id: 'expansion',
          scope: 'account',
          fit: [{ trait: 'role', value: 'admin', points: 10 }],
          value: [
            { milestone: 'first_message', points: 10 },
            { milestone: 'invited', points: 10 },
          ],
          required: [
            {
              any: [
                { trait: 'role', value: 'admin' },
                { milestone: 'first_message', reached: true },
              ],
            },
          ],
          threshold: 10,
        },
      ]),
    ).toEqual([
      'pql[0].fit[0].trait: an account-scope definition has no user traits; use accountTrait',
      'pql[0].value[0].milestone: "first_message" is a user milestone; an account-scope definition reads account milestones only',
      'pql[0].required[0].any[0]: an account-scope definition has no user traits; use accountTrait',
      'pql[0].required[0].any[1].milestone: "first_message" is a user milestone; an account-scope definition reads account milestones only',
    ]);
  });

  it('refuses device and viewport conditions, and activation rules without an activation', () => {
    const { activation: _, ...noActivation } = base;
    const result = validateConfig({
      ...noActivation,
      pql: [
        {
          id: 'upsell',
          value: [{ activated: true, points: 10 }],
          required: [{ device: 'mobile' }],
          threshold: 10,
        },
      ],
    });
    expect(result.ok ? [] : result.problems.map(line)).toEqual([
      'pql[0].value[0].activated: the config defines no activation',
      'pql[0].required[0]: the collector does not know the device or viewport; PQL rules cannot use them',
    ]);
  });

  it('allows negative points for fit only, never zero, and wants a window on intent', () => {
    const shapes = problems([
      {
        id: 'upsell',
        fit: [{ trait: 'role', value: 'x', points: 0 }],
        value: [{ milestone: 'first_message', points: -5 }],
        intent: [{ signal: 'pricing', points: 30 }],
        threshold: 1,
      },
    ]);
    expect(shapes).toHaveLength(3);
    expect(shapes[0]).toMatch(/^pql\[0\]\.fit\[0\]/);
    expect(shapes[1]).toMatch(/^pql\[0\]\.value\[0\]/);
    expect(shapes[2]).toMatch(/^pql\[0\]\.intent\[0\]/);
  });
});
