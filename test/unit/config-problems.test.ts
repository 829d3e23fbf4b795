import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatProblem, validateConfig } from '../../core/config/validate';
import { ConfigFileError, parseConfigText } from '../../server/src/config-file';

describe('config problems, all in one pass', () => {
  it('reports a config with 10 mixed problems all at once, with did-you-mean where it fits', () => {
    const input = JSON.parse(readFileSync('test/fixtures/ten-problems.config.json', 'utf8'));
    const result = validateConfig(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map(formatProblem).sort()).toEqual(
      [
        'product: required — expected object',
        'widget.batchSize: wrong type — expected number, received string "20"',
        '(root): unknown key "checklist"; did you mean "checklists"?',
        'milestones[1]: unknown key "evnt"; did you mean "event"?',
        'signals[1].type: not an allowed value — expected "page" | "usage" | "click" | "event", received string "pagee"; did you mean "page"?',
        'signals[2].selector: not a valid CSS selector: Attribute selector didn\'t terminate — received string "[data-paid=huddles"',
        'nudges[0].kind: not an allowed value — expected "modal" | "banner" | "card" | "tooltip", received string "popup"',
        'pql[0].fit[0]: unknown key "acountTrait"; did you mean "accountTrait"?',
        // Checks across sections run in the same pass as the shape checks.
        'checklists[0].items[0].milestone: unknown milestone "mesages_sent" — received string "mesages_sent"; did you mean "messages_sent"?',
        'pql[0].intent[0].signal: unknown signal "pricing_view" — received string "pricing_view"; did you mean "pricing_viewed"?',
      ].sort(),
    );
  });

  it('does not call a broken milestone unknown where it is referred to', () => {
    const result = validateConfig({
      product: { name: 'X' },
      milestones: [{ id: 'invited', event: 'teammate_invited', count: 0 }],
      activation: { milestones: ['invited'] },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map(formatProblem)).toEqual([
      'milestones[0].count: too small — expected >= 1, received number 0',
    ]);
  });

  it('refuses invalid CSS selectors, including one that ends in a combinator', () => {
    const config = (anchor: string) => ({
      product: { name: 'X' },
      signals: [{ id: 'pricing', type: 'page', path: '/pricing' }],
      nudges: [
        {
          id: 'tip',
          kind: 'tooltip',
          anchor,
          trigger: { signal: 'pricing' },
          content: { title: 'Hi', body: 'There' },
        },
      ],
    });
    expect(validateConfig(config('nav > [data-x="1"]:not(.y)')).ok).toBe(true);
    for (const bad of ['nav >', ':is(a', 'a ,']) {
      const result = validateConfig(config(bad));
      expect(result.ok ? [] : result.problems.map((p) => p.path)).toEqual(['nudges[0].anchor']);
    }
  });

  it('says where JSON syntax breaks, by line and column', () => {
    const text = '{\n  "product": { "name": "X" }\n  "milestones": []\n}\n';
    expect(() => parseConfigText(text, 'my.json')).toThrow(ConfigFileError);
    expect(() => parseConfigText(text, 'my.json')).toThrow(
      '(file): not valid JSON: line 3, column 3: a comma is missing',
    );
  });

  it('ends quietly when the reader of `ahakit schema` stops early (| head)', async () => {
    const child = spawn(process.execPath, ['bin/ahakit.js', 'schema']);
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    // Like `head -1`: read the first chunk, then close the pipe.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  }, 30_000);
});
