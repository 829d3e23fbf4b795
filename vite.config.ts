import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';

/**
 * Builds the browser widget in two steps, into `dist/widget/`:
 *
 * 1. `vite build`: the widget as ES modules. `widget/src/index.ts` is the core
 *    (`chunks/ahakit-<hash>.js`); every surface it imports with `import()` (checklist,
 *    nudges) is a chunk of its own with the Preact and @preact/signals code it needs.
 *    `ahakit.mjs`, the package's stable entry for bundled apps, re-exports the core.
 *    Chunk names carry their content hash, so the collector (or a CDN) caches them for good.
 * 2. `vite build --mode loader`: `ahakit.js`, the script tag's small classic script,
 *    which imports the core named in step 1's manifest from beside itself.
 */
const OUT = 'dist/widget';
const MANIFEST = `${OUT}/.vite/manifest.json`;
const CORE_SOURCE = 'widget/src/index.ts';

/** Emits `ahakit.mjs`: a stable name that re-exports the hashed core. */
function stableEntry(): Plugin {
  return {
    name: 'ahakit-stable-entry',
    generateBundle(_options, bundle) {
      const core = Object.values(bundle).find(
        (chunk) => chunk.type === 'chunk' && chunk.isEntry && chunk.name === 'ahakit',
      );
      if (core?.type !== 'chunk' || !core.facadeModuleId) {
        throw new Error('the core chunk is missing from the build');
      }
      // The core chunk also exports what its surfaces import from it: name only the API.
      const api = this.getModuleInfo(core.facadeModuleId)?.exports ?? [];
      this.emitFile({
        type: 'asset',
        fileName: 'ahakit.mjs',
        source: `export { ${api.join(', ')} } from './${core.fileName}';\n`,
      });
    },
  };
}

/** Chunks named for what they are: the surface they hold, or the library they share. */
const CHUNK_NAMES: Array<[test: RegExp, name: string]> = [
  [/surfaces\/checklist\//, 'checklist'],
  [/surfaces\/nudges\/tooltip/, 'tooltip'],
  [/surfaces\/nudges\//, 'nudges'],
  [/onboarding\/progress/, 'progress'],
  [/node_modules\/preact\//, 'preact'],
  [/node_modules\/@preact\/signals-core\//, 'signals'],
];
function chunkName(chunk: { facadeModuleId: string | null; moduleIds: string[]; name: string }) {
  const ids = chunk.facadeModuleId ? [chunk.facadeModuleId] : chunk.moduleIds;
  return CHUNK_NAMES.find(([test]) => ids.some((id) => test.test(id)))?.[1] ?? chunk.name;
}

/** The core's file name, from the module build's manifest. */
function coreFile(): string {
  const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, { file: string }>;
  const entry = manifest[CORE_SOURCE];
  if (!entry) throw new Error(`${MANIFEST} does not name ${CORE_SOURCE}: run "vite build" first`);
  return entry.file;
}

export default defineConfig(({ mode }) => {
  const shared = {
    oxc: { jsx: { runtime: 'automatic' as const, importSource: 'preact' } },
  };
  if (mode === 'loader') {
    return {
      ...shared,
      define: { __AHAKIT_CORE__: JSON.stringify(coreFile()) },
      build: {
        outDir: OUT,
        emptyOutDir: false,
        target: 'es2020',
        sourcemap: true,
        minify: 'oxc' as const,
        lib: {
          entry: 'widget/src/script-tag.ts',
          name: 'ahakitLoader',
          formats: ['iife' as const],
          fileName: () => 'ahakit.js',
        },
      },
    };
  }
  return {
    ...shared,
    plugins: [stableEntry()],
    build: {
      outDir: OUT,
      emptyOutDir: true,
      // Optional chaining and `??` are native from here on; transpiling them costs ~1 KB gzip.
      target: 'es2020',
      sourcemap: true,
      minify: 'oxc' as const,
      manifest: true,
      // Library mode: no HTML page, and no module-preload helper around each `import()`
      // (it would add a kilobyte to the core and resolve chunk URLs against the host page).
      lib: { entry: { ahakit: CORE_SOURCE }, formats: ['es' as const] },
      rolldownOptions: {
        // Lets shared code join the core (its surfaces import it from there) instead of
        // splitting it into chunks that every page would have to fetch as well.
        preserveEntrySignatures: 'allow-extension' as const,
        output: {
          format: 'es' as const,
          // Library mode leaves ES output unminified for bundlers downstream; these files are
          // served to browsers as they are.
          minify: true,
          entryFileNames: 'chunks/[name]-[hash].js',
          chunkFileNames: (chunk) => `chunks/${chunkName(chunk)}-[hash].js`,
        },
        // Lowering the engine's class fields to ES2020 otherwise defines each one with a
        // helper (`Object.defineProperty` semantics); plain assignments do the same job
        // here, since no field is read before the constructor sets it (~0.3 KB gzip).
        transform: {
          assumptions: { setPublicClassFields: true },
          typescript: { removeClassFieldsWithoutInitializer: true },
        },
      },
    },
  };
});
