import { describe, expect, it } from 'vitest';
import {
  chiSquare1Survival,
  median,
  normalCdf,
  normalQuantile,
  percentile,
  Z95,
} from '../../core/metrics';

/** Φ(x) by Simpson's rule on the density from 0 to |x| — independent of Cody's fit. */
function simpsonCdf(x: number, intervals = 2000): number {
  const density = (t: number) => Math.exp((-t * t) / 2) / Math.sqrt(2 * Math.PI);
  const b = Math.abs(x);
  const h = b / intervals;
  let sum = density(0) + density(b);
  for (let i = 1; i < intervals; i++) sum += (i % 2 === 1 ? 4 : 2) * density(i * h);
  const half = (sum * h) / 3;
  return x >= 0 ? 0.5 + half : 0.5 - half;
}

/** P(χ²₁ ≥ x) as 1 − P(½, x/2), the regularized lower incomplete gamma by its series. */
function gammaSeriesChiSquare1(x: number): number {
  const a = 0.5;
  const z = x / 2;
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < 500; n++) {
    term *= z / (a + n);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  // Γ(½) = √π
  return 1 - (Math.exp(-z + a * Math.log(z)) * sum) / Math.sqrt(Math.PI);
}

describe('normal CDF', () => {
  it('matches 30-digit reference values to a relative 1e-14, tails included', () => {
    // mpmath.ncdf with mp.dps = 30
    const reference: [number, number][] = [
      [-37, 5.725571222524577e-300],
      [-10, 7.619853024160525e-24],
      [-5, 2.866515718791939e-7],
      [-3, 0.0013498980316300946],
      [-1, 0.15865525393145705],
      [-0.5, 0.3085375387259869],
      [0, 0.5],
      [0.3, 0.6179114221889527],
      [1, 0.8413447460685429],
      [2.5, 0.9937903346742238],
      [4, 0.9999683287581669],
      [6, 0.9999999990134123],
    ];
    for (const [x, p] of reference) {
      expect(Math.abs(normalCdf(x) - p) / p).toBeLessThan(1e-14);
    }
  });

  it('agrees with Simpson integration of the density to 1e-12 between -6 and 6', () => {
    for (let x = -6; x <= 6; x += 0.37) {
      expect(Math.abs(normalCdf(x) - simpsonCdf(x))).toBeLessThan(1e-12);
    }
  });

  it('is symmetric, monotone and saturates', () => {
    for (let x = 0; x < 9; x += 0.25) {
      expect(normalCdf(x) + normalCdf(-x)).toBeCloseTo(1, 15);
      expect(normalCdf(x + 0.25)).toBeGreaterThanOrEqual(normalCdf(x));
    }
    expect(normalCdf(Number.POSITIVE_INFINITY)).toBe(1);
    expect(normalCdf(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(() => normalCdf(Number.NaN)).toThrow(RangeError);
  });
});

describe('normal quantile', () => {
  it('gives the 95% z, 1.959963985', () => {
    expect(Z95).toBeCloseTo(1.959963984540054, 14);
    expect(normalQuantile(0.025)).toBeCloseTo(-1.959963984540054, 14);
  });

  it('inverts the CDF across the range, far tails included', () => {
    // scipy.stats.norm.ppf
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 12);
    expect(normalQuantile(0.3)).toBeCloseTo(-0.5244005127080409, 14);
    for (const p of [
      1e-300,
      1e-20,
      1e-6,
      0.01,
      0.02425,
      0.2,
      0.5,
      0.77,
      0.97575,
      0.999,
      1 - 1e-9,
    ]) {
      const x = normalQuantile(p);
      const back = p < 0.5 ? normalCdf(x) : 1 - normalCdf(-x);
      expect(Math.abs(back - p) / Math.min(p, 1 - p)).toBeLessThan(1e-9);
    }
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(() => normalQuantile(1.5)).toThrow(RangeError);
  });
});

describe('chi-square survival, 1 degree of freedom', () => {
  it('gives 0.05 at the textbook critical value 3.841', () => {
    expect(chiSquare1Survival(3.8414588206941285)).toBeCloseTo(0.05, 14);
  });

  it('agrees with the incomplete-gamma series', () => {
    for (const x of [0.001, 0.1, 0.5, 1, 2, 3.84, 7.17, 10, 15]) {
      expect(chiSquare1Survival(x)).toBeCloseTo(gammaSeriesChiSquare1(x), 12);
    }
  });

  it('is 1 at and below zero', () => {
    expect(chiSquare1Survival(0)).toBe(1);
    expect(chiSquare1Survival(-2)).toBe(1);
  });
});

/** Type-7 percentile straight from its definition: brute force over the rank fraction. */
function bruteForcePercentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = ((sorted.length - 1) * p) / 100;
  // The largest position ≤ rank, found by walking, not by Math.floor.
  let i = 0;
  while (i + 1 <= rank) i++;
  const next = sorted[Math.min(i + 1, sorted.length - 1)]!;
  return sorted[i]! * (1 - (rank - i)) + next * (rank - i);
}

describe('percentile and median', () => {
  it('interpolates between closest ranks like numpy’s default', () => {
    // numpy.percentile([1, 2, 3, 4], [0, 25, 50, 75, 100]) = [1, 1.75, 2.5, 3.25, 4]
    const xs = [1, 2, 3, 4];
    expect([0, 25, 50, 75, 100].map((p) => percentile(xs, p))).toEqual([1, 1.75, 2.5, 3.25, 4]);
    // numpy.percentile([15, 20, 35, 40, 50], 40) = 29.0
    expect(percentile([15, 20, 35, 40, 50], 40)).toBeCloseTo(29, 12);
    expect(percentile([7], 90)).toBe(7);
  });

  it('agrees with the brute-force definition on random lists', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    for (let trial = 0; trial < 200; trial++) {
      const values = Array.from({ length: 1 + Math.floor(random() * 40) }, () => random() * 1000);
      const sorted = [...values].sort((a, b) => a - b);
      for (const p of [0, 1, 10, 33.3, 50, 75, 90, 99, 100]) {
        expect(percentile(sorted, p)).toBeCloseTo(bruteForcePercentile(values, p), 9);
      }
    }
  });

  it('takes the middle value, or the mean of the two middle values, as the median', () => {
    expect(median([1, 3, 8])).toBe(3);
    expect(median([1, 3, 8, 20])).toBe(5.5);
  });

  it('refuses an empty list and a percentile outside 0–100', () => {
    expect(() => percentile([], 50)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });
});
