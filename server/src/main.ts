import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import type { AhakitConfig } from '../../core/config/schema';
import type { Webhook } from '../../core/config/webhooks';
import { createApp } from './app';
import { ConfigFileError, loadConfigFile, parseConfigText } from './config-file';
import { watchConfigFile } from './config-watch';
import { createProjector } from './projection/projector';
import { rateLimit } from './rate-limit';
import { PACKAGE_ROOT, readSettings, type Settings, SettingsError } from './settings';
import { openSqliteStore } from './store/sqlite';
import { demoReceiverApp, postsToDemoReceiver } from './webhooks/demo-receiver';
import { createDispatcher } from './webhooks/dispatcher';
import { resolveWebhookSecrets, WebhookSecretError } from './webhooks/secrets';

export interface RunningCollector {
  url: string;
  close(): Promise<void>;
}

export interface StartOptions {
  /**
   * Also start the demo webhook receiver on 127.0.0.1 (`settings.demoReceiverPort`),
   * which prints each signed delivery of the webhooks that post to it: what `npm start`
   * does, so a newcomer sees a PQL webhook arrive. Refused in production.
   */
  demoReceiver?: boolean;
}

type Server = ReturnType<typeof serve>;

/**
 * Starts the collector: settings and config are validated first (every problem listed),
 * then the store is opened and the port bound. The only place that opens a port.
 */
export async function startCollector(
  settings: Settings = readSettings(),
  options: StartOptions = {},
): Promise<RunningCollector> {
  if (options.demoReceiver && settings.production) {
    throw new SettingsError([
      '--demo-receiver: the demo webhook receiver is for trying ahakit; it does not run with NODE_ENV=production',
    ]);
  }
  const config = loadConfigFile(settings.configPath);
  const webhooks = resolveWebhookSecrets(config.webhooks);
  // Listening before the dispatcher starts, so the first deliveries find it.
  const receiver = options.demoReceiver ? await startDemoReceiver(settings, webhooks) : null;
  try {
    return await startServing(settings, config, webhooks, receiver);
  } catch (error) {
    if (receiver) await closeServer(receiver.server);
    throw error;
  }
}

async function startServing(
  settings: Settings,
  config: AhakitConfig,
  webhooks: Webhook[],
  receiver: DemoReceiver | null,
): Promise<RunningCollector> {
  const store = openSqliteStore({ dataDir: settings.dataDir });

  // One limiter for the process: a config reload must not hand out fresh allowances.
  const limiter = rateLimit(settings.limits);

  /** Everything that reads the config: rebuilt whole when it changes. */
  const build = async (config: AhakitConfig, webhooks: Webhook[]) => {
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
      allowedOrigins: settings.allowedOrigins,
      widgetDir: join(PACKAGE_ROOT, 'dist', 'widget'),
      demoDir: join(PACKAGE_ROOT, 'demo'),
      rateLimit: limiter,
      identitySecret: settings.identitySecret,
    });
    return { app, projector, dispatcher };
  };
  let live = await build(config, webhooks);

  // Live config: a valid edit of the file takes effect without a restart (widgets see
  // it through the config's ETag on their next load); an invalid one is refused with
  // every problem listed, and the running config stays.
  let reloading = Promise.resolve();
  const watcher = watchConfigFile(settings.configPath, (text) => {
    reloading = reloading
      .then(async () => {
        let next: AhakitConfig;
        let nextWebhooks: Webhook[];
        try {
          next = parseConfigText(text, settings.configPath);
          nextWebhooks = resolveWebhookSecrets(next.webhooks);
        } catch (error) {
          if (!(error instanceof ConfigFileError || error instanceof WebhookSecretError))
            throw error;
          console.error(
            `[ahakit] config change refused; the running config stays.\n${error.message}`,
          );
          return;
        }
        const before = live;
        await before.projector.stop();
        await before.dispatcher.stop();
        live = await build(next, nextWebhooks);
        console.log(`[ahakit] config reloaded from ${settings.configPath}`);
      })
      .catch((error) => console.error('[ahakit] config reload failed', error));
  });

  // The node server's bindings (the raw request stream) go along to whichever app is live.
  const server = await listen(
    (request, env) => live.app.fetch(request, env),
    settings.port,
    settings.host,
    settings.limits,
  );
  const { port } = server.address() as AddressInfo;
  const url = `http://${settings.host}:${port}`;
  printBanner(url, settings, receiver, [
    ...config.collector.allowedOrigins,
    ...settings.allowedOrigins,
  ]);
  return {
    url,
    close: async () => {
      watcher.close();
      await reloading;
      await Promise.all([closeServer(server), receiver && closeServer(receiver.server)]);
      await live.projector.stop();
      await live.dispatcher.stop();
      await store.close();
    },
  };
}

