import type { Format } from '../format';
import type { Dashboard } from '../model';
import { hrefOf } from '../routes';
import type { AccountDetail, PqlDefinition, UserDetail } from '../types';
import { Link } from './Link';
import { PageHeader } from './MetricsPage';
import { Milestones } from './Milestones';
import { Scores } from './Scores';
import { Failure, Loading } from './Status';
import { SubjectSearch } from './SubjectSearch';
import { decisionEntry, eventEntry, Timeline } from './Timeline';

/** One user's or account's page: scores with reasons, milestones, signals, nudges, timeline. */
export function SubjectPage({ model, fmt }: { model: Dashboard; fmt: Format }) {
  const route = model.route.value;
  if (route.page !== 'subject') return null;
  const load = model.subject.value;
  const defs = model.definitions.value;
  const definitions = defs.status === 'ready' ? defs.data.definitions : [];
  const noun = route.kind === 'user' ? 'User' : 'Account';
  const name =
    load.status === 'ready' && typeof load.data.traits.name === 'string'
      ? load.data.traits.name
      : null;
  return (
    <>
      <PageHeader title={name ? `${name}` : `${noun} ${route.id}`}>
        <button type="button" class="button button-quiet" onClick={model.refresh}>
          Refresh
        </button>
      </PageHeader>
      <SubjectSearch model={model} kind={route.kind} id={route.id} />
      {load.status === 'loading' && <Loading what={`${noun.toLowerCase()} ${route.id}`} />}
      {load.status === 'failed' && (
        <Failure
          title={
            load.error.status === 404
              ? `No ${noun.toLowerCase()} “${route.id}” has been seen.`
              : `${noun} ${route.id} could not be loaded.`
          }
          error={load.error}
        />
      )}
      {load.status === 'ready' &&
        ('userId' in load.data ? (
          <UserView model={model} fmt={fmt} user={load.data} definitions={definitions} />
        ) : (
          <AccountView
            model={model}
            fmt={fmt}
            account={load.data as AccountDetail}
            definitions={definitions}
          />
        ))}
    </>
  );
}

