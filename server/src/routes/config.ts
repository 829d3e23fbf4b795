import { Hono } from 'hono';
import { configForLocale, publicConfig } from '../../../core/config/public-config';
import type { AhakitConfig } from '../../../core/config/schema';
import { pickLocale } from '../../../core/engine/localize';
import { requireWriteKey, writeKeyOf } from '../auth';
import { etagMatches, etagOf } from './compressed-file';

/**
 * `GET /v1/config?key=…&locale=…`: the validated config for the widget, in the user's
 * locale (the best supported match for `locale`, else the default) with the default as
 * fallback, and an ETag per locale for cheap revalidation. Compressed by the app's
 * middleware like every JSON answer over 1 KB.
 */
export function configRoutes(config: AhakitConfig, writeKey: string): Hono {
  const served = publicConfig(config);
  const bodies = new Map<string, { body: string; etag: string }>();
  const forLocale = (locale: string) => {
    let found = bodies.get(locale);
    if (!found) {
      const body = JSON.stringify(configForLocale(served, locale));
      found = { body, etag: etagOf(body) };
      bodies.set(locale, found);
    }
    return found;
  };
  const app = new Hono();
  app.get('/config', (c) => {
    requireWriteKey(
      writeKeyOf(c.req.header('authorization'), undefined, c.req.query('key')),
      writeKey,
    );
    // Only supported locales make bodies: a made-up one gets the default's.
    const locale =
      pickLocale(c.req.query('locale') ?? '', config.locales.supported) ?? config.locales.default;
    const { body, etag } = forLocale(locale);
    c.header('ETag', etag);
    c.header('Cache-Control', 'no-cache');
    // Added to CORS's `Vary: Origin`, never in place of it: a CDN keeps one copy per origin.
    c.header('Vary', 'Accept-Encoding', { append: true });
    if (etagMatches(c.req.header('if-none-match'), etag)) return c.body(null, 304);
    return c.body(body, 200, { 'Content-Type': 'application/json' });
  });
  return app;
}
