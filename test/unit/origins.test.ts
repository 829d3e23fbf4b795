import { describe, expect, it } from 'vitest';
import { originMatcher, originProblem } from '../../core/config/origins';
import { validateConfig } from '../../core/config/validate';
import { readSettings, type SettingsError } from '../../server/src/settings';

describe('allowed origins', () => {
  it.each([
    '*',
    'https://app.example.com',
    'http://localhost:3000',
    'http://127.0.0.1:5173',
    'https://*.example.com',
    'http://*.localhost:5173',
    'https://*.example.com:8443',
  ])('accepts %s', (entry) => {
    expect(originProblem(entry)).toBeNull();
  });

  it.each([
    ['app.example.com', 'must be "*" or an origin like "https://app.example.com"'],
    [
      'https://app.example.org:443',
      'browsers never send the default port: write "https://app.example.org"',
    ],
    [
      'http://app.example.org:80',
      'browsers never send the default port: write "http://app.example.org"',
    ],
    [
      'https://app.example.com/',
      'an origin has no path, query or hash: write "https://app.example.com"',
    ],
    [
      'https://app.example.com/app',
      'an origin has no path, query or hash: write "https://app.example.com"',
    ],
    [
      'https://App.Example.com',
      'browsers send origins in lower case: write "https://app.example.com"',
    ],
    [
      'https://app.*.example.com',
      'a wildcard must be the whole first label: "https://*.example.com"',
    ],
    ['https://*example.com', 'a wildcard must be the whole first label: "https://*.example.com"'],
    [
      'https://*.com',
      '"*.com" would allow every site under a top-level domain: name your domain ("https://*.example.com")',
    ],
    ['http://*.10.0.0.1', 'an IP address has no subdomains: list the origin without "*."'],
    [
      'chrome-extension://abc',
      '"chrome-extension:" pages are not allowed origins; use http or https',
    ],
  ])('refuses %s, which no browser origin can equal', (entry, problem) => {
    expect(originProblem(entry)).toBe(problem);
  });

  it('lets a wildcard match subdomains at any depth, on its scheme and port only', () => {
    const allowed = originMatcher(['https://*.example.com', 'http://*.localhost:5173']);
    expect(allowed('https://app.example.com')).toBe(true);
    expect(allowed('https://eu.app.example.com')).toBe(true);
    expect(allowed('http://shop.localhost:5173')).toBe(true);
    expect(allowed('https://example.com')).toBe(false);
    expect(allowed('https://evil-example.com')).toBe(false);
    expect(allowed('https://app.example.com.evil.io')).toBe(false);
    expect(allowed('https://app.example.com:8443')).toBe(false);
    expect(allowed('http://app.example.com')).toBe(false);
    expect(allowed('http://shop.localhost:5174')).toBe(false);
  });

  it('names every bad entry of the config by its path', () => {
    const result = validateConfig({
      product: { name: 'Test' },
      collector: {
        allowedOrigins: ['https://ok.example', 'https://x.example:443', 'https://y.example/'],
      },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.path)).toEqual([
      'collector.allowedOrigins[1]',
      'collector.allowedOrigins[2]',
    ]);
  });

  it('reads AHAKIT_ALLOWED_ORIGINS as a comma-separated list and lists every bad entry', () => {
    expect(
      readSettings({ AHAKIT_ALLOWED_ORIGINS: ' https://app.example.com, https://*.example.org,' })
        .allowedOrigins,
    ).toEqual(['https://app.example.com', 'https://*.example.org']);
    expect(readSettings({}).allowedOrigins).toEqual([]);
    let problems: string[] = [];
    try {
      readSettings({ AHAKIT_ALLOWED_ORIGINS: 'https://a.example:443,https://b.example/x' });
    } catch (error) {
      problems = (error as SettingsError).problems;
    }
    expect(problems).toEqual([
      'AHAKIT_ALLOWED_ORIGINS: "https://a.example:443" browsers never send the default port: write "https://a.example"',
      'AHAKIT_ALLOWED_ORIGINS: "https://b.example/x" an origin has no path, query or hash: write "https://b.example"',
    ]);
  });
});
