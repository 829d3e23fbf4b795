/**
 * What the widget takes from the browser that tests (and unusual hosts) replace: the
 * network, both storages, the window, randomness and the console. Timers and the clock
 * are the globals, which fake timers replace already.
 */

/** The small part of `Storage` the widget uses. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface Platform {
  /** Called detached, never as `platform.fetch(...)`: native fetch throws when `this` is wrong. */
  fetch: ((url: string, init: RequestInit) => Promise<Response>) | undefined;
  sendBeacon: ((url: string, body: string) => boolean) | undefined;
  indexedDB: IDBFactory | undefined;
  localStorage: KeyValueStorage | undefined;
  /** A number in [0, 1), for backoff jitter. */
  random: () => number;
  window: Window | undefined;
  /** Opens a BroadcastChannel, to keep the tabs of one browser in step. */
  channel: ((name: string) => BroadcastChannel) | undefined;
  warn: (message: string) => void;
}

/** `read()`, or undefined when it throws. */
function attempt<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

/**
 * The browser's globals. A missing one fails where it is used, inside a try; storages are
 * read inside one here, since Safari with cookies blocked throws on reading `localStorage`.
 */
export function defaultPlatform(): Platform {
  return {
    fetch: (url, init) => fetch(url, init),
    sendBeacon: (url, body) => navigator.sendBeacon(url, body),
    indexedDB: attempt(() => indexedDB),
    localStorage: attempt(() => localStorage),
    random: Math.random,
    window: globalThis.window,
    channel: attempt(() => BroadcastChannel) && ((name) => new BroadcastChannel(name)),
    warn: (message) => console.warn(message),
  };
}
