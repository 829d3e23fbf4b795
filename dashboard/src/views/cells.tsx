import type { ComponentChildren } from 'preact';
import { Bar } from '../charts/Bar';
import type { Format } from '../format';

/** A column header; `num` right-aligns a column of numbers, `wide` leaves room for a bar. */
export function Col({
  num,
  wide,
  children,
}: {
  num?: boolean;
  wide?: boolean;
  children: ComponentChildren;
}) {
  return (
    <th scope="col" class={num ? 'num' : wide ? 'wide' : undefined}>
      {children}
    </th>
  );
}

/** A rate drawn as a bar, with its percentage beside it as the text equivalent. */
export function RateCell({ rate, fmt }: { rate: number | null; fmt: Format }) {
  return (
    <td class="wide">
      <span class="bar-cell">
        <Bar share={rate} />
        <span class="num">{fmt.percent(rate)}</span>
      </span>
    </td>
  );
}

/** Whole numbers, right-aligned, one cell each. */
export function CountCells({ counts, fmt }: { counts: number[]; fmt: Format }) {
  return (
    <>
      {counts.map((n, i) => (
        <td class="num" key={i}>
          {fmt.count(n)}
        </td>
      ))}
    </>
  );
}

/** A row header with a secondary line (an id, a kind). */
export function RowHead({ title, sub }: { title: ComponentChildren; sub?: ComponentChildren }) {
  return (
    <th scope="row">
      {title}
      {sub !== undefined && <span class="sub">{sub}</span>}
    </th>
  );
}
