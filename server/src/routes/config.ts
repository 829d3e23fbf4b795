import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { publicConfig } from '../../../core/config/public-config';
import type { AhakitConfig } from '../../../core/config/schema';
import { requireWriteKey, writeKeyOf } from '../auth';

/** `GET /v1/config`: the validated config for the widget, with an ETag for cheap revalidation. */
export function configRoutes(config: AhakitConfig, writeKey: string): Hono {
  const body = JSON.stringify(publicConfig(config));
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  const app = new Hono();
  app.get('/config', (c) => {
    requireWriteKey(
      writeKeyOf(c.req.header('authorization'), undefined, c.req.query('key')),
      writeKey,
    );
    c.header('ETag', etag);
    c.header('Cache-Control', 'no-cache');
    const match = c.req.header('if-none-match');
    if (match?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
      return c.body(null, 304);
    }
    return c.body(body, 200, { 'Content-Type': 'application/json' });
  });
  return app;
}
