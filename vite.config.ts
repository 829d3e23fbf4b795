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
      rolldownOptions: {
        // Lowering the engine's class fields to ES2020 otherwise defines each one with a
        // helper (`Object.defineProperty` semantics); plain assignments do the same job
        // here, since no field is read before the constructor sets it (~0.3 KB gzip).
        transform: {
          assumptions: { setPublicClassFields: true },
          typescript: { removeClassFieldsWithoutInitializer: true },
        },
      },
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
