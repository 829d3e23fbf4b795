import type { RejectedMessage } from '../../core/events/schema';
import type { Platform } from './platform';

/** What became of one request, in the terms the delivery loop acts on. */
export type SendResult =
  /** Stored (2xx). */
  | { kind: 'ok' }
  /** 400 `invalid_messages`: the valid messages were stored, these were not. */
  | { kind: 'invalid'; rejected: RejectedMessage[] }
  /** A 4xx that a retry cannot fix (wrong key, too large, malformed). */
  | { kind: 'refused'; status: number; code: string; message: string }
  /** Network error, 5xx, 408 or 429: try again later. */
  | { kind: 'retry'; status: number | null; problem: string; retryAfterMs: number | null }
  /** Handed to `sendBeacon`, which never tells whether the collector stored it. */
  | { kind: 'unconfirmed' };

const BASE_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 60_000;
// A Retry-After of a day would park events longer than any page lives; storage keeps them.
const MAX_RETRY_AFTER_MS = 10 * 60_000;

/**
 * Exponential backoff with full jitter: a random wait between 0 and 1 s, 2 s, 4 s, … up to
 * 60 s, so many browsers that lost the collector at once don't all come back together. A
 * `Retry-After` from the collector is a floor.
 */
export function retryDelay(attempt: number, random: () => number, retryAfterMs: number | null) {
  const ceiling = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.min(attempt - 1, 16));
  const jittered = Math.floor(random() * ceiling);
  if (retryAfterMs === null) return jittered;
  return Math.max(jittered, Math.min(retryAfterMs, MAX_RETRY_AFTER_MS));
}

/** `Retry-After` in milliseconds from now: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null || value.trim() === '') return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1_000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

const isRejected = (value: unknown): value is RejectedMessage => {
  const item = value as RejectedMessage | null;
  return typeof item === 'object' && item !== null && typeof item.field === 'string';
};

async function errorBody(response: Response) {
  try {
    const body = (await response.json()) as { error?: Record<string, unknown> } | null;
    const error = body?.error;
    if (typeof error === 'object' && error !== null) return error;
  } catch {
    // Not JSON (a proxy's HTML error page): the status says enough.
  }
  return {};
}

async function classify(response: Response, now: number): Promise<SendResult> {
  const { status } = response;
  if (status >= 200 && status < 300) return { kind: 'ok' };
  // 408 is the server giving up waiting for the request: nothing was stored, so retry.
  if (status === 429 || status === 408 || status >= 500 || status < 400) {
    const retryAfter =
      status === 429 || status === 503
        ? parseRetryAfter(response.headers.get('Retry-After'), now)
        : null;
    return { kind: 'retry', status, problem: `HTTP ${status}`, retryAfterMs: retryAfter };
  }
  const error = await errorBody(response);
  const code = typeof error.code === 'string' ? error.code : 'http_error';
  const message = typeof error.message === 'string' ? error.message : '';
  if (status === 400 && code === 'invalid_messages' && Array.isArray(error.details)) {
    return { kind: 'invalid', rejected: error.details.filter(isRejected) };
  }
  return { kind: 'refused', status, code, message };
}

function beacon(platform: Pick<Platform, 'sendBeacon'>, url: string, body: string): boolean {
  const send = platform.sendBeacon;
  if (!send) return false;
  try {
    // A string body goes as text/plain;charset=UTF-8, like the fetch: no preflight.
    return send(url, body);
  } catch {
    return false;
  }
}

/**
 * POSTs one batch body. A CORS "simple" request (text/plain, no credentials) needs no
 * preflight, and `keepalive` lets it finish after the page is gone, which Chrome allows
 * for bodies up to 64 KiB. At page exit a fetch that is missing or fails falls back to
 * `sendBeacon`. Never rejects.
 */
export async function send(
  platform: Pick<Platform, 'fetch' | 'sendBeacon' | 'now'>,
  url: string,
  body: string,
  atExit: boolean,
): Promise<SendResult> {
  const doFetch = platform.fetch;
  if (!doFetch) {
    return beacon(platform, url, body)
      ? { kind: 'unconfirmed' }
      : { kind: 'retry', status: null, problem: 'fetch is not available', retryAfterMs: null };
  }
  let response: Response;
  try {
    response = await doFetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
      body,
      credentials: 'omit',
      keepalive: true,
    });
  } catch (error) {
    if (atExit && beacon(platform, url, body)) return { kind: 'unconfirmed' };
    const problem = error instanceof Error && error.message ? error.message : 'network error';
    return { kind: 'retry', status: null, problem, retryAfterMs: null };
  }
  try {
    return await classify(response, platform.now());
  } catch {
    return { kind: 'retry', status: null, problem: 'unreadable answer', retryAfterMs: null };
  }
}
