import type { Store } from './storage';

/**
 * One unsent message, serialized once when it is queued, as IndexedDB keeps it under its
 * id. `inFlight` lives in memory only.
 */
export interface QueuedMessage {
  id: string;
  writeKey: string;
  createdAt: number;
  /** Orders messages queued in the same millisecond by the same instance. */
  seq: number;
  json: string;
  bytes: number;
  inFlight?: boolean;
}

export interface Queue {
  /** Appends a message. */
  add(id: string, json: string, bytes: number): void;
  /** The oldest waiting messages up to a count and a byte budget, marked in flight. */
  take(maxCount: number, maxBytes: number): QueuedMessage[];
  /** Puts messages back to waiting after a failed send. */
  release(messages: QueuedMessage[]): void;
  /** Forgets messages for good (delivered, or refused by the collector). */
  remove(messages: QueuedMessage[]): void;
  waiting(): number;
  /**
   * Takes over messages in storage that are at least `minAgeMs` old, not in this queue and
   * not removed by it: another instance queued them and never removed them (a previous page
   * that closed before its send was confirmed, a tab that crashed). Resolves to how many
   * were adopted.
   */
  adopt(minAgeMs: number): Promise<number>;
}

/**
 * The ordered, bounded list of unsent messages, written through to storage one record per
 * messageId: two tabs of the same site each add and delete their own records and never
 * overwrite a shared array. Past `settings.maxQueueSize` the oldest are dropped and
 * `onEvicted` is told how many.
 */
export function createQueue(
  store: Store,
  writeKey: string,
  settings: { maxQueueSize: number },
  onEvicted: (count: number) => void,
): Queue {
  let items: QueuedMessage[] = [];
  let seq = 0;

  const remove = (messages: QueuedMessage[]) => {
    if (!messages.length) return;
    const gone = new Set(messages);
    items = items.filter((item) => !gone.has(item));
    void store.delMany(messages.map((message) => message.id));
  };

  const evictOverflow = () => {
    // Oldest first, but never a message that is on the wire right now.
    const victims = items
      .filter((item) => !item.inFlight)
      .slice(0, Math.max(0, items.length - settings.maxQueueSize));
    remove(victims);
    if (victims.length) onEvicted(victims.length);
  };

  return {
    add(id, json, bytes) {
      const message = { id, writeKey, createdAt: Date.now(), seq: ++seq, json, bytes };
      items.push(message);
      // A copy: IndexedDB clones the value only when the write runs, maybe after a take().
      void store.set(id, { ...message });
      evictOverflow();
    },
    take(maxCount, maxBytes) {
      const batch: QueuedMessage[] = [];
      for (const item of items) {
        if (batch.length >= maxCount) break;
        if (item.inFlight) continue;
        // +1 for the comma between messages.
        maxBytes -= item.bytes + 1;
        if (maxBytes < 0) break;
        item.inFlight = true;
        batch.push(item);
      }
      return batch;
    },
    release(messages) {
      for (const message of messages) message.inFlight = false;
    },
    remove,
    waiting: () => items.filter((item) => !item.inFlight).length,
    async adopt(minAgeMs) {
      // This queue's messages from before and after the read: one it removed meanwhile (sent)
      // may still be in what was read. Messages it queued meanwhile are too young anyway.
      const known = new Set(items.map((item) => item.id));
      const stored = (await store.values()) as Array<QueuedMessage | undefined>;
      for (const item of items) known.add(item.id);
      const cutoff = Date.now() - minAgeMs;
      const adopted = stored.filter(
        (message): message is QueuedMessage =>
          message?.writeKey === writeKey && message.createdAt <= cutoff && !known.has(message.id),
      );
      // Older messages go first, so the oldest are the first to go when the queue is full.
      items = [...adopted, ...items].sort((a, b) => a.createdAt - b.createdAt || a.seq - b.seq);
      evictOverflow();
      return adopted.length;
    },
  };
}
