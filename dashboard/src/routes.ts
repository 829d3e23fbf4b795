/** The dashboard's pages; each has a path under `/dashboard`, so a link to one works. */
export type Route =
  | { page: 'overview' }
  | { page: 'pqls'; definition: string | null; all: boolean }
  | { page: 'people' }
  | { page: 'subject'; kind: 'user' | 'account'; id: string }
  | { page: 'checklists' }
  | { page: 'nudges' }
  | { page: 'experiments' }
  | { page: 'segments' }
  | { page: 'not-found'; path: string };

/** A date range of UTC days, both included, as `YYYY-MM-DD`. */
export interface Range {
  from: string;
  to: string;
}

export const BASE = '/dashboard';

/** The pages that read `GET /v1/admin/metrics` and share its date range. */
export const METRICS_PAGES = [
  'overview',
  'checklists',
  'nudges',
  'experiments',
  'segments',
] as const;
export type MetricsPageName = (typeof METRICS_PAGES)[number];

const SIMPLE: Record<string, Route> = {
  '': { page: 'overview' },
  people: { page: 'people' },
  checklists: { page: 'checklists' },
  nudges: { page: 'nudges' },
  experiments: { page: 'experiments' },
  segments: { page: 'segments' },
};

/**
 * Reads a URL's path and query into a route.
 *
 * @example parseRoute('/dashboard/users/ada', '') // { page: 'subject', kind: 'user', id: 'ada' }
 */
export function parseRoute(pathname: string, search: string): Route {
  const rest = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  const parts = rest.split('/').filter(Boolean);
  const query = new URLSearchParams(search);
  const simple = SIMPLE[parts.join('/')];
  if (simple) return simple;
  if (parts[0] === 'pqls' && parts.length === 1) {
    return { page: 'pqls', definition: query.get('definition'), all: query.get('all') === '1' };
  }
  if ((parts[0] === 'users' || parts[0] === 'accounts') && parts.length === 2) {
    const id = safeDecode(parts[1]!);
    if (id) return { page: 'subject', kind: parts[0] === 'users' ? 'user' : 'account', id };
  }
  return { page: 'not-found', path: pathname };
}

/** The URL of a route, with the metrics date range on the pages that use it. */
export function hrefOf(route: Route, range?: Range): string {
  switch (route.page) {
    case 'pqls': {
      const q = new URLSearchParams();
      if (route.definition) q.set('definition', route.definition);
      if (route.all) q.set('all', '1');
      const text = q.toString();
      return `${BASE}/pqls${text ? `?${text}` : ''}`;
    }
    case 'subject':
      return `${BASE}/${route.kind === 'user' ? 'users' : 'accounts'}/${encodeURIComponent(route.id)}`;
    case 'not-found':
      return route.path;
    default: {
      const path = route.page === 'overview' ? `${BASE}/` : `${BASE}/${route.page}`;
      return range ? `${path}?from=${range.from}&to=${range.to}` : path;
    }
  }
}

/** The range in a query string, when it is a valid one. */
export function rangeOf(search: string): Range | null {
  const q = new URLSearchParams(search);
  const from = q.get('from');
  const to = q.get('to');
  if (!from || !to || !isDay(from) || !isDay(to) || from > to) return null;
  return { from, to };
}

/** The last `days` UTC days up to and including today's. */
export function lastDays(days: number, now: number): Range {
  const day = 86_400_000;
  const to = new Date(now).toISOString().slice(0, 10);
  const from = new Date(now - (days - 1) * day).toISOString().slice(0, 10);
  return { from, to };
}

export function isDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}
