import { join } from 'node:path';
import { Hono } from 'hono';
import type { AhakitConfig } from '../../core/config/schema';
import { rememberKey } from './auth';
import { cors, sameHost } from './cors';
import { AppError } from './errors';
import { adminRoutes } from './routes/admin';
import { adminWebhookRoutes } from './routes/admin-webhooks';
import { configRoutes } from './routes/config';
import { dashboardRoutes } from './routes/dashboard';
import { ingestRoutes } from './routes/ingest';
import { type ProjectionView, stateRoutes } from './routes/state';
import { staticRoutes } from './routes/static';
import type { Store } from './store/store';

export interface AppDeps {
  config: AhakitConfig;
  store: Store;
  /** The rule engine's view of the events: its rules and the states it decided. */
  projection: ProjectionView;
  writeKey: string;
  adminKey: string;
  /** Folder of the built widget (`dist/widget`). */
  widgetDir: string;
  /** Folder of the TeamChat demo. */
  demoDir: string;
  /** Folder of the built dashboard; `dist/dashboard`, next to the widget's, by default. */
  dashboardDir?: string;
  now?: () => number;
}

/**
 * The collector as a value: tests call `app.request()` without a socket; only
 * `main.ts` opens a port.
 */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  rememberKey(deps.writeKey);
  rememberKey(deps.adminKey);
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
    c.json(
      new AppError(404, 'not_found', `No route for ${c.req.method} ${c.req.path}.`).toBody(),
      404,
    ),
  );

  app.get('/healthz', (c) => c.json({ ok: true }));

  // Browsers may call the public API from the configured origins; the admin API is for
  // the dashboard on the collector's own origin and for server-side tools.
  const publicCors = cors(originAllowed);
  app.use('/v1/*', (c, next) =>
    c.req.path.startsWith('/v1/admin/') ? next() : publicCors(c, next),
  );

  app.route('/v1', ingestRoutes(deps));
  app.route('/v1', configRoutes(deps.config, deps.writeKey));
  app.route('/v1', stateRoutes(deps));
  app.route('/v1/admin', adminRoutes(deps));
  app.route(
    '/v1/admin',
    adminWebhookRoutes({
      outbox: deps.store.outbox,
      suppressed: deps.store.suppressed,
      webhooks: deps.config.webhooks,
      adminKey: deps.adminKey,
    }),
  );
  app.all('/v1/*', (c) => {
    throw new AppError(404, 'not_found', `No route for ${c.req.method} ${c.req.path}.`);
  });
  app.route('/', dashboardRoutes(deps.dashboardDir ?? join(deps.widgetDir, '..', 'dashboard')));
  app.route('/', staticRoutes(deps));
  return app;
}
