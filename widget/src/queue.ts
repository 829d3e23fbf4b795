import type { Store } from './storage';

/** One unsent message, serialized once when it is queued. */
export interface QueuedMessage {
  id: string;
  json: string;
  bytes: number;
  createdAt: number;
  /** Orders messages queued in the same millisecond by the same instance. */
  seq: number;
  inFlight: boolean;
}

/** What the queue keeps in IndexedDB under the message's id. */
interface StoredMessage {
  writeKey: string;
  /** The instance that queued it; another instance adopts it only when it looks orphaned. */
  owner: string;
  createdAt: number;
  seq: number;
  json: string;
  bytes: number;
}

export interface Queue {
  /** Appends a message; returns how many of the oldest were dropped to stay in bounds. */
  add(message: { id: string; json: string; bytes: number }): number;
  /** The oldest waiting messages up to a count and a byte budget, marked in flight. */
  take(maxCount: number, maxBytes: number): QueuedMessage[];
  /** Puts messages back to waiting after a failed send. */
  release(messages: QueuedMessage[]): void;
  /** Forgets messages for good (delivered, or refused by the collector). */
  remove(messages: QueuedMessage[]): void;
  waiting(): number;
  size(): number;
  /**
   * Takes over messages in storage that another instance queued at least `minAgeMs` ago
   * and never removed: a previous page that closed before its send was confirmed, or a
   * tab that crashed. Returns how many were adopted and how many dropped for room.
   */
  adopt(minAgeMs: number): Promise<{ adopted: number; dropped: number }>;
}

const isStored = (value: unknown): value is StoredMessage => {
  const record = value as StoredMessage | null;
  return (
    typeof record === 'object' &&
    record !== null &&
    typeof record.writeKey === 'string' &&
    typeof record.owner === 'string' &&
    typeof record.createdAt === 'number' &&
    typeof record.seq === 'number' &&
    typeof record.json === 'string' &&
    typeof record.bytes === 'number'
  );
};

/**
 * The ordered, bounded list of unsent messages, written through to storage one record per
 * messageId: two tabs of the same site each add and delete their own records and never
 * overwrite a shared array.
 */
export function createQueue(options: {
  store: Store;
  writeKey: string;
  owner: string;
  now: () => number;
  maxSize: () => number;
}): Queue {
  const { store, writeKey, owner, now } = options;
  let items: QueuedMessage[] = [];
  let seq = 0;
  // Ids removed while an adoption scan runs, so a stale read cannot bring them back.
  let removedDuringScan: Set<string> | null = null;

  const forget = (messages: QueuedMessage[]) => {
    if (messages.length === 0) return;
    const ids = new Set(messages.map((message) => message.id));
    items = items.filter((item) => !ids.has(item.id));
    if (removedDuringScan) for (const id of ids) removedDuringScan.add(id);
    void store.delMany([...ids]);
  };

  const evictOverflow = (): number => {
    const overflow = items.length - Math.max(1, options.maxSize());
    if (overflow <= 0) return 0;
    // Oldest first, but never a message that is on the wire right now.
    const victims = items.filter((item) => !item.inFlight).slice(0, overflow);
    forget(victims);
    return victims.length;
  };

  return {
    add({ id, json, bytes }) {
      const createdAt = now();
      seq++;
      items.push({ id, json, bytes, createdAt, seq, inFlight: false });
      const record: StoredMessage = { writeKey, owner, createdAt, seq, json, bytes };
      void store.set(id, record);
      return evictOverflow();
    },
    take(maxCount, maxBytes) {
      const batch: QueuedMessage[] = [];
      let bytes = 0;
      for (const item of items) {
        if (batch.length >= maxCount) break;
        if (item.inFlight) continue;
        // +1 for the comma between messages.
        if (bytes + item.bytes + 1 > maxBytes) break;
        bytes += item.bytes + 1;
        batch.push(item);
      }
      for (const item of batch) item.inFlight = true;
      return batch;
    },
    release(messages) {
      for (const message of messages) message.inFlight = false;
    },
    remove: forget,
    waiting: () => items.reduce((count, item) => count + (item.inFlight ? 0 : 1), 0),
    size: () => items.length,
    async adopt(minAgeMs) {
      const removed = new Set<string>();
      removedDuringScan = removed;
      let records: Array<[IDBValidKey, unknown]>;
      try {
        records = await store.entries();
      } finally {
        removedDuringScan = null;
      }
      const known = new Set(items.map((item) => item.id));
      const cutoff = now() - minAgeMs;
      const adopted: QueuedMessage[] = [];
      for (const [key, record] of records) {
        const id = String(key);
        if (!isStored(record) || record.writeKey !== writeKey || record.owner === owner) continue;
        if (known.has(id) || removed.has(id) || record.createdAt > cutoff) continue;
        const { json, bytes, createdAt } = record;
        adopted.push({ id, json, bytes, createdAt, seq: record.seq, inFlight: false });
      }
      if (adopted.length === 0) return { adopted: 0, dropped: 0 };
      // Older messages go first, so the oldest are the first to go when the queue is full.
      items = [...adopted, ...items].sort((a, b) => a.createdAt - b.createdAt || a.seq - b.seq);
      return { adopted: adopted.length, dropped: evictOverflow() };
    },
  };
}
