import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { TrendSeries } from './TrendChart';

/** Tick steps for counts: 1, 2, 5, 10, 20, 50, … */
const WHOLE = Array.from({ length: 21 }, (_, i) => [1, 2, 5][i % 3]! * 10 ** Math.floor(i / 3));

/** Draws one weekly series in `el` with uPlot; the caller destroys it. */
export function drawTrend(el: HTMLElement, weeks: string[], series: TrendSeries): uPlot {
  const style = getComputedStyle(el);
  const accent = style.getPropertyValue('--accent').trim() || '#3b5bdb';
  const muted = style.getPropertyValue('--muted').trim() || '#5b6470';
  const line = style.getPropertyValue('--line').trim() || '#e3e6ea';
  const axis = {
    stroke: muted,
    grid: { stroke: line, width: 1 },
    ticks: { stroke: line, width: 1 },
  };
  const x = weeks.map((w) => Date.parse(`${w}T00:00:00Z`) / 1000);
  return new uPlot(
    {
      width: Math.max(el.clientWidth, 200),
      height: 140,
      legend: { show: false },
      cursor: { y: false },
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, max > 0 ? max : 1] } },
      axes: [
        { ...axis, space: 60 },
        {
          ...axis,
          size: 64,
          ...(series.whole ? { incrs: WHOLE } : {}),
          values: (_u, ticks) => ticks.map((t) => series.format(t)),
        },
      ],
      series: [
        {},
        {
          label: series.title,
          stroke: accent,
          width: 2,
          points: { show: true, size: 5 },
          spanGaps: false,
        },
      ],
    },
    [x, series.values],
    el,
  );
}
