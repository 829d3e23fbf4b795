import { type Ahakit, type AhakitEvents, type AhakitOptions, createInertAhakit } from './api';
import { utf8Length } from './bytes';
import { DEFAULT_SETTINGS, loadConfig, readSettings } from './config-loader';
import { deviceContext, pageInfo } from './context';
import { createDelivery, type DropReason } from './delivery';
import { createEmitter } from './emitter';
import { createIdentity, type Traits } from './identity';
import { uuid } from './ids';
import { buildMessage, type JsonObject, type MessageBody, toJsonObject } from './messages';
import { watchNavigation } from './navigation';
import { watchPageExit } from './page-exit';
import { defaultPlatform, type Platform, type TimerId } from './platform';
import { createQueue } from './queue';
import { openStorage } from './storage';
import { createWarn } from './warn';

/** The collector refuses single messages above this many bytes of JSON (`LIMITS.eventBytes`). */
const MAX_MESSAGE_BYTES = 32 * 1024;
const MAX_ID_LENGTH = 256;
const MAX_EVENT_LENGTH = 200;
const noop = () => {};

const describe = (error: unknown) =>
  error instanceof Error ? error.message || error.name : String(error);

const isId = (value: unknown): value is string | number =>
  (typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH) ||
  (typeof value === 'number' && Number.isFinite(value));

/**
 * Creates one ahakit instance: identity, a persistent queue and delivery to the collector.
 * Every instance owns its state; two instances (or two tests) never share anything but
 * storage. Nothing it does throws into the caller.
 *
 * @example
 * ```ts
 * const ahakit = createAhakit({ writeKey: 'pk_demo', endpoint: 'http://localhost:8787' });
 * ahakit.identify('user_42', { plan: 'free' });
 * ahakit.track('invite_sent', { count: 2 });
 * ```
 */
