import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every .ts file under a folder, subfolders included. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sources(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

describe('rule engine purity', () => {
  // The same engine runs in the browser, the collector and the CLI: it may import only
  // itself and the config's types (zod must not reach the browser bundle), and no platform.
  it('imports only engine files and config types, and touches no platform', () => {
    const files = sources('core/engine');
    expect(files.length).toBeGreaterThan(30);
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      // Doc comments may show browser calls in examples; the code itself may not make them.
      const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
      const imports = [...source.matchAll(/^(?:import|export)(?: type)? .*? from '([^']+)'/gms)];
      for (const [statement, from = ''] of imports) {
        // A package (zod, preact…) or node: module is never allowed; paths are resolved.
        const target = from.startsWith('.')
          ? normalize(join(dirname(file), from))
          : `package:${from}`;
        const typeOnly = /^(import|export) type /.test(statement);
        const ok =
          target.startsWith('core/engine/') ||
          (target.startsWith('core/config/') && typeOnly) ||
          // Right-to-left locales are listed once, next to the checks that use them.
          (target === 'core/config/cross-checks' && /\bisRtl\b/.test(statement));
        expect({ file, from, ok }).toEqual({ file, from, ok: true });
      }
      expect({
        file,
        platform:
          code.match(/\bdocument\.|\bnavigator\.|\blocalStorage\b|\bglobalThis\b|'node:/)?.[0] ??
          null,
      }).toEqual({
        file,
        platform: null,
      });
    }
  });
});
