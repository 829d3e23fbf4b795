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
        collector: { allowedOrigins: [], announceWithinHours: 24 },
        widget: { batchSize: 20, flushIntervalMs: 1000, maxQueueSize: 1000 },
        locales: { default: 'en', supported: ['en'] },
        theme: {
          accent: '#4a154b',
          position: 'bottom-right',
          offset: { x: 16, y: 16 },
          radius: 12,
          zIndex: 2147483000,
        },
        milestones: [],
        checklists: [],
        pql: [],
        webhooks: [],
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
      '(root): unknown key "milestonez"; did you mean "milestones"?',
    ]);
  });

  it('says what is missing', () => {
    const result = validateConfig({});
    expect(result.ok || result.problems.map(formatProblem)).toEqual([
      'product: required — expected object',
    ]);
  });

  it('names the conversion goal’s problems by path', () => {
    const result = validateConfig({
      product: { name: 'TeamChat' },
      conversion: { where: [{ property: 'plan', op: 'like', value: 'pro' }] },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.path).sort()).toEqual([
      'conversion.event',
      'conversion.where[0].op',
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

describe('config cross-references', () => {
  const item = (id: string, milestone: string) => ({ id, milestone, title: id });
  const base = {
    product: { name: 'TeamChat' },
    locales: { default: 'en', supported: ['en', 'pl'] },
    milestones: [
      { id: 'workspace_created', event: 'workspace_created' },
      { id: 'channels', event: 'channel_created', count: 3 },
      { id: 'invited', event: 'teammate_invited', scope: 'account' },
    ],
  };

  it('accepts a config whose references all resolve', () => {
    const result = validateConfig({
      ...base,
      activation: { milestones: ['workspace_created', 'channels'] },
      checklists: [
        {
          id: 'start',
          title: { en: 'Get started', pl: 'Zacznij' },
          items: [item('a', 'workspace_created'), item('b', 'channels'), item('c', 'invited')],
          audience: { milestone: 'invited', reached: false },
        },
      ],
    });
    expect(result.ok).toBe(true);
  });

  it('names an unknown milestone, a loop and a missing translation by path', () => {
    const result = validateConfig({
      ...base,
      milestones: [
        ...base.milestones,
        { id: 'loop_a', all: ['loop_b', 'channels'] },
        { id: 'loop_b', any: ['loop_a'] },
      ],
      activation: { milestones: ['workspace_created', 'nope'] },
      checklists: [
        {
          id: 'start',
          title: { en: 'Get started' },
          items: [item('a', 'workspace_created'), item('b', 'channelz'), item('a', 'invited')],
        },
      ],
    });
    expect(result.ok || result.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'milestones[3]: "loop_a" refers back to itself: loop_a → loop_b → loop_a',
      'activation.milestones[1]: unknown milestone "nope"',
      'checklists[0].items[2].id: duplicate item id "a"',
      'checklists[0].items[1].milestone: unknown milestone "channelz"',
      'checklists[0].title: missing the "pl" text (locales.supported lists it)',
    ]);
  });

  it('wants 3 to 7 checklist items', () => {
    const result = validateConfig({
      ...base,
      checklists: [{ id: 'short', title: 'Short', items: [item('a', 'channels')] }],
    });
    expect(result.ok || result.problems.map(formatProblem)).toEqual([
      'checklists[0].items: too small — expected at least 3 items, received an array of 1',
    ]);
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
