import { describe, expect, it } from 'vitest';
import { type Arm, experimentReadout } from '../../core/metrics';

/** Pearson's chi-square on the 2×2 table converted/not × treatment/control, no continuity
 * correction, with its 1-df p-value from the incomplete-gamma series: a second route to
 * the two-proportion test that shares no code with it. */
function chiSquare2x2(t: Arm, c: Arm): { chiSquare: number; pValue: number } {
  const table = [
    [t.converted, t.exposed - t.converted],
    [c.converted, c.exposed - c.converted],
  ];
  const n = t.exposed + c.exposed;
  const rows = table.map((r) => r[0]! + r[1]!);
  const cols = [0, 1].map((j) => table[0]![j]! + table[1]![j]!);
  let chiSquare = 0;
  for (let i = 0; i < 2; i++) {
    for (let j = 0; j < 2; j++) {
      const expected = (rows[i]! * cols[j]!) / n;
      chiSquare += (table[i]![j]! - expected) ** 2 / expected;
    }
  }
  const z = chiSquare / 2;
  let term = 2;
  let sum = term;
  for (let k = 1; k < 1000 && term > sum * 1e-17; k++) {
    term *= z / (0.5 + k);
    sum += term;
  }
  return { chiSquare, pValue: 1 - (Math.exp(-z + 0.5 * Math.log(z)) * sum) / Math.sqrt(Math.PI) };
}

