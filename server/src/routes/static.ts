import { extname, join, normalize, sep } from 'node:path';
import { Hono } from 'hono';
import { AppError } from '../errors';
import { CONTENT_TYPES, readOptional, serveFile } from './compressed-file';

export interface StaticDeps {
  widgetDir: string;
  demoDir: string;
  writeKey: string;
}

/** Any page may load the widget's files, `import()` included (module scripts use CORS). */
const CORS = { 'Access-Control-Allow-Origin': '*' };
/** Stable names: a new release reaches pages within minutes, revalidated by ETag. */
const SHORT = { 'Cache-Control': 'public, max-age=300', ...CORS };
/** Content-hashed names never change their content. */
const FOREVER = { 'Cache-Control': 'public, max-age=31536000, immutable', ...CORS };

/**
 * The widget, every file compressed (brotli or gzip, as the client accepts): `/ahakit.js`
 * (the script tag's loader) and `/ahakit.mjs` (the ES module entry) under stable names,
 * the core and its surfaces under `/chunks/` with content-hashed names; and the TeamChat
 * demo at `/`: its files, and its `index.html` for any other page path so its
 * client-side routes survive a reload.
 */
export function staticRoutes({ widgetDir, demoDir, writeKey }: StaticDeps): Hono {
  const app = new Hono();

  const notBuilt = (name: string) =>
    new AppError(
      404,
      'not_found',
      `The widget is not built: run "npm run build" (looked for ${join(widgetDir, name)}).`,
    );

  // `/ahakit.full.js` was once a separate build with nudges; pages still loading it get
  // `ahakit.js`, which loads everything it shows.
  const served: Array<[path: string, name: string]> = [
    ['ahakit.js', 'ahakit.js'],
    ['ahakit.full.js', 'ahakit.js'],
    ['ahakit.mjs', 'ahakit.mjs'],
    ['ahakit.js.map', 'ahakit.js.map'],
  ];
  for (const [path, name] of served) {
    app.get(`/${path}`, (c) => {
      const response = serveFile(join(widgetDir, name), c.req.raw, SHORT);
      if (!response) throw notBuilt(name);
      return response;
    });
  }

  app.get('/chunks/:name', (c) => {
    const name = c.req.param('name');
    // Only the build's own files: a name, never a path.
    const response = /^[\w-]+\.js(\.map)?$/.test(name)
      ? serveFile(join(widgetDir, 'chunks', name), c.req.raw, FOREVER)
      : null;
    if (!response) throw new AppError(404, 'not_found', `Nothing at /chunks/${name}.`);
    return response;
  });

  app.get('*', (c) => {
    const path = decodeURIComponent(new URL(c.req.url).pathname);
    const relative = normalize(path).replace(/^([/\\])+/, '');
    if (relative.startsWith('..') || relative.includes(`${sep}..`)) {
      throw new AppError(404, 'not_found', `Nothing at ${path}.`);
    }
    const ext = extname(relative);
    if (relative && ext && ext !== '.html') {
      // Only the demo's assets: its config (and any other JSON) stays private.
      const response = ext === '.json' ? null : serveFile(join(demoDir, relative), c.req.raw);
      if (!response) throw new AppError(404, 'not_found', `Nothing at ${path}.`);
      return response;
    }
    // Any page path is the demo's single page; its router picks the view.
    const html = readOptional(join(demoDir, 'index.html'));
    if (!html) throw new AppError(404, 'not_found', `Nothing at ${path}.`);
    return new Response(html.toString('utf8').replaceAll('{{AHAKIT_WRITE_KEY}}', writeKey), {
      headers: { 'Content-Type': CONTENT_TYPES['.html']!, 'Cache-Control': 'no-cache' },
    });
  });

  return app;
}
