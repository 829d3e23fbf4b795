import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { loadConfigFile } from './config-file';
import { createProjector } from './projection/projector';
import { PACKAGE_ROOT, readSettings, type Settings } from './settings';
import { openSqliteStore } from './store/sqlite';
import { createDispatcher } from './webhooks/dispatcher';
import { resolveWebhookSecrets } from './webhooks/secrets';

export interface RunningCollector {
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the collector: settings and config are validated first (every problem listed),
 * then the store is opened and the port bound. The only place that opens a port.
 */
export async function startCollector(
  settings: Settings = readSettings(),
): Promise<RunningCollector> {
  const config = loadConfigFile(settings.configPath);
  const webhooks = resolveWebhookSecrets(config.webhooks);
  const store = openSqliteStore({ dataDir: settings.dataDir });
  const dispatcher = createDispatcher({ outbox: store.outbox, webhooks });
  const projector = createProjector(store, config, () => dispatcher.wake());
  await projector.start();
  dispatcher.start();
  const app = createApp({
    config,
    store,
    projection: projector,
    writeKey: settings.writeKey,
    adminKey: settings.adminKey,
    widgetDir: join(PACKAGE_ROOT, 'dist', 'widget'),
    demoDir: join(PACKAGE_ROOT, 'demo'),
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: settings.port, hostname: settings.host }, () =>
      resolve(s),
    );
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${settings.host}:${port}`;
  printBanner(url, settings);
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          void projector
            .stop()
            .then(() => dispatcher.stop())
            .then(() => store.close())
            .then(resolve);
        });
        // Keep-alive connections would hold close() open until they time out.
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}

function printBanner(url: string, settings: Settings): void {
  const demo = (value: string, fallback: string) =>
    value === fallback ? `${value}  (demo default)` : '(set)';
  console.log(
    [
      `ahakit collector listening on ${url}`,
      `  demo        ${url}/`,
      `  widget      ${url}/ahakit.js`,
      `  dashboard   ${url}/dashboard  (sign in with the admin key)`,
      `  api         ${url}/v1`,
      `  health      ${url}/healthz`,
      `  config      ${settings.configPath}`,
      `  data        ${join(settings.dataDir, 'ahakit.sqlite')}`,
      `  write key   ${settings.writeKey}`,
      `  admin key   ${demo(settings.adminKey, 'sk_demo_admin')}`,
      ...(settings.demoKeys
        ? [
            '  Demo keys are for trying ahakit: set AHAKIT_WRITE_KEY and AHAKIT_ADMIN_KEY for real use.',
          ]
        : []),
    ].join('\n'),
  );
}
