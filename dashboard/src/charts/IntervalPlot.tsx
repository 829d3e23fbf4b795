import type { Format } from '../format';

const WIDTH = 320;
const HEIGHT = 56;
const PAD = 16;

/**
 * A point estimate with its 95% confidence interval on an axis through zero: an interval
 * clear of the zero line is a difference the data supports. The SVG carries the same
 * numbers as its accessible name.
 */
export function IntervalPlot(props: {
  estimate: number;
  interval: [number, number];
  fmt: Format;
  label: string;
}) {
  const { estimate, interval, fmt } = props;
  const [low, high] = interval;
  // A symmetric domain keeps zero in the middle, so left means worse at a glance.
  const reach = Math.max(Math.abs(low), Math.abs(high), Math.abs(estimate), 0.005) * 1.15;
  const x = (v: number) => PAD + ((v + reach) / (2 * reach)) * (WIDTH - 2 * PAD);
  const y = HEIGHT / 2 - 6;
  const tone = low > 0 ? 'up' : high < 0 ? 'down' : 'flat';
  const name = `${props.label}: ${fmt.points(estimate)}, 95% confidence interval ${fmt.points(low)} to ${fmt.points(high)}`;
  return (
    <svg
      class={`interval interval-${tone}`}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={name}
      preserveAspectRatio="xMidYMid meet"
    >
      <title>{name}</title>
      <line class="interval-axis" x1={PAD} x2={WIDTH - PAD} y1={y} y2={y} />
      <line class="interval-zero" x1={x(0)} x2={x(0)} y1={6} y2={HEIGHT - 18} />
      <line class="interval-range" x1={x(low)} x2={x(high)} y1={y} y2={y} />
      <line class="interval-cap" x1={x(low)} x2={x(low)} y1={y - 7} y2={y + 7} />
      <line class="interval-cap" x1={x(high)} x2={x(high)} y1={y - 7} y2={y + 7} />
      <circle class="interval-point" cx={x(estimate)} cy={y} r={5} />
      <text class="interval-tick" x={x(-reach) + 2} y={HEIGHT - 4} text-anchor="start">
        {fmt.points(-reach)}
      </text>
      <text class="interval-tick" x={x(0)} y={HEIGHT - 4} text-anchor="middle">
        0
      </text>
      <text class="interval-tick" x={x(reach) - 2} y={HEIGHT - 4} text-anchor="end">
        {fmt.points(reach)}
      </text>
    </svg>
  );
}
