import { extname, join, normalize, sep } from 'node:path';
import { Hono } from 'hono';
import { CONTENT_TYPES, readOptional, serveFile } from './compressed-file';

/**
 * The dashboard runs only its own files and talks only to its own origin; nothing inline
 * is allowed, so even a stored value that slipped through rendering could not run.
 */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'Content-Security-Policy': DASHBOARD_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/**
 * The growth dashboard, a static single-page app built into `dashboardDir`
 * (`dist/dashboard`): its hashed assets with a year-long cache, and its `index.html`,
 * never cached, for `/dashboard` and every client-side route under it. The page holds no
 * secret: it asks for the admin key and reads everything from the admin API.
 */
export function dashboardRoutes(dashboardDir: string): Hono {
  const app = new Hono();

  const page = () => {
    const html = readOptional(join(dashboardDir, 'index.html'));
    if (!html) {
      return new Response(
        'The dashboard is not built: run "npm run build" (looked for dist/dashboard/index.html).\n',
        {
          status: 503,
          headers: { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS },
        },
      );
    }
    return new Response(new Uint8Array(html), {
      headers: {
        'Content-Type': CONTENT_TYPES['.html']!,
        'Cache-Control': 'no-cache',
        ...SECURITY_HEADERS,
      },
    });
  };

  app.get('/dashboard', page);
  app.get('/dashboard/*', (c) => {
    const path = decodeURIComponent(new URL(c.req.url).pathname).slice('/dashboard/'.length);
    const relative = normalize(path).replace(/^([/\\])+/, '');
    const ext = extname(relative);
    // Paths without an extension are the app's own routes (/dashboard/users/ada).
    if (!ext || ext === '.html') return page();
    const notFound = () =>
      new Response(`Nothing at /dashboard/${path}.\n`, {
        status: 404,
        headers: { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS },
      });
    if (relative.startsWith('..') || relative.includes(`${sep}..`)) return notFound();
    // Vite names every asset after its content hash: a changed file is a new URL.
    const hashed = relative.startsWith(`assets${sep}`);
    return (
      serveFile(join(dashboardDir, relative), c.req.raw, {
        'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'public, max-age=3600',
        ...SECURITY_HEADERS,
      }) ?? notFound()
    );
  });
  return app;
}
