/**
 * The few statistics the metrics need, written out so that the browser, the collector
 * and the CLI share them without a dependency. Every function is pure and total over its
 * documented domain; inputs outside it throw a `RangeError` rather than return `NaN`.
 */

// W. J. Cody, "Rational Chebyshev approximations for the error function" (Math. Comp. 23,
// 1969), in the arrangement of his ANORM routine (ACM TOMS 715, 1993) that R's `pnorm`
// also uses. Checked against 40-digit mpmath over [-37, 8]: relative error below 7e-16,
// including the far lower tail, where 1 − Φ(|x|) would have lost every digit. The
// coefficients are written as the doubles they round to.
const A = [
  2.2352520354606837, 161.02823106855587, 1067.6894854603709, 18154.98125334356,
  0.06568233791820745,
] as const;
const B = [47.202581904688245, 976.0985517377767, 10260.932208618979, 45507.78933502673] as const;
const C = [
  0.39894151208813466, 8.883149794388377, 93.50665613217785, 597.2702763948002, 2494.5375852903726,
  6848.190450536283, 11602.65143764735, 9842.714838383978, 1.0765576773720192e-8,
] as const;
const D = [
  22.266688044328117, 235.387901782625, 1519.3775994075547, 6485.558298266761, 18615.571640885097,
  34900.95272114598, 38912.00328609327, 19685.429676859992,
] as const;
const P = [
  0.215898534057957, 0.12740116116024736, 0.022235277870649807, 0.0014216191932278934,
  0.000029112874951168793, 0.023073441764940174,
] as const;
const Q = [
  1.284260096144911, 0.4682382124808651, 0.06598813786892856, 0.0037823963320275824,
  0.00007297515550839662,
] as const;
const INV_SQRT_2PI = 0.3989422804014327;
const SQRT_2PI = 2.5066282746310002;

/**
 * The standard normal CDF Φ(x) = P(Z ≤ x), accurate to a relative error below 1e-15 over
 * the whole line (W. J. Cody's rational approximations). `normalCdf(-x)` is the upper
 * tail 1 − Φ(x) without cancellation, so tiny p-values keep their digits.
 *
 * @example
 * normalCdf(1.959963984540054); // 0.975
 * normalCdf(-10); // 7.619853024160527e-24
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) throw new RangeError('normalCdf: x is NaN');
  const y = Math.abs(x);
  // Φ(−40) ≈ 4e-350 is below the smallest double; this also keeps ±Infinity out of the fit.
  if (y > 40) return x > 0 ? 1 : 0;
  if (y <= 0.67448975) {
    const xsq = x * x;
    let num = A[4] * xsq;
    let den = xsq;
    for (let i = 0; i < 3; i++) {
      num = (num + A[i]!) * xsq;
      den = (den + B[i]!) * xsq;
    }
    return 0.5 + (x * (num + A[3])) / (den + B[3]);
  }
  let tail: number;
  if (y <= 5.656854249492381 /* √32 */) {
    let num = C[8] * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + C[i]!) * y;
      den = (den + D[i]!) * y;
    }
    tail = (num + C[7]) / (den + D[7]);
  } else {
    const xsq = 1 / (x * x);
    let num = P[5] * xsq;
    let den = xsq;
    for (let i = 0; i < 4; i++) {
      num = (num + P[i]!) * xsq;
      den = (den + Q[i]!) * xsq;
    }
    tail = (INV_SQRT_2PI - (xsq * (num + P[4])) / (den + Q[4])) / y;
  }
  // exp(-y²/2) split as exp(-s²/2)·exp(-(y-s)(y+s)/2), s = y rounded down to 1/16: y² in
  // floating point would otherwise cost the far tail most of its relative accuracy.
  const s = Math.trunc(y * 16) / 16;
  const lower = Math.exp(-s * s * 0.5) * Math.exp(-(y - s) * (y + s) * 0.5) * tail;
  return x > 0 ? 1 - lower : lower;
}

