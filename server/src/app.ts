import { join } from 'node:path';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { originMatcher } from '../../core/config/origins';
import type { AhakitConfig } from '../../core/config/schema';
import { rememberKey } from './auth';
import { cors, logRefusedOrigins, sameHost } from './cors';
import { AppError } from './errors';
import type { RateLimit } from './rate-limit';
import { adminRoutes } from './routes/admin';
import { adminWebhookRoutes } from './routes/admin-webhooks';
import { configRoutes } from './routes/config';
import { dashboardRoutes } from './routes/dashboard';
import { dialectRoutes } from './routes/dialects';
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
  /** Browser origins allowed besides `config.collector.allowedOrigins` (`AHAKIT_ALLOWED_ORIGINS`). */
  allowedOrigins?: readonly string[];
  /** Where refused origins are logged, once each; `console.warn` by default. */
  log?: (line: string) => void;
  /** Folder of the built widget (`dist/widget`). */
  widgetDir: string;
  /** Folder of the TeamChat demo. */
  demoDir: string;
  /** Folder of the built dashboard; `dist/dashboard`, next to the widget's, by default. */
  dashboardDir?: string;
  now?: () => number;
  /** Per-IP and per-write-key rate limits of the public API; none when absent (tests). */
  rateLimit?: RateLimit;
  /**
   * With it, a user id is trusted only with its HMAC-SHA256 under this secret: the state
   * endpoint answers only for verified users, and unverified messages are stored as anonymous.
   */
  identitySecret?: string | null;
}

/**
 * The collector as a value: tests call `app.request()` without a socket; only
 * `main.ts` opens a port.
 */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  rememberKey(deps.writeKey);
  rememberKey(deps.adminKey);
  const allowed = originMatcher([
    ...deps.config.collector.allowedOrigins,
    ...(deps.allowedOrigins ?? []),
  ]);
  const originAllowed = (origin: string, host: string | undefined) =>
    allowed(origin) || sameHost(origin, host);

  app.onError((error, c) => {
    if (error instanceof AppError) return c.json(error.toBody(), error.status);
    // A path like `/%` or `/%E0%A4%A` cannot be decoded: the client's fault, not a bug.
    if (error instanceof URIError) {
      const bad = new AppError(
        400,
        'bad_request',
        'The request path is not valid percent-encoding.',
      );
      return c.json(bad.toBody(), 400);
    }
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
  const publicCors = cors({ isAllowed: originAllowed, onRefused: logRefusedOrigins(deps.log) });
  app.use('/v1/*', (c, next) =>
    c.req.path.startsWith('/v1/admin/') ? next() : publicCors(c, next),
  );
  app.use('/beacon/*', publicCors);
  app.use('/sourceConfig', publicCors);
  app.use('/sourceConfig/', publicCors);

  // JSON answers over 1 KB (the config, state, admin reads) go compressed.
  app.use('/v1/*', compress({ threshold: 1024 }));

  app.route('/v1', ingestRoutes(deps));
  // RudderStack's beacon mode posts the same batches to /beacon/v1/batch?writeKey=….
  app.route('/beacon/v1', ingestRoutes(deps));
  app.route('/', dialectRoutes(deps));
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
