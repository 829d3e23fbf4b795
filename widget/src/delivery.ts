import { utf8Length } from './bytes';
import type { Platform, TimerId } from './platform';
import type { Queue, QueuedMessage } from './queue';
import { retryDelay, type SendResult, send } from './transport';
import type { Warn } from './warn';

/** Chrome refuses `keepalive` bodies above 64 KiB in flight; stay clear of it. */
export const MAX_BODY_BYTES = 60 * 1024;

/**
 * Why messages were lost: `queue_full` (the oldest made room for newer ones), `too_large`
 * (one message over 32 KB of JSON), `invalid` (the collector refused these messages of a
 * batch and stored the rest), `refused` (a whole batch got a 4xx a retry cannot fix).
 */
export type DropReason = 'queue_full' | 'too_large' | 'invalid' | 'refused';

export interface Delivery {
  /** A message was queued: send now if a batch is full, else within the flush interval. */
  queued(): void;
  /** Counts messages dropped in the browser, reported in the next batch's context. */
  countDropped(count: number): void;
  /** Sends everything waiting, now; resolves when the queue is empty or a send failed. */
  flush(): Promise<void>;
  /** The page is being hidden or unloaded: send what is waiting at once, with keepalive. */
  flushAtExit(): void;
  destroy(): void;
}

export interface DeliveryOptions {
  queue: Queue;
  platform: Pick<
    Platform,
    'fetch' | 'sendBeacon' | 'now' | 'random' | 'setTimeout' | 'clearTimeout'
  >;
  endpoint: string;
  writeKey: string;
  settings: () => { batchSize: number; flushIntervalMs: number };
  warn: Warn;
  onDelivered: (count: number) => void;
  onDropped: (count: number, reason: DropReason) => void;
}

/** `batch[3].event` → `event`: the same mistake in another position is the same problem. */
const fieldName = (field: string) => field.replace(/^batch\[\d+\]\.?/, '') || field;

/**
 * The delivery loop: batches by count, time and bytes, keeps one request in flight, and
 * on failure retries with backoff. Messages leave the queue only when the collector
 * answered for them; at page exit they are sent without waiting for an answer and stay in
 * storage, to be sent again (and deduplicated by the collector) if no answer came.
 */
