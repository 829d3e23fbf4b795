import { existsSync, readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Each budget in bytes of gzip -9, JS and CSS together (the CSS lives in the JS). */
export const BUDGETS = {
  /** What every page loads: `ahakit.js` and the core it imports. */
  core: 12 * 1024,
  /** Each surface with the Preact and signals code it needs (beyond the core). */
  surface: 12 * 1024,
  /** A user who sees the checklist and one prompt. */
  journey: 30 * 1024,
} as const;

const DIST = new URL('../dist/widget/', import.meta.url);

interface ManifestEntry {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
}

export interface FileSize {
  file: string;
  bytes: number;
  gzip: number;
  brotli: number;
}

export interface GroupSize {
  name: string;
  files: string[];
  gzip: number;
  brotli: number;
}

const read = (file: string) => {
  const url = new URL(file, DIST);
  if (!existsSync(url))
    throw new Error(`dist/widget/${file} is missing: run "npm run build" first.`);
  return readFileSync(url);
};

/** Raw, gzip -9 and brotli sizes of one built file. */
export function fileSize(file: string): FileSize {
  const content = read(file);
  return {
    file,
    bytes: content.length,
    gzip: gzipSync(content, { level: 9 }).length,
    brotli: brotliCompressSync(content, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
    }).length,
  };
}

/** The source modules that are the widget's entry and its lazily loaded parts. */
export const PARTS = {
  core: 'widget/src/index.ts',
  progress: 'widget/src/onboarding/progress.ts',
  checklist: 'widget/src/surfaces/checklist/mount.tsx',
  nudges: 'widget/src/surfaces/nudges/mount.tsx',
  tooltip: 'widget/src/surfaces/nudges/tooltip.ts',
  waitForElement: 'widget/src/actions/wait-for-element.ts',
} as const;

/**
 * The widget's download, per part and per user journey: each group is the files a
 * browser fetches for it (a chunk and what it imports statically), counted once.
 */
export function widgetSizes() {
  const manifest = JSON.parse(read('.vite/manifest.json').toString('utf8')) as Record<
    string,
    ManifestEntry
  >;
  /** A part's file and every file it imports statically, transitively. */
  const closure = (key: string, into = new Set<string>()) => {
    const entry = manifest[key];
    if (!entry) throw new Error(`the build has no ${key}`);
    if (into.has(entry.file)) return into;
    into.add(entry.file);
    for (const imported of entry.imports ?? []) closure(imported, into);
    return into;
  };
  const sizes = new Map<string, FileSize>();
  const size = (file: string) => sizes.get(file) ?? sizes.set(file, fileSize(file)).get(file)!;
  const group = (name: string, files: Iterable<string>, without: Set<string> = new Set()) => {
    const list = [...new Set(files)].filter((file) => !without.has(file));
    return {
      name,
      files: list,
      gzip: list.reduce((sum, file) => sum + size(file).gzip, 0),
      brotli: list.reduce((sum, file) => sum + size(file).brotli, 0),
    } satisfies GroupSize;
  };
  const core = new Set(['ahakit.js', ...closure(PARTS.core)]);
  const parts = Object.fromEntries(
    (Object.keys(PARTS) as Array<keyof typeof PARTS>)
      .filter((part) => part !== 'core')
      .map((part) => [part, closure(PARTS[part])]),
  ) as Record<Exclude<keyof typeof PARTS, 'core'>, Set<string>>;
  const groups = {
    core: group('core (every page: ahakit.js + core)', core),
    progress: group('progress (milestone engine + model)', parts.progress, core),
    checklist: group('checklist surface (+ Preact, signals)', parts.checklist, core),
    nudges: group('prompt surface (+ Preact, signals)', parts.nudges, core),
    tooltip: group(
      'tooltip placement (floating-ui)',
      [...parts.tooltip, ...parts.waitForElement],
      core,
    ),
    journey: group('checklist + one prompt, in all', [
      ...core,
      ...parts.progress,
      ...parts.checklist,
      ...parts.nudges,
    ]),
    tooltipJourney: group('checklist + one tooltip, in all', [
      ...core,
      ...parts.progress,
      ...parts.checklist,
      ...parts.nudges,
      ...parts.tooltip,
      ...parts.waitForElement,
    ]),
  };
  const files = ['ahakit.js', 'ahakit.mjs', ...new Set(Object.values(manifest).map((e) => e.file))]
    .sort()
    .map(size);
  return { files, groups };
}
