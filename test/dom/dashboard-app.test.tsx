import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { createFormat } from '../../dashboard/src/format';
import { createDashboard } from '../../dashboard/src/model';
import { mountDashboard } from '../../dashboard/src/mount';
import { METRICS_REPORT } from '../fixtures/metrics-report';

const KEY = 'sk_test_admin_key';
const NOW = Date.parse('2026-11-02T12:00:00Z');

const DEFINITIONS = {
  definitions: [
    { id: 'upsell', title: 'Upsell', scope: 'user', threshold: 70 },
    { id: 'expansion', title: 'Expansion', scope: 'account', threshold: 60 },
  ],
};

const PQLS = {
  definition: 'upsell',
  count: 2,
  pqls: [
    {
      kind: 'user',
      id: 'ada',
      name: 'Ada Lovelace',
      email: 'ada@engines.example',
      company: 'Analytical Engines',
      score: 80,
      qualifies: true,
      firstQualifiedAt: '2026-11-01T10:00:00.000Z',
      scoredAt: '2026-11-01T10:00:00.000Z',
      reasons: [
        { rule: 'fit', key: 'fit.0', label: 'Free plan', points: 10 },
        { rule: 'intent', key: 'intent.1', label: 'Looked at upgrading', points: 25 },
      ],
    },
    {
      kind: 'user',
      id: 'zed',
      name: 'Zed Shaw',
      score: 95,
      qualifies: true,
      firstQualifiedAt: '2026-10-20T10:00:00.000Z',
      scoredAt: '2026-10-20T10:00:00.000Z',
      reasons: [{ rule: 'value', key: 'value.0', label: 'Reached the aha moment', points: 30 }],
    },
  ],
};

const ADA = {
  userId: 'ada',
  activatedAt: '2026-11-01T09:10:00.000Z',
  timeToValueMs: 600_000,
  milestones: [{ id: 'aha', scope: 'user', reachedAt: '2026-11-01T09:10:00.000Z' }],
  accountMilestones: [
    { id: 'teammate_invited', scope: 'account', reachedAt: '2026-11-01T09:05:00.000Z' },
  ],
  checklists: [],
  pql: [
    {
      definition: 'upsell',
      score: 80,
      qualifies: true,
      firstQualifiedAt: '2026-11-01T10:00:00.000Z',
      reasons: PQLS.pqls[0]!.reasons,
    },
  ],
  decisions: [{ kind: 'pql.qualified', ref: 'upsell', at: '2026-11-01T10:00:00.000Z' }],
  traits: { name: 'Ada Lovelace' },
  anonymousIds: [],
  accountIds: ['engines'],
  firstSeen: '2026-11-01T09:00:00.000Z',
  lastSeen: '2026-11-01T10:00:00.000Z',
  timeline: [
    {
      messageId: 'm1',
      type: 'track',
      event: '$nudge_shown',
      timestamp: '2026-11-01T09:30:00.000Z',
      properties: { nudgeId: 'limit_card', kind: 'card' },
    },
  ],
};

type Answer = { status: number; body: unknown; headers?: Record<string, string> };
type Routes = Record<string, Answer | ((url: URL) => Answer)>;

const stops: Array<() => void> = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  cleanup();
  document.body.innerHTML = '';
  sessionStorage.clear();
});

/** Mounts the dashboard on a fake admin API; `routes` maps a path to its answer. */
function open(path: string, routes: Routes, options: { key?: string } = {}) {
  if (options.key) sessionStorage.setItem('ahakit:admin-key', options.key);
  const requests: { url: URL; authorization: string | null }[] = [];
  const saved: { name: string; text: Promise<string> }[] = [];
  const here = new URL(path, 'http://collector.test');
  const fetcher = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://collector.test');
    const authorization = new Headers(init?.headers).get('authorization');
    requests.push({ url, authorization });
    if (authorization !== `Bearer ${KEY}`) {
      return json(401, {
        error: { code: 'invalid_admin_key', message: 'The admin key is not valid.' },
      });
    }
    const route = routes[url.pathname];
    const answer = typeof route === 'function' ? route(url) : route;
    if (!answer)
      return json(404, {
        error: { code: 'not_found', message: `No route for GET ${url.pathname}.` },
      });
    const { status, body, headers } = answer;
    return typeof body === 'string'
      ? new Response(body, { status, headers: headers ?? {} })
      : json(status, body);
  };
  const model = createDashboard({
    fetch: fetcher as typeof fetch,
    storage: sessionStorage,
    location: () => ({ pathname: here.pathname, search: here.search }),
    pushUrl: (url) => {
      const next = new URL(url, here);
      here.pathname = next.pathname;
      here.search = next.search;
    },
    save: (blob, name) => saved.push({ name, text: blob.text() }),
    now: () => NOW,
  });
  const root = document.createElement('div');
  document.body.append(root);
  stops.push(mountDashboard(root, model, createFormat('en-US')), model.dispose);
  return { model, requests, saved, here };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

