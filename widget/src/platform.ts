/**
 * Everything the widget takes from the browser, handed in as one object so tests (and
 * unusual hosts) can pass fakes. `defaultPlatform()` reads the real globals lazily: a
 * global that is missing or throws on access (Safari's `localStorage` with cookies
 * blocked, `indexedDB` in some private windows) becomes `undefined`.
 */

export type TimerId = ReturnType<typeof setTimeout>;

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
  setTimeout: (callback: () => void, ms: number) => TimerId;
  clearTimeout: (id: TimerId) => void;
  /** Milliseconds since the epoch. */
  now: () => number;
  /** A number in [0, 1), for backoff jitter. */
  random: () => number;
  /** Returns 16 random bytes, or undefined when no secure source exists. */
  randomBytes: (() => Uint8Array) | undefined;
  randomUUID: (() => string) | undefined;
  window: Window | undefined;
  document: Document | undefined;
  warn: (message: string) => void;
}

function attempt<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

/** The browser's globals, each read when used so fakes installed later still apply. */
export function defaultPlatform(): Platform {
  const g = globalThis as typeof globalThis & { crypto?: Crypto };
  const win = typeof window === 'undefined' ? undefined : window;
  const nav = typeof navigator === 'undefined' ? undefined : navigator;
  const crypto = attempt(() => g.crypto);
  return {
    fetch: typeof g.fetch === 'function' ? (url, init) => g.fetch(url, init) : undefined,
    sendBeacon:
      nav && typeof nav.sendBeacon === 'function'
        ? (url, body) => nav.sendBeacon(url, body)
        : undefined,
    indexedDB: attempt(() => g.indexedDB),
    localStorage: attempt(() => g.localStorage),
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (id) => clearTimeout(id),
    now: () => Date.now(),
    random: () => Math.random(),
    randomBytes:
      crypto && typeof crypto.getRandomValues === 'function'
        ? () => crypto.getRandomValues(new Uint8Array(16))
        : undefined,
    // Only defined in secure contexts: a plain-http intranet page has no randomUUID.
    randomUUID:
      crypto && typeof crypto.randomUUID === 'function' ? () => crypto.randomUUID() : undefined,
    window: win,
    document: typeof document === 'undefined' ? undefined : document,
    warn: (message) => {
      if (typeof console !== 'undefined') console.warn(message);
    },
  };
}
