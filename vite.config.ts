import { defineConfig } from 'vite';

/**
 * Builds the browser widget twice from the same sources:
 * - `dist/widget/ahakit.js`: one self-contained script for the script tag (IIFE), within
 *   the 20 KB gzip budget;
 * - `dist/widget/ahakit.mjs` (`--mode esm`): an ES module for apps that bundle their own
 *   code.
 * The collector serves each at its name (`/ahakit.js`, `/ahakit.mjs`). The widget's JSX
 * compiles to its own small renderer (`widget/src/ui/jsx`), not to Preact.
 */
export default defineConfig(({ mode }) => {
  const esm = mode === 'esm';
  return {
    oxc: { jsx: { runtime: 'automatic', importSource: '/widget/src/ui/jsx' } },
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
