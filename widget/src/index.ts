/**
 * ahakit for bundled apps. The script tag (`script-tag.ts`) wraps the same instance.
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
export type { ConfigSource, ConfigUpdate } from './config-loader';
export type { DropReason } from './delivery';
export type { Traits } from './identity';
export type { JsonObject, WidgetMessage } from './messages';
export type { KeyValueStorage, Platform } from './platform';
export { VERSION } from './version';
