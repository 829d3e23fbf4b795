import type { SegmentMatrix } from '../../../core/metrics/segments';
import type { Format } from '../format';

/**
 * The fit band × value band matrix as a table whose cells are shaded by their count: the
 * numbers are in the cells and the bands in the headers, so it reads without the colour.
 * High fit is on top and high value on the right, where the best leads sit.
 */
export function HeatGrid({
  matrix,
  caption,
  fmt,
}: {
  matrix: SegmentMatrix;
  caption: string;
  fmt: Format;
}) {
  const max = Math.max(0, ...matrix.counts.flat());
  const rows = matrix.fitBands
    .map((band, i) => ({ band, counts: matrix.counts[i] ?? [] }))
    .reverse();
  return (
    <table class="heat">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col" class="heat-head">
            <span class="visually-hidden">Fit band, by value band</span>
            <span aria-hidden="true">Fit ↓ · Value →</span>
          </th>
          {matrix.valueBands.map((band) => (
            <th scope="col" class="heat-head" key={band}>
              {cap(band)} value
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map(({ band, counts }) => (
          <tr key={band}>
            <th scope="row" class="heat-head">
              {cap(band)} fit
            </th>
            {matrix.valueBands.map((value, j) => {
              const n = counts[j] ?? 0;
              const heat = max > 0 ? n / max : 0;
              return (
                <td
                  key={value}
                  class={`heat-cell${heat > 0.55 ? ' heat-strong' : ''}`}
                  style={{ '--heat': heat.toFixed(3) }}
                >
                  {fmt.count(n)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
