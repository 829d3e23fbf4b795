import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * Builds the growth dashboard, a static single-page app the collector serves at
 * `/dashboard` (`dist/dashboard/`). Separate from the widget's build, which it must not
 * change: no library mode, hashed asset names for a long cache, nothing inline for a
 * strict Content-Security-Policy.
 */
export default defineConfig({
  root: fileURLToPath(new URL('./dashboard', import.meta.url)),
  base: '/dashboard/',
  publicDir: 'public',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('./dist/dashboard', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // No data: URLs and no inline polyfill script: the page's CSP allows neither.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
