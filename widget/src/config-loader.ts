import type { AhakitConfig, WidgetSettings } from '../../core/config/schema';
import type { Platform } from './platform';
import type { Store } from './storage';
import type { Warn } from './warn';

/** Where the config in use came from. */
export type ConfigSource = 'network' | 'cache' | 'default';

export interface ConfigUpdate {
  /** The collector's validated config; `null` when neither it nor a cached copy is at hand. */
  config: AhakitConfig | null;
  source: ConfigSource;
}

/** The delivery settings of `config.widget` when the config says nothing. */
export const DEFAULT_SETTINGS: WidgetSettings = {
  batchSize: 20,
  flushIntervalMs: 1_000,
  maxQueueSize: 1_000,
};

// The same bounds as the zod schema in core/config/schema.ts, which the browser can't import.
const BOUNDS: Record<keyof WidgetSettings, [number, number]> = {
  batchSize: [1, 100],
  flushIntervalMs: [0, 60_000],
  maxQueueSize: [10, 10_000],
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The valid delivery settings in `source` (a config's `widget` section, or the options of
 * `createAhakit`); anything out of bounds is ignored with a warning naming it.
 */
export function readSettings(source: unknown, where: string, warn: Warn): Partial<WidgetSettings> {
  const settings: Partial<WidgetSettings> = {};
  if (source === undefined) return settings;
  if (!isObject(source)) {
    warn(`settings:${where}`, `${where} is not an object; it is ignored`);
    return settings;
  }
  for (const key of Object.keys(BOUNDS) as Array<keyof WidgetSettings>) {
    const value = source[key];
    if (value === undefined) continue;
    const [min, max] = BOUNDS[key];
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) {
      settings[key] = value;
    } else {
      warn(
        `settings:${where}.${key}`,
        `${where}.${key} must be a whole number from ${min} to ${max}; it is ignored`,
      );
    }
  }
  return settings;
}

interface CachedConfig {
  etag: string | null;
  config: AhakitConfig;
}

/**
 * Loads the config: the cached copy first (so a returning user needs no round trip), then
 * `GET /v1/config` with the cached ETag as `If-None-Match`. A 200 replaces and re-caches
 * it, a 304 keeps it, a failure keeps the cached copy or falls back to defaults with one
 * warning. `onConfig` is called with the cached config and again with a newer one.
 */
export async function loadConfig(options: {
  platform: Pick<Platform, 'fetch'>;
  endpoint: string;
  writeKey: string;
  store: Store;
  warn: Warn;
  onConfig: (update: ConfigUpdate) => void;
  isActive: () => boolean;
}): Promise<void> {
  const { warn, store, writeKey, endpoint } = options;
  const cacheKey = `${endpoint} ${writeKey}`;
  const stored = await store.get(cacheKey);
  let cached: CachedConfig | null = null;
  if (isObject(stored) && isObject(stored.config)) {
    const etag = typeof stored.etag === 'string' ? stored.etag : null;
    cached = { etag, config: stored.config as AhakitConfig };
  } else if (stored !== undefined) {
    warn('config:cache', 'the cached config is damaged; it is ignored');
  }
  if (!options.isActive()) return;
  if (cached) options.onConfig({ config: cached.config, source: 'cache' });

  const fail = (problem: string) => {
    if (!options.isActive()) return;
    warn(
      'config:load',
      `could not load the config from ${endpoint}/v1/config (${problem}); using ${cached ? 'the cached config' : 'defaults'}`,
    );
    if (!cached) options.onConfig({ config: null, source: 'default' });
  };

  const doFetch = options.platform.fetch;
  if (!doFetch) return fail('fetch is not available');
  let response: Response;
  try {
    const headers: Record<string, string> = {};
    if (cached?.etag) headers['If-None-Match'] = cached.etag;
    response = await doFetch(`${endpoint}/v1/config?key=${encodeURIComponent(writeKey)}`, {
      method: 'GET',
      headers,
      credentials: 'omit',
    });
  } catch (error) {
    return fail(error instanceof Error && error.message ? error.message : 'network error');
  }
  if (response.status === 304 && cached) return;
  if (response.status < 200 || response.status >= 300) return fail(`HTTP ${response.status}`);
  let config: unknown;
  try {
    config = await response.json();
  } catch {
    return fail('the answer is not JSON');
  }
  if (!isObject(config)) return fail('the answer is not a config object');
  if (!options.isActive()) return;
  const etag = response.headers.get('ETag');
  const entry: CachedConfig = { etag, config: config as AhakitConfig };
  options.onConfig({ config: entry.config, source: 'network' });
  await store.set(cacheKey, entry);
}
