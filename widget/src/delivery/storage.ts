import { promisifyRequest } from 'idb-keyval';

/**
 * One key-value store. Operations never reject: once IndexedDB has failed, reads find
 * nothing and writes are skipped (the queue keeps its messages in memory anyway).
 */
export interface Store {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<unknown>;
  delMany(keys: string[]): Promise<unknown>;
  values(): Promise<unknown[]>;
}

type StoreName = 'queue' | 'config';

export interface Storage extends Record<StoreName, Store> {
  /** Resolves once IndexedDB is open, or has failed. */
  ready: Promise<void>;
}

// Safari has shipped versions where indexedDB.open never settles; don't wait forever.
const OPEN_TIMEOUT_MS = 5_000;

/**
 * Two object stores in one IndexedDB database, `ahakit`: `queue` holds unsent messages,
 * one record per messageId so tabs never overwrite each other; `config` the last config
 * with its ETag. idb-keyval's `promisifyRequest` turns requests into promises; its
 * one-store helpers don't fit two stores in one database. When IndexedDB is missing,
 * refuses to open (private windows, blocked storage) or an operation fails, `onFallback`
 * is called once and nothing more is stored for this page.
 */
export function openStorage(
  factory: IDBFactory | undefined,
  onFallback: (error: unknown) => void,
): Storage {
  let failed = false;
  let connection: Promise<IDBDatabase> | undefined;

  const open = () =>
    (connection ??= new Promise<IDBDatabase>((resolve, reject) => {
      if (!factory) throw new Error('not available');
      const request = factory.open('ahakit', 1);
      setTimeout(() => reject(new Error('opening timed out')), OPEN_TIMEOUT_MS);
      request.onupgradeneeded = () => {
        for (const name of ['queue', 'config']) request.result.createObjectStore(name);
      };
      promisifyRequest(request).then((db) => {
        // Safari may close the connection on its own, and a newer ahakit in another tab
        // needs it closed to upgrade: either way, reopen on the next operation.
        db.onclose = db.onversionchange = () => {
          db.close();
          connection = undefined;
        };
        resolve(db);
      }, reject);
    }));

  const fail = (error: unknown) => {
    if (!failed) onFallback(error);
    failed = true;
  };

  const store = (name: StoreName): Store => {
    /**
     * Runs `operate` in a transaction and resolves to its request's result, or when it makes
     * none (a write), once the transaction is done. Resolves to `fallback` once IndexedDB
     * has failed.
     */
    const run = (operate: (store: IDBObjectStore) => IDBRequest | undefined, fallback?: unknown) =>
      failed
        ? Promise.resolve(fallback)
        : open()
            .then((db) => {
              const store = db.transaction(name, 'readwrite').objectStore(name);
              return promisifyRequest(operate(store) ?? store.transaction);
            })
            .catch((error: unknown) => {
              fail(error);
              return fallback;
            });
    return {
      get: (key) => run((store) => store.get(key)),
      set: (key, value) =>
        run((store) => {
          store.put(value, key);
        }),
      delMany: (keys) =>
        run((store) => {
          for (const key of keys) store.delete(key);
        }),
      values: () => run((store) => store.getAll(), []) as Promise<unknown[]>,
    };
  };

  return { queue: store('queue'), config: store('config'), ready: open().then(() => {}, fail) };
}
