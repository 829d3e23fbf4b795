import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configJsonSchema } from '../../core/config/json-schema';
import { formatProblem, validateConfig } from '../../core/config/validate';
import { loadConfigFile } from '../../server/src/config-file';

describe('config validation', () => {
  it('fills in defaults for a minimal config', () => {
    const result = validateConfig({ product: { name: 'TeamChat' } });
    expect(result).toEqual({
      ok: true,
      config: {
        product: { name: 'TeamChat' },
        collector: { allowedOrigins: [] },
        widget: { batchSize: 20, flushIntervalMs: 1000, maxQueueSize: 1000 },
      },
    });
  });

  it('lists every problem with its path, what was expected and what was found', () => {
    const result = validateConfig({
      product: { name: '' },
      collector: { allowedOrigins: ['app.example.com'] },
      widget: { batchSize: '20', maxQueueSize: 5, bogus: true },
      milestonez: [],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map(formatProblem)).toEqual([
      'product.name: too small — expected at least 1 character, received string ""',
      'collector.allowedOrigins[0]: must be "*" or an origin like "https://app.example.com" — received string "app.example.com"',
      'widget.batchSize: wrong type — expected number, received string "20"',
      'widget.maxQueueSize: too small — expected >= 10, received number 5',
      'widget: unknown key "bogus"',
      '(root): unknown key "milestonez"',
    ]);
  });

  it('says what is missing', () => {
    const result = validateConfig({});
    expect(result.ok || result.problems.map(formatProblem)).toEqual([
      'product: wrong type — expected object, received nothing (missing)',
    ]);
  });

  it('validates the demo config', () => {
    expect(() => loadConfigFile('demo/ahakit.config.json')).not.toThrow();
  });

  it('names the file and every problem when a config file is broken', () => {
    expect(() => loadConfigFile('test/fixtures/does-not-exist.json')).toThrow(
      /does-not-exist.json.*\n.*file not found/,
    );
  });
});

describe('published JSON Schema', () => {
  it('matches the zod schema (run "npm run schema" after changing it)', () => {
    const published = JSON.parse(readFileSync('schema/ahakit.config.schema.json', 'utf8'));
    expect(published).toEqual(configJsonSchema());
  });

  it('is what the demo config points its editor at', () => {
    const demo = JSON.parse(readFileSync('demo/ahakit.config.json', 'utf8'));
    expect(demo.$schema).toBe('../schema/ahakit.config.schema.json');
  });
});
