import { chiSquare1Survival, normalCdf, Z95 } from './stats';

/** One arm of an experiment: users who were exposed (shown, or held back) and who converted. */
export interface Arm {
  exposed: number;
  converted: number;
}

export interface ExperimentInput {
  treatment: Arm;
  control: Arm;
  /** The share of users the config puts in control, strictly between 0 and 1. */
  expectedControlShare: number;
  /** Below this many users in the smaller arm the verdict says to wait. Default 100. */
  minSamplePerArm?: number;
}

export interface SampleRatioCheck {
  expectedControlShare: number;
  /** null before anyone is exposed. */
  observedControlShare: number | null;
  /** Pearson's goodness-of-fit statistic against the expected split (1 degree of freedom). */
  chiSquare: number;
  pValue: number;
  /** p < 0.001: the split is very unlikely under the configured ratio. */
  mismatch: boolean;
}

export interface ExperimentReadout {
  /** Conversion rates in [0, 1]; null while the arm has no users. */
  treatmentRate: number | null;
  controlRate: number | null;
  /** treatmentRate − controlRate, in rate units (0.04 = 4 points). */
  absoluteLift: number | null;
  absoluteLiftCI95: [number, number] | null;
  /** treatmentRate / controlRate − 1; null while control has no conversions. */
  relativeLift: number | null;
  relativeLiftCI95: [number, number] | null;
  /** Two-proportion z statistic, treatment minus control, pooled standard error. */
  zScore: number | null;
  /** Two-sided p-value of the two-proportion z-test. */
  pValue: number | null;
  srm: SampleRatioCheck;
  verdict: string;
}

/** Below this p-value the verdict calls a difference; it matches the 95% intervals. */
const ALPHA = 0.05;
/** A conventional, deliberately strict SRM threshold: a real mismatch shows up fast. */
const SRM_ALPHA = 0.001;

/**
 * The readout of a holdout experiment, with the statistics a growth team expects and a
 * verdict in plain words. Formulas (p̂ = converted / exposed, z = Φ⁻¹(0.975)):
 *
 * - absolute lift d = p̂t − p̂c, with the Wald interval d ± z·√(p̂t(1−p̂t)/nt + p̂c(1−p̂c)/nc)
 *   (unpooled standard error);
 * - relative lift r = p̂t/p̂c − 1, with the delta-method (Katz) interval on the log of the
 *   ratio: exp(log(p̂t/p̂c) ± z·√(1/xt − 1/nt + 1/xc − 1/nc)) − 1, undefined (null) while
 *   either arm has no conversions;
 * - z = d / √(p̄(1−p̄)(1/nt + 1/nc)) with the pooled rate p̄, two-sided p = 2·(1 − Φ(|z|)),
 *   identical to Pearson's chi-square test on the 2×2 table without continuity correction;
 * - sample-ratio mismatch: Pearson's chi-square of the arm sizes against the configured
 *   split, flagged at p < 0.001.
 *
 * The verdict is decided in this order: no users; sample-ratio mismatch (nothing else can
 * be trusted); fewer than `minSamplePerArm` users in an arm; p < 0.05; otherwise no
 * detectable difference. Zero counts give nulls, never NaN.
 *
 * @example
 * experimentReadout({
 *   treatment: { exposed: 1000, converted: 120 },
 *   control: { exposed: 1000, converted: 80 },
 *   expectedControlShare: 0.5,
 * }).verdict;
 * // "The prompt raises conversion: 12.0% vs 8.0% (+4.0 points, 95% CI +1.4 to +6.6), p = 0.003."
 */
