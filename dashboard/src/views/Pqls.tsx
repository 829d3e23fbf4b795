import { useState } from 'preact/hooks';
import type { Format } from '../format';
import { type Dashboard, nameOf, type SortKey } from '../model';
import { hrefOf } from '../routes';
import type { PqlRow } from '../types';
import { Link } from './Link';
import { PageHeader, TableScroll } from './MetricsPage';
import { Reasons } from './Reasons';
import { Failure, Loading } from './Status';

/** Product qualified leads of one definition: sortable, with reasons, exportable as CSV. */
export function PqlsPage({ model, fmt }: { model: Dashboard; fmt: Format }) {
  const route = model.route.value;
  const all = route.page === 'pqls' && route.all;
  const defs = model.definitions.value;
  const current = model.pqlDefinition.value;
  const list = model.pqls.value;
  const download = model.download.value;
  const definition =
    defs.status === 'ready' ? defs.data.definitions.find((d) => d.id === current) : undefined;
  return (
    <>
      <PageHeader
        title="Product qualified leads"
        intro="Users and accounts who reached value and show buying intent, best scores first."
      >
        <button type="button" class="button button-quiet" onClick={model.refresh}>
          Refresh
        </button>
        <button
          type="button"
          class="button"
          onClick={() => void model.downloadCsv()}
          disabled={download.busy || list.status !== 'ready'}
        >
          {download.busy ? 'Preparing CSV…' : 'Download CSV'}
        </button>
      </PageHeader>
      {download.error && (
        <p class="field-error" role="alert">
          {download.error}
        </p>
      )}
      {defs.status === 'failed' && (
        <Failure title="The PQL definitions could not be loaded." error={defs.error} />
      )}
      {defs.status === 'ready' && defs.data.definitions.length === 0 && (
        <p class="empty">
          The config defines no PQLs. Add a definition under <code>pql</code> to score users.
        </p>
      )}
      {defs.status === 'ready' && defs.data.definitions.length > 0 && (
        <div class="toolbar">
          <label class="select">
            <span>Definition</span>
            <select
              value={current ?? ''}
              onChange={(event) =>
                model.navigate(hrefOf({ page: 'pqls', definition: event.currentTarget.value, all }))
              }
            >
              {defs.data.definitions.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.title}
                </option>
              ))}
            </select>
          </label>
          <label class="check">
            <input
              type="checkbox"
              checked={all}
              onChange={(event) =>
                model.navigate(
                  hrefOf({ page: 'pqls', definition: current, all: event.currentTarget.checked }),
                )
              }
            />
            <span>Include those below the threshold</span>
          </label>
          {definition && (
            <p class="muted toolbar-note">
              Qualifies at {fmt.count(definition.threshold)} points, per {definition.scope}.
            </p>
          )}
        </div>
      )}
      {current && defs.status === 'ready' && !definition && (
        <div class="notice notice-error" role="alert">
          <p>No PQL definition “{current}” in the config.</p>
        </div>
      )}
      {list.status === 'loading' && defs.status !== 'failed' && current && <Loading what="leads" />}
      {list.status === 'failed' && definition && (
        <Failure title="The leads could not be loaded." error={list.error} />
      )}
      {list.status === 'ready' && (
        <PqlTable model={model} fmt={fmt} rows={model.sortedPqls.value} all={all} />
      )}
    </>
  );
}

/** Rows a page of the table shows. */
const PAGE_SIZE = 50;

function PqlTable(props: { model: Dashboard; fmt: Format; rows: PqlRow[]; all: boolean }) {
  const { model, fmt } = props;
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(0);
  if (props.rows.length === 0) {
    return (
      <p class="empty">
        {props.all
          ? 'Nobody has been scored by this definition yet.'
          : 'Nobody qualifies yet. Tick “Include those below the threshold” to see everyone scored.'}
      </p>
    );
  }
  const wanted = query.trim().toLowerCase();
  const found = wanted
    ? props.rows.filter((r) =>
        [r.id, r.email, r.name, r.company].some((v) => v?.toLowerCase().includes(wanted)),
      )
    : props.rows;
  const pages = Math.max(1, Math.ceil(found.length / PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const rows = found.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);
  const sort = model.sort.value;
  const header = (by: SortKey, label: string, className?: string) => {
    const active = sort.by === by;
    return (
      <th
        scope="col"
        class={className}
        aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}
      >
        <button type="button" class="sort" onClick={() => model.sortBy(by)}>
          {label}
          <span class="sort-mark" aria-hidden="true">
            {active ? (sort.descending ? '↓' : '↑') : '↕'}
          </span>
        </button>
      </th>
    );
  };
  return (
    <>
      <div class="toolbar">
        <label class="lead-search">
          <span>Search</span>
          <input
            class="lead-search-input"
            type="search"
            value={query}
            placeholder="Name, email, company or id"
            onInput={(event) => {
              setQuery(event.currentTarget.value);
              setPage(0);
            }}
          />
        </label>
        <p class="muted toolbar-note" role="status">
          {found.length === 0
            ? 'No lead matches.'
            : `${fmt.count(current * PAGE_SIZE + 1)}–${fmt.count(current * PAGE_SIZE + rows.length)} of ${fmt.count(found.length)}`}
        </p>
      </div>
      <TableScroll label="Leads">
        <table class="data pqls">
          <caption class="visually-hidden">
            {fmt.count(found.length)} {found.length === 1 ? 'lead' : 'leads'}; the sortable column
            headers are buttons.
          </caption>
          <thead>
            <tr>
              {header('name', 'Name')}
              <th scope="col">Company</th>
              {header('score', 'Score', 'num')}
              {header('qualified', 'First qualified')}
              <th scope="col">Reasons</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={`${row.kind}:${row.id}`}>
                <th scope="row">
                  <Link
                    model={model}
                    href={hrefOf({ page: 'subject', kind: row.kind, id: row.id })}
                  >
                    {nameOf(row)}
                  </Link>
                  <span class="sub">
                    {row.kind === 'account' ? 'Account' : 'User'} {row.id}
                    {row.email && row.name ? ` · ${row.email}` : ''}
                  </span>
                </th>
                <td>{row.company ?? ''}</td>
                <td class="num">
                  <span class={`score${row.qualifies ? ' score-qualified' : ''}`}>
                    {fmt.count(row.score)}
                  </span>
                </td>
                <td>{row.firstQualifiedAt ? fmt.dateTime(row.firstQualifiedAt) : 'Not yet'}</td>
                <td>
                  <Reasons reasons={row.reasons} fmt={fmt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {pages > 1 && (
        <nav class="pager" aria-label="Pages of leads">
          <button
            type="button"
            class="button button-quiet"
            disabled={current === 0}
            onClick={() => setPage(current - 1)}
          >
            Previous
          </button>
          <span>
            Page {fmt.count(current + 1)} of {fmt.count(pages)}
          </span>
          <button
            type="button"
            class="button button-quiet"
            disabled={current >= pages - 1}
            onClick={() => setPage(current + 1)}
          >
            Next
          </button>
        </nav>
      )}
    </>
  );
}