export function createAhakit(options: AhakitOptions): Ahakit {
  const platform: Platform = { ...defaultPlatform(), ...options?.platform };
  const warn = createWarn(platform.warn);
  if (typeof options?.writeKey !== 'string' || options.writeKey === '') {
    warn('writeKey', 'no write key was given, so ahakit is off');
    return createInertAhakit();
  }
  const { writeKey } = options;
  const endpoint = (typeof options.endpoint === 'string' ? options.endpoint : '').replace(
    /\/+$/,
    '',
  );
  const adoptAfterMs = options.adoptAfterMs ?? 5_000;
  let destroyed = false;
  const cleanups: Array<() => void> = [];
  const timers = new Set<TimerId>();

  const guard =
    <A extends unknown[], R>(name: string, run: (...args: A) => R, fallback: R) =>
    (...args: A): R => {
      try {
        if (!destroyed) return run(...args);
        warn('destroyed', `${name}() was called after destroy(); it does nothing`);
      } catch (error) {
        warn(`error:${name}`, `${name}() failed: ${describe(error)}`);
      }
      return fallback;
    };
  const later = (name: string, run: () => void, ms: number) => {
    const id = platform.setTimeout(
      guard(
        name,
        () => {
          timers.delete(id);
          run();
        },
        undefined,
      ),
      ms,
    );
    timers.add(id);
  };

  const emitter = createEmitter<AhakitEvents>((name, error) =>
    warn(`handler:${String(name)}`, `a handler of "${String(name)}" threw: ${describe(error)}`),
  );

  const optionSettings = readSettings(
    {
      batchSize: options.batchSize,
      flushIntervalMs: options.flushIntervalMs,
      maxQueueSize: options.maxQueueSize,
    },
    'options',
    warn,
  );
  let configSettings = {};
  const settings = () => ({ ...DEFAULT_SETTINGS, ...configSettings, ...optionSettings });

  const identity = createIdentity({
    writeKey,
    storage: platform.localStorage,
    newId: () => uuid(platform),
    onError: (error) =>
      warn(
        'localStorage',
        `localStorage is unavailable (${describe(error)}); the anonymous id lasts for this page only`,
      ),
  });

  const storage = openStorage(platform, (reason) => {
    if (destroyed) return;
    warn(
      'storage',
      `IndexedDB is unavailable (${reason}); unsent events are kept in memory for this page only`,
    );
  });
  const queue = createQueue({
    store: storage.queue,
    writeKey,
    owner: uuid(platform),
    now: platform.now,
    maxSize: () => settings().maxQueueSize,
  });

  const dropped = (count: number, reason: DropReason) => {
    if (reason === 'queue_full') {
      warn(
        'queue_full',
        `more than ${settings().maxQueueSize} events are waiting to be sent; the oldest are dropped`,
      );
    }
    // The collector learns of drops it could not see itself.
    if (reason !== 'invalid' && reason !== 'refused') delivery.countDropped(count);
    emitter.emit('dropped', { count, reason });
  };

  const delivery = createDelivery({
    queue,
    platform,
    endpoint,
    writeKey,
    settings,
    warn,
    onDelivered: (count) => emitter.emit('delivered', { count }),
    onDropped: dropped,
  });

  const device = deviceContext(platform);
  let lastPageUrl: string | null = null;

  const enqueue = (body: MessageBody) => {
    const message = buildMessage(body, {
      messageId: uuid(platform),
      timestamp: new Date(platform.now()).toISOString(),
      identity: identity.current(),
      page: pageInfo(platform),
      device,
    });
    const json = JSON.stringify(message);
    const bytes = utf8Length(json);
    if (bytes > MAX_MESSAGE_BYTES) {
      const what = body.type === 'track' ? `"${body.event}"` : body.type;
      warn(
        `too_large:${what}`,
        `a ${what} event of ${bytes} bytes is over the ${MAX_MESSAGE_BYTES}-byte limit and was dropped`,
      );
      dropped(1, 'too_large');
      return;
    }
    const evicted = queue.add({ id: message.messageId, json, bytes });
    if (evicted > 0) dropped(evicted, 'queue_full');
    emitter.emit('track', message);
    delivery.queued();
  };

  const jsonArgument = (value: unknown, name: string, call: string): JsonObject => {
    const object = toJsonObject(value);
    if (object) return object;
    warn(
      `${call}:${name}`,
      `${call}() ${name} must be a plain object that JSON can represent; sent without them`,
    );
    return {};
  };

  const page = (properties?: JsonObject) => {
    const info = pageInfo(platform);
    lastPageUrl = info.url;
    enqueue({
      type: 'page',
      properties: { ...info, ...jsonArgument(properties, 'properties', 'page') },
    });
  };

  const track = (event: string, properties?: JsonObject) => {
    if (typeof event !== 'string' || event === '' || event.length > MAX_EVENT_LENGTH) {
      warn('track:event', `track() needs an event name of 1 to ${MAX_EVENT_LENGTH} characters`);
      return;
    }
    enqueue({ type: 'track', event, properties: jsonArgument(properties, 'properties', 'track') });
  };

  // Automatic page views wait a tick: SPA routers update the title after pushState, and a
  // redirect (two pushStates in a row) should count once.
  let pageCheckPending = false;
  const checkPage = () => {
    if (pageCheckPending) return;
    pageCheckPending = true;
    later(
      'page',
      () => {
        pageCheckPending = false;
        if (pageInfo(platform).url !== lastPageUrl) page();
      },
      0,
    );
  };

  const win = platform.window;
  const doc = platform.document;
  if (win && options.trackPages !== false) {
    cleanups.push(watchNavigation(win, guard('navigation', checkPage, undefined)));
    checkPage();
  }
  if (win && doc) {
    cleanups.push(watchPageExit(win, doc, guard('flush', delivery.flushAtExit, undefined)));
  }
  if (win) {
    // Another tab identified or reset: follow it, so both tabs send as the same user.
    const onStorage = guard(
      'storage',
      (event: StorageEvent) => {
        if (event.key === null || event.key.startsWith(identity.keyPrefix)) identity.reload();
      },
      undefined,
    );
    win.addEventListener('storage', onStorage);
    cleanups.push(() => win.removeEventListener('storage', onStorage));
  }

  const adopt = async () => {
    const result = await queue.adopt(adoptAfterMs);
    if (destroyed) return;
    if (result.dropped > 0) dropped(result.dropped, 'queue_full');
    if (result.adopted > 0) delivery.queued();
  };
  const ready = storage.ready
    .then(adopt)
    .then(() => {
      // A page closed moments before this one loaded left events too young to adopt yet.
      if (!destroyed) later('adopt', () => void adopt().catch(noop), adoptAfterMs);
    })
    .catch((error: unknown) => warn('ready', `loading stored events failed: ${describe(error)}`));

  if (options.loadConfig !== false) {
    void ready
      .then(() =>
        loadConfig({
          platform,
          endpoint,
          writeKey,
          store: storage.config,
          warn,
          isActive: () => !destroyed,
          onConfig: (update) => {
            configSettings = readSettings(update.config?.widget, 'config.widget', warn);
            emitter.emit('config', update);
          },
        }),
      )
      .catch((error: unknown) => warn('config', `loading the config failed: ${describe(error)}`));
  }

  return {
    identify: guard(
      'identify',
      (userId: string | number, traits?: Traits) => {
        if (!isId(userId)) {
          warn('identify:userId', 'identify() needs a userId (a non-empty string or a number)');
          return;
        }
        const state = identity.identify(String(userId), jsonArgument(traits, 'traits', 'identify'));
        enqueue({ type: 'identify', traits: state.traits });
        emitter.emit('identify', { userId: String(userId), traits: state.traits });
      },
      undefined,
    ),
    group: guard(
      'group',
      (accountId: string | number, traits?: Traits) => {
        if (!isId(accountId)) {
          warn('group:accountId', 'group() needs an accountId (a non-empty string or a number)');
          return;
        }
        const groupId = String(accountId);
        const state = identity.group(groupId, jsonArgument(traits, 'traits', 'group'));
        enqueue({ type: 'group', groupId, traits: state.groupTraits });
        emitter.emit('group', { groupId, traits: state.groupTraits });
      },
      undefined,
    ),
    track: guard('track', track, undefined),
    page: guard('page', page, undefined),
    usage: guard(
      'usage',
      (metric: string, used: number, limit: number) => {
        const finite = (value: unknown) => typeof value === 'number' && Number.isFinite(value);
        if (typeof metric !== 'string' || metric === '' || !finite(used) || !finite(limit)) {
          warn('usage:args', 'usage() needs a metric name and two numbers: used and limit');
          return;
        }
        track('$usage', { metric, used, limit });
      },
      undefined,
    ),
    show: guard(
      'show',
      (nudgeId: string) => {
        // No nudges exist in the config yet, so every id is unknown.
        warn(`show:${String(nudgeId)}`, `unknown nudge "${String(nudgeId)}"`);
      },
      undefined,
    ),
    on: guard(
      'on',
      <K extends keyof AhakitEvents>(name: K, handler: (payload: AhakitEvents[K]) => void) => {
        if (typeof handler !== 'function') {
          warn(`on:${String(name)}`, `on("${String(name)}") needs a handler function`);
          return noop;
        }
        return emitter.on(name, handler);
      },
      noop,
    ) as Ahakit['on'],
    reset: guard(
      'reset',
      () => {
        const state = identity.reset();
        emitter.emit('reset', { anonymousId: state.anonymousId });
      },
      undefined,
    ),
    flush: guard('flush', () => ready.then(() => delivery.flush()).catch(noop), Promise.resolve()),
    destroy: () => {
      // Not through guard(): a second destroy() is fine and says nothing.
      if (destroyed) return;
      destroyed = true;
      try {
        for (const id of timers) platform.clearTimeout(id);
        timers.clear();
        for (const cleanup of cleanups.splice(0)) cleanup();
        delivery.destroy();
        emitter.clear();
      } catch (error) {
        warn('error:destroy', `destroy() failed: ${describe(error)}`);
      }
    },
    user: guard(
      'user',
      () => {
        const { anonymousId, userId, traits, groupId } = identity.current();
        return { anonymousId, userId, traits: { ...traits }, groupId };
      },
      { anonymousId: '', userId: null, traits: {}, groupId: null },
    ),
    ready,
  };
}