interface DemoReceiver {
  server: Server;
  url: string;
  /** The ids of the webhooks that post to it. */
  webhookIds: string[];
}

async function startDemoReceiver(settings: Settings, webhooks: Webhook[]): Promise<DemoReceiver> {
  const port = settings.demoReceiverPort;
  const aimed = webhooks.filter((w) => postsToDemoReceiver(w.url, port));
  try {
    const server = await listen(demoReceiverApp({ webhooks: aimed }).fetch, port, '127.0.0.1');
    return { server, url: `http://127.0.0.1:${port}`, webhookIds: aimed.map((w) => w.id) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    throw new SettingsError([
      `AHAKIT_DEMO_RECEIVER_PORT: port ${port} is already in use (another npm start?); set AHAKIT_DEMO_RECEIVER_PORT to a free port, and point the demo webhook's url at it`,
    ]);
  }
}

/**
 * Binds a port. With `limits`, Node's own guards hold slow and idle clients to account:
 * a request must send its headers within `headersTimeoutMs` and be read whole within
 * `requestTimeoutMs` (checked every second), idle keep-alive connections close after 5 s
 * and each serves at most 1,000 requests, and past `maxConnections` new ones are refused,
 * so a crowd of slow clients cannot use up the process's file descriptors.
 */
function listen(
  fetch: (request: Request, env: unknown) => Response | Promise<Response>,
  port: number,
  hostname: string,
  limits?: Settings['limits'],
): Promise<Server> {
  return new Promise<Server>((resolve, reject) => {
    const s = serve(
      {
        fetch,
        port,
        hostname,
        ...(limits && {
          serverOptions: {
            headersTimeout: limits.headersTimeoutMs,
            requestTimeout: limits.requestTimeoutMs,
            keepAliveTimeout: 5_000,
            connectionsCheckingInterval: 1_000,
          },
        }),
      },
      () => resolve(s),
    );
    if (limits && 'maxConnections' in s) {
      s.maxConnections = limits.maxConnections;
      if ('maxRequestsPerSocket' in s) s.maxRequestsPerSocket = 1_000;
    }
    s.once('error', reject);
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    // Keep-alive connections would hold close() open until they time out.
    if ('closeAllConnections' in server) server.closeAllConnections();
  });
}

function printBanner(
  url: string,
  settings: Settings,
  receiver: DemoReceiver | null,
  origins: string[],
): void {
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
      origins.length > 0
        ? `  origins     ${url} and ${origins.join(', ')}  (AHAKIT_ALLOWED_ORIGINS adds more)`
        : `  origins     ${url} only; allow your app's with AHAKIT_ALLOWED_ORIGINS=https://app.example.com,http://localhost:3000`,
      ...(receiver
        ? [
            receiver.webhookIds.length > 0
              ? `  webhooks    ${receiver.url}  (demo receiver: prints each signed delivery of ${receiver.webhookIds.map((id) => `"${id}"`).join(', ')})`
              : `  webhooks    ${receiver.url}  (demo receiver: no webhook in the config posts here; see README)`,
          ]
        : []),
      ...(settings.demoKeys
        ? [
            '  Demo keys are for trying ahakit: set AHAKIT_WRITE_KEY and AHAKIT_ADMIN_KEY for real use.',
          ]
        : []),
    ].join('\n'),
  );
}
