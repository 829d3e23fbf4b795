import type { MetricsReport } from '../../../core/metrics/report';
import type { Format } from '../format';
import { Col, CountCells, RateCell, RowHead } from './cells';
import { TableScroll } from './MetricsPage';

/** Each checklist item's completion rate among the users it applied to, as bars. */
export function ChecklistsReport({ report, fmt }: { report: MetricsReport; fmt: Format }) {
  if (report.checklists.length === 0) {
    return <p class="empty">The config has no checklists.</p>;
  }
  return (
    <div class="stack">
      {report.checklists.map((list) => (
        <section class="card" key={list.id} aria-labelledby={`checklist-${list.id}`}>
          <h2 id={`checklist-${list.id}`}>{list.title}</h2>
          <TableScroll label={`${list.title}: completion by item`}>
            <table class="data">
              <caption class="visually-hidden">{list.title}: completion by item</caption>
              <thead>
                <tr>
                  <Col>Item</Col>
                  <Col num>Completed</Col>
                  <Col num>Eligible</Col>
                  <Col wide>Completion rate</Col>
                </tr>
              </thead>
              <tbody>
                {list.items.map((item) => (
                  <tr key={item.item}>
                    <RowHead title={item.title} />
                    <CountCells counts={[item.completed, item.eligible]} fmt={fmt} />
                    <RateCell rate={item.rate} fmt={fmt} />
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
      ))}
    </div>
  );
}
