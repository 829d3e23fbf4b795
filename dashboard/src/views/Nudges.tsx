import type { MetricsReport } from '../../../core/metrics/report';
import type { Format } from '../format';
import { Col, CountCells, RateCell, RowHead } from './cells';
import { TableScroll } from './MetricsPage';

/** Each nudge's reach and outcome: eligible, shown, clicked, dismissed, converted, with rates. */
export function NudgesReport({ report, fmt }: { report: MetricsReport; fmt: Format }) {
  if (report.nudges.length === 0) {
    return <p class="empty">The config has no nudges.</p>;
  }
  return (
    <section class="card" aria-labelledby="nudges-title">
      <h2 id="nudges-title">Nudge performance</h2>
      <p class="muted">
        Distinct users. Click and conversion rates are taken over the users who saw the nudge;
        converted means the nudge's goal was reached within its window.
      </p>
      <TableScroll label="Nudge performance">
        <table class="data">
          <caption class="visually-hidden">Nudge performance</caption>
          <thead>
            <tr>
              <Col>Nudge</Col>
              <Col num>Eligible</Col>
              <Col num>Shown</Col>
              <Col num>Clicked</Col>
              <Col num>Dismissed</Col>
              <Col num>Converted</Col>
              <Col num>Click rate</Col>
              <Col wide>Conversion rate</Col>
            </tr>
          </thead>
          <tbody>
            {report.nudges.map((n) => (
              <tr key={n.nudge}>
                <RowHead title={n.title} sub={`${n.nudge} · ${n.kind}`} />
                <CountCells
                  counts={[n.eligible, n.shown, n.clicked, n.dismissed, n.converted]}
                  fmt={fmt}
                />
                <td class="num">{fmt.percent(n.clickRate)}</td>
                <RateCell rate={n.conversionRate} fmt={fmt} />
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
