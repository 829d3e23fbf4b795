import { resolve } from 'node:path';
import type { AhakitConfigInput } from '../../core/config/schema';
import { configSchema } from '../../core/config/schema';
import { type AppDeps, createApp } from '../../server/src/app';
import { createProjector } from '../../server/src/projection/projector';
import { openSqliteStore } from '../../server/src/store/sqlite';

export const WRITE_KEY = 'pk_test_write';
export const ADMIN_KEY = 'sk_test_admin_key';

/** A collector app on an in-memory SQLite store, called without a socket. */
export function testApp(
  config: Partial<AhakitConfigInput> = {},
  now?: () => number,
  overrides: Partial<AppDeps> = {},
) {
  const store = openSqliteStore({ dataDir: '', fileName: ':memory:' });
  const parsed = configSchema.parse({ product: { name: 'Test' }, ...config });
  const projector = createProjector(store, parsed);
  void projector.start();
  const app = createApp({
    config: parsed,
    store,
    projection: projector,
    writeKey: WRITE_KEY,
    adminKey: ADMIN_KEY,
    widgetDir: resolve('dist/widget'),
    demoDir: resolve('demo'),
    ...(now ? { now } : {}),
    ...overrides,
  });
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    app.request(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const admin = (path: string, key = ADMIN_KEY) =>
    app.request(path, { headers: { Authorization: `Bearer ${key}` } });
  return { app, store, post, admin, projector };
}

let counter = 0;
/** A valid track message with a fresh messageId. */
export function trackMessage(overrides: Record<string, unknown> = {}) {
  counter++;
  return {
    type: 'track',
    messageId: `msg-${counter}-${Math.random().toString(36).slice(2)}`,
    anonymousId: 'anon-1',
    event: 'channel_created',
    properties: { name: 'general' },
    timestamp: new Date().toISOString(),
    ...overrides,
  };
}

export function basicAuth(key: string): string {
  return `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
}
