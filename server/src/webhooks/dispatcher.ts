import { readFileSync } from 'node:fs';
import type { Webhook } from '../../../core/config/webhooks';
import type { Delivery, Outbox, Outcome } from '../store/sqlite-outbox';
import { type BreakerPolicy, createBreakers, DEFAULT_BREAKER } from './breaker';
import type { WebhookEvent } from './events';
import { renderBody } from './format';
import {
  DEFAULT_RETRY,
  isRetryableStatus,
  parseRetryAfter,
  type RetryPolicy,
  retryDelay,
} from './retry';
import { SIGNATURE_HEADER, signatureHeader } from './signature';

export interface DispatcherOptions {
  outbox: Outbox;
  /** The configured webhooks, secrets resolved (`resolveWebhookSecrets`). */
  webhooks: readonly Webhook[];
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
  now?: () => number;
  random?: () => number;
  retry?: Partial<RetryPolicy>;
  /** A request not answered in this time counts as failed and is retried. */
  timeoutMs?: number;
  /** How long a claimed delivery is left alone before another attempt may take it over. */
  leaseMs?: number;
  /** Requests in flight at most. */
  batchSize?: number;
  /** How often the outbox is checked for due deliveries when nothing wakes the loop. */
  pollMs?: number;
  /** Settled deliveries are kept this long, for the admin API and to drop re-enqueued events. */
  retentionMs?: number;
  /** The per-endpoint circuit breaker and attempt cap. */
  breaker?: Partial<BreakerPolicy>;
  log?: (message: string) => void;
}

export interface Dispatcher {
  /** Starts the loop: due deliveries are sent every `pollMs`, and at once after `wake()`. */
  start(): void;
  /** Checks the outbox now, for example right after the projection enqueued deliveries. */
  wake(): void;
  /** Stops the loop; requests in flight are cut short and their deliveries left due. */
  stop(): Promise<void>;
  /** Sends every delivery due now, and those that fall due meanwhile; returns the attempts made. For tests and scripts. */
  drain(): Promise<number>;
}

