import { defineConfig } from 'vite';

/**
 * Builds the browser widget twice from the same sources:
 * - `dist/widget/ahakit.js`: one self-contained script for the script tag (IIFE);
 * - `dist/widget/ahakit.mjs`: an ES module for apps that bundle their own code.
 * The collector serves the first at `/ahakit.js`.
 */
export default defineConfig(({ mode }) => {
  const esm = mode === 'esm';
  return {
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: {
      outDir: 'dist/widget',
      emptyOutDir: !esm,
      // Optional chaining and `??` are native from here on; transpiling them costs ~1 KB gzip.
      target: 'es2020',
      sourcemap: true,
      minify: 'oxc',
      lib: esm
        ? { entry: 'widget/src/index.ts', formats: ['es'], fileName: () => 'ahakit.mjs' }
        : {
            entry: 'widget/src/script-tag.ts',
            name: 'ahakitBundle',
            formats: ['iife'],
            fileName: () => 'ahakit.js',
          },
    },
  };
});
