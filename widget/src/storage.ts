import { delMany, entries, get, promisifyRequest, set, type UseStore } from 'idb-keyval';
import type { Platform } from './platform';

/** One key-value store. Operations never reject: a failure moves everything to memory. */
export interface Store {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  delMany(keys: string[]): Promise<void>;
  entries(): Promise<Array<[IDBValidKey, unknown]>>;
}

export interface Storage {
  /** Unsent messages, one record per messageId so tabs never overwrite each other. */
  queue: Store;
  /** The last config the collector sent, with its ETag. */
  config: Store;
  /** Resolves true once IndexedDB is open, false when the memory fallback is in use. */
  ready: Promise<boolean>;
}

const DB_NAME = 'ahakit';
const DB_VERSION = 1;
const STORE_NAMES = ['queue', 'config'] as const;
type StoreName = (typeof STORE_NAMES)[number];
// Safari has shipped versions where indexedDB.open never settles; don't wait forever.
const OPEN_TIMEOUT_MS = 5_000;

/**
 * IndexedDB through idb-keyval, with both object stores in one database. When IndexedDB
 * is missing, refuses to open (private windows, blocked storage) or an operation throws,
 * `onFallback` is called once and every store continues in memory for this page.
 */
export function openStorage(
  platform: Pick<Platform, 'indexedDB' | 'setTimeout' | 'clearTimeout'>,
  onFallback: (reason: string) => void,
): Storage {
  const memory: Record<StoreName, Map<IDBValidKey, unknown>> = {
    queue: new Map(),
    config: new Map(),
  };
  let failed = false;
  let connection: Promise<IDBDatabase> | undefined;

  const fail = (error: unknown) => {
    if (failed) return;
    failed = true;
    onFallback(error instanceof Error ? error.message || error.name : String(error));
  };

  const open = (): Promise<IDBDatabase> => {
    if (connection) return connection;
    const factory = platform.indexedDB;
    connection = new Promise<IDBDatabase>((resolve, reject) => {
      if (!factory) throw new Error('IndexedDB is not available');
      const request = factory.open(DB_NAME, DB_VERSION);
      const timer = platform.setTimeout(
        () => reject(new Error('opening IndexedDB timed out')),
        OPEN_TIMEOUT_MS,
      );
      request.onupgradeneeded = () => {
        const db = request.result;
        for (const name of STORE_NAMES) {
          if (!db.objectStoreNames.contains(name)) db.createObjectStore(name);
        }
      };
      promisifyRequest(request).then(
        (db) => {
          platform.clearTimeout(timer);
          // Safari may close the connection on its own; reopen on the next operation.
          db.onclose = () => {
            connection = undefined;
          };
          // A newer ahakit in another tab wants to upgrade: step aside instead of blocking it.
          db.onversionchange = () => {
            db.close();
            connection = undefined;
          };
          resolve(db);
        },
        (error) => {
          platform.clearTimeout(timer);
          reject(error);
        },
      );
    });
    return connection;
  };

  const useStore =
    (name: StoreName): UseStore =>
    (mode, callback) =>
      open().then((db) => callback(db.transaction(name, mode).objectStore(name)));

  const store = (name: StoreName): Store => {
    const map = memory[name];
    const idb = useStore(name);
    function run<T>(onDisk: () => Promise<T>, inMemory: () => T): Promise<T> {
      if (failed) return Promise.resolve(inMemory());
      let pending: Promise<T>;
      try {
        pending = onDisk();
      } catch (error) {
        pending = Promise.reject(error);
      }
      return pending.catch((error: unknown) => {
        fail(error);
        return inMemory();
      });
    }
    return {
      get: (key) =>
        run(
          () => get(key, idb),
          () => map.get(key),
        ),
      set: (key, value) =>
        run(
          () => set(key, value, idb),
          () => {
            map.set(key, value);
          },
        ),
      delMany: (keys) =>
        run(
          () => delMany(keys, idb),
          () => {
            for (const key of keys) map.delete(key);
          },
        ),
      entries: () =>
        run(
          () => entries(idb),
          () => [...map.entries()],
        ),
    };
  };

  const ready = open().then(
    () => true,
    (error: unknown) => {
      fail(error);
      return false;
    },
  );

  return { queue: store('queue'), config: store('config'), ready };
}