function UserView(props: {
  model: Dashboard;
  fmt: Format;
  user: UserDetail;
  definitions: PqlDefinition[];
}) {
  const { model, fmt, user } = props;
  const milestones = [...user.milestones, ...user.accountMilestones].sort((a, b) =>
    (a.reachedAt ?? '').localeCompare(b.reachedAt ?? ''),
  );
  const signals = user.pql.flatMap((s) =>
    s.reasons.filter((r) => r.rule === 'intent').map((r) => ({ ...r, definition: s.definition })),
  );
  const nudges = user.timeline.filter((e) => e.event?.startsWith('$nudge_'));
  const entries = [
    ...user.decisions.filter((d) => d.kind !== 'checklist_item').map(decisionEntry),
    ...user.timeline.map(eventEntry),
  ];
  return (
    <div class="stack">
      <dl class="figures card">
        <div>
          <dt>User id</dt>
          <dd class="mono">{user.userId}</dd>
        </div>
        {typeof user.traits.email === 'string' && (
          <div>
            <dt>Email</dt>
            <dd>{user.traits.email}</dd>
          </div>
        )}
        <div>
          <dt>First seen</dt>
          <dd>{fmt.dateTime(user.firstSeen)}</dd>
        </div>
        <div>
          <dt>Activated</dt>
          <dd>
            {user.activatedAt ? fmt.dateTime(user.activatedAt) : 'Not yet'}
            {user.timeToValueMs !== null && (
              <span class="sub">time to value {fmt.duration(user.timeToValueMs)}</span>
            )}
          </dd>
        </div>
        {user.accountIds.length > 0 && (
          <div>
            <dt>{user.accountIds.length === 1 ? 'Account' : 'Accounts'}</dt>
            <dd>
              <IdLinks model={model} kind="account" ids={user.accountIds} />
            </dd>
          </div>
        )}
      </dl>
      <section class="card" aria-labelledby="scores-title">
        <h2 id="scores-title">PQL scores</h2>
        <Scores scores={user.pql} definitions={props.definitions} fmt={fmt} />
      </section>
      <div class="columns">
        <section class="card" aria-labelledby="milestones-title">
          <h2 id="milestones-title">Milestones</h2>
          <Milestones milestones={milestones} fmt={fmt} />
        </section>
        <section class="card" aria-labelledby="signals-title">
          <h2 id="signals-title">Hand-raise signals</h2>
          {signals.length === 0 ? (
            <p class="muted">No buying intent counted right now.</p>
          ) : (
            <ul class="plain">
              {signals.map((s) => (
                <li key={`${s.definition}:${s.key}`}>
                  {s.label ?? s.key} <span class="sub">{s.detail}</span>
                </li>
              ))}
            </ul>
          )}
          <section aria-labelledby="nudges-title">
            <h2 id="nudges-title">Nudges</h2>
            {nudges.length === 0 ? (
              <p class="muted">No nudge shown.</p>
            ) : (
              <ul class="plain">
                {nudges.map((e) => {
                  const entry = eventEntry(e);
                  return (
                    <li key={e.messageId}>
                      {entry.text} <span class="sub">{fmt.dateTime(e.timestamp)}</span>
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
        </section>
      </div>
      {user.checklists.length > 0 && (
        <section class="card" aria-labelledby="checklists-title">
          <h2 id="checklists-title">Checklists</h2>
          {user.checklists.map((list) => (
            <div key={list.id} class="checklist">
              <p>
                <strong>{list.title}</strong>{' '}
                <span class="muted">
                  {fmt.count(list.doneCount)} of {fmt.count(list.total)} done
                </span>
              </p>
              <ul class="plain checks">
                {list.items.map((item) => (
                  <li key={item.id} class={item.done ? 'done' : ''}>
                    <span aria-hidden="true">{item.done ? '✓' : '○'}</span> {item.title}
                    <span class="visually-hidden">{item.done ? ' (done)' : ' (not done)'}</span>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      )}
      <section class="card" aria-labelledby="timeline-title">
        <h2 id="timeline-title">Timeline</h2>
        <Timeline entries={entries} fmt={fmt} />
      </section>
    </div>
  );
}

function AccountView(props: {
  model: Dashboard;
  fmt: Format;
  account: AccountDetail;
  definitions: PqlDefinition[];
}) {
  const { model, fmt, account } = props;
  return (
    <div class="stack">
      <dl class="figures card">
        <div>
          <dt>Account id</dt>
          <dd class="mono">{account.accountId}</dd>
        </div>
        {typeof account.traits.plan === 'string' && (
          <div>
            <dt>Plan</dt>
            <dd>{account.traits.plan}</dd>
          </div>
        )}
        <div>
          <dt>First seen</dt>
          <dd>{fmt.dateTime(account.firstSeen)}</dd>
        </div>
        <div>
          <dt>Members</dt>
          <dd>
            {account.userIds.length === 0 ? (
              'None yet'
            ) : (
              <IdLinks model={model} kind="user" ids={account.userIds} />
            )}
          </dd>
        </div>
      </dl>
      <section class="card" aria-labelledby="scores-title">
        <h2 id="scores-title">PQL scores</h2>
        <Scores scores={account.pql ?? []} definitions={props.definitions} fmt={fmt} />
      </section>
      <section class="card" aria-labelledby="milestones-title">
        <h2 id="milestones-title">Milestones</h2>
        <Milestones milestones={account.milestones} fmt={fmt} />
      </section>
      <section class="card" aria-labelledby="timeline-title">
        <h2 id="timeline-title">Timeline</h2>
        <Timeline entries={account.timeline.map(eventEntry)} fmt={fmt} />
      </section>
    </div>
  );
}

function IdLinks(props: { model: Dashboard; kind: 'user' | 'account'; ids: string[] }) {
  return (
    <>
      {props.ids.map((id, i) => (
        <span key={id}>
          {i > 0 && ', '}
          <Link model={props.model} href={hrefOf({ page: 'subject', kind: props.kind, id })}>
            {id}
          </Link>
        </span>
      ))}
    </>
  );
}
