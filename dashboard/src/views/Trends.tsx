import { useMemo } from 'preact/hooks';
import type { MetricsReport } from '../../../core/metrics/report';
import { TrendChart, type TrendSeries } from '../charts/TrendChart';
import type { Format } from '../format';
import { Col } from './cells';
import { TableScroll } from './MetricsPage';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Week by week: new users, activation rate, median time to value and PQLs, drawn and tabled. */
export function Trends({ report, fmt }: { report: MetricsReport; fmt: Format }) {
  const weeks = report.trends;
  const labels = useMemo(() => weeks.map((w) => w.week), [weeks]);
  const series = useMemo<TrendSeries[]>(
    () => [
      {
        title: 'New users',
        values: weeks.map((w) => w.newUsers),
        format: (n) => fmt.count(n),
        whole: true,
      },
      {
        title: 'Activation rate',
        values: weeks.map((w) => w.activationRate),
        format: (n) => fmt.percent(n),
      },
      {
        title: 'Median time to value',
        values: weeks.map((w) => w.ttvMedianMs),
        // Whole hours keep the axis labels short enough for a phone.
        format: (n) => fmt.duration(Math.round(n / HOUR) * HOUR),
      },
      { title: 'PQLs', values: weeks.map((w) => w.pqls), format: (n) => fmt.count(n), whole: true },
    ],
    [weeks, fmt],
  );
  if (weeks.length === 0) return null;
  return (
    <section class="card" aria-labelledby="trends-title">
      <h2 id="trends-title">Trends</h2>
      <p class="muted">
        Week by week from the range's first day: the users first seen that week, how many of them
        activated and how fast, and the PQLs first qualified that week.
      </p>
      {weeks.length > 1 && (
        <div class="trend-grid">
          {series.map((s) => (
            <TrendChart key={s.title} weeks={labels} series={s} />
          ))}
        </div>
      )}
      <TableScroll label="Trends by week">
        <table class="data">
          <caption class="visually-hidden">Trends by week</caption>
          <thead>
            <tr>
              <Col>Week of</Col>
              <Col num>New users</Col>
              <Col num>Activation rate</Col>
              <Col num>Median time to value</Col>
              <Col num>PQLs</Col>
            </tr>
          </thead>
          <tbody>
            {weeks.map((w) => (
              <tr key={w.week}>
                <th scope="row">
                  {fmt.day(w.week)}
                  {partial(w.week, report.range.to) && <span class="sub">part of a week</span>}
                </th>
                <td class="num">{fmt.count(w.newUsers)}</td>
                <td class="num">{fmt.percent(w.activationRate)}</td>
                <td class="num">{fmt.duration(w.ttvMedianMs)}</td>
                <td class="num">{fmt.count(w.pqls)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

/** Whether the range ends before the week does: its numbers cover fewer than 7 days. */
function partial(week: string, to: string): boolean {
  return Date.parse(week) + 7 * DAY > Date.parse(to) + DAY;
}