export function experimentReadout(input: ExperimentInput): ExperimentReadout {
  const { treatment: t, control: c, expectedControlShare: share } = input;
  const minSample = input.minSamplePerArm ?? 100;
  checkArm('treatment', t);
  checkArm('control', c);
  if (!(share > 0 && share < 1)) {
    throw new RangeError(`expectedControlShare must be between 0 and 1, got ${share}`);
  }
  if (!(minSample >= 0)) throw new RangeError(`minSamplePerArm must be ≥ 0, got ${minSample}`);

  const srm = sampleRatio(t.exposed, c.exposed, share);
  const pt = t.exposed > 0 ? t.converted / t.exposed : null;
  const pc = c.exposed > 0 ? c.converted / c.exposed : null;

  let absoluteLift: number | null = null;
  let absoluteLiftCI95: [number, number] | null = null;
  let zScore: number | null = null;
  let pValue: number | null = null;
  if (pt !== null && pc !== null) {
    absoluteLift = pt - pc;
    const se = Math.sqrt((pt * (1 - pt)) / t.exposed + (pc * (1 - pc)) / c.exposed);
    absoluteLiftCI95 = [absoluteLift - Z95 * se, absoluteLift + Z95 * se];
    const pooled = (t.converted + c.converted) / (t.exposed + c.exposed);
    const pooledSe = Math.sqrt(pooled * (1 - pooled) * (1 / t.exposed + 1 / c.exposed));
    // A zero pooled SE means nobody or everybody converted in both arms: no difference.
    zScore = pooledSe > 0 ? absoluteLift / pooledSe : 0;
    pValue = Math.min(1, 2 * normalCdf(-Math.abs(zScore)));
  }

  let relativeLift: number | null = null;
  let relativeLiftCI95: [number, number] | null = null;
  if (pt !== null && pc !== null && pc > 0) {
    relativeLift = pt / pc - 1;
    if (t.converted > 0) {
      const logRatio = Math.log(pt / pc);
      const se = Math.sqrt(1 / t.converted - 1 / t.exposed + 1 / c.converted - 1 / c.exposed);
      relativeLiftCI95 = [Math.exp(logRatio - Z95 * se) - 1, Math.exp(logRatio + Z95 * se) - 1];
    }
  }

  return {
    treatmentRate: pt,
    controlRate: pc,
    absoluteLift,
    absoluteLiftCI95,
    relativeLift,
    relativeLiftCI95,
    zScore,
    pValue,
    srm,
    verdict: verdict(t, c, minSample, srm, pValue, absoluteLiftCI95),
  };
}

function checkArm(name: string, arm: Arm): void {
  const { exposed, converted } = arm;
  if (!Number.isInteger(exposed) || exposed < 0 || !Number.isInteger(converted) || converted < 0) {
    throw new RangeError(`${name}: counts must be whole numbers ≥ 0`);
  }
  if (converted > exposed) {
    throw new RangeError(`${name}: ${converted} converted but only ${exposed} exposed`);
  }
}

function sampleRatio(nt: number, nc: number, share: number): SampleRatioCheck {
  const n = nt + nc;
  if (n === 0) {
    return {
      expectedControlShare: share,
      observedControlShare: null,
      chiSquare: 0,
      pValue: 1,
      mismatch: false,
    };
  }
  const ec = n * share;
  const et = n * (1 - share);
  const chiSquare = (nc - ec) ** 2 / ec + (nt - et) ** 2 / et;
  const pValue = chiSquare1Survival(chiSquare);
  return {
    expectedControlShare: share,
    observedControlShare: nc / n,
    chiSquare,
    pValue,
    mismatch: pValue < SRM_ALPHA,
  };
}

function verdict(
  t: Arm,
  c: Arm,
  minSample: number,
  srm: SampleRatioCheck,
  pValue: number | null,
  ci: [number, number] | null,
): string {
  if (t.exposed + c.exposed === 0) return 'No users yet.';
  if (srm.mismatch && srm.observedControlShare !== null) {
    const [observed, expected] = sharePair(srm.observedControlShare, srm.expectedControlShare);
    return `Sample ratio mismatch: ${observed} of users are in control but ${expected} were expected — check the setup before trusting the result.`;
  }
  const smaller = Math.min(t.exposed, c.exposed);
  if (smaller < minSample || pValue === null || ci === null) {
    return `Not enough data yet: ${smaller} of at least ${minSample} users per group have seen it.`;
  }
  const pt = t.converted / t.exposed;
  const pc = c.converted / c.exposed;
  if (pValue < ALPHA && pt !== pc) {
    const direction = pt > pc ? 'raises' : 'lowers';
    return (
      `The prompt ${direction} conversion: ${percent(pt)} vs ${percent(pc)} ` +
      `(${points(pt - pc)} points, 95% CI ${points(ci[0])} to ${points(ci[1])}), ${pText(pValue)}.`
    );
  }
  return `No detectable difference yet (${pText(pValue)}); keep it running or stop it.`;
}

function percent(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}

/** Percentage points with an explicit sign, never "-0.0". */
function points(diff: number): string {
  const text = Math.abs(diff * 100).toFixed(1);
  if (Number(text) === 0) return '0.0';
  return `${diff > 0 ? '+' : '-'}${text}`;
}

function pText(p: number): string {
  if (p < 0.001) return 'p < 0.001';
  return `p = ${p.toFixed(p < 0.1 ? 3 : 2)}`;
}

/** Whole percents, with as many decimals as it takes for the two to read differently. */
function sharePair(observed: number, expected: number): [string, string] {
  for (let digits = 0; digits < 4; digits++) {
    const a = (observed * 100).toFixed(digits);
    const b = (expected * 100).toFixed(digits);
    if (a !== b) return [`${a}%`, `${b}%`];
  }
  return [`${(observed * 100).toFixed(4)}%`, `${(expected * 100).toFixed(4)}%`];
}