const api = (body: unknown): Answer => ({ status: 200, body });
const BASE_ROUTES: Routes = { '/v1/admin/pqls/definitions': api(DEFINITIONS) };

async function signIn(key: string) {
  fireEvent.input(screen.getByLabelText('Admin key'), { target: { value: key } });
  fireEvent.submit(screen.getByRole('form', { name: /Sign in/ }));
}

describe('signing in to the dashboard', () => {
  it('refuses a wrong admin key with a clear error and shows nothing of the dashboard', async () => {
    open('/dashboard/', BASE_ROUTES);
    await signIn('sk_wrong_key_1234');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/That admin key is not valid for this collector/);
    expect(screen.queryByRole('navigation')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Sign out' })).toBeNull();
    expect(sessionStorage.getItem('ahakit:admin-key')).toBeNull();
  });

  it('signs in with the right key, keeps it for the tab and sends it as a Bearer token', async () => {
    const { requests } = open('/dashboard/pqls', {
      ...BASE_ROUTES,
      '/v1/admin/pqls': api(PQLS),
    });
    await signIn(KEY);
    await screen.findByRole('navigation', { name: 'Dashboard' });
    expect(sessionStorage.getItem('ahakit:admin-key')).toBe(KEY);
    await screen.findByRole('link', { name: 'Ada Lovelace' });
    expect(requests.map((r) => r.authorization)).toEqual(requests.map(() => `Bearer ${KEY}`));
    expect(requests.some((r) => r.url.searchParams.get('definition') === 'upsell')).toBe(true);
  });

  it('signs out, forgetting the key', async () => {
    open('/dashboard/people', BASE_ROUTES, { key: KEY });
    fireEvent.click(await screen.findByRole('button', { name: 'Sign out' }));
    await screen.findByLabelText('Admin key');
    expect(sessionStorage.getItem('ahakit:admin-key')).toBeNull();
  });

  it('goes back to the sign-in form, saying why, when the collector stops accepting the key', async () => {
    open('/dashboard/people', BASE_ROUTES, { key: 'sk_rotated_key_1' });
    await screen.findByLabelText('Admin key');
    expect(screen.getByRole('status').textContent).toMatch(/no longer accepts this admin key/);
    expect(sessionStorage.getItem('ahakit:admin-key')).toBeNull();
  });
});

