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

import type { AhakitOptions } from './api';
import { createAhakit as createInstance } from './client';
import { startNudges } from './nudges/controller';

/**
 * One ahakit instance with every feature, nudges included (see `createAhakit` in
 * client.ts for what it does and never does).
 */
export const createAhakit = (options: AhakitOptions) =>
  createInstance(options, { nudges: startNudges });
export type { ConfigSource, ConfigUpdate } from './config-loader';
export type { DropReason } from './delivery';
export type { Traits } from './identity';
export type { JsonObject, WidgetMessage } from './messages';
export type { KeyValueStorage, Platform } from './platform';
export { VERSION } from './version';
