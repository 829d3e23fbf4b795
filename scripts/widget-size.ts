import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

/** The widget must stay at or under this many bytes of gzip, JS and CSS together. */
export const WIDGET_BUDGET_BYTES = 20 * 1024;

const DIST = new URL('../dist/widget/', import.meta.url);

export interface BuildSize {
  file: string;
  bytes: number;
  gzip: number;
}

/** Raw and gzip sizes of the built widget files (`ahakit.js`, the script tag, is the budgeted one). */
export function widgetSizes(): BuildSize[] {
  return ['ahakit.js', 'ahakit.mjs'].map((file) => {
    const url = new URL(file, DIST);
    if (!existsSync(url))
      throw new Error(`dist/widget/${file} is missing: run "npm run build" first.`);
    const content = readFileSync(url);
    return { file, bytes: content.length, gzip: gzipSync(content, { level: 9 }).length };
  });
}
