import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeCollector, uniqueKey, useFakeClock } from '../helpers/widget-harness';

// The built script, as the collector serves it, run in happy-dom: a fast check of the
// minified output (the size budget is test/unit/widget-size.test.ts, Chromium is test/e2e).
// `npm test` builds first; a bare `vitest run` without a build skips it.
// (happy-dom's URL is not Node's, so build a plain path.)
const bundlePath = join(dirname(fileURLToPath(import.meta.url)), '../../dist/widget/ahakit.js');
const built = existsSync(bundlePath);

const page = window as unknown as { ahakit?: unknown };

describe.skipIf(!built)('the built ahakit.js', () => {
  const code = built ? readFileSync(bundlePath, 'utf8') : '';
  let collector: ReturnType<typeof fakeCollector>;

  beforeEach(() => {
    useFakeClock();
    collector = fakeCollector();
    vi.stubGlobal('fetch', collector.fetch);
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    document.head.innerHTML = '';
  });
  afterEach(() => {
    (page.ahakit as { destroy?: () => void } | undefined)?.destroy?.();
    page.ahakit = undefined;
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
    vi.useRealTimers();
  });

  it('installs from the snippet, replays queued calls and delivers them', async () => {
    const queued = [['track', 'before_load', { n: 1 }]];
    page.ahakit = Object.assign(() => {}, { q: queued.map((args) => ({ ...args, length: 3 })) });
    const script = document.createElement('script');
    script.type = 'text/plain';
    script.setAttribute('src', 'http://localhost:8787/ahakit.js');
    script.setAttribute('data-key', uniqueKey());
    document.head.append(script);

    new Function(code)();
    const ahakit = page.ahakit as ((method: string, ...args: unknown[]) => unknown) & {
      track: (event: string) => void;
      flush: () => Promise<void>;
    };
    ahakit('track', 'function_style');
    ahakit.track('method_style');
    await ahakit.flush();
    const events = collector
      .messages()
      .filter((message) => message.type === 'track')
      .map((message) => message.event);
    expect(events).toEqual(['before_load', 'function_style', 'method_style']);
    expect(collector.batchRequests()[0]?.url).toBe('http://localhost:8787/v1/batch');
  });
});
