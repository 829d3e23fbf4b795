import type { AhakitConfig } from '../../../core/config/schema';
import type { Store } from '../delivery/storage';
import { httpProblem } from '../http-problem';
import type { Platform } from '../platform';
import { toJsonObject } from '../tracking/messages';
import type { Warn } from '../warn';

/** Where the config in use came from. */
export type ConfigSource = 'network' | 'cache' | 'default';

export interface ConfigUpdate {
  /** The collector's validated config; `null` when neither it nor a cached copy is at hand. */
  config: AhakitConfig | null;
  source: ConfigSource;
}

/**
 * The served config's format, part of the cache key: a copy an older widget cached (nudge
 * texts not yet parsed, say) is never read as the current format.
 */
const FORMAT = 2;

interface CachedConfig {
  etag: string | null;
  config: AhakitConfig;
}

/**
 * Loads the config: the cached copy first (so a returning user needs no round trip), then
 * `url` (the collector's `/v1/config?key=…`; with `FORMAT`, the cache key) with the cached ETag as
 * `If-None-Match`. A 200 replaces and re-caches it, a 304 keeps it, a failure keeps the
 * cached copy or falls back to defaults with one warning. `onConfig` is called with the
 * cached config and again with a newer one. The collector validated the config; only its
 * being an object is checked here. Never rejects.
 */
export async function loadConfig({
  platform,
  url,
  store,
  warn,
  onConfig,
  isActive,
}: {
  platform: Pick<Platform, 'fetch'>;
  url: string;
  store: Store;
  warn: Warn;
  onConfig: (update: ConfigUpdate) => void;
  /** False once the instance is destroyed: then nothing more is fetched. */
  isActive: () => boolean;
}): Promise<void> {
  let cached: CachedConfig | undefined;
  const key = `${url}#${FORMAT}`;
  try {
    const stored = (await store.get(key)) as CachedConfig | undefined;
    if (!isActive()) return;
    if (stored?.config) {
      cached = stored;
      onConfig({ config: stored.config, source: 'cache' });
    }
    const get = platform.fetch!;
    const response = await get(url, {
      headers: cached?.etag ? { 'If-None-Match': cached.etag } : {},
      credentials: 'omit',
    });
    if (response.status === 304 && cached) return;
    if (!response.ok) throw new Error(await httpProblem(response));
    const config = toJsonObject(await response.json()) as AhakitConfig | null;
    if (!config) throw new Error('not a config object');
    onConfig({ config, source: 'network' });
    await store.set(key, { etag: response.headers.get('ETag'), config });
  } catch (error) {
    warn(`could not load ${url}; using ${cached ? 'the cached config' : 'defaults'}`, error);
    if (!cached) onConfig({ config: null, source: 'default' });
  }
}
