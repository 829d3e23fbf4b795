import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('PQL engine purity', () => {
  it('imports no platform and only types from the config schema', () => {
    const dir = 'core/engine/pql';
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const source = readFileSync(`${dir}/${file}`, 'utf8');
      const imports = [...source.matchAll(/^(?:import|export)(?: type)? .*? from '([^']+)'/gms)];
      for (const [statement, from = ''] of imports) {
        const engine = /^\.\.?\/[a-z-]+$/.test(from);
        const typeOnly = /^(import|export) type /.test(statement);
        expect({
          file,
          from,
          ok: engine || (from.startsWith('../../config/') && typeOnly),
        }).toEqual({ file, from, ok: true });
      }
      expect(source).not.toMatch(/\b(window|document|localStorage|globalThis)\b/);
    }
  });
});
