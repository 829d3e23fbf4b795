import { describe, expect, it } from 'vitest';
import {
  checklistCompletion,
  funnel,
  nudgePerformance,
  segmentMatrix,
  timeToValue,
} from '../../core/metrics';

const MINUTE = 60_000;

/**
 * 1,000 generated users whose right answers are known by arithmetic:
 * - user i is activated when i mod 5 < 2 (400 users), a PQL when also i mod 4 = 0 (2 of
 *   every 20, so 100) and converted when also i mod 3 = 0 (i mod 60 ∈ {0, 36}: 2 of every
 *   60, so 32 in 0–959 and 2 more in 960–999 = 34);
 * - user i took (i + 1) minutes to value, listed in a scrambled order (the stride 337 is
 *   coprime with 1,000, so every duration appears once).
 */
const users = Array.from({ length: 1000 }, (_, i) => {
  const activated = i % 5 < 2;
  const pql = activated && i % 4 === 0;
  return {
    activated,
    pql,
    converted: pql && i % 3 === 0,
    ttvMs: (((i * 337) % 1000) + 1) * MINUTE,
  };
});

describe('funnel', () => {
  it('counts a generated population and gives rates from the previous step and the top', () => {
    const steps = funnel({
      newUsers: users.length,
      activated: users.filter((u) => u.activated).length,
      pql: users.filter((u) => u.pql).length,
      converted: users.filter((u) => u.converted).length,
    });
    expect(steps).toEqual([
      { step: 'newUsers', count: 1000, fromPrevious: null, fromTop: 1 },
      { step: 'activated', count: 400, fromPrevious: 0.4, fromTop: 0.4 },
      { step: 'pql', count: 100, fromPrevious: 0.25, fromTop: 0.1 },
      { step: 'converted', count: 34, fromPrevious: 0.34, fromTop: 0.034 },
    ]);
  });

  it('gives null rates after an empty step instead of NaN', () => {
    const steps = funnel({ newUsers: 0, activated: 0, pql: 0, converted: 0 });
    expect(steps.map((s) => [s.fromPrevious, s.fromTop])).toEqual([
      [null, null],
      [null, null],
      [null, null],
      [null, null],
    ]);
    expect(funnel({ newUsers: 10, activated: 0, pql: 0, converted: 0 })[2]).toEqual({
      step: 'pql',
      count: 0,
      fromPrevious: null,
      fromTop: 0,
    });
  });

  it('refuses negative or fractional counts', () => {
    expect(() => funnel({ newUsers: 10, activated: -1, pql: 0, converted: 0 })).toThrow(RangeError);
    expect(() => funnel({ newUsers: 1.5, activated: 0, pql: 0, converted: 0 })).toThrow(RangeError);
  });
});

describe('time to value', () => {
  it('finds the median and 75th percentile of 1,000 scrambled durations', () => {
    // Sorted, the durations are 1…1000 minutes; the median sits at rank 499.5 (between 500
    // and 501 minutes) and the 75th percentile at rank 749.25 (750 + 0.25 minutes).
    const input = users.map((u) => u.ttvMs);
    const copy = [...input];
    expect(timeToValue(input)).toEqual({
      count: 1000,
      medianMs: 500.5 * MINUTE,
      p75Ms: 750.25 * MINUTE,
    });
    expect(input).toEqual(copy);
  });

  it('handles the documented small example and a single user', () => {
    expect(timeToValue([240_000, 60_000, 180_000, 120_000])).toEqual({
      count: 4,
      medianMs: 150_000,
      p75Ms: 195_000,
    });
    expect(timeToValue([42])).toEqual({ count: 1, medianMs: 42, p75Ms: 42 });
  });

  it('reports nobody as a count of 0 and null percentiles', () => {
    expect(timeToValue([])).toEqual({ count: 0, medianMs: null, p75Ms: null });
  });

  it('refuses durations that are not numbers', () => {
    expect(() => timeToValue([1, Number.NaN])).toThrow(RangeError);
  });
});