export function createDelivery(options: DeliveryOptions): Delivery {
  const { queue, platform, warn } = options;
  const url = `${options.endpoint}/v1/batch`;
  let flushTimer: TimerId | undefined;
  let retryTimer: TimerId | undefined;
  let attempt = 0;
  let inFlight = 0;
  let inFlightBytes = 0;
  let unreportedDrops = 0;
  let destroyed = false;
  let waiters: Array<() => void> = [];

  const encode = (batch: QueuedMessage[], dropped: number) => {
    const sentAt = new Date(platform.now()).toISOString();
    const context = dropped > 0 ? `,"context":{"ahakit":{"dropped":${dropped}}}` : '';
    const writeKey = JSON.stringify(options.writeKey);
    const messages = batch.map((message) => message.json).join(',');
    return `{"batch":[${messages}],"sentAt":"${sentAt}","writeKey":${writeKey}${context}}`;
  };
  // The envelope around the messages, with room for a nine-digit dropped count.
  const envelopeBytes = utf8Length(encode([], 999_999_999));

  const settle = () => {
    const pending = waiters;
    waiters = [];
    for (const resolve of pending) resolve();
  };

  const stopTimer = (timer: TimerId | undefined) => {
    if (timer !== undefined) platform.clearTimeout(timer);
    return undefined;
  };

  const guarded = (run: () => void) => () => {
    try {
      run();
    } catch (error) {
      warn('delivery', `delivery failed unexpectedly: ${String(error)}`);
    }
  };

  const dispatch = (batch: QueuedMessage[], atExit: boolean) => {
    const dropped = unreportedDrops;
    const body = encode(batch, dropped);
    const bytes = utf8Length(body);
    inFlight++;
    inFlightBytes += bytes;
    void send(platform, url, body, atExit).then((result) => {
      inFlight--;
      inFlightBytes -= bytes;
      try {
        answer(batch, dropped, atExit, result);
      } catch (error) {
        warn('delivery', `delivery failed unexpectedly: ${String(error)}`);
        settle();
      }
    });
    return bytes;
  };

  const acknowledged = (batch: QueuedMessage[], dropped: number) => {
    queue.remove(batch);
    attempt = 0;
    // The collector answered (say, to a send at page hide), so stop backing off.
    retryTimer = stopTimer(retryTimer);
    unreportedDrops = Math.max(0, unreportedDrops - dropped);
  };

  const answer = (batch: QueuedMessage[], dropped: number, atExit: boolean, result: SendResult) => {
    switch (result.kind) {
      case 'ok':
        acknowledged(batch, dropped);
        options.onDelivered(batch.length);
        break;
      case 'invalid': {
        acknowledged(batch, dropped);
        const rejected = Math.min(batch.length, result.rejected.length);
        const fields = [...new Set(result.rejected.map((item) => fieldName(item.field)))];
        const detail = result.rejected
          .slice(0, 3)
          .map((item) => `${item.field}: ${item.reason}`)
          .join('; ');
        warn(
          `invalid:${fields.join(',')}`,
          `the collector refused ${rejected} of ${batch.length} events (${detail}); fix the calls that send ${fields.join(', ')}`,
        );
        if (batch.length > rejected) options.onDelivered(batch.length - rejected);
        if (rejected > 0) options.onDropped(rejected, 'invalid');
        break;
      }
      case 'refused':
        acknowledged(batch, dropped);
        warn(
          `refused:${result.status}:${result.code}`,
          `the collector refused ${batch.length} events with HTTP ${result.status} (${result.code}${result.message ? `: ${result.message}` : ''}); they are dropped, not retried`,
        );
        options.onDropped(batch.length, 'refused');
        break;
      case 'unconfirmed':
        // sendBeacon gives no answer. Outside page exit (no fetch at all) there is no better
        // way to know, so count it as sent; at exit keep it for a later, confirmed send.
        if (atExit) {
          queue.release(batch);
          if (inFlight === 0) schedule();
          return;
        }
        acknowledged(batch, dropped);
        break;
      case 'retry': {
        queue.release(batch);
        attempt++;
        const problem = result.status === null ? 'network' : String(result.status);
        warn(
          `retry:${problem}`,
          `could not deliver events to ${url} (${result.problem}); they are kept and retried`,
        );
        if (!destroyed && retryTimer === undefined) {
          flushTimer = stopTimer(flushTimer);
          retryTimer = platform.setTimeout(
            onRetryTimer,
            retryDelay(attempt, platform.random, result.retryAfterMs),
          );
        }
        settle();
        return;
      }
    }
    if (inFlight === 0) pump(false);
  };

  /** Sends the next batch unless one is in flight (its answer calls pump again). */
  const pump = (force: boolean) => {
    if (inFlight > 0) return;
    if (destroyed) return settle();
    if (retryTimer !== undefined) {
      if (!force) return settle();
      retryTimer = stopTimer(retryTimer);
    }
    flushTimer = stopTimer(flushTimer);
    const batch = queue.take(options.settings().batchSize, MAX_BODY_BYTES - envelopeBytes);
    if (batch.length === 0) return settle();
    dispatch(batch, false);
  };

  const onFlushTimer = guarded(() => {
    flushTimer = undefined;
    pump(false);
  });
  const onRetryTimer = guarded(() => {
    retryTimer = undefined;
    pump(false);
  });

  function schedule() {
    if (destroyed) return;
    const { batchSize, flushIntervalMs } = options.settings();
    const waiting = queue.waiting();
    if (waiting >= batchSize) pump(false);
    else if (waiting > 0 && flushTimer === undefined && retryTimer === undefined && !inFlight) {
      flushTimer = platform.setTimeout(onFlushTimer, flushIntervalMs);
    }
  }

  return {
    queued: schedule,
    countDropped(count) {
      unreportedDrops += count;
    },
    flush() {
      return new Promise<void>((resolve) => {
        waiters.push(resolve);
        pump(true);
      });
    },
    flushAtExit() {
      if (destroyed) return;
      flushTimer = stopTimer(flushTimer);
      // All keepalive bodies in flight share one 64 KiB allowance.
      let budget = MAX_BODY_BYTES - inFlightBytes;
      const { batchSize } = options.settings();
      while (budget > envelopeBytes) {
        const batch = queue.take(batchSize, budget - envelopeBytes);
        if (batch.length === 0) break;
        budget -= dispatch(batch, true);
      }
    },
    destroy() {
      destroyed = true;
      flushTimer = stopTimer(flushTimer);
      retryTimer = stopTimer(retryTimer);
      settle();
    },
  };
}
