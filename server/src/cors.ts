import type { MiddlewareHandler } from 'hono';
import { AppError } from './errors';

/**
 * CORS for the browser-facing API. Requests without an `Origin` (server-side libraries)
 * pass untouched. Headers are set before the handler runs, so they ride on the answer
 * without rebuilding it (rebuilding cost hono's cors middleware two thirds of the
 * ingestion throughput). A CORS-simple POST reaches the server whatever its origin, so
 * one from an origin not allowed is refused here rather than only hidden from the page.
 */
export function cors(
  isAllowed: (origin: string, host: string | undefined) => boolean,
): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header('origin');
    if (!origin) return next();
    const allowed = isAllowed(origin, c.req.header('host'));
    if (c.req.method === 'OPTIONS') {
      if (!allowed) return c.body(null, 204);
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
        'Access-Control-Allow-Headers': 'Authorization, Content-Type, If-None-Match',
        'Access-Control-Max-Age': '600',
        Vary: 'Origin',
      });
    }
    if (!allowed) {
      if (c.req.method === 'POST') {
        throw new AppError(
          403,
          'origin_not_allowed',
          `Origin ${origin} may not send events; add it to collector.allowedOrigins in the config.`,
        );
      }
      return next();
    }
    c.header('Access-Control-Allow-Origin', origin);
    c.header('Access-Control-Expose-Headers', 'ETag, Retry-After');
    c.header('Vary', 'Origin');
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