describe('checklist completion', () => {
  it('gives each item its completion rate, null when nobody was eligible', () => {
    expect(
      checklistCompletion([
        { checklist: 'getting_started', item: 'create_channel', eligible: 400, completed: 300 },
        { checklist: 'getting_started', item: 'invite', eligible: 400, completed: 100 },
        { checklist: 'admin', item: 'sso', eligible: 0, completed: 0 },
      ]).map((row) => [row.item, row.rate]),
    ).toEqual([
      ['create_channel', 0.75],
      ['invite', 0.25],
      ['sso', null],
    ]);
  });

  it('refuses negative counts', () => {
    expect(() =>
      checklistCompletion([{ checklist: 'c', item: 'i', eligible: -1, completed: 0 }]),
    ).toThrow(RangeError);
  });
});

describe('nudge performance', () => {
  it('keeps the counts and adds click and conversion rates over the users shown', () => {
    expect(
      nudgePerformance([
        {
          nudge: 'upgrade_at_limit',
          eligible: 500,
          shown: 400,
          clicked: 60,
          dismissed: 300,
          converted: 20,
        },
        { nudge: 'pricing_card', eligible: 80, shown: 0, clicked: 0, dismissed: 0, converted: 0 },
      ]),
    ).toEqual([
      {
        nudge: 'upgrade_at_limit',
        eligible: 500,
        shown: 400,
        clicked: 60,
        dismissed: 300,
        converted: 20,
        clickRate: 0.15,
        conversionRate: 0.05,
      },
      {
        nudge: 'pricing_card',
        eligible: 80,
        shown: 0,
        clicked: 0,
        dismissed: 0,
        converted: 0,
        clickRate: null,
        conversionRate: null,
      },
    ]);
  });

  it('refuses a count that is not a whole number', () => {
    expect(() =>
      nudgePerformance([
        { nudge: 'n', eligible: 1, shown: 1, clicked: 0.5, dismissed: 0, converted: 0 },
      ]),
    ).toThrow(RangeError);
  });
});

describe('segment matrix', () => {
  const bands = { fit: { edges: [20, 50] }, value: { edges: [30, 60] } };

  it('counts a generated grid of subjects into fit × value cells', () => {
    // Scores 0…99 on both axes (10,000 subjects): fit bands hold 20, 30 and 50 scores,
    // value bands 30, 30 and 40, so each cell holds the product.
    const subjects = [];
    for (let fitScore = 0; fitScore < 100; fitScore++) {
      for (let valueScore = 0; valueScore < 100; valueScore++)
        subjects.push({ fitScore, valueScore });
    }
    const matrix = segmentMatrix(subjects, bands);
    expect(matrix.fitBands).toEqual(['low', 'medium', 'high']);
    expect(matrix.valueBands).toEqual(['low', 'medium', 'high']);
    expect(matrix.counts).toEqual([
      [20 * 30, 20 * 30, 20 * 40],
      [30 * 30, 30 * 30, 30 * 40],
      [50 * 30, 50 * 30, 50 * 40],
    ]);
    expect(matrix.total).toBe(10_000);
  });

  it('puts a score equal to an edge in the higher band', () => {
    const matrix = segmentMatrix(
      [
        { fitScore: 20, valueScore: 29.999 },
        { fitScore: 50, valueScore: 60 },
        { fitScore: -5, valueScore: 1e9 },
      ],
      bands,
    );
    expect(matrix.counts).toEqual([
      [0, 0, 1],
      [1, 0, 0],
      [0, 0, 1],
    ]);
  });

  it('takes any number of bands with their labels', () => {
    const matrix = segmentMatrix([{ fitScore: 5, valueScore: 5 }], {
      fit: { edges: [10], labels: ['poor', 'good'] },
      value: { edges: [], labels: ['all'] },
    });
    expect(matrix).toEqual({
      fitBands: ['poor', 'good'],
      valueBands: ['all'],
      counts: [[1], [0]],
      total: 1,
    });
  });

  it('refuses unsorted edges, missing labels and non-finite scores', () => {
    expect(() => segmentMatrix([], { fit: { edges: [50, 20] }, value: bands.value })).toThrow(
      RangeError,
    );
    expect(() => segmentMatrix([], { fit: { edges: [10] }, value: bands.value })).toThrow(
      RangeError,
    );
    expect(() => segmentMatrix([{ fitScore: Number.NaN, valueScore: 1 }], bands)).toThrow(
      RangeError,
    );
  });
});