// P. J. Acklam's rational approximation to Φ⁻¹ (relative error 1.15e-9), each result then
// polished by one Halley step on normalCdf, which brings it to about machine precision.
const IA = [
  -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
  2.506628277459239,
] as const;
const IB = [
  -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
] as const;
const IC = [
  -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734,
  4.374664141464968, 2.938163982698783,
] as const;
const ID = [
  0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416,
] as const;

/**
 * The standard normal quantile Φ⁻¹(p), for 0 < p < 1 (±Infinity at 0 and 1).
 *
 * @example
 * normalQuantile(0.975); // 1.959963984540054, the z of a two-sided 95% interval
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`normalQuantile: p must be in [0, 1], got ${p}`);
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  let x: number;
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = tailGuess(q);
  } else if (p > 1 - 0.02425) {
    const q = Math.sqrt(-2 * Math.log1p(-p));
    x = -tailGuess(q);
  } else {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((IA[0] * r + IA[1]) * r + IA[2]) * r + IA[3]) * r + IA[4]) * r + IA[5]) * q) /
      (((((IB[0] * r + IB[1]) * r + IB[2]) * r + IB[3]) * r + IB[4]) * r + 1);
  }
  // Halley: the error is measured on the smaller tail so it keeps its digits near p = 1.
  const e = p < 0.5 ? normalCdf(x) - p : 1 - p - normalCdf(-x);
  const u = e * SQRT_2PI * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

function tailGuess(q: number): number {
  return (
    (((((IC[0] * q + IC[1]) * q + IC[2]) * q + IC[3]) * q + IC[4]) * q + IC[5]) /
    ((((ID[0] * q + ID[1]) * q + ID[2]) * q + ID[3]) * q + 1)
  );
}

/** The z of a two-sided 95% interval, Φ⁻¹(0.975) ≈ 1.959963985. */
export const Z95 = /* @__PURE__ */ normalQuantile(0.975);

/**
 * P(X ≥ x) for a chi-square variable with one degree of freedom. Such a variable is the
 * square of a standard normal, so the survival is 2·(1 − Φ(√x)), computed on the upper
 * tail directly.
 *
 * @example
 * chiSquare1Survival(3.841458820694124); // ≈ 0.05, the 95% critical value
 */
export function chiSquare1Survival(x: number): number {
  if (Number.isNaN(x)) throw new RangeError('chiSquare1Survival: x is NaN');
  if (x <= 0) return 1;
  return Math.min(1, 2 * normalCdf(-Math.sqrt(x)));
}

/**
 * The p-th percentile (0 ≤ p ≤ 100) of values sorted ascending, interpolating linearly
 * between the two closest ranks: with n values at positions 0…n−1, the percentile sits at
 * position h = (n − 1)·p/100, between sorted[⌊h⌋] and sorted[⌈h⌉]. This is numpy's
 * default ("linear", Hyndman & Fan type 7) and Excel's PERCENTILE.INC. Throws on an empty
 * list, since no number would be right.
 *
 * @example
 * percentile([1, 2, 3, 4], 75); // 3.25
 * percentile([10], 90); // 10
 */
export function percentile(sortedValues: ArrayLike<number>, p: number): number {
  const n = sortedValues.length;
  if (n === 0) throw new RangeError('percentile: no values');
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile: p must be in [0, 100], got ${p}`);
  const h = ((n - 1) * p) / 100;
  const lo = Math.floor(h);
  const below = sortedValues[lo]!;
  if (lo >= n - 1) return below;
  const above = sortedValues[lo + 1]!;
  return below + (h - lo) * (above - below);
}

/**
 * The median of values sorted ascending: the middle value, or the mean of the two middle
 * values (the 50th percentile as defined by `percentile`).
 *
 * @example
 * median([1, 3, 8, 20]); // 5.5
 */
export function median(sortedValues: ArrayLike<number>): number {
  return percentile(sortedValues, 50);
}
