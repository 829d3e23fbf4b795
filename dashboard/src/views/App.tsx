import type { JSX } from 'preact';
import type { MetricsReport } from '../../../core/metrics/report';
import type { Format } from '../format';
import type { Dashboard } from '../model';
import { hrefOf, type MetricsPageName, type Route } from '../routes';
import { ChecklistsReport } from './Checklists';
import { ExperimentsReport } from './Experiments';
import { Link } from './Link';
import { MetricsPage, PageHeader } from './MetricsPage';
import { NudgesReport } from './Nudges';
import { OverviewReport } from './Overview';
import { PqlsPage } from './Pqls';
import { SegmentsReport } from './Segments';
import { SignIn } from './SignIn';
import { SubjectPage } from './SubjectPage';
import { SubjectSearch } from './SubjectSearch';

const NAV: { page: Route['page']; label: string; route: Route }[] = [
  { page: 'overview', label: 'Overview', route: { page: 'overview' } },
  { page: 'pqls', label: 'PQLs', route: { page: 'pqls', definition: null, all: false } },
  { page: 'people', label: 'People', route: { page: 'people' } },
  { page: 'checklists', label: 'Checklists', route: { page: 'checklists' } },
  { page: 'nudges', label: 'Nudges', route: { page: 'nudges' } },
  { page: 'experiments', label: 'Experiments', route: { page: 'experiments' } },
  { page: 'segments', label: 'Segments', route: { page: 'segments' } },
];

/** Page titles, also used for the document title. */
export function titleOf(route: Route): string {
  if (route.page === 'subject') return `${route.kind === 'user' ? 'User' : 'Account'} ${route.id}`;
  if (route.page === 'not-found') return 'Page not found';
  return NAV.find((n) => n.page === route.page)?.label ?? 'Dashboard';
}

/** The whole dashboard: the sign-in form, or the navigation and the current page. */
export function App({ model, fmt }: { model: Dashboard; fmt: Format }) {
  if (!model.key.value) return <SignIn model={model} />;
  const route = model.route.value;
  const range = model.range.value;
  const active = route.page === 'subject' ? 'people' : route.page;
  return (
    <div class="shell">
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="topbar">
        <Link model={model} href={hrefOf({ page: 'overview' }, range)} class="brand">
          <span class="brand-mark" aria-hidden="true" />
          ahakit
        </Link>
        <nav aria-label="Dashboard">
          <ul>
            {NAV.map((item) => (
              <li key={item.page}>
                <Link
                  model={model}
                  href={hrefOf(item.route, range)}
                  current={active === item.page}
                  class="nav-link"
                >
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <button type="button" class="button button-quiet signout" onClick={model.signOut}>
          Sign out
        </button>
      </header>
      <main id="main" class="content">
        <Page model={model} fmt={fmt} route={route} />
      </main>
    </div>
  );
}

type Report = (props: { report: MetricsReport; fmt: Format }) => JSX.Element;

const METRICS: Record<MetricsPageName, { title: string; intro: string; Report: Report }> = {
  overview: {
    title: 'Overview',
    intro: 'How new users move from sign-up to value, qualification and purchase.',
    Report: OverviewReport,
  },
  checklists: {
    title: 'Checklists',
    intro: 'How many of the users each item applied to completed it.',
    Report: ChecklistsReport,
  },
  nudges: {
    title: 'Nudges',
    intro: 'Upgrade prompts and tips: who could see them, who did, and what they did next.',
    Report: NudgesReport,
  },
  experiments: {
    title: 'Experiments',
    intro: 'Nudges tested against a held-back control group.',
    Report: ExperimentsReport,
  },
  segments: {
    title: 'Segments',
    intro:
      'Scored users and accounts by fit band and value band: the top right is where the best leads are.',
    Report: SegmentsReport,
  },
};

function Page({ model, fmt, route }: { model: Dashboard; fmt: Format; route: Route }) {
  switch (route.page) {
    case 'overview':
    case 'checklists':
    case 'nudges':
    case 'experiments':
    case 'segments': {
      const { title, intro, Report } = METRICS[route.page];
      return (
        <MetricsPage model={model} fmt={fmt} title={title} intro={intro}>
          {(report) => <Report report={report} fmt={fmt} />}
        </MetricsPage>
      );
    }
    case 'pqls':
      return <PqlsPage model={model} fmt={fmt} />;
    case 'people':
      return (
        <>
          <PageHeader
            title="People"
            intro="Open a user's or an account's page: scores with reasons, milestones, signals, nudges and their timeline."
          />
          <SubjectSearch model={model} />
        </>
      );
    case 'subject':
      return <SubjectPage model={model} fmt={fmt} />;
    case 'not-found':
      return (
        <>
          <PageHeader title="Page not found" />
          <p>
            Nothing at <code>{route.path}</code>.{' '}
            <Link model={model} href={hrefOf({ page: 'overview' })}>
              Go to the overview
            </Link>
            .
          </p>
        </>
      );
  }
}
