import type { MiddlewareHandler } from 'hono';
import { AppError } from './errors';

export interface CorsOptions {
  isAllowed: (origin: string, host: string | undefined) => boolean;
  /** Called with each refused request's origin (the app logs each origin once). */
  onRefused?: (origin: string) => void;
}

// Request headers a client may ask to send: tokens only, so a reflected list is harmless.
const HEADER_LIST = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+(?:\s*,\s*[A-Za-z0-9!#$%&'*+.^_`|~-]+)*$/;
const DEFAULT_HEADERS = 'Authorization, Content-Type, If-None-Match, AnonymousId, X-Retry-Count';

/**
 * CORS for the browser-facing API. Requests without an `Origin` (server-side libraries)
 * pass untouched. Headers are set before the handler runs, so they ride on the answer
 * without rebuilding it (rebuilding cost hono's cors middleware two thirds of the
 * ingestion throughput).
 *
 * A preflight is answered for any origin, allowing the request headers asked for
 * (RudderStack sends `AnonymousId`, analytics-next `X-Retry-Count`): the API takes no
 * cookies, and what decides is the request itself. A request from an origin not allowed
 * is refused with 403 `origin_not_allowed` *with* `Access-Control-Allow-Origin`, so the
 * page (and the widget's warning) can read why instead of seeing a bare network error.
 */
export function cors({ isAllowed, onRefused }: CorsOptions): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header('origin');
    if (!origin) return next();
    if (c.req.method === 'OPTIONS') {
      const asked = c.req.header('access-control-request-headers');
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
        'Access-Control-Allow-Headers': asked && HEADER_LIST.test(asked) ? asked : DEFAULT_HEADERS,
        'Access-Control-Max-Age': '600',
        Vary: 'Origin, Access-Control-Request-Headers',
      });
    }
    c.header('Access-Control-Allow-Origin', origin);
    c.header('Vary', 'Origin');
    if (!isAllowed(origin, c.req.header('host'))) {
      onRefused?.(origin);
      throw new AppError(
        403,
        'origin_not_allowed',
        `Origin ${origin} is not allowed to call this collector. Allow it with AHAKIT_ALLOWED_ORIGINS=${origin} (comma-separated) or in collector.allowedOrigins in the config.`,
        { origin },
      );
    }
    c.header('Access-Control-Expose-Headers', 'ETag, Retry-After');
    return next();
  };
}

/** Whether an origin is the collector's own (the demo and dashboard are served from it). */
export function sameHost(origin: string, host: string | undefined): boolean {
  if (!host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * Logs each refused origin once, so an operator sees which site to allow without one
 * line per event; after `limit` distinct origins (a crawler, a hostile page) it says so
 * once and stops.
 */
export function logRefusedOrigins(
  log: (line: string) => void = console.warn,
  limit = 100,
): (origin: string) => void {
  const seen = new Set<string>();
  return (origin) => {
    if (seen.has(origin) || seen.size > limit) return;
    seen.add(origin);
    log(
      seen.size > limit
        ? `[ahakit] more than ${limit} origins refused; no longer logging each`
        : `[ahakit] refused browser requests from ${origin}: allow it with AHAKIT_ALLOWED_ORIGINS=${origin} or collector.allowedOrigins in the config`,
    );
  };
}
