import { Hono } from 'hono';
import { cors } from 'hono/cors';
import type { AhakitConfig } from '../../core/config/schema';
import { AppError } from './errors';
import { adminRoutes } from './routes/admin';
import { configRoutes } from './routes/config';
import { ingestRoutes } from './routes/ingest';
import { staticRoutes } from './routes/static';
import type { Store } from './store/store';

export interface AppDeps {
  config: AhakitConfig;
  store: Store;
  writeKey: string;
  adminKey: string;
  /** Folder of the built widget (`dist/widget`). */
  widgetDir: string;
  /** Folder of the TeamChat demo. */
  demoDir: string;
  now?: () => number;
}

/**
 * The collector as a value: tests call `app.request()` without a socket; only
 * `main.ts` opens a port.
 */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  const allowed = new Set(deps.config.collector.allowedOrigins);
  const originAllowed = (origin: string, host: string | undefined) =>
    allowed.has('*') || allowed.has(origin) || sameHost(origin, host);

  app.onError((error, c) => {
    if (error instanceof AppError) return c.json(error.toBody(), error.status);
    console.error('[ahakit] unexpected error', c.req.method, c.req.path, error);
    return c.json(
      new AppError(500, 'internal', 'The collector failed to handle this request.').toBody(),
      500,
    );
  });
  app.notFound((c) =>
    c.json(new AppError(404, 'not_found', `No route for ${c.req.method} ${c.req.path}.`).toBody(), 404),
  );

  app.get('/healthz', (c) => c.json({ ok: true }));

  // Browsers may call the public API from the configured origins; the admin API is for
  // the dashboard on the collector's own origin and server-side tools.
  const publicCors = cors({
    origin: (origin, c) => (originAllowed(origin, c.req.header('host')) ? origin : null),
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    allowHeaders: ['Authorization', 'Content-Type', 'If-None-Match'],
    exposeHeaders: ['ETag', 'Retry-After'],
    maxAge: 600,
  });
  app.use('/v1/*', async (c, next) => {
    if (c.req.path.startsWith('/v1/admin/')) return next();
    return publicCors(c, next);
  });
  // A CORS-simple POST reaches the server whatever its origin; refuse it here rather
  // than only hiding the answer from the page.
  app.use('/v1/*', async (c, next) => {
    const origin = c.req.header('origin');
    if (c.req.method === 'POST' && origin && !originAllowed(origin, c.req.header('host'))) {
      throw new AppError(
        403,
        'origin_not_allowed',
        `Origin ${origin} may not send events; add it to collector.allowedOrigins in the config.`,
      );
    }
    await next();
  });

  app.route('/v1', ingestRoutes({ store: deps.store, writeKey: deps.writeKey, ...(deps.now ? { now: deps.now } : {}) }));
  app.route('/v1', configRoutes(deps.config, deps.writeKey));
  app.route('/v1/admin', adminRoutes(deps.store, deps.adminKey));
  app.all('/v1/*', (c) => {
    throw new AppError(404, 'not_found', `No route for ${c.req.method} ${c.req.path}.`);
  });
  app.route('/', staticRoutes(deps));
  return app;
}

function sameHost(origin: string, host: string | undefined): boolean {
  if (!host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
