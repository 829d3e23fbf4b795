import type { WidgetSettings } from '../../../core/config/schema';
import type { AhakitEvents } from '../api';
import type { Emitter } from '../emitter';
import type { Platform } from '../platform';
import { utf8Length } from '../tracking/bytes';
import type { Warn } from '../warn';
import type { Queue, QueuedMessage } from './queue';
import { type SendResult, send } from './transport';

/** Chrome refuses `keepalive` bodies above 64 KiB in flight; stay clear of it. */
const MAX_BODY_BYTES = 60 * 1024;
const MAX_BACKOFF_MS = 60_000;

/**
 * Why messages were lost: `queue_full` (the oldest made room for newer ones), `too_large`
 * (one message over 32 KB of JSON), `invalid` (the collector refused these messages of a
 * batch and stored the rest), `refused` (a whole batch got a 4xx a retry cannot fix).
 */
export type DropReason = 'queue_full' | 'too_large' | 'invalid' | 'refused';

export interface Delivery {
  /** A message was queued: send now if a batch is full, else within the flush interval. */
  queued(): void;
  /**
   * Messages lost in the browser: a `dropped` event, and reported to the collector in
   * the next batch's context, since it never saw them.
   */
  dropped(count: number, reason: 'queue_full' | 'too_large'): void;
  /** Sends everything waiting, now; resolves when the queue is empty or a send failed. */
  flush(): Promise<void>;
  /** The page is being hidden or unloaded: send what is waiting at once, with keepalive. */
  flushAtExit(): void;
  destroy(): void;
}

export interface DeliveryOptions {
  queue: Queue;
  platform: Pick<Platform, 'fetch' | 'sendBeacon' | 'random'>;
  url: string;
  writeKey: string;
  /** The current settings: the config may change them. */
  settings: WidgetSettings;
  warn: Warn;
  /** Reports `delivered` and `dropped` events. */
  emit: Emitter<Pick<AhakitEvents, 'delivered' | 'dropped'>>['emit'];
}

/**
 * The delivery loop: batches by count, time and bytes, keeps one request in flight, and
 * on failure retries with backoff. Messages leave the queue only when the collector
 * answered for them; at page exit they are sent without waiting for an answer and stay in
 * storage, to be sent again (and deduplicated by the collector) if no answer came.
 */
export function createDelivery(options: DeliveryOptions): Delivery {
  const { queue, platform, warn, url, settings, emit } = options;
  // The flush interval's timer, or the backoff's while `backingOff`.
  let timer: ReturnType<typeof setTimeout> | undefined;
  let backingOff = false;
  let failures = 0;
  // The bytes of the requests on the wire.
  let bytesInFlight = 0;
  let unreportedDrops = 0;
  let destroyed = false;
  const waiters: Array<() => void> = [];

  const encode = (batch: QueuedMessage[], dropped: number) => {
    const context = dropped ? `,"context":{"ahakit":{"dropped":${dropped}}}` : '';
    const messages = batch.map((message) => message.json).join();
    const writeKey = JSON.stringify(options.writeKey);
    return `{"batch":[${messages}],"sentAt":"${new Date().toISOString()}","writeKey":${writeKey}${context}}`;
  };
  // The envelope around the messages, with room for a nine-digit dropped count.
  const envelopeBytes = utf8Length(encode([], 999_999_999));

  const settle = () => {
    for (const resolve of waiters.splice(0)) resolve();
  };

  const stopTimer = () => {
    clearTimeout(timer);
    timer = undefined;
    backingOff = false;
  };

  const startTimer = (ms: number) => {
    if (destroyed) return;
    timer = setTimeout(() => {
      stopTimer();
      pump(false);
    }, ms);
  };

  /** Sends one batch; returns its size in bytes. */
  const dispatch = (batch: QueuedMessage[], atExit: boolean) => {
    const dropped = unreportedDrops;
    unreportedDrops = 0;
    const body = encode(batch, dropped);
    const bytes = utf8Length(body);
    bytesInFlight += bytes;
    // Never rejects: send() never does, and answer() only calls what never throws.
    void send(platform, url, body, atExit).then((result) => {
      bytesInFlight -= bytes;
      answer(batch, dropped, result);
    });
    return bytes;
  };

  const answer = (batch: QueuedMessage[], dropped: number, result: SendResult) => {
    const { length } = batch;
    if (result.kind === 'retry') {
      // Not answered: the messages wait, and the count is reported with a later batch.
      queue.release(batch);
      unreportedDrops += dropped;
      warn(`could not send to ${url}; retrying`, result.problem);
      if (!backingOff) {
        // Full jitter: a random wait up to 1 s, 2 s, 4 s, … 60 s, so browsers that lost the
        // collector at once don't all come back together. Retry-After is a floor.
        const ceiling = Math.min(MAX_BACKOFF_MS, 1_000 * 2 ** failures++);
        stopTimer();
        startTimer(Math.max(platform.random() * ceiling, result.retryAfterMs));
        backingOff = true;
      }
    } else {
      // Answered (maybe a send at page hide, while backing off): no more backing off.
      queue.remove(batch);
      failures = 0;
      if (backingOff) stopTimer();
      const lost = result.kind === 'ok' ? 0 : result.kind === 'invalid' ? result.count : length;
      if (lost < length) emit('delivered', { count: length - lost });
      if (result.kind !== 'ok') {
        warn('the collector refused events; dropped', result.problem);
        if (lost) emit('dropped', { count: lost, reason: result.kind });
      }
    }
    // Sends the next batch, or while backing off, resolves flush() for the failure.
    if (!bytesInFlight) pump(false);
  };

  /**
   * Sends the next batch, unless one is in flight (its answer calls pump again) or a retry
   * is waiting and this is no flush; at page exit every batch at once, without waiting.
   */
  const pump = (force: boolean, atExit = false) => {
    if (destroyed || (backingOff && !force)) return settle();
    if (bytesInFlight && !atExit) return;
    stopTimer();
    // Keepalive bodies in flight at once share one 64 KiB allowance.
    let budget = MAX_BODY_BYTES - bytesInFlight;
    for (;;) {
      const batch = queue.take(settings.batchSize, budget - envelopeBytes);
      if (!batch.length) break;
      budget -= dispatch(batch, atExit);
      if (!atExit) return;
    }
    if (!bytesInFlight) settle();
  };

  const schedule = () => {
    const { batchSize, flushIntervalMs } = settings;
    const waiting = queue.waiting();
    if (waiting >= batchSize) pump(false);
    else if (waiting && !timer && !bytesInFlight) startTimer(flushIntervalMs);
  };

  return {
    queued: schedule,
    dropped(count, reason) {
      unreportedDrops += count;
      emit('dropped', { count, reason });
    },
    flush: () =>
      new Promise<void>((resolve) => {
        waiters.push(resolve);
        pump(true);
      }),
    flushAtExit: () => pump(true, true),
    destroy() {
      destroyed = true;
      stopTimer();
      settle();
    },
  };
}
