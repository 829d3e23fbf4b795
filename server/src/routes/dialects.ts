import { type Context, Hono } from 'hono';
import { requireWriteKey, writeKeyOf } from '../auth';

export interface DialectDeps {
  writeKey: string;
}

/**
 * What analytics clients fetch or post besides their events, so they can be pointed at
 * the collector alone (the events themselves go to the ingestion routes, under the names
 * each client uses: see `ingest/dialects.ts`):
 * - `GET /v1/projects/:writeKey/settings`: the settings `@segment/analytics-next` loads
 *   from its `cdnURL`, sending its events back here;
 * - `POST /v1/m`: analytics-next's own usage counters, accepted and discarded;
 * - `GET /sourceConfig/`: the source config RudderStack's JS SDK loads from its
 *   `configUrl`, with no device-mode destinations and its own telemetry off.
 */
export function dialectRoutes({ writeKey }: DialectDeps): Hono {
  const app = new Hono();

  app.get('/v1/projects/:writeKey/settings', (c) => {
    requireWriteKey(c.req.param('writeKey'), writeKey);
    return c.json({
      integrations: {
        'Segment.io': {
          apiKey: writeKey,
          apiHost: `${new URL(c.req.url).host}/v1`,
          protocol: protocolOf(c),
        },
      },
      plan: { track: { __default: { enabled: true } } },
      // The library samples its own usage counters to /v1/m: nobody reads them here.
      metrics: { sampleRate: 0 },
    });
  });

  app.post('/v1/m', (c) => c.body(null, 204));

  const sourceConfig = (c: Context) => {
    requireWriteKey(
      writeKeyOf(c.req.header('authorization'), undefined, c.req.query('writeKey')),
      writeKey,
    );
    return c.json({
      source: {
        id: 'ahakit',
        name: 'ahakit',
        workspaceId: 'ahakit',
        enabled: true,
        config: { statsCollection: { errors: { enabled: false }, metrics: { enabled: false } } },
        destinations: [],
      },
    });
  };
  app.get('/sourceConfig', sourceConfig);
  app.get('/sourceConfig/', sourceConfig);

  return app;
}

/** The scheme the client reached the collector with, behind a TLS-terminating proxy too. */
function protocolOf(c: Context): 'http' | 'https' {
  const forwarded = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim();
  if (forwarded === 'https' || forwarded === 'http') return forwarded;
  return new URL(c.req.url).protocol === 'https:' ? 'https' : 'http';
}
