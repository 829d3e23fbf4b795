import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeCollector, uniqueKey, useFakeClock } from '../helpers/widget-harness';

// The built core, as `ahakit.js` imports it, run in happy-dom: a fast check of the
// minified output (the size budget is test/unit/widget-size.test.ts; the loader itself and
// the surfaces are driven in Chromium by test/e2e). `npm test` builds first; a bare
// `vitest run` without a build skips it. (happy-dom's URL is not Node's: plain paths.)
const dist = join(dirname(fileURLToPath(import.meta.url)), '../../dist/widget');
const manifestPath = join(dist, '.vite/manifest.json');
const built = existsSync(manifestPath);
const corePath = built
  ? join(
      dist,
      (JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, { file: string }>)[
        'widget/src/index.ts'
      ]!.file,
    )
  : '';

const page = window as unknown as { ahakit?: unknown };

describe.skipIf(!built)('the built core that ahakit.js loads', () => {
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

    const core = (await import(/* @vite-ignore */ corePath)) as {
      embed: (script?: HTMLScriptElement) => void;
    };
    core.embed(script);
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
