import { type Ahakit, type AhakitEvents, type AhakitOptions, createInertAhakit } from './api';
import { loadConfig } from './config/config-loader';
import { readSettings } from './config/settings';
import { startNudges } from './decide/nudges';
import { createDelivery } from './delivery/delivery';
import { createQueue } from './delivery/queue';
import { openStorage } from './delivery/storage';
import { createEmitter } from './emitter';
import { startOnboarding } from './onboarding/controller';
import { defaultPlatform, type Platform } from './platform';
import { utf8Length } from './tracking/bytes';
import { deviceContext, pageInfo } from './tracking/context';
import { createIdentity } from './tracking/identity';
import { wantedLocale } from './tracking/locale';
import { buildMessage, type JsonObject, type MessageBody, toJsonObject } from './tracking/messages';
import { watchNavigation } from './tracking/navigation';
import { watchPageExit } from './tracking/page-exit';
import { createWarn, type Warn } from './warn';

/** The collector refuses single messages above this many bytes of JSON (`LIMITS.eventBytes`). */
const MAX_MESSAGE_BYTES = 32 * 1024;

/** A non-empty string of at most `max` characters. */
const isText = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value !== '' && value.length <= max;

const isId = (value: unknown) => isText(value, 256) || Number.isFinite(value);

/**
 * Creates one ahakit instance: identity, a persistent queue and delivery to the collector.
 * Every instance owns its state; two instances (or two tests) never share anything but
 * storage. Nothing it does throws into the caller: without a write key, or if it cannot
 * start, it warns and returns an instance that does nothing.
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
  try {
    return start(options, platform, warn);
  } catch (error) {
    warn('could not start; ahakit is off', error);
    return createInertAhakit();
  }
}

/** Wires up one instance; throws only when it cannot start, and then has left nothing behind. */
function start(options: AhakitOptions, platform: Platform, say: Warn): Ahakit {
  const { writeKey, adoptAfterMs = 5_000 } = options;
  if (!writeKey) throw new Error('no writeKey or data-key');
  const endpoint = (options.endpoint ?? '').replace(/\/+$/, '');
  const win = platform.window;
  const inert = createInertAhakit();
  const cleanups: Array<() => void> = [];
  let destroyed = false;
  let pageCheck: ReturnType<typeof setTimeout> | undefined;

  // A destroyed instance is quiet, but for saying that it was called.
  const warn: Warn = (message, cause) => {
    if (!destroyed) say(message, cause);
  };

  const emitter = createEmitter<AhakitEvents>((name, error) =>
    warn(`an on("${name}") handler failed`, error),
  );

  // One object, updated in place, so the queue and delivery see the config's changes.
  // The options of createAhakit win over the config's.
  const settings = readSettings({ options }, warn);

  const identity = createIdentity(writeKey, platform.localStorage, (error) =>
    warn('localStorage failed; ids are kept in memory', error),
  );

  const storage = openStorage(platform.indexedDB, (reason) =>
    warn('IndexedDB failed; events are kept in memory', reason),
  );
  // The queue and the delivery loop need each other: the queue reports an overflow (only
  // from `add`, long after both exist) to the delivery loop that reads it.
  const queue = createQueue(storage.queue, writeKey, settings, (count) => {
    warn(`over ${settings.maxQueueSize} events queued; the oldest are dropped`);
    delivery.dropped(count, 'queue_full');
  });

  const delivery = createDelivery({
    queue,
    platform,
    url: `${endpoint}/v1/batch`,
    writeKey,
    settings,
    warn,
    emit: emitter.emit,
  });

  // Never rejects: the store never does, and what follows a read never throws.
  const adopt = () =>
    queue.adopt(adoptAfterMs).then((adopted) => {
      if (adopted) delivery.queued();
    });
  const ready = storage.ready.then(adopt);
  // A page closed moments before this one loaded left events too young to adopt yet.
  const adoptTimer = setTimeout(adopt, adoptAfterMs);

  // The guarded methods (below) are what the widget's own modules call too.
  const instance = { ready } as Ahakit;

  const device = deviceContext(win);
  let lastPageUrl: string | undefined;

  const enqueue = (body: MessageBody) => {
    const message = buildMessage(body, identity.current(), pageInfo(win), device);
    const json = JSON.stringify(message);
    const bytes = utf8Length(json);
    if (bytes > MAX_MESSAGE_BYTES) {
      warn(
        `a ${body.type === 'track' ? body.event : body.type} event is over the 32 KB limit; dropped`,
      );
      return delivery.dropped(1, 'too_large');
    }
    queue.add(message.messageId, json, bytes);
    emitter.emit('track', message);
    delivery.queued();
  };

  /** `value` as a JSON object; `{}`, with a warning, when it cannot be one. */
  const jsonArgument = (value: unknown, what: string) => {
    const object = toJsonObject(value);
    if (!object) warn(`${what} must be a plain JSON object; ignored`);
    return object ?? {};
  };

  const track = (event: string, properties?: JsonObject) => {
    if (!isText(event, 200)) return warn('track() needs an event name of 1-200 characters');
    enqueue({ type: 'track', event, properties: jsonArgument(properties, 'track() properties') });
  };

  const widgetTrack = (event: string, properties: Record<string, unknown>) =>
    instance.track(event, properties);
  // The user's progress (milestones) and the checklist, once a config that needs them
  // arrives for an identified user.
  const onboarding = startOnboarding({
    on: emitter.on,
    identity: identity.current,
    platform,
    store: storage.config,
    endpoint,
    writeKey,
    warn,
    track: widgetTrack,
  });
  // Hand-raise signals and nudges, once a config with them arrives.
  const nudges = startNudges({
    on: emitter.on,
    identity: identity.current,
    progress: onboarding.model,
    progressReady: onboarding.ready,
    platform,
    store: storage.config,
    warn,
    track: widgetTrack,
  });
  onboarding.forward(nudges.handle);

  const methods: Omit<Ahakit, 'ready'> = {
    identify(userId, traits, proof) {
      if (!isId(userId)) return warn('identify() needs a userId');
      const id = String(userId);
      const hash = typeof proof?.userHash === 'string' ? proof.userHash : undefined;
      const state = identity.identify(id, jsonArgument(traits, 'identify() traits'), hash);
      enqueue({ type: 'identify', traits: state.traits });
      emitter.emit('identify', { userId: id, traits: state.traits });
    },
    group(accountId, traits) {
      if (!isId(accountId)) return warn('group() needs an accountId');
      const groupId = String(accountId);
      const { groupTraits } = identity.group(groupId, jsonArgument(traits, 'group() traits'));
      enqueue({ type: 'group', groupId, traits: groupTraits });
      emitter.emit('group', { groupId, traits: groupTraits });
    },
    track,
    page(properties) {
      const info = pageInfo(win);
      lastPageUrl = info.url;
      const extra = jsonArgument(properties, 'page() properties');
      enqueue({ type: 'page', properties: { ...info, ...extra } });
    },
    usage(metric, used, limit) {
      if (isText(metric, 200) && Number.isFinite(used) && Number.isFinite(limit)) {
        track('$usage', { metric, used, limit });
      } else warn('usage() needs a metric name, used and limit');
    },
    show(nudgeId) {
      nudges.show(String(nudgeId));
    },
    // A handler that is not a function fails when its event comes, and is warned about like
    // any handler that throws.
    on: emitter.on,
    reset() {
      emitter.emit('reset', { anonymousId: identity.reset().anonymousId });
    },
    flush: () => ready.then(delivery.flush),
    user() {
      // current() reads the stored state afresh: the caller gets its own copy.
      const { groupTraits, ...user } = identity.current();
      return user;
    },
    destroy() {
      destroyed = true;
      clearTimeout(pageCheck);
      clearTimeout(adoptTimer);
      delivery.destroy();
      onboarding.stop();
      nudges.stop();
      emitter.clear();
      // Last: these touch the host's window and history.
      for (const cleanup of cleanups) cleanup();
    },
  };

  // Automatic page views wait a tick: SPA routers update the title after pushState, and a
  // redirect (two pushStates in a row) should count once.
  const checkPage = () => {
    pageCheck ??= setTimeout(() => {
      pageCheck = undefined;
      if (pageInfo(win).url !== lastPageUrl) instance.page();
    });
  };

  if (win) {
    if (options.trackPages !== false) {
      cleanups.push(watchNavigation(win, checkPage));
      checkPage();
    }
    cleanups.push(watchPageExit(win, delivery.flushAtExit));
  }

  // The config comes in the user's language only: the trait `locale`, else the browser's.
  let configLocale: string | undefined;
  /** The latest load: an older one still on its way (another locale) must not win. */
  let loads = 0;
  const fetchConfig = () => {
    configLocale = wantedLocale(identity.current().traits, win);
    const query = `key=${encodeURIComponent(writeKey)}&locale=${encodeURIComponent(configLocale)}`;
    const load = ++loads;
    const isActive = () => !destroyed && load === loads;
    void ready.then(() =>
      loadConfig({
        platform,
        url: `${endpoint}/v1/config?${query}`,
        store: storage.config,
        warn,
        onConfig: (update) => {
          if (!isActive()) return;
          Object.assign(
            settings,
            readSettings({ 'config.widget': update.config?.widget, options }, warn),
          );
          emitter.emit('config', update);
        },
        isActive,
      }),
    );
  };
  if (options.loadConfig !== false) {
    fetchConfig();
    // A user who signs in with another language gets the config in theirs.
    emitter.on('identify', ({ traits }) => {
      if (wantedLocale(traits, win) !== configLocale) fetchConfig();
    });
  }

  // Every method is guarded: it never throws into the page, and once destroyed, or when it
  // fails, it does what the inert instance does.
  type Method = (...args: unknown[]) => unknown;
  for (const [name, run] of Object.entries(methods) as Array<[keyof typeof methods, Method]>) {
    const fallback = inert[name] as Method;
    (instance as unknown as Record<string, Method>)[name] = (...args) => {
      try {
        if (!destroyed) return run(...args);
        say('called after destroy(); ignored');
      } catch (error) {
        say(`${name}() failed`, error);
      }
      return fallback(...args);
    };
  }
  return instance;
}
