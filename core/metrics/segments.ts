export interface Bands {
  /** Ascending lower bounds of every band but the first; a score equal to an edge is in the higher band. */
  edges: readonly number[];
  /** One label per band (edges.length + 1); defaults to low/medium/high for two edges. */
  labels?: readonly string[];
}

export interface SegmentMatrix {
  fitBands: string[];
  valueBands: string[];
  /** counts[fitBand][valueBand], bands in ascending order. */
  counts: number[][];
  total: number;
}

const DEFAULT_LABELS = ['low', 'medium', 'high'] as const;

/**
 * The segment matrix: how many subjects fall in each fit band × value band cell.
 *
 * @example
 * segmentMatrix(
 *   [{ fitScore: 10, valueScore: 70 }, { fitScore: 60, valueScore: 70 }],
 *   { fit: { edges: [20, 50] }, value: { edges: [30, 60] } },
 * ).counts;
 * // [[0, 0, 1], [0, 0, 0], [0, 0, 1]]: one low-fit and one high-fit user, both high value
 */
export function segmentMatrix(
  subjects: Iterable<{ fitScore: number; valueScore: number }>,
  bands: { fit: Bands; value: Bands },
): SegmentMatrix {
  const fitBands = labelsOf('fit', bands.fit);
  const valueBands = labelsOf('value', bands.value);
  const counts = fitBands.map(() => valueBands.map(() => 0));
  let total = 0;
  for (const { fitScore, valueScore } of subjects) {
    if (!Number.isFinite(fitScore) || !Number.isFinite(valueScore)) {
      throw new RangeError(`segmentMatrix: scores must be finite, got ${fitScore}, ${valueScore}`);
    }
    counts[bandOf(bands.fit.edges, fitScore)]![bandOf(bands.value.edges, valueScore)]! += 1;
    total += 1;
  }
  return { fitBands, valueBands, counts, total };
}

function labelsOf(name: string, bands: Bands): string[] {
  const { edges } = bands;
  for (let i = 0; i < edges.length; i++) {
    if (!Number.isFinite(edges[i]) || (i > 0 && edges[i]! <= edges[i - 1]!)) {
      throw new RangeError(`segmentMatrix: ${name} edges must be finite and strictly ascending`);
    }
  }
  const labels = bands.labels ?? (edges.length === 2 ? DEFAULT_LABELS : undefined);
  if (labels?.length !== edges.length + 1) {
    throw new RangeError(`segmentMatrix: ${name} needs ${edges.length + 1} band labels`);
  }
  return [...labels];
}

/** Index of the band a score falls in: the number of edges at or below it. */
function bandOf(edges: readonly number[], score: number): number {
  let band = 0;
  while (band < edges.length && score >= edges[band]!) band++;
  return band;
}
