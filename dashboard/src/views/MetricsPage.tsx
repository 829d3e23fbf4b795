import type { ComponentChildren } from 'preact';
import type { MetricsReport } from '../../../core/metrics/report';
import type { Format } from '../format';
import type { Dashboard } from '../model';
import { RangePicker } from './RangePicker';
import { Failure, Loading } from './Status';

/**
 * The frame of every metrics page: its title, the date range, and the report for that
 * range from `GET /v1/admin/metrics`, or why there is none.
 */
export function MetricsPage(props: {
  model: Dashboard;
  fmt: Format;
  title: string;
  intro: string;
  children: (report: MetricsReport) => ComponentChildren;
}) {
  const { model, fmt } = props;
  const range = model.range.value;
  const load = model.metrics.value;
  return (
    <>
      <PageHeader title={props.title} intro={props.intro}>
        <button type="button" class="button button-quiet" onClick={model.refresh}>
          Refresh
        </button>
      </PageHeader>
      <RangePicker range={range} now={model.now()} fmt={fmt} onChange={model.setRange} />
      <p class="range-caption">
        Users first seen from {fmt.day(range.from)} to {fmt.day(range.to)} (UTC)
      </p>
      {load.status === 'loading' && <Loading what="metrics" />}
      {load.status === 'failed' && load.error.status === 404 && <MetricsUnavailable />}
      {load.status === 'failed' && load.error.status !== 404 && (
        <Failure title="The metrics could not be loaded." error={load.error} />
      )}
      {load.status === 'ready' && props.children(load.data)}
    </>
  );
}

/** What a collector without the metrics endpoint shows instead of numbers. */
export function MetricsUnavailable() {
  return (
    <div class="notice" role="status">
      <p class="notice-title">Metrics unavailable</p>
      <p>
        This collector does not serve metrics (<code>GET /v1/admin/metrics</code> answered 404).
        Update the collector to see the funnel, checklists, nudges, experiments and segments; the
        PQL list and the people pages work without it.
      </p>
    </div>
  );
}

export function PageHeader(props: { title: string; intro?: string; children?: ComponentChildren }) {
  return (
    <header class="page-header">
      <div>
        <h1 tabIndex={-1}>{props.title}</h1>
        {props.intro && <p class="intro">{props.intro}</p>}
      </div>
      {props.children && <div class="page-actions">{props.children}</div>}
    </header>
  );
}

/** A wide table that scrolls sideways on a small screen, reachable by keyboard. */
export function TableScroll(props: { label: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to scroll by keyboard.
    <section class="table-scroll" aria-label={props.label} tabIndex={0}>
      {props.children}
    </section>
  );
}