describe('the metrics pages', () => {
  it('say the metrics are unavailable when the collector answers 404', async () => {
    open('/dashboard/', BASE_ROUTES, { key: KEY });
    expect(await screen.findByText('Metrics unavailable')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('read the report for the chosen range and keep the range across pages', async () => {
    const { requests, here } = open(
      '/dashboard/?from=2026-10-01&to=2026-10-31',
      { ...BASE_ROUTES, '/v1/admin/metrics': api(METRICS_REPORT) },
      { key: KEY },
    );
    await screen.findByRole('table', { name: 'Funnel' });
    const metricsCalls = () =>
      requests.filter((r) => r.url.pathname === '/v1/admin/metrics').map((r) => r.url.search);
    expect(metricsCalls()).toEqual(['?from=2026-10-01&to=2026-10-31']);

    fireEvent.click(screen.getByRole('button', { name: 'Last 7 days' }));
    await waitFor(() => expect(metricsCalls()).toContain('?from=2026-10-27&to=2026-11-02'));
    expect(here.search).toBe('?from=2026-10-27&to=2026-11-02');

    fireEvent.click(screen.getByRole('link', { name: 'Experiments' }));
    await screen.findByRole('heading', { level: 1, name: 'Experiments' });
    expect(here.pathname).toBe('/dashboard/experiments');
    expect(here.search).toBe('?from=2026-10-27&to=2026-11-02');
    expect(screen.getByText('Sample ratio mismatch')).toBeTruthy();
    // The same range is not asked for twice.
    expect(metricsCalls()).toHaveLength(2);
  });

  it('refuse a range whose first day is after its last', async () => {
    open('/dashboard/', { ...BASE_ROUTES, '/v1/admin/metrics': api(METRICS_REPORT) }, { key: KEY });
    await screen.findByRole('table', { name: 'Funnel' });
    const form = screen.getByRole('form', { name: 'Date range' });
    fireEvent.input(within(form).getByLabelText('From'), { target: { value: '2026-11-05' } });
    fireEvent.input(within(form).getByLabelText('To'), { target: { value: '2026-11-01' } });
    fireEvent.submit(form);
    expect((await within(form).findByRole('alert')).textContent).toMatch(
      /first day must not be after the last day/,
    );
  });
});

describe('the PQL list', () => {
  const routes: Routes = {
    ...BASE_ROUTES,
    '/v1/admin/pqls': (url) =>
      url.searchParams.get('format') === 'csv'
        ? {
            status: 200,
            body: 'kind,id,score\r\nuser,ada,80\r\n',
            headers: {
              'Content-Type': 'text/csv',
              'Content-Disposition': 'attachment; filename="pqls-upsell.csv"',
            },
          }
        : api(PQLS),
  };
  const names = () =>
    screen
      .getAllByRole('row')
      .slice(1)
      .map((row) => within(row).getByRole('link').textContent);

  it('shows each lead with its score and reasons, best score first', async () => {
    open('/dashboard/pqls', routes, { key: KEY });
    await screen.findByRole('link', { name: 'Ada Lovelace' });
    expect(names()).toEqual(['Zed Shaw', 'Ada Lovelace']);
    const ada = screen.getByRole('row', { name: /Ada Lovelace/ });
    expect(
      within(ada)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Free plan +10', 'Looked at upgrading +25']);
  });

  it('shows each lead’s company, and finds leads by name, email, company or id', async () => {
    open('/dashboard/pqls', routes, { key: KEY });
    await screen.findByRole('link', { name: 'Ada Lovelace' });
    const ada = screen.getByRole('row', { name: /Ada Lovelace/ });
    expect(within(ada).getByRole('cell', { name: 'Analytical Engines' })).toBeTruthy();
    const search = screen.getByRole('searchbox', { name: 'Search' });
    fireEvent.input(search, { target: { value: 'analytical' } });
    expect(names()).toEqual(['Ada Lovelace']);
    fireEvent.input(search, { target: { value: 'ZED' } });
    expect(names()).toEqual(['Zed Shaw']);
    fireEvent.input(search, { target: { value: 'nobody' } });
    expect(screen.getByRole('status').textContent).toBe('No lead matches.');
  });

  it('sorts by name, by first qualified and by score, each way', async () => {
    open('/dashboard/pqls', routes, { key: KEY });
    await screen.findByRole('link', { name: 'Ada Lovelace' });
    fireEvent.click(screen.getByRole('button', { name: /Name/ }));
    expect(names()).toEqual(['Ada Lovelace', 'Zed Shaw']);
    expect(screen.getByRole('columnheader', { name: /Name/ }).getAttribute('aria-sort')).toBe(
      'ascending',
    );
    fireEvent.click(screen.getByRole('button', { name: /Name/ }));
    expect(names()).toEqual(['Zed Shaw', 'Ada Lovelace']);
    fireEvent.click(screen.getByRole('button', { name: /First qualified/ }));
    expect(names()).toEqual(['Zed Shaw', 'Ada Lovelace']);
    fireEvent.click(screen.getByRole('button', { name: /First qualified/ }));
    expect(names()).toEqual(['Ada Lovelace', 'Zed Shaw']);
    fireEvent.click(screen.getByRole('button', { name: /Score/ }));
    expect(names()).toEqual(['Zed Shaw', 'Ada Lovelace']);
    expect(screen.getByRole('columnheader', { name: /Score/ }).getAttribute('aria-sort')).toBe(
      'descending',
    );
  });

  it('downloads the CSV with the admin key and saves it under the collector’s file name', async () => {
    const { saved, requests } = open('/dashboard/pqls?definition=upsell', routes, { key: KEY });
    await screen.findByRole('link', { name: 'Ada Lovelace' });
    fireEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]!.name).toBe('pqls-upsell.csv');
    expect(await saved[0]!.text).toContain('user,ada,80');
    const csv = requests.find((r) => r.url.searchParams.get('format') === 'csv')!;
    expect(csv.authorization).toBe(`Bearer ${KEY}`);
  });

  it('switches definitions from the picker', async () => {
    const { here } = open('/dashboard/pqls', routes, { key: KEY });
    await screen.findByRole('link', { name: 'Ada Lovelace' });
    fireEvent.change(screen.getByLabelText('Definition'), { target: { value: 'expansion' } });
    expect(here.search).toBe('?definition=expansion');
  });
});

describe('the user page', () => {
  it('shows the score with its reasons, the milestones, nudges and the timeline', async () => {
    open('/dashboard/users/ada', { ...BASE_ROUTES, '/v1/admin/users/ada': api(ADA) }, { key: KEY });
    await screen.findByRole('heading', { level: 1, name: 'Ada Lovelace' });
    const scores = screen.getByRole('region', { name: 'PQL scores' });
    expect(scores.textContent).toMatch(/80 points of 70 needed/);
    expect(
      within(scores)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toContain('Looked at upgrading +25');
    const milestones = screen.getByRole('region', { name: 'Milestones' });
    expect(
      within(milestones)
        .getAllByRole('rowheader')
        .map((c) => c.textContent),
    ).toEqual(['teammate_invited', 'aha']);
    expect(screen.getByRole('region', { name: 'Timeline' }).textContent).toMatch(
      /Qualified as upsell PQL/,
    );
    const nudges = screen.getByRole('region', { name: 'Nudges' });
    expect(within(nudges).getByText('limit_card shown')).toBeTruthy();
  });

  it('shows repeated identify calls once with a count, and a long timeline 50 lines at a time', async () => {
    const identify = (minute: number) => ({
      messageId: `i${minute}`,
      type: 'identify',
      timestamp: `2026-11-01T10:${String(minute).padStart(2, '0')}:00.000Z`,
      properties: { plan: 'free' },
    });
    const page = (i: number) => ({
      messageId: `p${i}`,
      type: 'page',
      timestamp: `2026-11-0${1 + Math.floor(i / 60)}T08:${String(i % 60).padStart(2, '0')}:00.000Z`,
      properties: { path: `/page/${i}` },
    });
    const busy = {
      ...ADA,
      decisions: [],
      timeline: [
        ...Array.from({ length: 12 }, (_, m) => identify(m + 10)),
        ...Array.from({ length: 70 }, (_, i) => page(i)),
      ],
    };
    open(
      '/dashboard/users/ada',
      { ...BASE_ROUTES, '/v1/admin/users/ada': api(busy) },
      { key: KEY },
    );
    await screen.findByRole('heading', { level: 1, name: 'Ada Lovelace' });
    const timeline = screen.getByRole('region', { name: 'Timeline' });
    const lines = () => within(timeline).getAllByRole('listitem');
    // 12 identify calls in a row are one line; 70 page views make 71 lines, 50 shown.
    expect(lines()).toHaveLength(50);
    const identified = lines().filter((li) => li.textContent?.includes('Identified'));
    expect(identified.map((li) => li.textContent)).toEqual([
      expect.stringMatching(/^EventIdentified \(12 times, since Nov 1, 2026, .*\)plan: free/),
    ]);
    fireEvent.click(within(timeline).getByRole('button', { name: 'Show 21 more of 21' }));
    expect(lines()).toHaveLength(71);
    expect(within(timeline).queryByRole('button', { name: /Show/ })).toBeNull();
  });

  it('names the required condition that keeps a high score from qualifying', async () => {
    const paying = {
      ...ADA,
      pql: [{ ...ADA.pql[0]!, qualifies: false, missing: ['account plan = free'] }],
    };
    open(
      '/dashboard/users/ada',
      { ...BASE_ROUTES, '/v1/admin/users/ada': api(paying) },
      { key: KEY },
    );
    await screen.findByRole('heading', { level: 1, name: 'Ada Lovelace' });
    const scores = screen.getByRole('region', { name: 'PQL scores' });
    expect(scores.textContent).toContain('A required condition is not met');
    expect(scores.textContent).toContain('Required, not met: account plan = free');
    expect(scores.textContent).not.toContain('Below threshold');
  });

  it('says when nobody with that id has been seen', async () => {
    open('/dashboard/users/nobody', BASE_ROUTES, { key: KEY });
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /No user “nobody” has been seen/,
    );
  });
});
