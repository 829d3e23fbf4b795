import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../core/config/validate';
import { compileNudges, matchPath, pagePath, signalsFor } from '../../core/engine';
import { loadConfigFile } from '../../server/src/config-file';
import { simulate } from '../../server/src/simulate/simulate';

const todoConfig = {
  product: { name: 'Todos' },
  signals: [
    { id: 'completed_viewed', type: 'page', path: '/#/completed' },
    { id: 'home_viewed', type: 'page', path: '/' },
  ],
};

describe('hash routes', () => {
  it('matches a pattern with # against the path and the hash', () => {
    expect(matchPath('/#/completed', '/#/completed')).toBe(true);
    expect(matchPath('/#/completed', '/#/completed/')).toBe(true);
    expect(matchPath('/#/completed', '/?ref=mail#/completed?sort=asc')).toBe(true);
    expect(matchPath('/#/completed', '/#/active')).toBe(false);
    expect(matchPath('/#/completed', '/')).toBe(false);
    expect(matchPath('/#/completed', '/other/#/completed')).toBe(false);
    expect(matchPath('/**/#/todos/*', '/examples/app/#/todos/42')).toBe(true);
    expect(matchPath('/^\\/#\\/todos\\/\\d+$/', '/#/todos/42')).toBe(true);
  });

  it('keeps ignoring the hash in patterns without one', () => {
    expect(matchPath('/', '/#/completed')).toBe(true);
    expect(matchPath('/pricing', '/pricing#plans')).toBe(true);
  });

  it('reads the page path with its hash from a page event only when the config has hash routes', () => {
    const page = { path: '/', url: 'https://todo.example/#/completed' };
    expect(pagePath(page, true)).toBe('/#/completed');
    expect(pagePath(page, false)).toBe('/');
    expect(pagePath({ path: '/app', url: 'https://todo.example/app' }, true)).toBe('/app');
    expect(compileNudges(validConfig(todoConfig)).hashRoutes).toBe(true);
    expect(
      compileNudges(validConfig({ ...todoConfig, signals: [todoConfig.signals[1]] })).hashRoutes,
    ).toBe(false);
  });

  it('fires the "/#/completed" signal on #/completed and not on #/active', () => {
    const rules = compileNudges(validConfig(todoConfig));
    const fired = (url: string) =>
      signalsFor(rules, {
        kind: 'page',
        path: pagePath({ path: '/', url }, rules.hashRoutes)!,
      }).hits.map((h) => h.signalId);
    expect(fired('https://todo.example/#/completed')).toEqual(['completed_viewed', 'home_viewed']);
    expect(fired('https://todo.example/#/active')).toEqual(['home_viewed']);
  });

  it('simulate says the same for page events of a hash-routed app', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ahakit-hash-'));
    writeFileSync(join(dir, 'config.json'), JSON.stringify(todoConfig));
    const page = (hash: string, n: number) =>
      JSON.stringify({
        type: 'page',
        messageId: `p${n}`,
        userId: 'u-1',
        timestamp: '2026-11-02T09:00:00.000Z',
        properties: { path: '/', url: `https://todo.example/${hash}` },
      });
    writeFileSync(join(dir, 'events.jsonl'), `${page('#/active', 1)}\n${page('#/completed', 2)}\n`);
    const { lines } = simulate(loadConfigFile(join(dir, 'config.json')), join(dir, 'events.jsonl'));
    expect(lines.map((l) => `${l.line} ${l.text}`)).toEqual([
      '1 hand-raise signal home_viewed: page /#/active',
      '2 hand-raise signal completed_viewed: page /#/completed',
      '2 hand-raise signal home_viewed: page /#/completed',
    ]);
  });

  it('accepts a hash or a relative URL in a url action, and refuses other schemes and other hosts', () => {
    const withUrl = (url: string) =>
      validateConfig({
        product: { name: 'Todos' },
        milestones: [{ id: 'done', event: 'todo_completed' }],
        checklists: [
          {
            id: 'start',
            title: 'Start',
            items: ['a', 'b', 'c'].map((id) => ({
              id,
              title: id,
              milestone: 'done',
              action: { type: 'url', url },
            })),
          },
        ],
      }).ok;
    for (const url of [
      '#/completed',
      'completed',
      '../up',
      '?tab=2',
      '/settings',
      'https://x.example/a',
    ]) {
      expect([url, withUrl(url)]).toEqual([url, true]);
    }
    for (const url of [
      'javascript:alert(1)',
      '//evil.example',
      '/\\evil.example',
      'mailto:a@b.c',
      '',
    ]) {
      expect([url, withUrl(url)]).toEqual([url, false]);
    }
  });
});

function validConfig(input: unknown) {
  const result = validateConfig(input);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.config;
}
