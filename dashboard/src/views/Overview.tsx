import type { FunnelStepName } from '../../../core/metrics/funnel';
import type { MetricsReport } from '../../../core/metrics/report';
import type { Format } from '../format';
import { Col, CountCells, RateCell, RowHead } from './cells';
import { TableScroll } from './MetricsPage';
import { Trends } from './Trends';

const STEP_NAMES: Record<FunnelStepName, string> = {
  newUsers: 'New users',
  activated: 'Activated',
  pql: 'Product qualified',
  converted: 'Converted',
};

/** The overview: the funnel drawn as bars, weekly trends, time to value, and PQLs per definition. */
export function OverviewReport({ report, fmt }: { report: MetricsReport; fmt: Format }) {
  const ttv = report.timeToValue;
  return (
    <div class="stack">
      <section class="card" aria-labelledby="funnel-title">
        <h2 id="funnel-title">Funnel</h2>
        <p class="muted">
          Users first seen in the range → of them, activated (reached the aha moment) → of those,
          product qualified (any PQL definition) → of those, converted
          {report.conversionEvent ? (
            <>
              {' '}
              (<code>{report.conversionEvent}</code>)
            </>
          ) : (
            '; no conversion event is set in the config (conversion.event)'
          )}
          .
        </p>
        <TableScroll label="Funnel">
          <table class="data funnel">
            <caption class="visually-hidden">Funnel</caption>
            <thead>
              <tr>
                <Col>Step</Col>
                <Col num>Users</Col>
                <Col num>From previous step</Col>
                <Col wide>From new users</Col>
              </tr>
            </thead>
            <tbody>
              {report.funnel.map((step) => (
                <tr key={step.step}>
                  <RowHead title={STEP_NAMES[step.step]} />
                  <CountCells counts={[step.count]} fmt={fmt} />
                  <td class="num">{fmt.percent(step.fromPrevious)}</td>
                  <RateCell rate={step.fromTop} fmt={fmt} />
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
        {report.conversionEvent && (
          <p class="muted">
            All conversions of these users, product qualified or not:{' '}
            {fmt.count(report.convertedUsers.count)} (
            {fmt.percent(report.convertedUsers.fromNewUsers)} of new users).
          </p>
        )}
      </section>

      <Trends report={report} fmt={fmt} />

      <section class="card" aria-labelledby="ttv-title">
        <h2 id="ttv-title">Time to value</h2>
        {ttv.count === 0 ? (
          <p class="muted">Nobody first seen in this range has reached the aha moment yet.</p>
        ) : (
          <dl class="figures">
            <div>
              <dt>Median</dt>
              <dd>{fmt.duration(ttv.medianMs)}</dd>
            </div>
            <div>
              <dt>75th percentile</dt>
              <dd>{fmt.duration(ttv.p75Ms)}</dd>
            </div>
            <div>
              <dt>Activated users</dt>
              <dd>{fmt.count(ttv.count)}</dd>
            </div>
          </dl>
        )}
      </section>

      {report.pql.length > 0 && (
        <section class="card" aria-labelledby="pql-title">
          <h2 id="pql-title">Product qualified leads</h2>
          <TableScroll label="Product qualified leads by definition">
            <table class="data">
              <caption class="visually-hidden">Product qualified leads by definition</caption>
              <thead>
                <tr>
                  <Col>Definition</Col>
                  <Col num>Qualified</Col>
                  <Col num>Scored</Col>
                  <Col wide>Qualified share</Col>
                </tr>
              </thead>
              <tbody>
                {report.pql.map((d) => (
                  <tr key={d.definition}>
                    <RowHead title={d.title} sub={`${d.definition} · per ${d.scope}`} />
                    <CountCells counts={[d.qualified, d.scored]} fmt={fmt} />
                    <RateCell rate={d.scored > 0 ? d.qualified / d.scored : null} fmt={fmt} />
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
      )}
    </div>
  );
}
