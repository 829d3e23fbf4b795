import { readFileSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { Hono } from 'hono';
import { AppError } from '../errors';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface StaticDeps {
  widgetDir: string;
  demoDir: string;
  writeKey: string;
}

/**
 * The widget at `/ahakit.js` (and the ES module at `/ahakit.mjs`), and the TeamChat demo at `/`:
 * its files, and its `index.html` for any other page path so its client-side routes
 * survive a reload.
 */
export function staticRoutes({ widgetDir, demoDir, writeKey }: StaticDeps): Hono {
  const app = new Hono();

  // `/ahakit.full.js` was once a separate build with nudges; pages still loading it get
  // `ahakit.js`, which now has everything.
  const served: Array<[path: string, name: string]> = [
    ['ahakit.js', 'ahakit.js'],
    ['ahakit.full.js', 'ahakit.js'],
    ['ahakit.mjs', 'ahakit.mjs'],
    ['ahakit.js.map', 'ahakit.js.map'],
    ['ahakit.mjs.map', 'ahakit.mjs.map'],
  ];
  for (const [path, name] of served) {
    app.get(`/${path}`, () => {
      const file = readOptional(join(widgetDir, name));
      if (!file) {
        throw new AppError(
          404,
          'not_found',
          `The widget is not built: run "npm run build" (looked for ${join(widgetDir, name)}).`,
        );
      }
      return new Response(new Uint8Array(file), {
        headers: {
          'Content-Type': TYPES[extname(name)]!,
          // Short: a new release reaches pages within minutes without a cache-busting URL.
          'Cache-Control': 'public, max-age=300',
          'Access-Control-Allow-Origin': '*',
        },
      });
    });
  }

  app.get('*', (c) => {
    const path = decodeURIComponent(new URL(c.req.url).pathname);
    const relative = normalize(path).replace(/^([/\\])+/, '');
    if (relative.startsWith('..') || relative.includes(`${sep}..`)) {
      throw new AppError(404, 'not_found', `Nothing at ${path}.`);
    }
    const ext = extname(relative);
    if (relative && ext && ext !== '.html') {
      // Only the demo's assets: its config (and any other JSON) stays private.
      const file = ext === '.json' ? null : readOptional(join(demoDir, relative));
      if (!file) throw new AppError(404, 'not_found', `Nothing at ${path}.`);
      return new Response(new Uint8Array(file), {
        headers: { 'Content-Type': TYPES[ext] ?? 'application/octet-stream' },
      });
    }
    // Any page path is the demo's single page; its router picks the view.
    const html = readOptional(join(demoDir, 'index.html'));
    if (!html) throw new AppError(404, 'not_found', `Nothing at ${path}.`);
    return new Response(html.toString('utf8').replaceAll('{{AHAKIT_WRITE_KEY}}', writeKey), {
      headers: { 'Content-Type': TYPES['.html']!, 'Cache-Control': 'no-cache' },
    });
  });

  return app;
}

/** A file's bytes, or null when it is not there. */
export function readOptional(file: string): Buffer | null {
  try {
    return readFileSync(file);
  } catch {
    return null;
  }
}
