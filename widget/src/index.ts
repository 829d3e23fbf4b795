/**
 * ahakit for bundled apps (`ahakit.mjs`), and the core that the script tag's loader
 * (`ahakit.js`) imports: the same module, so both load the same surface chunks.
 *
 * @example
 * ```ts
 * import { createAhakit } from 'ahakit';
 *
 * const ahakit = createAhakit({ writeKey: 'pk_demo', endpoint: 'https://aha.example.com' });
 * ahakit.identify('user_42', { plan: 'free' });
 * ahakit.track('channel_created', { members: 3 });
 * ahakit.usage('messages', 1_800, 2_000);
 * ```
 */
export type { Ahakit, AhakitEvents, AhakitOptions, AhakitUser } from './api';

export { createAhakit } from './client';
export type { ConfigSource, ConfigUpdate } from './config/config-loader';
export type { DropReason } from './delivery/delivery';
/** What `ahakit.js` runs once it has loaded this module; apps call `createAhakit`. */
export { embed } from './embed';
export type { KeyValueStorage, Platform } from './platform';
export type { Traits } from './tracking/identity';
export type { JsonObject, WidgetMessage } from './tracking/messages';
export { VERSION } from './version';
