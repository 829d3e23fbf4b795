import { defineConfig } from 'vite';

/**
 * Builds the browser widget three times from the same sources:
 * - `dist/widget/ahakit.js`: one self-contained script for the script tag (IIFE), within
 *   the size budget: tracking, milestones, the checklist;
 * - `dist/widget/ahakit.full.js` (`--mode full`): the same plus hand-raise signals and
 *   nudges;
 * - `dist/widget/ahakit.mjs` (`--mode esm`): an ES module, everything included, for apps
 *   that bundle their own code.
 * The collector serves each at its name (`/ahakit.js`, …).
 */
export default defineConfig(({ mode }) => {
  const esm = mode === 'esm';
  const full = mode === 'full';
  return {
    oxc: { jsx: { runtime: 'automatic', importSource: '/widget/src/ui/jsx' } },
    build: {
      outDir: 'dist/widget',
      emptyOutDir: !esm && !full,
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
            entry: full ? 'widget/src/script-tag-full.ts' : 'widget/src/script-tag.ts',
            name: 'ahakitBundle',
            formats: ['iife'],
            fileName: () => (full ? 'ahakit.full.js' : 'ahakit.js'),
          },
    },
  };
});
