import { computed, effect, type ReadonlySignal, signal } from '@preact/signals-core';
import type { MetricsReport } from '../../core/metrics/report';
import { type AdminApi, ApiError, adminApi } from './api';
import {
  hrefOf,
  lastDays,
  METRICS_PAGES,
  parseRoute,
  type Range,
  type Route,
  rangeOf,
} from './routes';
import type { AccountDetail, PqlDefinition, PqlList, PqlRow, UserDetail } from './types';

/** What the dashboard needs from its host: the browser in the app, fakes in tests. */
export interface Platform {
  fetch: typeof fetch;
  /** Where the admin key is kept: sessionStorage, so it goes when the tab closes. */
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  location(): { pathname: string; search: string };
  pushUrl(url: string): void;
  /** Hands a file to the user (a Blob link in the browser). */
  save(blob: Blob, name: string): void;
  now(): number;
}

export type Load<T> =
  | { status: 'loading' }
  | { status: 'ready'; data: T }
  | { status: 'failed'; error: ApiError };

export type SortKey = 'score' | 'qualified' | 'name';
export interface Sort {
  by: SortKey;
  descending: boolean;
}

const KEY_ITEM = 'ahakit:admin-key';
const LOADING: Load<never> = { status: 'loading' };
const DEFINITIONS = '/pqls/definitions';

/**
 * The dashboard's state and actions, one per page instance: the admin key, the route,
 * and what the admin API answered for it. Loads start when the route needs them and are
 * kept until a refresh or sign-out; an answer that refuses the key signs out.
 *
 * @example
 * const model = createDashboard(browserPlatform());
 * await model.signIn('sk_demo_admin');
 * model.navigate('/dashboard/pqls?definition=upsell');
 */