/** mulberry32: a small seeded PRNG, so the simulation gives the same answer every run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function binomial(random: () => number, n: number, p: number): number {
  let k = 0;
  for (let i = 0; i < n; i++) if (random() < p) k++;
  return k;
}

const half = { expectedControlShare: 0.5 };

describe('experiment readout: the statistics', () => {
  it('reads 200/1000 vs 250/1000 as z ≈ −2.68, p ≈ 0.0074', () => {
    const r = experimentReadout({
      treatment: { exposed: 1000, converted: 200 },
      control: { exposed: 1000, converted: 250 },
      ...half,
    });
    // By hand: pooled p̄ = 0.225, SE = √(0.225·0.775·0.002) = 0.018675…, z = −0.05/SE.
    // Reference values from scipy (norm.sf, chi2_contingency with correction=False).
    expect(r.treatmentRate).toBe(0.2);
    expect(r.controlRate).toBe(0.25);
    expect(r.absoluteLift).toBeCloseTo(-0.05, 15);
    expect(r.zScore).toBeCloseTo(-2.677397763008329, 12);
    expect(r.pValue).toBeCloseTo(0.007419649261025687, 12);
    expect(r.absoluteLiftCI95![0]).toBeCloseTo(-0.08653637831246014, 12);
    expect(r.absoluteLiftCI95![1]).toBeCloseTo(-0.01346362168753984, 12);
    expect(r.relativeLift).toBeCloseTo(-0.2, 12);
    expect(r.relativeLiftCI95![0]).toBeCloseTo(-0.3209943994639596, 12);
    expect(r.relativeLiftCI95![1]).toBeCloseTo(-0.05744518234495777, 12);
  });

  it('gives the same p-value as a chi-square test on the 2×2 table', () => {
    const cases: [Arm, Arm][] = [
      [
        { exposed: 1000, converted: 200 },
        { exposed: 1000, converted: 250 },
      ],
      [
        { exposed: 1000, converted: 120 },
        { exposed: 1000, converted: 80 },
      ],
      [
        { exposed: 500, converted: 45 },
        { exposed: 480, converted: 40 },
      ],
      [
        { exposed: 7321, converted: 1044 },
        { exposed: 2417, converted: 301 },
      ],
      [
        { exposed: 150, converted: 3 },
        { exposed: 160, converted: 9 },
      ],
    ];
    for (const [treatment, control] of cases) {
      const r = experimentReadout({ treatment, control, ...half });
      const chi = chiSquare2x2(treatment, control);
      expect(r.zScore! ** 2).toBeCloseTo(chi.chiSquare, 9);
      expect(r.pValue!).toBeCloseTo(chi.pValue, 12);
    }
    // scipy.stats.chi2_contingency([[45, 455], [40, 440]], correction=False) → p = 0.71087…
    expect(chiSquare2x2(cases[2]![0], cases[2]![1]).pValue).toBeCloseTo(0.7108712695009993, 12);
  });

  it('covers a true lift of 0 with about 95% of its intervals (2,000 seeded experiments)', () => {
    const random = mulberry32(20240501);
    const runs = 2000;
    let absoluteCovers = 0;
    let relativeCovers = 0;
    let significant = 0;
    for (let i = 0; i < runs; i++) {
      const treatment = { exposed: 1000, converted: binomial(random, 1000, 0.1) };
      const control = { exposed: 1000, converted: binomial(random, 1000, 0.1) };
      const r = experimentReadout({ treatment, control, ...half });
      const [lo, hi] = r.absoluteLiftCI95!;
      if (lo <= 0 && hi >= 0) absoluteCovers++;
      const [rlo, rhi] = r.relativeLiftCI95!;
      if (rlo <= 0 && rhi >= 0) relativeCovers++;
      if (r.pValue! < 0.05) significant++;
    }
    expect(Math.abs(absoluteCovers / runs - 0.95)).toBeLessThan(0.02);
    expect(Math.abs(relativeCovers / runs - 0.95)).toBeLessThan(0.02);
    expect(Math.abs(significant / runs - 0.05)).toBeLessThan(0.02);
  });

  it('covers a true lift of +2 points with about 95% of its intervals', () => {
    const random = mulberry32(7);
    const runs = 2000;
    let covers = 0;
    for (let i = 0; i < runs; i++) {
      const r = experimentReadout({
        treatment: { exposed: 2000, converted: binomial(random, 2000, 0.12) },
        control: { exposed: 2000, converted: binomial(random, 2000, 0.1) },
        ...half,
      });
      const [lo, hi] = r.absoluteLiftCI95!;
      if (lo <= 0.02 && hi >= 0.02) covers++;
    }
    expect(Math.abs(covers / runs - 0.95)).toBeLessThan(0.02);
  });

  it('lets a 5,000/5,000 split pass and flags 5,500/4,500 as a sample ratio mismatch', () => {
    const even = experimentReadout({
      treatment: { exposed: 5000, converted: 500 },
      control: { exposed: 5000, converted: 500 },
      ...half,
    }).srm;
    expect(even).toEqual({
      expectedControlShare: 0.5,
      observedControlShare: 0.5,
      chiSquare: 0,
      pValue: 1,
      mismatch: false,
    });
    const skewed = experimentReadout({
      treatment: { exposed: 5500, converted: 550 },
      control: { exposed: 4500, converted: 450 },
      ...half,
    }).srm;
    // (500² / 5000) · 2 = 100; scipy.stats.chi2.sf(100, 1) = 1.5239706048320995e-23
    expect(skewed.chiSquare).toBeCloseTo(100, 10);
    expect(skewed.pValue / 1.5239706048320995e-23).toBeCloseTo(1, 10);
    expect(skewed.mismatch).toBe(true);
    // A 5,050/4,950 wobble is ordinary: χ² = 1, p = 0.3173.
    const wobble = experimentReadout({
      treatment: { exposed: 5050, converted: 500 },
      control: { exposed: 4950, converted: 500 },
      ...half,
    }).srm;
    expect(wobble.pValue).toBeCloseTo(0.31731050786291115, 12);
    expect(wobble.mismatch).toBe(false);
  });

  it('checks the split against an uneven configured ratio', () => {
    const r = experimentReadout({
      treatment: { exposed: 8000, converted: 800 },
      control: { exposed: 2000, converted: 200 },
      expectedControlShare: 0.2,
    });
    expect(r.srm.observedControlShare).toBe(0.2);
    expect(r.srm.mismatch).toBe(false);
  });

  it('returns nulls, never NaN, while counts are zero', () => {
    const empty = experimentReadout({
      treatment: { exposed: 0, converted: 0 },
      control: { exposed: 0, converted: 0 },
      ...half,
    });
    expect(empty).toEqual({
      treatmentRate: null,
      controlRate: null,
      absoluteLift: null,
      absoluteLiftCI95: null,
      relativeLift: null,
      relativeLiftCI95: null,
      zScore: null,
      pValue: null,
      srm: {
        expectedControlShare: 0.5,
        observedControlShare: null,
        chiSquare: 0,
        pValue: 1,
        mismatch: false,
      },
      verdict: 'No users yet.',
    });

    const noConversions = experimentReadout({
      treatment: { exposed: 300, converted: 0 },
      control: { exposed: 300, converted: 0 },
      ...half,
    });
    expect(noConversions.zScore).toBe(0);
    expect(noConversions.pValue).toBe(1);
    expect(noConversions.absoluteLiftCI95).toEqual([0, 0]);
    expect(noConversions.relativeLift).toBeNull();

    const noTreatmentConversions = experimentReadout({
      treatment: { exposed: 300, converted: 0 },
      control: { exposed: 300, converted: 12 },
      ...half,
    });
    expect(noTreatmentConversions.relativeLift).toBe(-1);
    expect(noTreatmentConversions.relativeLiftCI95).toBeNull();

    const oneArm = experimentReadout({
      treatment: { exposed: 40, converted: 4 },
      control: { exposed: 0, converted: 0 },
      ...half,
    });
    expect(oneArm.treatmentRate).toBe(0.1);
    expect(oneArm.controlRate).toBeNull();
    expect(oneArm.pValue).toBeNull();
    for (const value of Object.values({ ...empty, ...noConversions, ...oneArm })) {
      expect(Number.isNaN(value)).toBe(false);
    }
  });

  it('refuses impossible counts and shares', () => {
    const ok = { exposed: 10, converted: 1 };
    expect(() =>
      experimentReadout({ treatment: { exposed: 5, converted: 6 }, control: ok, ...half }),
    ).toThrow(RangeError);
    expect(() =>
      experimentReadout({ treatment: { exposed: -1, converted: 0 }, control: ok, ...half }),
    ).toThrow(RangeError);
    expect(() =>
      experimentReadout({ treatment: { exposed: 2.5, converted: 0 }, control: ok, ...half }),
    ).toThrow(RangeError);
    expect(() =>
      experimentReadout({ treatment: ok, control: ok, expectedControlShare: 0 }),
    ).toThrow(RangeError);
  });
});

describe('experiment readout: the verdict', () => {
  it('says there are no users yet', () => {
    const r = experimentReadout({
      treatment: { exposed: 0, converted: 0 },
      control: { exposed: 0, converted: 0 },
      ...half,
    });
    expect(r.verdict).toBe('No users yet.');
  });

  it('asks to wait while a group is below the minimum sample', () => {
    const r = experimentReadout({
      treatment: { exposed: 41, converted: 9 },
      control: { exposed: 38, converted: 2 },
      ...half,
    });
    expect(r.verdict).toBe('Not enough data yet: 38 of at least 100 users per group have seen it.');
    const custom = experimentReadout({
      treatment: { exposed: 41, converted: 9 },
      control: { exposed: 38, converted: 2 },
      ...half,
      minSamplePerArm: 500,
    });
    expect(custom.verdict).toBe(
      'Not enough data yet: 38 of at least 500 users per group have seen it.',
    );
  });

  it('reports a raise with the lift, its interval and the p-value', () => {
    const r = experimentReadout({
      treatment: { exposed: 1000, converted: 120 },
      control: { exposed: 1000, converted: 80 },
      ...half,
    });
    // scipy: CI (0.01376, 0.06624), p = 0.0028691
    expect(r.verdict).toBe(
      'The prompt raises conversion: 12.0% vs 8.0% (+4.0 points, 95% CI +1.4 to +6.6), p = 0.003.',
    );
    expect(r.relativeLift).toBeCloseTo(0.5, 12);
    expect(r.relativeLiftCI95![0]).toBeCloseTo(0.14624370149979748, 12);
    expect(r.relativeLiftCI95![1]).toBeCloseTo(0.9629333596825855, 12);
  });

  it('reports a drop just as plainly', () => {
    const r = experimentReadout({
      treatment: { exposed: 1000, converted: 80 },
      control: { exposed: 1000, converted: 120 },
      ...half,
    });
    expect(r.verdict).toBe(
      'The prompt lowers conversion: 8.0% vs 12.0% (-4.0 points, 95% CI -6.6 to -1.4), p = 0.003.',
    );
  });

  it('writes very small p-values as p < 0.001', () => {
    const r = experimentReadout({
      treatment: { exposed: 5000, converted: 700 },
      control: { exposed: 5000, converted: 500 },
      ...half,
    });
    expect(r.verdict).toMatch(/^The prompt raises conversion: 14\.0% vs 10\.0% .*, p < 0\.001\.$/);
  });

  it('says there is no detectable difference yet', () => {
    const r = experimentReadout({
      treatment: { exposed: 500, converted: 45 },
      control: { exposed: 480, converted: 40 },
      ...half,
    });
    expect(r.verdict).toBe('No detectable difference yet (p = 0.71); keep it running or stop it.');
  });

  it('puts a sample ratio mismatch before everything else', () => {
    const r = experimentReadout({
      treatment: { exposed: 3800, converted: 600 },
      control: { exposed: 6200, converted: 400 },
      ...half,
    });
    expect(r.verdict).toBe(
      'Sample ratio mismatch: 62% of users are in control but 50% were expected — check the setup before trusting the result.',
    );
  });

  it('adds a decimal when whole percents would hide the mismatch', () => {
    const r = experimentReadout({
      treatment: { exposed: 498_000, converted: 0 },
      control: { exposed: 502_000, converted: 0 },
      ...half,
    });
    expect(r.srm.mismatch).toBe(true);
    expect(r.verdict).toMatch(/^Sample ratio mismatch: 50\.2% of users are in control but 50\.0%/);
  });
});