const VERSION = (
  JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

/**
 * Delivers the outbox: claims due deliveries, POSTs each signed body, and records the
 * outcome. 2xx is delivered; a network error, a timeout, 408, 429 or 5xx is retried with
 * exponential backoff and full jitter (a `Retry-After` is honoured) for up to a day; any
 * other answer fails the delivery at once. Every attempt carries the same
 * `ahakit-idempotency-key`, so a receiver that saw a request whose answer was lost can
 * recognise the retry.
 *
 * @example
 * const dispatcher = createDispatcher({ outbox, webhooks: resolveWebhookSecrets(config.webhooks) });
 * dispatcher.start();
 */
export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const { outbox } = options;
  const doFetch = options.fetch ?? ((url, init) => fetch(url, init));
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const timeoutMs = options.timeoutMs ?? 10_000;
  const leaseMs = Math.max(options.leaseMs ?? 60_000, timeoutMs + 1_000);
  const batchSize = options.batchSize ?? 20;
  const pollMs = options.pollMs ?? 1_000;
  const retentionMs = options.retentionMs ?? 30 * 24 * 3_600_000;
  const log = options.log ?? ((message: string) => console.warn(`[ahakit] ${message}`));
  const webhooks = new Map(options.webhooks.map((w) => [w.id, w]));
  const breakerPolicy: BreakerPolicy = { ...DEFAULT_BREAKER, ...options.breaker };
  const breakers = createBreakers(breakerPolicy, now);

  let timer: ReturnType<typeof setTimeout> | null = null;
  let started = false;
  let stopping = false;
  let lastPrune = 0;
  const active = new Set<Promise<void>>();
  const inFlight = new Set<AbortController>();
  // Webhooks whose last attempt failed, so an outage is logged once, not once per attempt.
  const failing = new Set<string>();
  const reported = new Set<string>();

  /**
   * Claims as many due deliveries as there are free slots and starts them, without
   * waiting: a receiver that hangs until the timeout holds one slot, not the whole loop.
   */
  function fill(): number {
    if (stopping) return 0;
    const free = batchSize - active.size;
    if (free <= 0) return 0;
    // Webhooks whose circuit is open (or whose minute's attempts are spent) wait in the
    // outbox; one claimed past its allowance is given back unattempted.
    const allowance = new Map([...webhooks.keys()].map((id) => [id, breakers.allowance(id)]));
    const skip = [...allowance].filter(([, n]) => n <= 0).map(([id]) => id);
    const claimed = outbox.claimDue(now(), free, leaseMs, skip);
    let launched = 0;
    for (const delivery of claimed) {
      const left = allowance.get(delivery.webhookId);
      if (left !== undefined) {
        if (left <= 0) {
          outbox.release(delivery, now());
          continue;
        }
        allowance.set(delivery.webhookId, left - 1);
        breakers.started(delivery.webhookId);
      }
      launched++;
      const p: Promise<void> = attempt(delivery)
        .catch((error) => log(`webhook delivery ${delivery.seq} failed: ${String(error)}`))
        .finally(() => {
          active.delete(p);
          // A freed slot may take the next due delivery at once.
          if (started) schedule(0);
        });
      active.add(p);
    }
    if (now() - lastPrune > 3_600_000) {
      lastPrune = now();
      outbox.prune(lastPrune - retentionMs);
    }
    return launched;
  }

  function schedule(delay: number): void {
    if (!started || stopping) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      let claimed = 0;
      try {
        claimed = fill();
      } catch (error) {
        log(`webhook dispatch failed; retrying shortly: ${String(error)}`);
      }
      // Full batches suggest more is due: look again as soon as a slot frees up.
      if (claimed === 0 || active.size < batchSize) schedule(pollMs);
    }, delay);
    timer.unref?.();
  }

  async function attempt(delivery: Delivery): Promise<void> {
    const base = { seq: delivery.seq, attempt: delivery.attempts };
    const hook = webhooks.get(delivery.webhookId);
    if (!hook?.enabled) {
      const why = hook ? 'is disabled' : 'is no longer in the config';
      outbox.markFailed({ ...base, at: now(), httpStatus: null, error: `webhook ${why}` });
      return;
    }
    const event = JSON.parse(delivery.payload) as WebhookEvent;
    const body = renderBody(hook.format, event);
    const controller = new AbortController();
    inFlight.add(controller);
    const timeout = setTimeout(() => controller.abort(new TimeoutError(timeoutMs)), timeoutMs);
    let status: number | null = null;
    let error: string | null = null;
    let retryAfterMs: number | undefined;
    try {
      const response = await doFetch(hook.url, {
        method: 'POST',
        body,
        signal: controller.signal,
        // A redirected POST may become a GET elsewhere: point the webhook at the final URL.
        redirect: 'manual',
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': `ahakit/${VERSION}`,
          [SIGNATURE_HEADER]: signatureHeader(hook.secret, body, now()),
          'ahakit-idempotency-key': delivery.idempotencyKey,
          'ahakit-event-type': delivery.eventType,
          'ahakit-delivery-attempt': String(delivery.attempts),
        },
      });
      status = response.status;
      if (status < 200 || status >= 300) {
        retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now());
        const text = (await readStart(response, 1024).catch(() => '')).trim().slice(0, 200);
        error = `HTTP ${status}${text ? `: ${text}` : ''}`;
      } else {
        await response.body?.cancel().catch(() => {});
      }
    } catch (caught) {
      error = describeError(controller.signal.reason ?? caught);
    } finally {
      clearTimeout(timeout);
      inFlight.delete(controller);
    }
    const at = now();
    const outcome: Outcome = { ...base, at, httpStatus: status, error };

    const retryable = status === null || isRetryableStatus(status);
    if (!(stopping && status === null)) {
      if (error === null || !retryable) breakers.answered(hook.id);
      else {
        const openUntil = breakers.failed(hook.id);
        if (openUntil !== null) {
          log(
            `webhook "${hook.id}" failed ${breakerPolicy.failuresToOpen}+ times in a row: no attempts for ${Math.round((openUntil - at) / 1000)} s, then one probe`,
          );
        }
      }
    }
    if (error === null) {
      outbox.markDelivered(outcome);
      if (failing.delete(hook.id)) log(`webhook "${hook.id}" delivers again`);
      return;
    }
    if (stopping && status === null) {
      // Cut short by stop(): not the receiver's fault, so due again at the next start.
      outbox.retryAt({ ...outcome, error: 'interrupted by shutdown' }, at);
      return;
    }
    const delay = retryDelay(policy, delivery.attempts, random, retryAfterMs);
    const tooOld = at + delay - delivery.createdAt > policy.maxAgeMs;
    if (!retryable || delivery.attempts >= policy.maxAttempts || tooOld) {
      const reason = retryable ? `gave up after ${delivery.attempts} attempts: ${error}` : error;
      outbox.markFailed({ ...outcome, error: reason });
      const key = `${hook.id}:${retryable ? 'gave-up' : status}`;
      if (!reported.has(key)) {
        reported.add(key);
        log(`webhook "${hook.id}" delivery ${delivery.eventId} failed: ${reason}`);
      }
      return;
    }
    outbox.retryAt(outcome, at + delay);
    if (!failing.has(hook.id)) {
      failing.add(hook.id);
      log(`webhook "${hook.id}" is failing (${error}); retrying with backoff`);
    }
  }

  return {
    start() {
      if (started) return;
      started = true;
      stopping = false;
      schedule(0);
    },
    wake() {
      schedule(0);
    },
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      timer = null;
      for (const controller of inFlight) controller.abort(new Error('interrupted by shutdown'));
      await Promise.all(active);
      started = false;
    },
    async drain() {
      let total = 0;
      for (let i = 0; i < 10_000; i++) {
        const claimed = fill();
        total += claimed;
        if (claimed === 0 && active.size === 0) break;
        if (active.size > 0) await Promise.race(active);
      }
      return total;
    },
  };
}

/**
 * The first `maxBytes` of a response body as text; the rest is never read (the stream is
 * cancelled), so a receiver answering with a huge error page costs a kilobyte.
 */
async function readStart(response: Response, maxBytes: number): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < maxBytes) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  return new TextDecoder().decode(Buffer.concat(chunks).subarray(0, maxBytes));
}

class TimeoutError extends Error {
  constructor(ms: number) {
    super(`timed out after ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    if (cause?.code) return `${error.message} (${cause.code})`;
    if (cause?.message) return `${error.message} (${cause.message})`;
    return error.message;
  }
  return String(error);
}
