import type { MetricsReport } from '../../../core/metrics/report';
import { HeatGrid } from '../charts/HeatGrid';
import type { Format } from '../format';
import { TableScroll } from './MetricsPage';

/** Per PQL definition, how its scored users or accounts spread over fit and value bands. */
export function SegmentsReport({ report, fmt }: { report: MetricsReport; fmt: Format }) {
  if (report.pql.length === 0) {
    return <p class="empty">The config has no PQL definitions.</p>;
  }
  return (
    <div class="stack">
      {report.pql.map((d) => (
        <section class="card" key={d.definition} aria-labelledby={`segments-${d.definition}`}>
          <h2 id={`segments-${d.definition}`}>
            {d.title}
            <span class="sub">{d.definition}</span>
          </h2>
          <p class="muted">
            {fmt.count(d.qualified)} of {fmt.count(d.scored)} scored{' '}
            {d.scope === 'account' ? 'accounts' : 'users'} qualify.
          </p>
          <TableScroll label={`${d.title}: fit by value`}>
            <HeatGrid
              matrix={d.segments}
              fmt={fmt}
              caption={`${d.title}: ${d.scope === 'account' ? 'accounts' : 'users'} by fit band and value band`}
            />
          </TableScroll>
        </section>
      ))}
    </div>
  );
}
