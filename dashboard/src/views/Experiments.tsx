import type { MetricsReport } from '../../../core/metrics/report';
import { IntervalPlot } from '../charts/IntervalPlot';
import type { Format } from '../format';
import { Col, CountCells, RowHead } from './cells';
import { TableScroll } from './MetricsPage';

type Experiment = MetricsReport['experiments'][number];

/** Each experiment's readout: the verdict first, then the numbers behind it. */
export function ExperimentsReport({ report, fmt }: { report: MetricsReport; fmt: Format }) {
  if (report.experiments.length === 0) {
    return <p class="empty">No nudge runs an experiment.</p>;
  }
  return (
    <div class="stack">
      {report.experiments.map((e) => (
        <ExperimentCard key={e.nudge} experiment={e} fmt={fmt} />
      ))}
    </div>
  );
}

function ExperimentCard({ experiment: e, fmt }: { experiment: Experiment; fmt: Format }) {
  const id = `experiment-${e.nudge}`;
  const significant = e.pValue !== null && e.pValue < 0.05 && !e.srm.mismatch;
  return (
    <article class="card" aria-labelledby={id}>
      <h2 id={id}>
        {e.title}
        <span class="sub">{e.nudge}</span>
      </h2>
      {e.srm.mismatch && (
        <div class="notice notice-warning">
          <p class="notice-title">Sample ratio mismatch</p>
          <p>
            {fmt.percent(e.srm.observedControlShare)} of users are in control but{' '}
            {fmt.percent(e.srm.expectedControlShare)} were expected ({fmt.pValue(e.srm.pValue)}).
            The assignment or the tracking is off; don't trust the result until it is fixed.
          </p>
        </div>
      )}
      <p class={`verdict${significant ? ' verdict-strong' : ''}`}>
        <span class="visually-hidden">Verdict: </span>
        {e.verdict}
      </p>
      <TableScroll label={`${e.title}: treatment and control`}>
        <table class="data">
          <caption class="visually-hidden">{e.title}: treatment and control</caption>
          <thead>
            <tr>
              <Col>Group</Col>
              <Col num>Users</Col>
              <Col num>Converted</Col>
              <Col num>Conversion</Col>
            </tr>
          </thead>
          <tbody>
            <tr>
              <RowHead title="Treatment (sees the nudge)" />
              <CountCells counts={[e.treatment.exposed, e.treatment.converted]} fmt={fmt} />
              <td class="num">{fmt.percent(e.treatmentRate)}</td>
            </tr>
            <tr>
              <RowHead title="Control (held back)" />
              <CountCells counts={[e.control.exposed, e.control.converted]} fmt={fmt} />
              <td class="num">{fmt.percent(e.controlRate)}</td>
            </tr>
          </tbody>
        </table>
      </TableScroll>
      <dl class="figures">
        <div>
          <dt>Lift</dt>
          <dd>
            {fmt.points(e.absoluteLift)}
            {e.absoluteLiftCI95 && (
              <span class="sub">
                95% CI {fmt.points(e.absoluteLiftCI95[0])} to {fmt.points(e.absoluteLiftCI95[1])}
              </span>
            )}
          </dd>
        </div>
        <div>
          <dt>Relative lift</dt>
          <dd>
            {e.relativeLift === null ? '—' : signedPercent(fmt, e.relativeLift)}
            {e.relativeLiftCI95 && (
              <span class="sub">
                95% CI {signedPercent(fmt, e.relativeLiftCI95[0])} to{' '}
                {signedPercent(fmt, e.relativeLiftCI95[1])}
              </span>
            )}
          </dd>
        </div>
        <div>
          <dt>p-value</dt>
          <dd>{fmt.pValue(e.pValue)}</dd>
        </div>
        <div>
          <dt>Control share</dt>
          <dd>
            {fmt.percent(e.srm.observedControlShare)}
            <span class="sub">expected {fmt.percent(e.controlShare)}</span>
          </dd>
        </div>
      </dl>
      {e.absoluteLift !== null && e.absoluteLiftCI95 && (
        <figure class="interval-figure">
          <IntervalPlot
            estimate={e.absoluteLift}
            interval={e.absoluteLiftCI95}
            fmt={fmt}
            label={`Lift of ${e.title}`}
          />
          <figcaption>
            Lift in conversion, treatment minus control, with its 95% confidence interval. An
            interval clear of zero is a difference the data supports.
          </figcaption>
        </figure>
      )}
    </article>
  );
}

function signedPercent(fmt: Format, rate: number): string {
  const text = fmt.percent(rate);
  return rate > 0 ? `+${text}` : text;
}