export function createDashboard(platform: Platform) {
  const key = signal<string | null>(readKey(platform));
  const signingIn = signal(false);
  const signInError = signal<string | null>(null);
  /** Why the session ended, shown on the sign-in form. */
  const notice = signal<string | null>(null);
  const here = platform.location();
  const route = signal<Route>(parseRoute(here.pathname, here.search));
  const range = signal<Range>(rangeOf(here.search) ?? lastDays(30, platform.now()));
  const loads = signal<Record<string, Load<unknown>>>({});
  const sort = signal<Sort>({ by: 'score', descending: true });
  const download = signal<{ busy: boolean; error: string | null }>({ busy: false, error: null });

  let api: AdminApi | null = key.value ? adminApi(platform.fetch, key.value) : null;
  // Answers to a signed-out (or re-signed-in) session are dropped.
  let session = 0;

  const setLoad = (path: string, load: Load<unknown>) => {
    loads.value = { ...loads.value, [path]: load };
  };

  const ensure = (path: string) => {
    if (!api || loads.peek()[path]) return;
    const mine = session;
    setLoad(path, LOADING);
    api.get<unknown>(path).then(
      (data) => {
        if (mine === session) setLoad(path, { status: 'ready', data });
      },
      (error: unknown) => {
        if (mine !== session) return;
        const failure = asApiError(error);
        if (failure.status === 401) {
          signOut('The collector no longer accepts this admin key. Sign in again.');
          return;
        }
        setLoad(path, { status: 'failed', error: failure });
      },
    );
  };

  const read = <T>(path: string | null): Load<T> =>
    path === null ? LOADING : ((loads.value[path] as Load<T> | undefined) ?? LOADING);

  const definitions = computed(() => read<{ definitions: PqlDefinition[] }>(DEFINITIONS));

  const metricsPath = computed(() => {
    const { from, to } = range.value;
    return `/metrics?from=${from}&to=${to}`;
  });
  const metrics = computed(() => read<MetricsReport>(metricsPath.value));

  /** The definition the PQL page shows: the URL's, else the config's first. */
  const pqlDefinition = computed(() => {
    const r = route.value;
    if (r.page !== 'pqls') return null;
    if (r.definition) return r.definition;
    const defs = definitions.value;
    return defs.status === 'ready' ? (defs.data.definitions[0]?.id ?? null) : null;
  });
  const pqlPath = computed(() => {
    const r = route.value;
    const id = pqlDefinition.value;
    if (r.page !== 'pqls' || !id) return null;
    return `/pqls?definition=${encodeURIComponent(id)}${r.all ? '&all=1' : ''}`;
  });
  const pqls = computed(() => read<PqlList>(pqlPath.value));
  const sortedPqls = computed((): PqlRow[] => {
    const list = pqls.value;
    return list.status === 'ready' ? sortRows(list.data.pqls, sort.value) : [];
  });

  const subjectPath = computed(() => {
    const r = route.value;
    if (r.page !== 'subject') return null;
    return `/${r.kind === 'user' ? 'users' : 'accounts'}/${encodeURIComponent(r.id)}`;
  });
  const subject = computed(() => read<UserDetail | AccountDetail>(subjectPath.value));

  const isMetricsPage = computed(() =>
    (METRICS_PAGES as readonly string[]).includes(route.value.page),
  );

  const stopLoading = effect(() => {
    if (!key.value) return;
    ensure(DEFINITIONS);
    if (isMetricsPage.value) ensure(metricsPath.value);
    if (pqlPath.value) ensure(pqlPath.value);
    if (subjectPath.value) ensure(subjectPath.value);
  });

  async function signIn(text: string): Promise<void> {
    const candidate = text.trim();
    signInError.value = null;
    if (!candidate) {
      signInError.value = 'Enter the admin key.';
      return;
    }
    signingIn.value = true;
    const trial = adminApi(platform.fetch, candidate);
    try {
      const answer = await trial.get<{ definitions: PqlDefinition[] }>(DEFINITIONS);
      session++;
      api = trial;
      loads.value = { [DEFINITIONS]: { status: 'ready', data: answer } };
      try {
        platform.storage.setItem(KEY_ITEM, candidate);
      } catch {
        // Storage may be off (private mode): the key then lasts until the page reloads.
      }
      notice.value = null;
      key.value = candidate;
    } catch (error) {
      const failure = asApiError(error);
      signInError.value =
        failure.status === 401
          ? 'That admin key is not valid for this collector. Check AHAKIT_ADMIN_KEY and try again.'
          : failure.message;
    } finally {
      signingIn.value = false;
    }
  }

  function signOut(reason: string | null = null): void {
    session++;
    api = null;
    loads.value = {};
    try {
      platform.storage.removeItem(KEY_ITEM);
    } catch {
      // Nothing stored.
    }
    notice.value = reason;
    key.value = null;
  }

  function syncUrl(): void {
    const { pathname, search } = platform.location();
    route.value = parseRoute(pathname, search);
    const fromUrl = rangeOf(search);
    if (fromUrl && (fromUrl.from !== range.peek().from || fromUrl.to !== range.peek().to)) {
      range.value = fromUrl;
    }
  }

  function navigate(href: string): void {
    platform.pushUrl(href);
    syncUrl();
  }

  function setRange(next: Range): void {
    range.value = next;
    const r = route.peek();
    if ((METRICS_PAGES as readonly string[]).includes(r.page)) navigate(hrefOf(r, next));
  }

  /** Asks the collector again for what the current page shows. */
  function refresh(): void {
    const paths = [
      isMetricsPage.peek() ? metricsPath.peek() : null,
      pqlPath.peek(),
      subjectPath.peek(),
    ];
    const next = { ...loads.peek() };
    for (const p of paths) if (p) delete next[p];
    loads.value = next;
  }

  function sortBy(by: SortKey): void {
    const current = sort.peek();
    // A new column starts in its natural order: best scores and names A–Z first.
    sort.value =
      current.by === by
        ? { by, descending: !current.descending }
        : { by, descending: by === 'score' };
  }

  async function downloadCsv(): Promise<void> {
    const path = pqlPath.peek();
    const definition = pqlDefinition.peek();
    if (!api || !path || !definition || download.peek().busy) return;
    download.value = { busy: true, error: null };
    try {
      const { blob, name } = await api.file(`${path}&format=csv`);
      platform.save(blob, name ?? `pqls-${definition}.csv`);
      download.value = { busy: false, error: null };
    } catch (error) {
      const failure = asApiError(error);
      download.value = {
        busy: false,
        error: `The CSV could not be downloaded: ${failure.message}`,
      };
      if (failure.status === 401)
        signOut('The collector no longer accepts this admin key. Sign in again.');
    }
  }

  return {
    key: key as ReadonlySignal<string | null>,
    signingIn: signingIn as ReadonlySignal<boolean>,
    signInError: signInError as ReadonlySignal<string | null>,
    notice: notice as ReadonlySignal<string | null>,
    route: route as ReadonlySignal<Route>,
    range: range as ReadonlySignal<Range>,
    definitions,
    metrics,
    pqlDefinition,
    pqls,
    sortedPqls,
    sort: sort as ReadonlySignal<Sort>,
    subject,
    download: download as ReadonlySignal<{ busy: boolean; error: string | null }>,
    now: platform.now,
    signIn,
    signOut: () => signOut(null),
    navigate,
    syncUrl,
    setRange,
    refresh,
    sortBy,
    downloadCsv,
    dispose: stopLoading,
  };
}

export type Dashboard = ReturnType<typeof createDashboard>;

function readKey(platform: Platform): string | null {
  try {
    return platform.storage.getItem(KEY_ITEM) || null;
  } catch {
    return null;
  }
}

function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, 'failed', error instanceof Error ? error.message : String(error));
}

/** The display name of a PQL row, for sorting and showing. */
export function nameOf(row: { name?: string; email?: string; id: string }): string {
  return row.name || row.email || row.id;
}

function sortRows(rows: readonly PqlRow[], { by, descending }: Sort): PqlRow[] {
  const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  const compare = (a: PqlRow, b: PqlRow): number => {
    if (by === 'score') return a.score - b.score;
    if (by === 'name') return collator.compare(nameOf(a), nameOf(b));
    return (a.firstQualifiedAt ?? '').localeCompare(b.firstQualifiedAt ?? '');
  };
  return [...rows].sort((a, b) => {
    // Never-qualified rows go last in either direction.
    if (by === 'qualified' && !a.firstQualifiedAt !== !b.firstQualifiedAt) {
      return a.firstQualifiedAt ? -1 : 1;
    }
    const order = descending ? -compare(a, b) : compare(a, b);
    return order !== 0 ? order : collator.compare(a.id, b.id);
  });
}
